"""Versions of source graphs (article and curated graphs), kept in the store itself.

Every write through the curation API keeps the content it wrote as version ``n`` of the graph: a named
graph ``graph/curation/version/<article|curated>/<name>/<n>`` (none for an empty content: a retraction
or a delete), described in ``graph/changelog`` beside the write's ``prov:Activity``::

    <graph/curation/version/article/x/2> a tkg:Version ; tkg:versionOf <graph/article/x> ;
        tkg:versionNumber 2 ; tkg:contentHash "sha256:..." ; prov:wasGeneratedBy <graph/changelog/...> .

A graph that held content before its first versioned write (``tkg load``) gets that content as version 1
("BASELINE") in the same request. The source write, the version graph, the change-log entry and the
refresh of the consolidated graph are ONE SPARQL Update request, i.e. one transaction on Oxigraph (and
on a remote Oxigraph server): a failure leaves all of them as they were. Callers hold
``Store.writing()`` from their read of the old content to :func:`write_version`.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.consolidation.view import Consolidation, around_change
from kg.curation.changelog import Change, changelog_graph, now
from kg.errors import InputError, NotFoundError, StateConflict
from kg.namespaces import PREFIXES, TKG, Ids, slugify
from kg.rdf.terms import serialize_term
from kg.store import Store

EMPTY_HASH = "sha256:" + hashlib.sha256(b"").hexdigest()


def content_hash(data: Graph) -> str:
    """``sha256:`` and the hex digest of the sorted N-Triples of ``data`` (blank nodes made canonical)."""
    if any(isinstance(t, BNode) for triple in data for t in triple):
        data = to_canonical_graph(data)
    lines = sorted(line for line in data.serialize(format="nt").splitlines() if line.strip())
    return "sha256:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()


def etag(number: int, digest: str) -> str:
    """The strong ETag of a graph's state: its version number and the start of its content hash."""
    return f'"{number}-{digest.removeprefix("sha256:")[:20]}"'


def if_match(header: str | None, current: str) -> bool:
    """Whether an ``If-Match`` header names ``current`` (or is ``*``); weak tags compare by their value."""
    if header is None:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or current in tags


def version_graph(ids: Ids, graph: URIRef, number: int) -> URIRef:
    """Where version ``number`` of the source graph ``graph`` is kept."""
    return ids.graph(f"curation/version/{relative(ids, graph)}/{number}")


def relative(ids: Ids, graph: URIRef) -> str:
    """``article/x`` of ``<base>graph/article/x``; InputError for a graph of another base."""
    root = str(ids.graph(""))
    if not str(graph).startswith(root):
        raise InputError(f"<{graph}> is not a graph of this knowledge graph")
    return str(graph)[len(root) :]


@dataclass(frozen=True)
class Version:
    """One stored state of a source graph and the write that made it."""

    number: int
    graph: str
    version_graph: str
    hash: str
    operation: str
    at: str
    by: str
    added: int
    removed: int
    restored_from: int | None

    @property
    def empty(self) -> bool:
        return self.hash == EMPTY_HASH

    @property
    def etag(self) -> str:
        return etag(self.number, self.hash)

    def to_dict(self) -> dict[str, object]:
        return {
            "version": self.number,
            "graph": self.graph,
            "version_graph": self.version_graph,
            "hash": self.hash,
            "etag": self.etag,
            "operation": self.operation,
            "at": self.at,
            "by": self.by,
            "added": self.added,
            "removed": self.removed,
            "restored_from": self.restored_from,
            "retracted": self.empty,
        }


_VERSIONS = f"""PREFIX prov: <{PREFIXES["prov"]}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
PREFIX tkg: <{PREFIXES["tkg"]}>
SELECT ?log ?source ?v ?n ?hash ?label ?at ?by ?added ?removed ?from WHERE {{
  GRAPH ?log {{
    ?v tkg:versionOf ?source ; tkg:versionNumber ?n ; tkg:contentHash ?hash ; prov:wasGeneratedBy ?a .
    ?a rdfs:label ?label ; prov:endedAtTime ?at ; tkg:triplesAdded ?added ; tkg:triplesRemoved ?removed ;
       prov:wasAssociatedWith/rdfs:label ?by .
    OPTIONAL {{ ?v prov:wasDerivedFrom/tkg:versionNumber ?from }}
  }}
}} ORDER BY ?n"""


def _version(row: Mapping[str, object]) -> Version:
    return Version(
        number=int(str(row["n"])),
        graph=str(row["source"]),
        version_graph=str(row["v"]),
        hash=str(row["hash"]),
        operation=str(row["label"]).split(" ", 1)[0],
        at=str(row["at"]),
        by=str(row["by"]),
        added=int(str(row["added"])),
        removed=int(str(row["removed"])),
        restored_from=int(str(row["from"])) if "from" in row else None,
    )


def versions(store: Store, ids: Ids, graph: URIRef) -> list[Version]:
    """The versions of ``graph``, oldest first (empty for a graph never written through the API)."""
    rows = store.select(_VERSIONS, {"log": changelog_graph(ids), "source": graph})
    return [_version(r) for r in rows]


def all_versions(store: Store, ids: Ids) -> dict[str, list[Version]]:
    """Every versioned graph -> its versions, oldest first."""
    found: dict[str, list[Version]] = {}
    for row in store.select(_VERSIONS, {"log": changelog_graph(ids)}):
        version = _version(row)
        found.setdefault(version.graph, []).append(version)
    return found


def version(store: Store, ids: Ids, graph: URIRef, number: int) -> Version:
    for v in versions(store, ids, graph):
        if v.number == number:
            return v
    raise NotFoundError(f"<{graph}> has no version {number}")


def content(store: Store, ids: Ids, graph: URIRef, number: int) -> Graph:
    """The content of version ``number`` of ``graph`` (empty for a retraction); NotFoundError if none."""
    found = version(store, ids, graph, number)
    return Graph() if found.empty else store.get_graph(URIRef(found.version_graph))


@dataclass(frozen=True)
class Tag:
    """A graph's state as its ETag names it: its last version number and its content's hash."""

    number: int
    hash: str

    @property
    def etag(self) -> str:
        return etag(self.number, self.hash)


@dataclass(frozen=True)
class State:
    """A source graph as it is now: its content, versions and ETag."""

    graph: URIRef
    data: Graph
    versions: list[Version]
    hash: str

    @property
    def number(self) -> int:
        return self.versions[-1].number if self.versions else 0

    @property
    def etag(self) -> str:
        return etag(self.number, self.hash)

    @property
    def exists(self) -> bool:
        """Held content now, or had versions (a retracted article still exists, in its history)."""
        return bool(len(self.data) or self.versions)


def state(store: Store, ids: Ids, graph: URIRef) -> State:
    data = store.get_graph(graph)
    return State(graph, data, versions(store, ids, graph), content_hash(data))


@dataclass(frozen=True)
class Written:
    """What :func:`write_version` did."""

    graph: str
    version: int
    hash: str
    added: int
    removed: int
    triples: int
    by: str
    operation: str

    @property
    def etag(self) -> str:
        return etag(self.version, self.hash)

    def to_dict(self) -> dict[str, object]:
        return {
            "graph": self.graph,
            "version": self.version,
            "etag": self.etag,
            "hash": self.hash,
            "operation": self.operation,
            "added": self.added,
            "removed": self.removed,
            "triples": self.triples,
            "by": self.by,
        }


def _insert(graph: URIRef, data: Graph | str) -> list[str]:
    """An INSERT DATA step (none for an empty graph: some servers refuse an empty one); ``data`` as a
    graph or as N-Triples written by rdflib or the store (every term escaped)."""
    text = data if isinstance(data, str) else data.serialize(format="nt")
    if not text.strip():
        return []
    return [f"INSERT DATA {{ GRAPH {serialize_term(graph)} {{\n{text}\n}} }}"]


def _entry(
    ids: Ids,
    graph: URIRef,
    number: int,
    digest: str,
    change: Change,
    restored_from: int | None,
) -> Graph:
    """The change-log entry (a prov:Activity) and the description of the version it made."""
    g = Graph()
    activity = URIRef(f"{changelog_graph(ids)}/{uuid.uuid4().hex}")
    agent = ids.mint("agent", slugify(change.by))
    target = version_graph(ids, graph, number)
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"{change.operation} <{graph}>")))
    g.add((activity, PROV.endedAtTime, Literal(change.at, datatype=XSD.dateTime)))
    g.add((activity, PROV.generated if digest != EMPTY_HASH else PROV.invalidated, graph))
    g.add((activity, TKG.triplesAdded, Literal(change.added, datatype=XSD.nonNegativeInteger)))
    g.add((activity, TKG.triplesRemoved, Literal(change.removed, datatype=XSD.nonNegativeInteger)))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(change.by)))
    g.add((target, RDF.type, TKG.Version))
    g.add((target, TKG.versionOf, graph))
    g.add((target, TKG.versionNumber, Literal(number, datatype=XSD.positiveInteger)))
    g.add((target, TKG.contentHash, Literal(digest)))
    g.add((target, PROV.wasGeneratedBy, activity))
    if restored_from is not None:
        g.add((target, PROV.wasDerivedFrom, version_graph(ids, graph, restored_from)))
    return g


def consolidation_of(store: Store) -> Consolidation | None:
    """The consolidated graph the store maintains (None for a store that keeps none)."""
    found = getattr(store, "consolidation", None)
    return found if isinstance(found, Consolidation) else None


@dataclass(frozen=True)
class Content:
    """A graph's content as a write carries it: N-Triples, hash and size (so that a caller whose RDF is
    handled elsewhere, kg.validation.workers, never holds it as an rdflib graph)."""

    ntriples: str
    hash: str
    triples: int


def write_version(
    store: Store,
    ids: Ids,
    current: State,
    new: Graph,
    *,
    operation: str,
    by: str,
    restored_from: int | None = None,
    extra: Sequence[str] = (),
    extra_graphs: Sequence[URIRef] = (),
) -> Written:
    """Replace the source graph of ``current`` by ``new`` (empty: drop it), keep ``new`` as the next
    version, log the write, run ``extra`` update steps (e.g. a draft's new status) and refresh the
    consolidated graph: one update request. Call under ``store.writing()`` after reading ``current``."""
    old = current.data
    unversioned = not current.versions and len(old) > 0
    return write_content(
        store,
        ids,
        current.graph,
        current.number,
        Content(old.serialize(format="nt"), current.hash, len(old)) if unversioned else None,
        Content(new.serialize(format="nt") if len(new) else "", content_hash(new), len(new)),
        changed=(len(new - old), len(old - new)),
        operation=operation,
        by=by,
        restored_from=restored_from,
        extra=extra,
        extra_graphs=extra_graphs,
    )


def write_content(
    store: Store,
    ids: Ids,
    graph: URIRef,
    number: int,
    baseline: Content | None,
    new: Content,
    *,
    changed: tuple[int, int],
    operation: str,
    by: str,
    restored_from: int | None = None,
    extra: Sequence[str] = (),
    extra_graphs: Sequence[URIRef] = (),
    subjects: Sequence[URIRef] | None = None,
) -> Written:
    """:func:`write_version` with the new content given as :class:`Content`, ``changed`` = (triples
    added, triples removed), and the graph's state as its last version ``number`` (0: none) and, for a
    graph that holds content but has no version yet (``tkg load``), that content as ``baseline``.
    ``subjects``, when known, are the subjects of the statements added and removed: the consolidated
    graph is refreshed for them only (a merge of one park into a graph of thousands refreshes one park),
    else for every subject of the old and the new content."""
    at = now()
    steps: list[str] = []
    number += 1
    if baseline is not None:  # content from before versioning: keep it as version 1
        assert number == 1, "a graph with versions has no baseline"
        loaded = Change(at, str(graph), "BASELINE", baseline.triples, 0, "loader")
        steps += _insert(version_graph(ids, graph, 1), baseline.ntriples)
        steps += _insert(changelog_graph(ids), _entry(ids, graph, 1, baseline.hash, loaded, None))
        number = 2
    added, removed = changed
    change = Change(at, str(graph), operation, added, removed, by)
    target = version_graph(ids, graph, number)
    steps += [f"DROP SILENT GRAPH {serialize_term(target)}", f"DROP SILENT GRAPH {serialize_term(graph)}"]
    steps += _insert(graph, new.ntriples)
    steps += _insert(target, new.ntriples)
    steps += _insert(changelog_graph(ids), _entry(ids, graph, number, new.hash, change, restored_from))
    steps += extra
    around = around_change(consolidation_of(store), graph, subjects)
    store.update(" ;\n".join([*around.before, *steps, *around.after]))
    store.graphs_written([graph, target, changelog_graph(ids), *extra_graphs])
    return Written(str(graph), number, new.hash, added, removed, new.triples, by, operation)


def diff(store: Store, ids: Ids, graph: URIRef, before: int, after: int) -> dict[str, object]:
    """The triples version ``after`` adds to version ``before`` and those it removes (N-Triples lines;
    version 0 is the empty graph)."""
    old = Graph() if before == 0 else content(store, ids, graph, before)
    new = Graph() if after == 0 else content(store, ids, graph, after)
    return {
        "graph": str(graph),
        "from": before,
        "to": after,
        "added": _lines(new - old),
        "removed": _lines(old - new),
    }


def _lines(data: Graph) -> list[str]:
    return sorted(line for line in data.serialize(format="nt").splitlines() if line.strip())


def restore(
    store: Store, ids: Ids, graph: URIRef, number: int, *, by: str, expected: str | None = None
) -> Written:
    """Make version ``number`` of ``graph`` current again, as a new version ("RESTORE"); NotFoundError
    for an unknown version, StateConflict when ``expected`` (an If-Match value) is stale."""
    with store.writing():
        current = state(store, ids, graph)
        if expected is not None and not if_match(expected, current.etag):
            raise StateConflict(f"<{graph}> changed: its ETag is {current.etag}, not {expected}")
        data = content(store, ids, graph, number)
        return write_version(store, ids, current, data, operation="RESTORE", by=by, restored_from=number)


def retract(store: Store, ids: Ids, graph: URIRef, *, by: str) -> Written:
    """Remove the content of ``graph`` (its statements leave the consolidated graph in the same request);
    the content stays in its versions. StateConflict when it holds nothing."""
    with store.writing():
        current = state(store, ids, graph)
        if not len(current.data):
            raise StateConflict(f"<{graph}> holds nothing to retract")
        return write_version(store, ids, current, Graph(), operation="RETRACT", by=by)


def unretract(store: Store, ids: Ids, graph: URIRef, *, by: str) -> Written:
    """Restore the last version of ``graph`` that had content; StateConflict when it holds content."""
    with store.writing():
        current = state(store, ids, graph)
        if len(current.data):
            raise StateConflict(f"<{graph}> is not retracted")
        last = next((v for v in reversed(current.versions) if not v.empty), None)
        if last is None:
            raise NotFoundError(f"<{graph}> has no version to restore")
        return restore(store, ids, graph, last.number, by=by)
