"""The embedded store: atomic graph replacement, union default graph, parameters as RDF terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kg.errors import InputError
from kg.store import EmbeddedStore

EX = "http://example.org/"
G1, G2, META = URIRef(EX + "g1"), URIRef(EX + "g2"), URIRef(EX + "meta")


def graph(*labels: str, subject: str = "a") -> Graph:
    g = Graph()
    for label in labels:
        g.add((URIRef(EX + subject), RDFS.label, Literal(label, lang="en")))
    return g


def test_replacing_a_graph_twice_leaves_one_copy() -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("one", "two"))
    store.replace_graph(G1, graph("one", "two"))
    assert store.graph_sizes() == {G1: 2}


def test_replace_drops_what_the_new_version_no_longer_says() -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("old"))
    store.replace_graph(G1, graph("new"))
    assert isomorphic(store.get_graph(G1), graph("new"))


def test_replace_touches_no_other_graph() -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("one"))
    store.replace_graph(G2, graph("two"))
    store.replace_graph(G1, graph("three"))
    assert isomorphic(store.get_graph(G2), graph("two"))


def test_metadata_of_a_graph_is_replaced_with_it() -> None:
    store = EmbeddedStore()
    meta_v1 = Graph()
    meta_v1.add((G1, RDFS.comment, Literal("v1")))
    meta_v1.add((URIRef(f"{G1}#load"), RDFS.comment, Literal("v1")))
    other = Graph()
    other.add((G2, RDFS.comment, Literal("keep")))
    store.replace_graph(G2, graph("x"), metadata=other, metadata_graph=META)
    store.replace_graph(G1, graph("one"), metadata=meta_v1, metadata_graph=META)
    meta_v2 = Graph()
    meta_v2.add((G1, RDFS.comment, Literal("v2")))
    store.replace_graph(G1, graph("one"), metadata=meta_v2, metadata_graph=META)
    assert isomorphic(store.get_graph(META), meta_v2 + other)


def test_queries_see_the_union_of_named_graphs() -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("one"))
    store.replace_graph(G2, graph("two", subject="b"))
    rows = store.select("SELECT ?s ?l WHERE { ?s ?p ?l }")
    assert {str(r["l"]) for r in rows} == {"one", "two"}


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param('one" } ?s ?p ?o { "', id="quote-breakout"),
        pytest.param("one\\u0022 }", id="unicode-escaped-quote"),
        pytest.param("> } ; DROP ALL ; <", id="update-injection"),
    ],
)
def test_bound_values_are_terms_not_query_text(hostile: str) -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("one"))
    query = "SELECT ?s ?label WHERE { ?s ?p ?label }"
    assert len(store.select(query, {"label": Literal("one", lang="en")})) == 1
    assert len(store.select(query, {"label": Literal(hostile, lang="en")})) == 0
    assert store.graph_sizes() == {G1: 1}


def test_plain_and_typed_literals_come_back_as_rdflib_terms() -> None:
    store = EmbeddedStore()
    g = Graph()
    g.add((URIRef(EX + "a"), RDFS.comment, Literal("plain")))
    g.add((URIRef(EX + "a"), RDFS.comment, Literal("2025", datatype=XSD.gYear)))
    store.replace_graph(G1, g)
    assert isomorphic(store.get_graph(G1), g)
    values = {r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")}
    assert values == {Literal("plain"), Literal("2025", datatype=XSD.gYear)}


def test_invalid_sparql_is_an_input_error() -> None:
    with pytest.raises(InputError, match="invalid SPARQL"):
        EmbeddedStore().select("SELECT WHERE {")


def test_drop_graph_reports_whether_it_existed() -> None:
    store = EmbeddedStore()
    store.replace_graph(G1, graph("one"))
    assert store.drop_graph(G1) is True
    assert store.drop_graph(G1) is False
    assert store.graph_sizes() == {}


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
