"""The real part of a synthetic graph: the ontology and the gazetteer, as ``tkg build`` writes them.

The whole gazetteer is ~40,000 triples. When that is more than half of the requested size (10^4), only the
provinces and the cities and counties of the busiest textile provinces are kept, within 30 % of the size.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg.gazetteer.graph import gazetteer_graph
from kg.namespaces import Ids
from kg.synth.nquads import QuadWriter, term
from kg.synth.world import World

FULL_SHARE = 0.5  # the full gazetteer when it is at most this share of the size
TRIMMED_SHARE = 0.3  # otherwise divisions up to this share


def write_graph(writer: QuadWriter, graph_iri: URIRef, data: Graph) -> None:
    """Every triple of ``data`` into ``graph_iri`` in a canonical order (blank nodes relabelled canonically:
    rdflib's iteration order and blank node ids change from run to run)."""
    writer.graph(str(graph_iri))
    if any(isinstance(t, BNode) for triple in data for t in triple):
        data = to_canonical_graph(data)
    bnodes: dict[str, str] = {}
    for s, p, o in sorted(data, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        writer.add_raw(term(s, bnodes), term(p, bnodes), term(o, bnodes))


def _by_division(data: Graph) -> dict[str, list[tuple[Node, Node, Node]]]:
    grouped: dict[str, list[tuple[Node, Node, Node]]] = defaultdict(list)
    for s, p, o in data:
        grouped[str(s).split("#", 1)[0]].append((s, p, o))
    return grouped


def choose_divisions(world: World, ids: Ids, sizes: dict[str, int], budget: int) -> set[str]:
    """IRIs of the provinces, then of the counties (with their cities) in order of textile weight."""
    chosen = {str(ids.place(p.code)) for p in world.provinces}
    used = sum(sizes.get(iri, 0) for iri in chosen)
    ranked = sorted(zip(world.province_weights, world.provinces, strict=True), key=lambda x: -x[0])
    for _, province in ranked:
        for county in world.counties.get(province.code, ()):
            new = {str(ids.place(county.code))}
            if county.parent_code:
                new.add(str(ids.place(county.parent_code)))
            new -= chosen
            cost = sum(sizes.get(iri, 0) for iri in new)
            if used + cost > budget:
                return chosen
            chosen |= new
            used += cost
    return chosen


def write_base(writer: QuadWriter, world: World, ids: Ids, ontology: Graph, triples: int) -> set[str]:
    """Write the ontology and (part of) the gazetteer; returns the codes of the counties written."""
    write_graph(writer, ids.ontology_graph, ontology)
    gazetteer = gazetteer_graph(world.gazetteer, ids)
    all_counties = {c.code for counties in world.counties.values() for c in counties}
    if len(gazetteer) <= FULL_SHARE * triples:
        write_graph(writer, ids.gazetteer_graph, gazetteer)
        return all_counties
    grouped = _by_division(gazetteer)
    sizes = {iri: len(rows) for iri, rows in grouped.items()}
    chosen = choose_divisions(world, ids, sizes, int(TRIMMED_SHARE * triples))
    trimmed = Graph()
    for node in sorted(chosen):
        for triple in grouped.get(node, []):
            trimmed.add(triple)
    write_graph(writer, ids.gazetteer_graph, trimmed)
    return {code for code in all_counties if str(ids.place(code)) in chosen}
