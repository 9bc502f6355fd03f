"""The store context of new data (kg.validation.context) on every backend: the same triples from an
Oxigraph server and Virtuoso as from the embedded store. It reads the sources, not graph/current."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespaces import TKG, Ids
from kg.store import EmbeddedStore, Store
from kg.validation.context import fetch_context
from tests.paths import FIXTURE

IDS = Ids()
QINGHE = URIRef(f"{IDS.base}place/130534")


@pytest.fixture(scope="module")
def embedded() -> Iterator[EmbeddedStore]:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    yield store
    store.close()


def _strings(graph: Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


def test_the_context_of_a_place_is_the_same_on_every_backend(
    fixture_backend: Store, embedded: EmbeddedStore
) -> None:
    expected = fetch_context(embedded, {QINGHE})
    assert any(expected.triples((None, RDF.type, TKG.IndustrialPark)))  # the place's parks are in it
    assert _strings(fetch_context(fixture_backend, {QINGHE})) == _strings(expected)
