"""What one named graph contributes to the label index: its labels, searchable types and English labels.

Read from pyoxigraph quads (never from the rdflib graph a writer had in hand), so that every value is
exactly what the store holds and what SPARQL sees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import TKG

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph

# The predicates and types queries/search.rq looks at (tests/kg/test_labels.py checks they agree).
LABEL_PREDICATES: tuple[URIRef, ...] = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, TKG.pinyin)
SEARCH_TYPES: tuple[URIRef, ...] = (
    TKG.Province,
    TKG.City,
    TKG.County,
    TKG.Town,
    TKG.Region,
    TKG.IndustrialCluster,
    TKG.IndustrialPark,
    TKG.Enterprise,
    TKG.Organization,
    TKG.Initiative,
)
_BNODE = "\x00"  # blank-node keys start with it: no IRI contains it, and they sort before IRIs as in SPARQL


@dataclass
class GraphPart:
    """Label entries ``(entity, value, lowercased value)``, ``(entity, type name)`` and English labels
    ``(entity, value, language)`` of one graph; entities are IRI strings or ``"\\x00" + blank node id``."""

    labels: list[tuple[str, str, str]]
    types: list[tuple[str, str]]
    english: list[tuple[str, str, str]]

    def __len__(self) -> int:
        return len(self.labels) + len(self.types) + len(self.english)


def entity_key(term: object) -> str | None:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return _BNODE + term.value
    return None


def is_english(language: str | None) -> bool:
    """SPARQL ``LANGMATCHES(LANG(?label), "en")``."""
    lang = (language or "").lower()
    return lang == "en" or lang.startswith("en-")


def _quads(
    store: ox.Store, predicate: URIRef, obj: URIRef | None, graph: GraphName | None
) -> Iterable[ox.Quad]:
    target = ox.NamedNode(str(obj)) if obj is not None else None
    return store.quads_for_pattern(None, ox.NamedNode(str(predicate)), target, graph)


def read_parts(store: ox.Store, graph: GraphName | None = None) -> dict[GraphName, GraphPart]:
    """The parts of every graph (``graph=None``) or of one graph, by graph name (empty ones left out)."""
    parts: defaultdict[GraphName, GraphPart] = defaultdict(lambda: GraphPart([], [], []))
    for predicate in LABEL_PREDICATES:
        for quad in _quads(store, predicate, None, graph):
            entity, value = entity_key(quad.subject), quad.object
            if entity is None or not isinstance(value, ox.NamedNode | ox.Literal):
                continue  # STR() of a blank node is an error in SPARQL: no match either
            part = parts[quad.graph_name]
            part.labels.append((entity, value.value, value.value.lower()))
            if predicate == RDFS.label and isinstance(value, ox.Literal) and is_english(value.language):
                part.english.append((entity, value.value, value.language or ""))
    for rdf_type in SEARCH_TYPES:
        name = str(rdf_type).rpartition("#")[2]
        for quad in _quads(store, RDF.type, rdf_type, graph):
            entity = entity_key(quad.subject)
            if entity is not None:
                parts[quad.graph_name].types.append((entity, name))
    return dict(parts)
