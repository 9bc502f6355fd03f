"""One query worker: ``python -m kg.store.embedded.worker_main STORE IN_FD OUT_FD [GENERATION [MEMORY]]``.

Receives ``(generation, RawQuery, timeout)`` on IN_FD and sends ``("ok", RawResult)`` or
``("error", KGError)`` on OUT_FD; re-opens the store read-only whenever the generation changes. With
MEMORY, the heap is bounded to that many bytes: a query that needs more ends this process (the parent
answers that the query needed too much memory and starts another worker).
"""

from __future__ import annotations

import sys
import time
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kg.errors import KGError, StoreError
from kg.rdf.limits import bound_heap
from kg.store.protocol import run_raw


def open_read_only(path: str, attempts: int = 5) -> ox.Store:
    """Open the store read-only; retry when the writer compacts files away during the open."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def serve(inbox: Connection, outbox: Connection, path: str, generation: int = -1) -> None:
    """Answer queries until the parent closes the pipe; the store is opened first when ``generation``
    is given (the parent's generation when it started this worker)."""
    store: ox.Store | None = None
    if generation >= 0:
        try:
            store = open_read_only(path)
        except (OSError, RuntimeError):  # opened again, with the error answered, at the first query
            generation = -1
    while True:
        try:
            wanted, raw, timeout = inbox.recv()
        except EOFError:
            return
        try:
            if store is None or wanted != generation:
                store, generation = open_read_only(path), wanted
            outbox.send(("ok", run_raw(store, raw, timeout=timeout)))
        except KGError as exc:
            outbox.send(("error", exc))
        except (
            OSError,
            RuntimeError,
        ) as exc:  # e.g. a file compacted away under the read-only handle: re-open next time
            store = None
            outbox.send(("error", StoreError(f"the query failed: {exc}")))


if __name__ == "__main__":
    if len(sys.argv) > 5 and int(sys.argv[5]) > 0:
        bound_heap(int(sys.argv[5]))
    serve(
        Connection(int(sys.argv[2]), writable=False),
        Connection(int(sys.argv[3]), readable=False),
        sys.argv[1],
        int(sys.argv[4]) if len(sys.argv) > 4 else -1,
    )
