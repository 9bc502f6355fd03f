"""Pages of a whole sorted list without sorting the whole list.

Oxigraph answers ``ORDER BY ... LIMIT n OFFSET m`` by sorting every row first: an unfiltered page of
13,164 parks at 10^7 triples sorted them all (~60 ms in process) to keep 51. The lists' order is a
materialised sort key (docs/consolidation.md), so a page can be cut from the keys instead:

1. ``internal/sort_buckets.rq`` counts the list's entities by the first :data:`BUCKET_CHARS` characters
   of their sort key (one pass over one index, no sort of the entities: ~8 ms for 13,164 parks at 10^7;
   the answer cache keeps it until the next write, so only a store with one cuts pages this way: a
   remote server would pay the count on every page);
2. :func:`key_range` adds the counts up in key order and finds the buckets that hold the page's rows;
3. the list query runs with ``?sort_from`` / ``?sort_to`` bound to that range of keys and the offset
   counted from its start, so it sorts only those buckets' entities (hundreds, not all).

The rows are the same: the range is a run of whole buckets, every key of a bucket lies between its
prefix and the next bucket's, and ``?sort_key`` orders the rows first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BUCKET_CHARS = 3  # 459 buckets for 13,164 parks at 10^7, the largest 556


@dataclass(frozen=True)
class KeyRange:
    """Sort keys from ``start`` (included) to ``end`` (excluded; None: to the last), and the offset of
    the page's first row counted from ``start``."""

    start: str
    end: str | None
    offset: int


def key_range(buckets: Iterable[tuple[str, int]], offset: int, count: int) -> KeyRange | None:
    """The range of keys holding rows ``offset`` to ``offset + count - 1`` of the list whose entities,
    counted by key prefix, are ``buckets`` (prefix, entities); None when the list ends before ``offset``.

    Prefixes compare as SPARQL compares plain strings (by code point, as Python does)."""
    ordered = sorted(buckets)
    before = 0  # rows in the buckets before the current one
    first: tuple[int, int] | None = None  # index and rows before of the bucket holding ``offset``
    last_row = offset + max(count, 1) - 1
    for index, (_, size) in enumerate(ordered):
        if first is None and offset < before + size:
            first = (index, before)
        if first is not None and last_row < before + size:
            end = ordered[index + 1][0] if index + 1 < len(ordered) else None
            return KeyRange(ordered[first[0]][0], end, offset - first[1])
        before += size
    if first is None:
        return None
    return KeyRange(ordered[first[0]][0], None, offset - first[1])
