"""The change log of curated writes: one ``prov:Activity`` per write in the named graph ``graph/changelog``,
with the version it made (kg.curation.versions: number, version graph, content hash).

Every entry is written in the same update request as the change itself (kg.curation.versions), so the
log and the data cannot disagree. Stores written before versions existed may hold entries in graphs of
their own, ``graph/changelog/<id>``: they are read too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import URIRef

from kg.namespaces import PREFIXES, Ids
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
