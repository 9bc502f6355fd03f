"""Small helpers of the consolidation tests: graph writes through the engine, reads of one graph."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg.consolidation import Policy, source_write_steps
from kg.consolidation.maintain import join, run_update
from kg.namespaces import Ids
from kg.rdf.terms import to_rdflib
from kg.store import EmbeddedStore

QINGHE_CLUSTER = URIRef("https://w3id.org/textile-kg/id/cluster/qinghe-cashmere-cluster-130534")
QINGHE_TOWN = URIRef("https://w3id.org/textile-kg/id/park/qinghe-cashmere-town-130534")
HEBEI, XINGTAI = (URIRef(f"https://w3id.org/textile-kg/id/place/{c}") for c in ("130000", "130500"))


def write(store: EmbeddedStore, ids: Ids, policy: Policy, graph: URIRef, data: Graph | None) -> None:
    """Replace (or drop, for None) a source graph and refresh the consolidated graph: one request."""
    run_update(store, join(source_write_steps(ids, policy, graph, data)))


def graph_quads(store: EmbeddedStore, graph: URIRef) -> list[str]:
    """The graph's statements as sorted N-Triples-like strings (literals as Oxigraph stores them)."""
    return sorted(
        str(q.triple) for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    )


def snapshot(store: EmbeddedStore, ids: Ids) -> tuple[list[str], list[str]]:
    return graph_quads(store, ids.current_graph), graph_quads(store, ids.conflicts_graph)


def objects(store: EmbeddedStore, graph: URIRef, subject: URIRef, predicate: URIRef) -> set[Identifier]:
    found = set()
    for q in store.oxigraph.quads_for_pattern(
        ox.NamedNode(subject), ox.NamedNode(predicate), None, ox.NamedNode(graph)
    ):
        term = to_rdflib(q.object)
        assert term is not None
        found.add(term)
    return found


def get_graph(store: EmbeddedStore, graph: URIRef) -> Graph:
    return store.get_graph(graph)
