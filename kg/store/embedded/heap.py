"""Give the heap's free pages back to the operating system after a bulk step.

pyoxigraph's bulk loader and an in-memory store allocate through the C library's ``malloc``. When they
are done, glibc keeps most of the freed memory in its arenas, so the process's resident size stays at
its peak: after loading 10^6 quads, 306 MB stay resident of which ``malloc_trim`` returns all but 33 MB
(measured, docs/benchmarks.md). ``tkg load`` runs the loader and then the in-memory rebuild of the
consolidated graph in one process; without this, their peaks add up.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None
    return trim


def give_back() -> bool:
    """Collect garbage and return free heap pages to the system; False where the C library has no
    ``malloc_trim`` (not glibc), which changes nothing but the resident size."""
    gc.collect()
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
