"""What only the embedded store does; the Store contract of every backend is in tests/backends/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import InputError, StoreError
from kg.store import EmbeddedStore

EX = "http://example.org/"
G1, G2, META = URIRef(EX + "g1"), URIRef(EX + "g2"), URIRef(EX + "meta")


def graph(*labels: str, subject: str = "a") -> Graph:
    g = Graph()
    for label in labels:
        g.add((URIRef(EX + subject), RDFS.label, Literal(label, lang="en")))
    return g


def test_invalid_sparql_is_an_input_error() -> None:
    with pytest.raises(InputError, match="invalid SPARQL"):
        EmbeddedStore().select("SELECT WHERE {")


def test_on_disk_store_keeps_its_graphs(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G1, graph("one"))
    store.close()
    del store
    reopened = EmbeddedStore(tmp_path / "store")
    assert reopened.graph_sizes() == {G1: 1}


@pytest.mark.parametrize(
    "term",
    [
        pytest.param(URIRef("http://example.org/a b"), id="iri-with-space"),
        pytest.param(URIRef("not an iri"), id="relative-iri"),
    ],
)
def test_an_invalid_bound_term_is_an_input_error(term: URIRef | Literal) -> None:
    with pytest.raises(InputError, match="not a valid RDF term"):
        EmbeddedStore().select("SELECT ?x WHERE { ?x ?p ?o }", {"x": term})


def test_a_read_only_store_closes_cleanly(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()
    EmbeddedStore(tmp_path / "store", read_only=True).close()


def test_a_store_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    held = EmbeddedStore(tmp_path / "store")
    with pytest.raises(StoreError, match="another tkg process"):
        EmbeddedStore(tmp_path / "store")
    held.close()
