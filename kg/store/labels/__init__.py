"""The embedded store's label index: ``queries/search.rq`` answered in memory, kept current on every write.

Built on first use (a few seconds at 10^6 triples), then maintained per named graph: the store calls
:meth:`LabelIndex.refresh` with the graphs a write touched (re-read from the store, GRAPH-scoped), and
:meth:`LabelIndex.invalidate` after a write it cannot name (the next search rebuilds everything).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from itertools import chain

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.store.base import SelectResult
from kg.store.labels.facts import Facts
from kg.store.labels.parts import GraphName, GraphPart, is_view, read_parts
from kg.store.labels.view import Hit, LabelView

COLUMNS = ("entity", "type_name", "label", "match", "score", "q")


class LabelIndex:
    """Thread-safe. Writers call ``refresh``/``invalidate`` after their write has committed; a search
    that starts after that sees it."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._lock = threading.Lock()  # guards _parts and _view; held while building
        self._parts: dict[GraphName, GraphPart] | None = None
        self._types: Facts[str] = Facts()
        self._english: Facts[tuple[str, str]] = Facts()
        self._view: LabelView | None = None
        self._building = False  # the store is read from scratch and the view made: a search would wait

    def view(self) -> LabelView:
        """The current snapshot, built (or rebuilt after writes) first if needed."""
        with self._lock:
            scratch = self._building = self._parts is None  # first use, or after invalidate
            try:
                if self._parts is None:
                    self._parts = read_parts(self._store)
                    self._types, self._english = Facts(), Facts()
                    self._count(self._parts.values(), add=True)
                if self._view is None:
                    self._view = LabelView(list(self._parts.values()), self._types, self._english)
                    if scratch:
                        # The index is most of the server's long-lived objects (~590,000 at 10^7
                        # triples). Left to the cyclic garbage collector, each full collection walked
                        # them all while holding the GIL: 99 ms at 10^6, 693 ms at 10^7, the single slow
                        # first requests of the list benchmarks. Frozen, the collector skips them;
                        # reference counting still frees what a later refresh drops (the index holds
                        # no cycles). Once per read from scratch, not per write: a freeze also keeps
                        # whatever garbage cycles exist at that moment.
                        gc.freeze()
            finally:
                self._building = False  # until the view is made too: /health says "building"
            return self._view

    def _count(self, parts: Iterable[GraphPart], *, add: bool) -> None:
        types = chain.from_iterable(part.types for part in parts)
        english = chain.from_iterable(part.english for part in parts)
        if add:
            self._types.add(types)
            self._english.add(english)
        else:
            self._types.remove(types)
            self._english.remove(english)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def warming(self) -> bool:
        """The index is being built from scratch, the store's read and then its view (at 10^7 triples
        ~50 s after the store opens): a search now would wait for all of it."""
        return self._building

    def refresh(self, graphs: Iterable[GraphName]) -> None:
        """Re-read what ``graphs`` contribute (after they were replaced or dropped)."""
        with self._lock:
            if self._parts is None:
                return  # not built yet: the first search reads the store as it is then
            for graph in graphs:
                if is_view(graph):  # a write's version and the change log: read, they would cost
                    continue  # what the graph holds (its whole history, for the log) for nothing
                old, new = self._parts.pop(graph, None), read_parts(self._store, graph).get(graph)
                self._count([old] if old else [], add=False)
                self._count([new] if new else [], add=True)
                if new:
                    self._parts[graph] = new
            self._view = None

    def invalidate(self) -> None:
        """Forget everything: the store was written in a way that names no graph."""
        with self._lock:
            self._parts = None  # the next view() starts new Facts: views in use keep the old ones
            self._view = None

    def search(self, q: str, *, limit: int | None = None, offset: int = 0) -> SelectResult:
        """The answer of ``queries/search.rq`` for the text ``q``, with its LIMIT and OFFSET applied."""
        end = None if limit is None else offset + limit
        hits = self.view().search(q, end)
        text = Literal(q)
        return SelectResult(COLUMNS, tuple(_row(hit, text) for hit in hits[offset:end]))


def _row(hit: Hit, q: Literal) -> tuple[URIRef | BNode | Literal | None, ...]:
    entity = BNode(hit.entity[1:]) if hit.entity.startswith("\x00") else URIRef(hit.entity)
    label = Literal(hit.label[0], lang=hit.label[1]) if hit.label else None
    score = Literal(str(hit.score), datatype=XSD.integer)
    return entity, Literal(hit.type_name), label, Literal(hit.match), score, q
