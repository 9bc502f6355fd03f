"""Serialised query answers straight from pyoxigraph, with a deadline and a row cap.

Used in process (in-memory store) and inside the query worker processes (on-disk store). Rows are
counted on a line-based intermediate (TSV for solutions, N-Triples for triples: one row per line, since
both escape newlines), cut at the cap, and re-serialised by pyoxigraph into the format asked for.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import IO, NamedTuple, cast

import pyoxigraph as ox

from kg.errors import InputError, NotAcceptableError, QueryTimeout, StoreError

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class RawResult(NamedTuple):
    """A serialised answer: the bytes, their media type, and whether rows were cut at the cap."""

    body: bytes
    media_type: str
    truncated: bool


@dataclass(frozen=True)
class RawQuery:
    """Everything needed to run one protocol query; picklable, so it can cross into a worker process."""

    query: str
    results_format: str | None  # media type for SELECT/ASK, None if the client accepts none
    graph_format: str | None  # media type for CONSTRUCT/DESCRIBE
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    union_default_graph: bool = True
    max_rows: int = 10_000
    # variables bound to RDF terms (name, N-Triples text): a named query's parameters, substituted by
    # the store (never spliced into the text)
    substitutions: tuple[tuple[str, str], ...] = ()


class _CappedLines(io.RawIOBase):
    """A sink that keeps at most ``limit`` lines and stops the serializer past the deadline or the cap."""

    def __init__(self, limit: int, deadline: float) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.limit = limit
        self.deadline = deadline

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if time.monotonic() > self.deadline:
            raise QueryTimeout("the query ran past its time limit")
        chunk = bytes(data)
        newlines = chunk.count(b"\n")
        if self.lines + newlines > self.limit:  # a line past the cap exists: cut before it
            cut = _nth_newline(chunk, self.limit - self.lines)
            self.chunks.append(chunk[: cut + 1])
            self.lines = self.limit
            raise _CapReached
        self.chunks.append(chunk)
        self.lines += newlines
        return len(chunk)


class _CapReached(Exception):
    """Internal: the sink holds as many rows as allowed."""


def _nth_newline(chunk: bytes, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = chunk.index(b"\n", pos + 1)
    return pos


def _graphs(iris: Sequence[str]) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    return [ox.NamedNode(i) for i in iris]


def _term(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An RDF term from its N-Triples text."""
    quad = next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    term = quad.object
    assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal)
    return term


def _evaluate(store: ox.Store, raw: RawQuery) -> object:
    try:
        bound = {ox.Variable(name): _term(text) for name, text in raw.substitutions} or None
        if raw.default_graph is not None or raw.named_graphs is not None:
            named: list[ox.NamedNode | ox.BlankNode] | None = None
            if raw.named_graphs is not None:
                named = [ox.NamedNode(i) for i in raw.named_graphs]
            return store.query(
                raw.query,
                default_graph=_graphs(raw.default_graph or ()),
                named_graphs=named,
                substitutions=bound,  # type: ignore[arg-type]
            )
        return store.query(
            raw.query,
            use_default_graph_as_union=raw.union_default_graph,
            substitutions=bound,  # type: ignore[arg-type]
        )
    except SyntaxError as exc:
        raise InputError(f"invalid SPARQL: {exc}") from exc
    except (RuntimeError, ValueError) as exc:  # evaluation errors, e.g. an unknown function; a bad IRI
        raise InputError(f"cannot run the query: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"the query failed: {exc}") from exc


def _drain(serialize: Callable[[IO[bytes]], object], sink: _CappedLines) -> bool:
    """Serialise an answer line by line into ``sink``; True if rows were left out."""
    try:
        serialize(cast(IO[bytes], sink))
    except _CapReached:
        return True
    except RuntimeError as exc:  # pyoxigraph's evaluation errors surface while rows are pulled
        raise InputError(f"cannot run the query: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"the query failed: {exc}") from exc
    return False


def run_raw(store: ox.Store, raw: RawQuery, *, timeout: float) -> RawResult:
    """Run ``raw`` on ``store`` and serialise the answer; QueryTimeout once ``timeout`` has passed."""
    deadline = time.monotonic() + timeout
    return serialize_answer(_evaluate(store, raw), raw, deadline)


def serialize_answer(answer: object, raw: RawQuery, deadline: float) -> RawResult:
    """Serialise a pyoxigraph answer (from a store, or parsed from a remote server's) as ``raw`` asks."""
    if isinstance(answer, ox.QueryBoolean):
        media = _require(raw.results_format, "an ASK answer")
        return RawResult(answer.serialize(format=RESULTS_FORMATS[media]) or b"", media, False)
    if isinstance(answer, ox.QuerySolutions):
        media = _require(raw.results_format, "SELECT results")
        sink = _CappedLines(raw.max_rows + 1, deadline)  # + the header line
        truncated = _drain(lambda out: answer.serialize(out, format=ox.QueryResultsFormat.TSV), sink)
        body = b"".join(sink.chunks)
        if media != "text/tab-separated-values":
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
            body = parsed.serialize(format=RESULTS_FORMATS[media]) or b""
        return RawResult(body, media, truncated)
    assert isinstance(answer, ox.QueryTriples)
    media = _require(raw.graph_format, "a graph (CONSTRUCT/DESCRIBE)")
    sink = _CappedLines(raw.max_rows, deadline)
    truncated = _drain(lambda out: answer.serialize(out, format=ox.RdfFormat.N_TRIPLES), sink)
    body = b"".join(sink.chunks)
    if media != "application/n-triples":
        body = ox.serialize(ox.parse(body, format=ox.RdfFormat.N_TRIPLES), format=GRAPH_FORMATS[media]) or b""
    return RawResult(body, media, truncated)


def _require(media: str | None, what: str) -> str:
    if media is None:
        raise NotAcceptableError(f"none of the accepted media types can represent {what}")
    return media


def run_in_thread(store: ox.Store, raw: RawQuery, *, timeout: float, pool: ThreadPoolExecutor) -> RawResult:
    """:func:`run_raw` on a thread of ``pool``, answering QueryTimeout at the deadline.

    The thread itself stops at its next output after the deadline; a query that computes before
    its first row keeps its thread until it ends (pyoxigraph cannot be interrupted in process).
    """
    future = pool.submit(run_raw, store, raw, timeout=timeout)
    try:
        return future.result(timeout=timeout + 0.1)
    except FutureTimeout:
        raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s") from None
