"""Dependencies the routes declare, as ``Annotated`` aliases so that signatures read like prose.

``CatalogDep`` is how a route reaches the named queries (with the store and the ids). ``StoreDep`` is for
the routes that talk to the store itself: the SPARQL protocol and the curators' writes. The curators'
shapes, ontology and ingest pipeline are loaded once per app, on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from rdflib import Graph

from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.sparql.catalog import Catalog
from kg.store import Store
from kg.validation.shacl import load_shapes

if TYPE_CHECKING:
    from kg.ingest.pipeline import Pipeline

T = TypeVar("T")
_LOCK = threading.Lock()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_catalog(request: Request) -> Catalog:
    state = request.app.state
    return Catalog(state.store, state.queries, state.settings.ids, state.deadline)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def _once(request: Request, key: str, load: Callable[[], T]) -> T:
    """``app.state.<key>``, loaded by ``load`` the first time any request asks."""
    state = request.app.state
    with _LOCK:
        if getattr(state, key, None) is None:
            setattr(state, key, load())
        value: T = getattr(state, key)
        return value


def get_shapes(request: Request) -> Graph:
    settings = request.app.state.settings
    return _once(request, "curator_shapes", lambda: load_shapes(settings.shapes_dir))


def get_ontology(request: Request) -> Graph:
    settings = request.app.state.settings
    return _once(request, "curator_ontology", lambda: load_ontology(settings.ontology_dir))


def get_pipeline(request: Request) -> Pipeline:
    """The ingest pipeline (loader resources take a moment to load: the first article pays it)."""
    from kg.ingest.pipeline import load_pipeline  # the loaders are imported only when an article arrives

    state = request.app.state
    return _once(request, "curator_pipeline", lambda: load_pipeline(state.settings, state.store))


ShapesDep = Annotated[Graph, Depends(get_shapes)]
OntologyDep = Annotated[Graph, Depends(get_ontology)]
if TYPE_CHECKING:  # routes see the type; FastAPI, which reads annotations at run time, sees no import of it
    PipelineDep = Pipeline
else:
    PipelineDep = Annotated[Any, Depends(get_pipeline)]
