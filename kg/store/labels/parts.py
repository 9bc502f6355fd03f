"""What one named graph contributes to the label index: its labels, searchable types and English labels.

Read from pyoxigraph quads (never from the rdflib graph a writer had in hand), so that every value is
exactly what the store holds and what SPARQL sees.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import TKG
from kg.store.labels.fold import fold

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph

# The predicates and types queries/search.rq looks at (tests/kg/store/test_labels.py checks they agree).
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


SEPARATOR = "\x00"  # between labels, so that no match of a text without it spans two labels


@dataclass
class GraphPart:
    """One graph's labels (``entities[i]`` has label ``values[i]``, folded (kg.store.labels.fold)
    ``lengths[i]`` characters long in ``text``, where labels are joined by SEPARATOR), ``(entity, type
    name)`` pairs and English labels ``(entity, (value, language))``. Entities are IRIs or
    ``"\\x00" + blank node id``."""

    entities: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    lowered: list[str] = field(default_factory=list)
    types: list[tuple[str, str]] = field(default_factory=list)
    english: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    text: str = ""
    lengths: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entities) + len(self.types) + len(self.english)

    def seal(self) -> GraphPart:
        """Join the lowercased labels once, so that combining parts is string work at C speed."""
        self.lengths = [len(label) for label in self.lowered]
        self.text = SEPARATOR.join(self.lowered)
        self.lowered = []
        return self


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


# The consolidated graph and its conflicts are views of the sources, maintained apart, and graph/curation/
# holds versions and drafts (kg.curation): the index (like queries/search.rq) reads the sources only, so
# that a write refreshes exactly the graphs it names.
_VIEW = re.compile(r"/graph/(current|conflicts|curation|changelog)(/|$)")


def is_view(graph: GraphName) -> bool:
    """True for graph/current, graph/conflicts, graph/current/work, graph/curation/... and graph/changelog
    (never indexed: derived, history or the log of writes, whose labels name no entity to search)."""
    return isinstance(graph, ox.NamedNode) and _VIEW.search(graph.value) is not None


def read_parts(store: ox.Store, graph: GraphName | None = None) -> dict[GraphName, GraphPart]:
    """The parts of every source graph (``graph=None``) or of one graph, by graph name (empty ones and
    views left out)."""
    parts: defaultdict[GraphName, GraphPart] = defaultdict(GraphPart)
    for predicate in LABEL_PREDICATES:
        for quad in _quads(store, predicate, None, graph):
            entity, value = entity_key(quad.subject), quad.object
            if is_view(quad.graph_name):
                continue
            if entity is None or not isinstance(value, ox.NamedNode | ox.Literal):
                continue  # STR() of a blank node is an error in SPARQL: no match either
            part = parts[quad.graph_name]
            part.entities.append(entity)
            part.values.append(value.value)
            part.lowered.append(fold(value.value))
            if predicate == RDFS.label and isinstance(value, ox.Literal) and is_english(value.language):
                part.english.append((entity, (value.value, value.language or "")))
    for rdf_type in SEARCH_TYPES:
        name = str(rdf_type).rpartition("#")[2]
        for quad in _quads(store, RDF.type, rdf_type, graph):
            entity = entity_key(quad.subject)
            if entity is not None and not is_view(quad.graph_name):
                parts[quad.graph_name].types.append((entity, name))
    return {name: part.seal() for name, part in parts.items()}
