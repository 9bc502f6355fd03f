"""The long-lived heap of a serving or ingesting process, kept out of the garbage collector's way.

CPython's full collection walks every tracked object. A process that has loaded the loaders' resources, the
ontology and the shapes holds ~145,000 of them, and each article ingest leaves 10,000-70,000 more as cyclic
garbage (every rdflib graph is a cycle: graph -> store -> its set of graphs). A full collection then came
every few ingests and took 80-240 ms, charged to whichever request was running (on the 10^6 benchmark store:
ingests of ~105 ms took 315-324 ms when one came). Frozen after loading, the resources are never walked
again: a full collection takes 3-24 ms, proportional to the garbage alone.

Only process entry points call :func:`settle` (``tkg ingest``, the app of ``tkg serve`` and of its
workers, the validation workers): a frozen object that later becomes cyclic garbage is never freed, which
is right for resources kept until exit, not for a library call inside someone else's process (a test
process's apps and pipelines would keep their cycles).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then exempt every object alive now from later collections (``gc.freeze``)."""
    gc.collect()
    gc.freeze()
