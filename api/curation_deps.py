"""What the curator routes share, loaded once per app on first use: shapes, ontology, the ingest pipeline."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from rdflib import Graph

from kg.rdf.ontology import load_ontology
from kg.validation.shacl import load_shapes

if TYPE_CHECKING:
    from kg.ingest.pipeline import Pipeline

_LOCK = threading.Lock()


def _cached(request: Request, key: str, load: object) -> object:
    state = request.app.state
    with _LOCK:
        if getattr(state, key, None) is None:
            setattr(state, key, load())  # type: ignore[operator]
        return getattr(state, key)


def get_shapes(request: Request) -> Graph:
    settings = request.app.state.settings
    shapes = _cached(request, "curator_shapes", lambda: load_shapes(settings.shapes_dir))
    assert isinstance(shapes, Graph)
    return shapes


def get_ontology(request: Request) -> Graph:
    settings = request.app.state.settings
    ontology = _cached(request, "curator_ontology", lambda: load_ontology(settings.ontology_dir))
    assert isinstance(ontology, Graph)
    return ontology


def get_pipeline(request: Request) -> Pipeline:
    """The ingest pipeline (loader resources take a moment to load: the first article pays it)."""
    # the loaders are imported only when an article arrives
    from kg.ingest.pipeline import Pipeline, load_pipeline

    state = request.app.state
    pipeline = _cached(request, "curator_pipeline", lambda: load_pipeline(state.settings, state.store))
    assert isinstance(pipeline, Pipeline)
    return pipeline


ShapesDep = Annotated[Graph, Depends(get_shapes)]
OntologyDep = Annotated[Graph, Depends(get_ontology)]
PipelineDep = Annotated[Any, Depends(get_pipeline)]  # a kg.ingest.pipeline.Pipeline
