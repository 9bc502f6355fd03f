"""Dependencies the routes declare, as ``Annotated`` aliases so that signatures read like prose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kg.settings import Settings
from kg.sparql.named import NamedQuery
from kg.store import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_queries(request: Request) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = request.app.state.queries
    return queries


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
QueriesDep = Annotated[dict[str, NamedQuery], Depends(get_queries)]
