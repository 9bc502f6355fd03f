"""Dependencies the routes declare, as ``Annotated`` aliases so that signatures read like prose.

``CatalogDep`` is how a route reaches the named queries (with the store and the ids). ``StoreDep`` is for
the routes that talk to the store itself: the SPARQL protocol and the curators' writes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kg.settings import Settings
from kg.sparql.catalog import Catalog
from kg.store import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_catalog(request: Request) -> Catalog:
    state = request.app.state
    return Catalog(state.store, state.queries, state.settings.ids)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
