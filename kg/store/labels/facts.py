"""Per-entity facts of the label index (searchable type names, English labels), counted over graphs.

A fact stated in several graphs stays until the last of them drops it. Updates touch only the entities
of the graphs written; readers look entities up without a lock (each value is an immutable tuple).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Generic, TypeVar

Fact = TypeVar("Fact", str, tuple[str, str])


class Facts(Generic[Fact]):
    """``entity -> sorted facts``; ``add``/``remove`` a graph's ``(entity, fact)`` pairs (under the
    index's lock); ``get`` from any thread."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[Fact]] = {}
        self._published: dict[str, tuple[Fact, ...]] = {}

    def get(self, entity: str) -> tuple[Fact, ...]:
        return self._published.get(entity, ())

    def add(self, pairs: Iterable[tuple[str, Fact]]) -> None:
        self._update(pairs, 1)

    def remove(self, pairs: Iterable[tuple[str, Fact]]) -> None:
        self._update(pairs, -1)

    def _update(self, pairs: Iterable[tuple[str, Fact]], step: int) -> None:
        touched = set()
        for entity, fact in pairs:
            counts = self._counts.setdefault(entity, Counter())
            counts[fact] += step
            if counts[fact] <= 0:
                del counts[fact]
            touched.add(entity)
        for entity in touched:
            facts = tuple(sorted(self._counts[entity]))
            if facts:
                self._published[entity] = facts
            else:
                self._published.pop(entity, None)
                del self._counts[entity]
