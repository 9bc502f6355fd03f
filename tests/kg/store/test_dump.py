"""kg.store.dump: N-Quads and TriG of chosen graphs, streamed in chunks, the same quads back."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.namespaces import Ids
from kg.store import EmbeddedStore
from kg.store.dump import dump_graphs, graph_iri, gzipped, layer_graphs

IDS = Ids()
G1, G2 = ox.NamedNode(str(IDS.graph("curated/a"))), ox.NamedNode(str(IDS.graph("article/b-1")))
P = ox.NamedNode(IDS.base + "p")
TRICKY = [
    ox.Literal('ends with " .\n and a quote " .'),
    ox.Literal("多行\n文本", language="zh"),
    ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.NamedNode("https://w3id.org/textile-kg/ontology#IndustrialPark"),
    ox.Literal("tab\there"),
]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    store = EmbeddedStore()
    quads = [ox.Quad(ox.NamedNode(f"{IDS.base}x/{i}"), P, o, G1) for i, o in enumerate(TRICKY)]
    blank = ox.BlankNode()
    quads += [
        ox.Quad(blank, P, ox.Literal("in a blank node"), G2),
        ox.Quad(ox.NamedNode(IDS.base + "y"), P, blank, G2),
    ]
    quads += [ox.Quad(ox.NamedNode(f"{IDS.base}z/{i}"), P, ox.Literal(i), G2) for i in range(6_000)]
    store.oxigraph.extend(quads)
    return store


def dumped(store: EmbeddedStore, fmt: ox.RdfFormat, graphs: list[URIRef]) -> tuple[list[bytes], bytes]:
    chunks: list[bytes] = []
    dump_graphs(store, graphs, fmt, chunks.append)
    return chunks, b"".join(chunks)


@pytest.mark.parametrize(
    "fmt", [pytest.param(ox.RdfFormat.N_QUADS, id="nquads"), pytest.param(ox.RdfFormat.TRIG, id="trig")]
)
def test_the_same_quads_come_back(store: EmbeddedStore, fmt: ox.RdfFormat) -> None:
    graphs = [URIRef(G1.value), URIRef(G2.value)]
    chunks, body = dumped(store, fmt, graphs)
    assert len(chunks) > 1  # streamed
    back = list(ox.parse(body, format=fmt))
    stored = list(store.oxigraph)
    assert len(back) == len(stored)
    plain = {
        q
        for q in stored
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }
    assert plain <= set(back)
    for graph in (G1, G2):  # each graph isomorphic to the stored one (blank nodes included)
        from rdflib.compare import isomorphic

        from kg.rdf.terms import to_rdflib

        def rdf(quads: list[ox.Quad], graph: ox.NamedNode = graph) -> Graph:
            out = Graph()
            for q in quads:
                if q.graph_name == graph:
                    out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))  # type: ignore[arg-type]
            return out

        assert isomorphic(rdf(back), rdf(stored))
    if fmt == ox.RdfFormat.TRIG:
        assert body.count(b"@prefix tkg:") == 1


def test_only_the_graphs_asked_for(store: EmbeddedStore) -> None:
    _, body = dumped(store, ox.RdfFormat.N_QUADS, [URIRef(G1.value)])
    assert {q.graph_name for q in ox.parse(body, format=ox.RdfFormat.N_QUADS)} == {G1}


def test_gzipped(store: EmbeddedStore) -> None:
    chunks: list[bytes] = []
    packing, finish = gzipped(chunks.append)
    dump_graphs(store, [URIRef(G1.value)], ox.RdfFormat.N_QUADS, packing)
    finish()
    _, plain = dumped(store, ox.RdfFormat.N_QUADS, [URIRef(G1.value)])
    assert gzip.decompress(b"".join(chunks)) == plain


def test_layers_and_graph_names() -> None:
    graphs = [IDS.current_graph, IDS.conflicts_graph, IDS.ontology_graph, IDS.graph("article/a")]
    assert layer_graphs(graphs, IDS, "consolidated") == [IDS.current_graph, IDS.conflicts_graph]
    assert layer_graphs(graphs, IDS, "sources") == [IDS.ontology_graph, IDS.graph("article/a")]
    assert graph_iri("ontology", IDS) == IDS.ontology_graph
    assert graph_iri(str(IDS.gazetteer_graph), IDS) == IDS.gazetteer_graph
    with pytest.raises(Exception, match="not one of this store's graphs"):
        graph_iri("http://example.org/g", IDS)
