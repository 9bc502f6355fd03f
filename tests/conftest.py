"""Fixtures that tests of more than one package need: the project's ontology and shapes, read once.

Data paths are in tests/paths.py; fixtures of one package stay in that package's tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.ingest.pipeline import Pipeline
from kg.rdf.ontology import load_ontology
from kg.validation.shacl import load_shapes
from tests.paths import ONTOLOGY, REPO


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """``ontology/*.ttl`` as one graph (do not change it: every test of the session shares it)."""
    return load_ontology(ONTOLOGY)


@pytest.fixture(scope="session", params=["turbo", "pyshacl"])
def shapes(request: pytest.FixtureRequest) -> Graph:
    """``shapes/*.ttl`` as one graph (shared like ``ontology``), once per SHACL engine: every test that
    validates with it holds for pyshacl-turbo (the default) and pyshacl (the reference)."""
    return load_shapes(REPO / "shapes", engine=request.param)


@pytest.fixture(scope="module")
def base_pipeline() -> Pipeline:
    """The loaders over an in-memory store that holds the ontology and the gazetteer, as after
    `tkg build` without articles (one per test module; a module that writes more cleans up after it)."""
    from kg.gazetteer.graph import gazetteer_graph
    from kg.ingest.pipeline import load_pipeline
    from kg.settings import Settings
    from kg.store import EmbeddedStore

    settings = Settings(store=Path("unused"))
    store = EmbeddedStore()
    pipeline = load_pipeline(settings, store)
    store.replace_graph(settings.ids.ontology_graph, pipeline.ontology)
    store.replace_graph(
        settings.ids.gazetteer_graph, gazetteer_graph(pipeline.resources.gazetteer, settings.ids)
    )
    return pipeline
