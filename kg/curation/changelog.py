"""The change log of curated writes: one ``prov:Activity`` per write in the named graph ``graph/changelog``,
with the version it made (kg.curation.versions: number, version graph, content hash).

A /graphs entry is written in the same store transaction as the change itself (it is the ``metadata``
of ``Store.replace_graph``), so the log and the data cannot disagree; an article ingest (whose
transaction already carries its PROV metadata) logs into a graph of its own, ``graph/changelog/<id>``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.namespaces import PREFIXES, TKG, Ids, slugify
from kg.store import Store


@dataclass(frozen=True)
class Change:
    """One write: when, which graph, what (PUT/POST/DELETE/ingest), how many triples, by which token name."""

    at: str  # ISO 8601, UTC
    graph: str
    operation: str
    added: int
    removed: int
    by: str
    version: int | None = None  # the version the write made (kg.curation.versions), if any
    version_graph: str | None = None
    hash: str | None = None  # the content hash of that version


def changelog_graph(ids: Ids) -> URIRef:
    return ids.graph("changelog")


def entry_graph(ids: Ids, change: Change) -> Graph:
    """The change as RDF, for ``replace_graph(..., metadata=entry_graph(...), metadata_graph=changelog)``."""
    g = Graph()
    activity = URIRef(f"{changelog_graph(ids)}/{uuid.uuid4().hex}")
    agent = ids.mint("agent", slugify(change.by))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"{change.operation} <{change.graph}>")))
    g.add((activity, PROV.endedAtTime, Literal(change.at, datatype=XSD.dateTime)))
    g.add(
        (activity, PROV.generated if change.operation != "DELETE" else PROV.invalidated, URIRef(change.graph))
    )
    g.add((activity, TKG.triplesAdded, Literal(change.added, datatype=XSD.nonNegativeInteger)))
    g.add((activity, TKG.triplesRemoved, Literal(change.removed, datatype=XSD.nonNegativeInteger)))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(change.by)))
    return g


def record(store: Store, ids: Ids, change: Change) -> None:
    """Log a write that could not carry its entry itself (an article ingest): a graph of its own."""
    store.replace_graph(URIRef(f"{changelog_graph(ids)}/{uuid.uuid4().hex}"), entry_graph(ids, change))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_READ = f"""PREFIX prov: <{PREFIXES["prov"]}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
PREFIX tkg: <{PREFIXES["tkg"]}>
SELECT ?at ?label ?graph ?added ?removed ?by ?log ?version ?n ?hash WHERE {{
  GRAPH ?g {{
    ?a a prov:Activity ; rdfs:label ?label ; prov:endedAtTime ?at ; tkg:triplesAdded ?added ;
       tkg:triplesRemoved ?removed ; prov:wasAssociatedWith/rdfs:label ?by ;
       prov:generated|prov:invalidated ?graph .
    OPTIONAL {{ ?version prov:wasGeneratedBy ?a ; tkg:versionNumber ?n ; tkg:contentHash ?hash }}
  }}
  FILTER(?g = ?log || STRSTARTS(STR(?g), CONCAT(STR(?log), "/")))
}} ORDER BY DESC(?at) LIMIT 1000"""


def read_changes(store: Store, ids: Ids, *, graph: URIRef | None = None) -> list[Change]:
    """The latest changes first (at most 1000), optionally of one graph."""
    rows = store.select(_READ, {"log": changelog_graph(ids)})
    changes = [
        Change(
            at=str(r["at"]),
            graph=str(r["graph"]),
            operation=str(r["label"]).split(" ", 1)[0],
            added=int(r["added"]),
            removed=int(r["removed"]),
            by=str(r["by"]),
            version=int(str(r["n"])) if "n" in r else None,
            version_graph=str(r["version"]) if "version" in r else None,
            hash=str(r["hash"]) if "hash" in r else None,
        )
        for r in rows
    ]
    return [c for c in changes if graph is None or c.graph == str(graph)]
