"""Values kept until the store's next write: one thread-safe LRU per store generation.

A generation is a number that grows with every write. Each entry belongs to the generation its value
was computed in: a value computed before a write that the cache has already seen is not kept, and a
newer generation empties the cache. The embedded store keeps its SELECT answers here (it bumps the
generation itself on every write, :meth:`GenerationCache.advance`); a cache of whole HTTP answers can
follow the store's generation by passing it to ``get`` and ``put``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from rdflib import Literal
from rdflib.term import Identifier

from kg.store.base import Bindings

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
AnswerKey = tuple[str, tuple[tuple[str, str, str, str], ...]]


class GenerationCache(Generic[K, V]):
    """At most ``max_entries`` values of the newest generation seen; ``fits`` may refuse big values."""

    def __init__(self, max_entries: int, fits: Callable[[V], bool] = lambda _: True) -> None:
        self.max_entries = max_entries
        self.fits = fits
        self.generation = 0
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, generation: int) -> V | None:
        """The value of ``key`` computed in ``generation``, or None (a newer generation empties the cache)."""
        with self._lock:
            self._follow(generation)
            if generation != self.generation:
                return None
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V, generation: int) -> None:
        """Keep ``value`` unless it does not fit or was computed before a write the cache has seen."""
        if not self.fits(value):
            return
        with self._lock:
            self._follow(generation)
            if generation != self.generation:
                return
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def advance(self) -> int:
        """Start a new generation (after a write): every value is forgotten. Returns the new generation."""
        with self._lock:
            self._follow(self.generation + 1)
            return self.generation

    def __len__(self) -> int:
        return len(self._entries)

    def _follow(self, generation: int) -> None:
        if generation > self.generation:
            self.generation = generation
            self._entries.clear()


def term_key(name: str, term: Identifier | str) -> tuple[str, str, str, str]:
    """A bound value as a hashable key: its name, kind (a plain string is a kind of its own), value, and
    a literal's language or datatype."""
    extra = (term.language or str(term.datatype or "")) if isinstance(term, Literal) else ""
    return name, type(term).__name__, str(term), extra


def answer_key(query: str, bindings: Bindings | None) -> AnswerKey:
    """Query text and bound terms (kind, value, datatype/language), independent of binding order."""
    terms = tuple(sorted(term_key(name, term) for name, term in (bindings or {}).items()))
    return query, terms
