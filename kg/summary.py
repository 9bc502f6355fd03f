"""What is in a store: triples per named graph and entities per class of the ontology."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.store import Store

_CLASS_COUNTS = """
PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class .
  FILTER(STRSTARTS(STR(?class), STR(tkg:)))
} GROUP BY ?class ORDER BY DESC(?n)
"""


@dataclass(frozen=True)
class Summary:
    graphs: dict[URIRef, int]
    classes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def summarize(store: Store) -> Summary:
    classes: dict[str, int] = {}
    for row in store.select(_CLASS_COUNTS):
        name = str(row["class"]).rsplit("#", 1)[-1]
        classes[name] = int(row["n"])  # type: ignore[call-overload]
    return Summary(store.graph_sizes(), classes)
