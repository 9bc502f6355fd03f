"""What is in a store: triples per named graph and entities per class of the ontology."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.sparql.named import load_queries

if TYPE_CHECKING:
    from pathlib import Path

    from kg.store import Store


@dataclass(frozen=True)
class Summary:
    graphs: dict[URIRef, int]
    classes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def summarize(store: Store, queries_dir: Path) -> Summary:
    """Triples per graph, and entities per class from the named query ``class_counts``."""
    query = load_queries(queries_dir)["class_counts"]
    classes: dict[str, int] = {}
    for row in store.select(query.text):
        count = row["entities"]
        classes[str(row["class"]).rsplit("#", 1)[-1]] = count.toPython() if isinstance(count, Literal) else 0
    return Summary(store.graph_sizes(), classes)
