"""The store interface every backend implements (embedded Oxigraph now, any SPARQL 1.1 server later).

Results come back as rdflib terms so that callers never see a backend's own types.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg.namespaces import Ids
from kg.store.protocol import RawQuery, RawResult

if TYPE_CHECKING:
    from kg.store.labels import LabelIndex

Bindings = Mapping[str, Identifier]


@dataclass(frozen=True)
class SourceFile:
    """An RDF file as a store loaded it: its quads without a graph went to ``default_graph``."""

    path: Path
    format: ox.RdfFormat
    default_graph: URIRef


def default_dataset(ids: Ids) -> tuple[str, str]:
    """The default graph of every query (named queries, REST, ``/sparql`` without a dataset of its own):
    the RDF merge of the consolidated graph and the ontology. Every named graph stays reachable through
    ``GRAPH`` / ``FROM NAMED`` (docs/consolidation.md)."""
    return (str(ids.current_graph), str(ids.ontology_graph))


@dataclass(frozen=True)
class SelectResult:
    """The answer of a SELECT query: variable names and rows (None where a variable is unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]

    def __iter__(self) -> Iterator[dict[str, Identifier]]:
        for row in self.rows:
            yield {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}

    def __len__(self) -> int:
        return len(self.rows)


class Store(Protocol):
    """What the rest of the project needs from a triple store.

    Queries see the union of all named graphs as their default graph. A store is a context manager:
    ``with open_store(settings) as store:`` closes it at the end.
    """

    @property
    def generation(self) -> int | None:
        """A number that grows with every write through this object, or None when the store cannot
        know (a server that others may write): answers may be cached per generation."""
        ...

    @property
    def labels(self) -> LabelIndex | None:
        """The in-memory label index that answers ``queries/search.rq``, or None (then run the query)."""
        ...

    def start(self) -> None:
        """Start background services now rather than at first use (a server calls it at start-up)."""
        ...

    def select(
        self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None
    ) -> SelectResult:
        """Run a SELECT query; ``bindings`` are substituted as RDF terms, never as text. With
        ``timeout``, the query is stopped at that many seconds (QueryTimeout, HTTP 504): on disk it runs
        in a query worker process that is killed and replaced; on a remote store it is the call's
        deadline; in memory (tests) the caller stops waiting."""
        ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query."""
        ...

    def query_raw(self, raw: RawQuery, *, timeout: float) -> RawResult:
        """Run a SPARQL protocol query (any form) and return its answer serialised in the media type
        ``raw`` asks for, at most ``raw.max_rows`` rows; QueryTimeout past ``timeout`` seconds."""
        ...

    def replace_graph(
        self,
        graph: URIRef,
        data: Graph,
        *,
        metadata: Graph | None = None,
        metadata_graph: URIRef | None = None,
    ) -> int:
        """Atomically replace the named graph ``graph`` with ``data``; returns the triple count.

        With ``metadata``, the same transaction replaces the graph's description in ``metadata_graph``
        (every triple there about the graph's IRI or one of its fragments, such as ``<g#load>``).
        """
        ...

    def bulk_replace(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace each named graph of ``graphs`` (the fastest way the backend has; not one transaction)."""
        ...

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove a named graph; False if it did not exist."""
        ...

    def get_graph(self, graph: URIRef) -> Graph:
        """The triples of one named graph (empty if it does not exist)."""
        ...

    def graph_sizes(self) -> dict[URIRef, int]:
        """Triples per named graph."""
        ...

    def load_file(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> dict[URIRef, int] | None:
        """Stream an RDF file into the store with the engine's own parser, each of its named graphs (its
        default graph named ``default_graph``) replacing the stored graph of that name; triples per graph.
        None when the store has no such path (then callers parse and ``bulk_replace``). The consolidated
        graph is not refreshed: call :meth:`rebuild_consolidated` after the last file."""
        ...

    def load_first(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> dict[URIRef, int] | None:
        """Into an empty store: :meth:`load_file`, then the consolidated graph built from that file, both
        at once where the backend can (triples per loaded graph). None as for :meth:`load_file`."""
        ...

    def update(self, text: str) -> None:
        """Run SPARQL Update text (made by the project, never from a user) as one transaction."""
        ...

    def graphs_written(self, graphs: Iterable[URIRef]) -> None:
        """After :meth:`update` text that replaced or dropped ``graphs``: refresh what the store keeps
        about them (the embedded label index); a no-op for a remote store."""
        ...

    def rebuild_consolidated(self, holding: SourceFile | None = None) -> None:
        """Recompute the consolidated graph from the sources (a no-op when the store maintains none).
        ``holding``: the store holds exactly that file's quads (it was just loaded into an empty store),
        so a rebuild may read them from the file instead of from the store."""
        ...

    def writing(self) -> AbstractContextManager[object]:
        """Held across a read-modify-write (read a graph, merge, validate, replace) so that writers in this
        process are serialised and none is lost; re-entrant. Writers in other processes are not covered."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Close the store."""
        ...
