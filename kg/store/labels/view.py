"""A read-only snapshot of the label index: every folded label in one string, searched with ``str.find``.

The rows and their order are those of ``queries/search.rq``: substring match of the folded text
(kg.store.labels.fold: case, tone marks, apostrophes, spaces) on any label; score 0 exact, 1 prefix,
2 inside (best over the entity's labels); ``match`` the first label (by code points) among those with
the best score; one row per searchable type and English label (none if the
entity has no English label); ordered by score, English label (absent first), entity, type name.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain
from operator import add
from typing import NamedTuple

from kg.store.labels.facts import Facts
from kg.store.labels.fold import fold
from kg.store.labels.parts import SEPARATOR, GraphPart


class Hit(NamedTuple):
    """One answer row: ``label`` is ``(value, language)`` or None; tuples compare in SPARQL order."""

    score: int
    label: tuple[str, str] | None
    entity: str
    type_name: str
    match: str


def _sort_key(hit: Hit) -> tuple[int, bool, tuple[str, str], str, str]:
    return hit.score, hit.label is not None, hit.label or ("", ""), hit.entity, hit.type_name


class LabelView:
    """The labels of every graph, joined; immutable, so any number of threads may search it. Types and
    English labels are looked up in ``types`` and ``english``, which the index keeps current."""

    def __init__(
        self, parts: Sequence[GraphPart], types: Facts[str], english: Facts[tuple[str, str]]
    ) -> None:
        self._entities = list(chain.from_iterable(part.entities for part in parts))
        self._values = list(chain.from_iterable(part.values for part in parts))
        self._lengths = list(chain.from_iterable(part.lengths for part in parts))
        # label i starts after the labels before it and one separator for each
        self._starts = list(map(add, accumulate(self._lengths, initial=0), range(len(self._lengths))))
        self._text = SEPARATOR.join(part.text for part in parts if part.entities)
        self._types = types
        self._english = english

    def __len__(self) -> int:
        return len(self._entities)

    def matches(self, q: str) -> dict[str, tuple[int, str]]:
        """Entities with a label containing ``q`` (both folded): ``(best score, match)`` for each."""
        needle = fold(q)
        best: dict[str, tuple[int, str]] = {}
        for i, score in self._entries(needle):
            entity, candidate = self._entities[i], (score, self._values[i])
            if entity not in best or candidate < best[entity]:
                best[entity] = candidate
        return best

    def _entries(self, needle: str) -> Iterable[tuple[int, int]]:
        """``(entry, score)`` for each label that contains ``needle`` (already folded)."""
        if SEPARATOR in needle or not needle:  # cannot use the joined text: look at every label
            for i, start in enumerate(self._starts):
                label = self._text[start : start + self._lengths[i]]
                if needle in label:
                    yield i, 0 if label == needle else 1 if label.startswith(needle) else 2
            return
        find, starts, lengths, size = self._text.find, self._starts, self._lengths, len(needle)
        position = find(needle)
        while position >= 0:
            i = bisect_right(starts, position) - 1
            start = starts[i]  # the first hit in a label is its leftmost one: a prefix if anywhere
            yield i, (0 if lengths[i] == size else 1) if position == start else 2
            position = find(needle, start + lengths[i] + 1)

    def search(self, q: str, end: int | None = None) -> list[Hit]:
        """Every answer row for ``q``, in order; with ``end``, the first ``end`` rows only.

        A broad word matches tens of thousands of entities at 10^7 ("industrial": 29,473), and making
        and sorting a row for each was most of the answer (0.9 s). With ``end``, the entities are ranked
        first by their least row (score, English label, entity; a heap of ``end``), and rows are made
        for those only: every row of an entity sorts at or after its least, so the first ``end`` rows
        come from the first ``end`` entities."""
        found = self.matches(q)
        if end is not None:
            typed = (entity for entity in found if self._types.get(entity))  # an untyped entity has no row
            chosen = heapq.nsmallest(end, typed, key=lambda entity: self._least(entity, found[entity][0]))
            found = {entity: found[entity] for entity in chosen}
        hits = [
            Hit(score, label, entity, type_name, match)
            for entity, (score, match) in found.items()
            for type_name in self._types.get(entity)
            for label in self._english.get(entity) or (None,)
        ]
        hits.sort(key=_sort_key)
        return hits if end is None else hits[:end]

    def _least(self, entity: str, score: int) -> tuple[int, bool, tuple[str, str], str]:
        """The first part of :func:`_sort_key` for the least row of ``entity`` (its labels are sorted)."""
        labels = self._english.get(entity)
        return score, bool(labels), labels[0] if labels else ("", ""), entity
