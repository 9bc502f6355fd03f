"""Answers of SELECT queries kept until the next write: a small LRU keyed by query text and bindings.

Every write to an embedded store goes through ``replace_graph``/``drop_graph``/``changed()``, which bump
the store's generation and empty this cache, so a cached answer is never older than the last write.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from rdflib import Literal
from rdflib.term import Identifier

from kg.store.base import Bindings, SelectResult

Key = tuple[str, tuple[tuple[str, str, str, str], ...]]


def _term_key(name: str, term: Identifier) -> tuple[str, str, str, str]:
    extra = (term.language or str(term.datatype or "")) if isinstance(term, Literal) else ""
    return name, type(term).__name__, str(term), extra


def answer_key(query: str, bindings: Bindings | None) -> Key:
    """Query text and bound terms (kind, value, datatype/language), independent of binding order."""
    terms = tuple(sorted(_term_key(name, term) for name, term in (bindings or {}).items()))
    return query, terms


class AnswerCache:
    """At most ``max_entries`` answers of at most ``max_rows`` rows each; thread-safe."""

    def __init__(self, max_entries: int = 4096, max_rows: int = 20_000) -> None:
        self.max_entries = max_entries
        self.max_rows = max_rows
        self.generation = 0
        self._answers: OrderedDict[Key, SelectResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> SelectResult | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: Key, answer: SelectResult, generation: int) -> None:
        """Keep ``answer`` unless it is too big or a write happened since its query started."""
        if len(answer.rows) > self.max_rows:
            return
        with self._lock:
            if generation != self.generation:
                return
            self._answers[key] = answer
            while len(self._answers) > self.max_entries:
                self._answers.popitem(last=False)

    def clear(self) -> None:
        """Forget every answer (after a write) and start a new generation."""
        with self._lock:
            self.generation += 1
            self._answers.clear()
