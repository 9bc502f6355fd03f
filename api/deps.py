"""Dependencies the routes declare, as ``Annotated`` aliases so that signatures read like prose.

``CatalogDep`` is how a route reaches the named queries (with the store and the ids). ``StoreDep`` is for
the routes that talk to the store itself: the SPARQL protocol and the curators' writes. The curators'
shapes and ontology are loaded once per app, on first use; articles and RDF bodies are parsed, extracted
and validated in the shared validation processes (``ValidatorsDep``).
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from rdflib import Graph

from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.sparql.catalog import Catalog
from kg.store import Store
from kg.validation.shacl import load_shapes
from kg.validation.workers import ValidationWorkers

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
    return Catalog(state.store, state.queries, state.settings.ids, timeout=state.settings.query_timeout)


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
    return _once(
        request, "curator_shapes", lambda: load_shapes(settings.shapes_dir, engine=settings.shacl_engine)
    )


def get_ontology(request: Request) -> Graph:
    settings = request.app.state.settings
    return _once(request, "curator_ontology", lambda: load_ontology(settings.ontology_dir))


_VALIDATORS: dict[tuple[object, ...], ValidationWorkers] = {}


def start_validators(settings: Settings) -> ValidationWorkers:
    """The validation processes for these settings, started once per process and shared by every app
    of the process (they hold no store state: the store context travels with each request); ended at
    exit. Starting one takes a few seconds (pyshacl, shapes, ontology), so it is done at app start."""
    key = (
        settings.shapes_dir,
        settings.ontology_dir,
        settings.data_dir,
        settings.base_iri,
        settings.validation_workers,
        settings.validation_memory_bytes,
        settings.shacl_engine,
    )
    with _LOCK:
        if key not in _VALIDATORS:
            _VALIDATORS[key] = ValidationWorkers(
                settings.shapes_dir,
                settings.ontology_dir,
                data_dir=settings.data_dir,
                base_iri=settings.base_iri,
                size=settings.validation_workers,
                memory_bytes=settings.validation_memory_bytes,
                engine=settings.shacl_engine,
            )
            if len(_VALIDATORS) == 1:
                atexit.register(_stop_validators)
        return _VALIDATORS[key]


def _stop_validators() -> None:
    for pool in _VALIDATORS.values():
        pool.close()


def get_validators(request: Request) -> ValidationWorkers:
    return start_validators(request.app.state.settings)


ShapesDep = Annotated[Graph, Depends(get_shapes)]
ValidatorsDep = Annotated[ValidationWorkers, Depends(get_validators)]
OntologyDep = Annotated[Graph, Depends(get_ontology)]
