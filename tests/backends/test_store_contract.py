"""The Store contract on every backend: atomic replace, union default graph, bound values as terms."""

from __future__ import annotations

import threading

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespaces import Ids
from kg.store import Store
from kg.store.protocol import RawQuery

EX = "http://example.org/"
G1, G2, META = URIRef(EX + "g1"), URIRef(EX + "g2"), URIRef(EX + "meta")
HOSTILE = [
    pytest.param('one" } ?s ?p ?o { "', id="quote-breakout"),
    pytest.param("one\\u0022 }", id="unicode-escaped-quote"),
    pytest.param("> } ; DROP ALL ; <", id="update-injection"),
    pytest.param('"""\n} ; CLEAR ALL #', id="long-string-newline"),
]


def graph(*labels: str, subject: str = "a") -> Graph:
    g = Graph()
    for label in labels:
        g.add((URIRef(EX + subject), RDFS.label, Literal(label, lang="en")))
    return g


def big_graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}item/{i}"), RDFS.label, Literal(f"item {i}")))
    return g


def test_replacing_a_graph_twice_leaves_one_copy(backend: Store) -> None:
    backend.replace_graph(G1, graph("one", "two"))
    backend.replace_graph(G1, graph("one", "two"))
    assert backend.graph_sizes() == {G1: 2}


def test_replace_drops_what_the_new_version_no_longer_says(backend: Store) -> None:
    backend.replace_graph(G1, graph("old"))
    backend.replace_graph(G1, graph("new"))
    assert isomorphic(backend.get_graph(G1), graph("new"))


def test_replace_touches_no_other_graph(backend: Store) -> None:
    backend.replace_graph(G1, graph("one"))
    backend.replace_graph(G2, graph("two"))
    backend.replace_graph(G1, graph("three"))
    assert isomorphic(backend.get_graph(G2), graph("two"))


def test_metadata_of_a_graph_is_replaced_with_it(backend: Store) -> None:
    # the description of G1: G1 and the fragments linked from it (directly or through a fragment)
    meta_v1 = Graph()
    meta_v1.add((G1, RDFS.comment, Literal("v1")))
    meta_v1.add((G1, RDFS.seeAlso, URIRef(f"{G1}#load")))
    meta_v1.add((URIRef(f"{G1}#load"), RDFS.comment, Literal("v1")))
    meta_v1.add((URIRef(f"{G1}#load"), RDFS.seeAlso, URIRef(f"{G1}#agent")))
    meta_v1.add((URIRef(f"{G1}#agent"), RDFS.comment, Literal("v1")))
    other = Graph()
    other.add((G2, RDFS.comment, Literal("keep")))
    backend.replace_graph(G2, graph("x"), metadata=other, metadata_graph=META)
    backend.replace_graph(G1, graph("one"), metadata=meta_v1, metadata_graph=META)
    meta_v2 = Graph()
    meta_v2.add((G1, RDFS.comment, Literal("v2")))
    backend.replace_graph(G1, graph("one"), metadata=meta_v2, metadata_graph=META)
    assert isomorphic(backend.get_graph(META), meta_v2 + other)


def test_a_large_graph_is_replaced_whole_with_its_blank_nodes(backend: Store) -> None:
    data = big_graph(1_200)  # more than the test chunk of 500: staged, then moved
    node = BNode()
    data.add((URIRef(EX + "a"), RDFS.seeAlso, node))
    data.add((node, RDFS.label, Literal("anonymous")))
    backend.replace_graph(G1, big_graph(10))
    assert backend.replace_graph(G1, data) == 1_202
    assert backend.graph_sizes() == {G1: 1_202}
    assert isomorphic(backend.get_graph(G1), data)


def test_readers_never_see_a_half_replaced_graph(backend: Store) -> None:
    backend.replace_graph(G1, big_graph(300))
    seen: list[int] = []
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }"

    def read() -> None:
        for _ in range(15):
            seen.append(int(next(iter(backend.select(count)))["n"]))  # type: ignore[call-overload]

    reader = threading.Thread(target=read)
    reader.start()
    for n in (400, 300, 400):
        backend.replace_graph(G1, big_graph(n))
    reader.join(timeout=60)
    assert set(seen) <= {300, 400}


def test_queries_read_graph_current_and_graph_reaches_every_graph(backend: Store) -> None:
    backend.replace_graph(G1, graph("one"))
    backend.replace_graph(G2, graph("two", subject="b"))
    rows = backend.select(f"SELECT ?s ?l WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }} }}")
    assert {str(r["l"]) for r in rows} == {"one", "two"}
    assert not backend.select(
        f"SELECT ?s ?l WHERE {{ ?s <{RDFS.label}> ?l }}"
    ).rows  # not in the default graph
    backend.replace_graph(Ids().current_graph, graph("current", subject="c"))
    rows = backend.select(f"SELECT ?s ?l WHERE {{ ?s <{RDFS.label}> ?l }}")
    assert {str(r["l"]) for r in rows} == {"current"}  # the default graph: graph/current (+ the ontology)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_bound_values_are_terms_not_query_text(backend: Store, hostile: str) -> None:
    backend.replace_graph(G1, graph("one"))
    query = f"SELECT ?s ?label WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?label }} }}"
    assert len(backend.select(query, {"label": Literal("one", lang="en")})) == 1
    assert len(backend.select(query, {"label": Literal(hostile, lang="en")})) == 0
    assert len(backend.select(query, {"label": Literal(hostile)})) == 0
    assert backend.graph_sizes() == {G1: 1}


def test_a_hostile_value_that_exists_is_found_exactly(backend: Store) -> None:
    tricky = 'he said "hi" \\ } ; DROP ALL #\nnext line 中文'
    backend.replace_graph(G1, graph(tricky))
    query = f"SELECT ?s ?label WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?label }} }}"
    rows = list(backend.select(query, {"label": Literal(tricky, lang="en")}))
    assert [str(r["label"]) for r in rows] == [tricky]


def test_bindings_reach_filters_optionals_and_construct(backend: Store) -> None:
    backend.replace_graph(G1, graph("one") + graph("two", subject="b"))
    query = f"""SELECT ?s ?x WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }}
        FILTER(COALESCE(STR(?x), "") = "" || EXISTS {{ GRAPH ?h {{ ?s <{RDFS.label}> ?x }} }}) }}"""
    assert {str(r["s"]) for r in backend.select(query)} == {EX + "a", EX + "b"}
    assert {str(r["s"]) for r in backend.select(query, {"x": Literal("two", lang="en")})} == {EX + "b"}
    construct = f"CONSTRUCT {{ ?s <{RDFS.comment}> ?l }} WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }} }}"
    assert len(backend.construct(construct, {"s": URIRef(EX + "a")})) == 1
    assert backend.ask(f"ASK {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }} }}", {"s": URIRef(EX + "b")})
    assert not backend.ask(f"ASK {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }} }}", {"s": URIRef(EX + "zzz")})


def test_plain_and_typed_literals_come_back_as_rdflib_terms(backend: Store) -> None:
    g = Graph()
    a = URIRef(EX + "a")
    values = {
        Literal("plain"),
        Literal("2025", datatype=XSD.gYear),
        Literal("2022-11-24", datatype=XSD.date),
        Literal("zh", lang="zh"),
        Literal("Qinghe", lang="zh-latn-pinyin"),
        Literal("POINT(115.5 37)", datatype=URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")),
        Literal("0.9", datatype=XSD.decimal),
        Literal("31780000000", datatype=XSD.decimal),
        Literal("120", datatype=XSD.integer),  # Oxigraph's spelling of xsd:nonNegativeInteger too
        Literal(True),
    }  # canonical lexical forms: Virtuoso gives back values, not the text they were written with
    for value in values:
        g.add((a, RDFS.comment, value))
    g.add((a, RDFS.comment, Literal("120", datatype=XSD.nonNegativeInteger)))
    g.add((a, RDF.type, URIRef(EX + "Thing")))
    backend.replace_graph(G1, g)
    g.remove((a, RDFS.comment, Literal("120", datatype=XSD.nonNegativeInteger)))
    assert isomorphic(backend.get_graph(G1), g)
    found = {r["o"] for r in backend.select(f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s <{RDFS.comment}> ?o }} }}")}
    assert found == values


def test_drop_graph_reports_whether_it_existed(backend: Store) -> None:
    backend.replace_graph(G1, graph("one"))
    assert backend.drop_graph(G1) is True
    assert backend.drop_graph(G1) is False
    assert backend.graph_sizes() == {}


def test_raw_answers_are_capped_and_serialised(backend: Store) -> None:
    backend.replace_graph(G1, big_graph(30))
    raw = RawQuery(
        f"SELECT ?s WHERE {{ ?s <{RDFS.label}> ?l }}", "text/tab-separated-values", None, max_rows=10
    )
    result = backend.query_raw(raw, timeout=10)
    assert result.truncated and result.body.count(b"\n") == 11
    graph_raw = RawQuery(f"CONSTRUCT WHERE {{ ?s <{RDFS.label}> ?l }}", None, "text/turtle", max_rows=5)
    answer = backend.query_raw(graph_raw, timeout=10)
    assert answer.truncated and len(Graph().parse(data=answer.body, format="turtle")) == 5
    ask = backend.query_raw(RawQuery("ASK { ?s ?p ?o }", "application/sparql-results+json", None), timeout=10)
    assert b"true" in ask.body


def test_replacing_with_an_empty_graph_empties_it(backend: Store) -> None:
    meta = Graph()
    meta.add((G1, RDFS.comment, Literal("emptied")))
    backend.replace_graph(G1, graph("one"))
    assert backend.replace_graph(G1, Graph(), metadata=meta, metadata_graph=META) == 0
    assert backend.graph_sizes() == {META: 1}


def test_replacing_a_graph_keeps_the_metadata_of_a_graph_whose_iri_extends_it(backend: Store) -> None:
    # Regression: metadata was deleted by IRI prefix, so replacing graph/a also dropped graph/ab's.
    a, ab = URIRef(EX + "graph/a"), URIRef(EX + "graph/ab")
    for name in (ab, a):
        meta = Graph()
        meta.add((name, RDFS.seeAlso, URIRef(f"{name}#load")))
        meta.add((URIRef(f"{name}#load"), RDFS.comment, Literal(str(name))))
        backend.replace_graph(name, graph(str(name)), metadata=meta, metadata_graph=META)
    backend.replace_graph(a, graph(str(a)), metadata=Graph(), metadata_graph=META)
    remaining = {str(s) for s in backend.get_graph(META).subjects()}
    assert remaining == {str(ab), f"{ab}#load"}
