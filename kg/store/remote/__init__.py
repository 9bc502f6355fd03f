"""The remote store: any SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB) as a Store.

Every query names its default graph with ``default-graph-uri`` (graph/current and graph/ontology,
kg.store.base.default_dataset). A dataset given that way has no named graphs unless they are named too
(SPARQL 1.1 Protocol; Oxigraph server follows it), so a query that uses ``GRAPH`` also gets every named
graph of the server as ``named-graph-uri`` (listed per query: a cost that grows with the number of
graphs). Bound values travel as a VALUES block (see kg.store.remote.values).

Atomicity of :meth:`RemoteStore.replace_graph`: a graph of at most ``chunk`` triples is written by ONE
update request (DROP SILENT GRAPH + metadata DELETE/INSERT + INSERT DATA), which Oxigraph and Virtuoso
run as one transaction. A larger graph is first inserted in chunks into a staging graph, then switched
in by one request (DROP + metadata + MOVE): readers never see a half-written graph under its own name,
but may see the staging graph's statements in the union default graph while it loads (DISTINCT hides
the duplicates). Virtuoso needs the chunks: its SPARQL compiler refuses very large INSERT DATA texts.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Self

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.consolidation.view import Consolidation, around_write
from kg.errors import InputError, KGError
from kg.namespaces import Ids
from kg.rdf.terms import serialize_term
from kg.settings import Settings
from kg.store import updates
from kg.store.base import Bindings, SelectResult, SourceFile, default_dataset
from kg.store.protocol import RawQuery, RawResult
from kg.store.remote.http import Endpoints, SparqlClient
from kg.store.remote.results import N_TRIPLES, RESULTS_JSON, to_bool, to_graph, to_raw, to_select
from kg.store.remote.values import with_values

# Graphs a server keeps for itself (Virtuoso's quad-map schema, LDP and service description): not ours.
SYSTEM_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
    "http://localhost:8890/",
)
_GRAPH_ACCEPT = f"{N_TRIPLES}, text/plain;q=0.5"
_USES_GRAPH = re.compile(r"\bGRAPH\b", re.IGNORECASE)
_NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore:
    """A :class:`kg.store.base.Store` over a SPARQL 1.1 Query/Update server; thread-safe."""

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        chunk: int = 2_000,
        ids: Ids | None = None,
        consolidation: Consolidation | None = None,
    ) -> None:
        self.endpoints = endpoints
        # with a Consolidation, every write of a source graph refreshes graph/current in the same request
        self.consolidation = consolidation
        self.chunk = chunk
        self.dataset = default_dataset(ids or (consolidation.ids if consolidation else Ids()))
        self._dataset: tuple[tuple[str, ...], tuple[str, ...]] = (self.dataset, ())
        self.client = SparqlClient(endpoints)
        self._write_lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        if not settings.endpoint:
            raise InputError("no SPARQL endpoint is configured (TKG_ENDPOINT)")
        password = settings.endpoint_password.get_secret_value() if settings.endpoint_password else None
        endpoints = Endpoints(
            query=settings.endpoint,
            update=settings.endpoint_update or settings.endpoint,
            graph_store=settings.endpoint_graph_store,
            user=settings.endpoint_user,
            password=password,
            auth=settings.endpoint_auth,
            timeout=settings.endpoint_timeout,
            connect_timeout=settings.endpoint_connect_timeout,
            max_bytes=settings.endpoint_max_bytes,
            max_concurrent=settings.endpoint_concurrency,
            queue_timeout=settings.endpoint_queue_timeout,
        )
        consolidation = Consolidation.from_settings(settings) if settings.consolidation else None
        return cls(endpoints, chunk=settings.endpoint_chunk, ids=settings.ids, consolidation=consolidation)

    @property
    def generation(self) -> None:
        """Unknown: others may write the server."""
        return None

    @property
    def labels(self) -> None:
        """No label index: search runs ``queries/search.rq`` on the server."""
        return None

    def start(self) -> None:
        """Nothing runs in the background."""

    def _dataset_of(self, query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The default graph, and every named graph when the query reads them with ``GRAPH``."""
        if not _USES_GRAPH.search(query):
            return self._dataset
        answer = to_select(self.client.query(_NAMED_GRAPHS, RESULTS_JSON))
        names = sorted(str(r["g"]) for r in answer if not str(r["g"]).startswith(SYSTEM_GRAPH_PREFIXES))
        return (self.dataset, tuple(names))

    def select(
        self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None
    ) -> SelectResult:
        text = with_values(query, bindings)
        answer = self.client.query(text, RESULTS_JSON, timeout=timeout, dataset=self._dataset_of(query))
        return to_select(answer)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        text = with_values(query, bindings)
        return to_bool(self.client.query(text, RESULTS_JSON, dataset=self._dataset_of(query)))

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        text = with_values(query, bindings)
        return to_graph(self.client.query(text, _GRAPH_ACCEPT, dataset=self._dataset_of(query)))

    def query_raw(self, raw: RawQuery, *, timeout: float) -> RawResult:
        """Ask the server for SPARQL JSON or N-Triples, then cap and re-serialise as ``raw`` asks."""
        deadline = time.monotonic() + timeout
        accept = _GRAPH_ACCEPT if isinstance(_form_of(raw.query), ox.QueryTriples) else RESULTS_JSON
        dataset = None
        if raw.default_graph is not None or raw.named_graphs is not None:
            named = raw.named_graphs
            if named is None:  # as on the embedded store: every named graph stays reachable
                named = self._dataset_of(raw.query)[1]
            dataset = (raw.default_graph or (), named)
        answer = self.client.query(raw.query, accept, timeout=timeout, dataset=dataset)
        return to_raw(answer, raw, deadline)

    def replace_graph(
        self,
        graph: URIRef,
        data: Graph,
        *,
        metadata: Graph | None = None,
        metadata_graph: URIRef | None = None,
    ) -> int:
        name = serialize_term(graph)
        switch = [updates.drop_graph(name), *_metadata_steps(graph, metadata, metadata_graph)]
        around = around_write(self.consolidation, graph)
        before, after = list(around.before), list(around.after)
        if len(data) <= self.chunk:
            lines = _nt(data)  # Virtuoso refuses an empty INSERT DATA: leave it out
            insert = [_insert(name, lines)] if lines else []
            self.client.update(" ;\n".join([*before, *switch, *insert, *after]))
            return len(data)
        staging = serialize_term(URIRef(f"{graph}#staging-{uuid.uuid4().hex}"))
        try:
            for lines in _chunks(data, self.chunk):
                self.client.update(_insert(staging, lines))
            move = f"MOVE SILENT GRAPH {staging} TO GRAPH {name}"
            self.client.update(" ;\n".join([*before, *switch, move, *after]))
        except KGError:
            self._drop_quietly(staging)
            raise
        return len(data)

    def bulk_replace(self, graphs: Mapping[URIRef, Graph]) -> None:
        """One :meth:`replace_graph` per graph (chunked updates)."""
        for name, data in graphs.items():
            self.replace_graph(name, data)

    def _drop_quietly(self, staging: str) -> None:
        with contextlib.suppress(KGError):  # the original error is the one to report
            self.client.update(updates.drop_graph(staging))

    def drop_graph(self, graph: URIRef) -> bool:
        name = serialize_term(graph)
        # graph-level operations ask the server as it is (its own dataset), not the reads' dataset
        if not to_bool(self.client.query(f"ASK WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}", RESULTS_JSON)):
            return False
        around = around_write(self.consolidation, graph)
        before, after = list(around.before), list(around.after)
        self.client.update(" ;\n".join([*before, updates.drop_graph(name), *after]))
        return True

    def load_file(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> None:
        """No streaming path to a remote server: callers parse and ``bulk_replace``."""
        return None

    def load_first(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> None:
        return None

    def update(self, text: str) -> None:
        self.client.update(text)

    def graphs_written(self, graphs: Iterable[URIRef]) -> None:
        """Nothing is kept about a remote store's graphs (no label index, no answer cache)."""

    def rebuild_consolidated(self, holding: SourceFile | None = None) -> None:
        if self.consolidation is not None:
            with self._write_lock:
                self.client.update(self.consolidation.rebuild_text())

    def get_graph(self, graph: URIRef) -> Graph:
        name = serialize_term(graph)
        if self.endpoints.graph_store:
            return to_graph(self.client.get_graph(str(graph)))
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
        return to_graph(self.client.query(text, _GRAPH_ACCEPT))

    def graph_sizes(self) -> dict[URIRef, int]:
        answer = to_select(self.client.query(updates.GRAPH_SIZES, RESULTS_JSON))
        return {
            URIRef(str(r["g"])): int(r["n"])
            for r in answer
            if not str(r["g"]).startswith(SYSTEM_GRAPH_PREFIXES)
        }

    def writing(self) -> AbstractContextManager[object]:
        """A write lock for this process's writers (see :meth:`kg.store.base.Store.writing`)."""
        return self._write_lock

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _form_of(query: str) -> object:
    """The kind of answer ``query`` gives (pyoxigraph on an empty store: parses, evaluates nothing)."""
    try:
        return ox.Store().query(query)
    except SyntaxError as exc:
        raise InputError(f"invalid SPARQL: {exc}") from exc


def _chunks(data: Graph, size: int) -> Iterator[list[str]]:
    """N-Triples lines in requests of about ``size`` triples. Statements that share blank nodes stay in
    one request (a label names one node only within one request), in requests of ``size // 10``:
    Virtuoso compiles a template INSERT into far more SQL per triple than INSERT DATA."""
    plain: list[tuple[Node, Node, Node]] = []
    components: dict[Node, list[tuple[Node, Node, Node]]] = {}
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    linked = [t for t in data if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
    for s, _, o in linked:
        if isinstance(s, BNode) and isinstance(o, BNode):
            parent[root(s)] = root(o)
    for t in data:
        if isinstance(t[0], BNode) or isinstance(t[2], BNode):
            components.setdefault(root(t[0] if isinstance(t[0], BNode) else t[2]), []).append(t)
        else:
            plain.append(t)
    yield from _packed(list(components.values()), max(size // 10, 1))
    yield from _packed([[t] for t in plain], size)


def _packed(groups: list[list[tuple[Node, Node, Node]]], size: int) -> Iterator[list[str]]:
    batch = Graph()
    for group in groups:
        if len(batch) and len(batch) + len(group) > size:
            yield _nt(batch)
            batch = Graph()
        for t in group:
            batch.add(t)
    if len(batch):
        yield _nt(batch)


def _nt(graph: Graph) -> list[str]:
    return [line for line in graph.serialize(format="nt").splitlines() if line.strip()]


def _insert(name: str, lines: list[str]) -> str:
    # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE makes one node per label
    return updates.insert(name, "\n".join(lines), template=any("_:" in line for line in lines))


def _metadata_steps(graph: URIRef, metadata: Graph | None, metadata_graph: URIRef | None) -> list[str]:
    if metadata is None or metadata_graph is None:
        return []
    meta = serialize_term(metadata_graph)
    # the graph's own description: the graph IRI and its fragments (<g#load>), as embedded
    prefix = serialize_term(Literal(str(graph) + "#"))
    return [updates.delete_description(serialize_term(graph), meta, prefix)] + (
        [_insert(meta, _nt(metadata))] if len(metadata) else []
    )
