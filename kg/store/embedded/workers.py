"""Query worker processes: protocol queries on the on-disk store run where they can be killed.

pyoxigraph has no per-query timeout and a query may compute for minutes before its first row (ORDER
BY, aggregates, a hash join). Each worker opens the store read-only (``Store.read_only``) and answers
one query at a time; a worker that passes the deadline is killed and replaced, so a run-away query
costs its CPU only until the time limit. Workers start (import, open the store) as soon as the pool is
made, so the first query does not wait for them. A worker re-opens the store when the writer's generation
number changes (a read-only RocksDB handle does not see later writes).
"""

from __future__ import annotations

import queue
import signal
import threading
import time
from pathlib import Path

from kg.children import Child
from kg.errors import QueryTimeout, QueryTooLarge, StoreError
from kg.store.protocol import RawQuery, RawResult

# how a worker over its heap limit ends: Rust aborts on a failed allocation, Python raises MemoryError
_OUT_OF_MEMORY = (-signal.SIGABRT, 1)
_GRACE = 0.5  # seconds the parent waits past the deadline for the worker's own timeout answer


class _Worker(Child):
    """One ``python -m kg.store.embedded.worker_main`` process and the two pipes to it."""

    def __init__(self, path: Path, generation: int, memory_bytes: int) -> None:
        super().__init__("kg.store.embedded.worker_main", [str(path)], [str(generation), str(memory_bytes)])


class QueryWorkers:
    """A fixed pool of worker processes over one on-disk store; thread-safe."""

    def __init__(self, path: Path, size: int = 2, *, memory_bytes: int = 0) -> None:
        self.path = path
        self.memory_bytes = memory_bytes  # heap limit of each worker; 0: none
        self.generation = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(_Worker(path, 0, memory_bytes))

    def changed(self) -> None:
        """The store was written: workers re-open it before their next query."""
        with self._lock:
            self.generation += 1

    def run(self, raw: RawQuery, *, timeout: float) -> RawResult:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"all query workers stayed busy for {timeout:g} s; try again later") from None
        remaining = max(deadline - time.monotonic(), 0.01)
        try:
            worker.outbox.send((self.generation, raw, remaining))
            if not worker.inbox.poll(remaining + _GRACE):
                raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s")
            status, payload = worker.inbox.recv()
        except QueryTimeout:
            self._replace(worker)
            raise
        except (OSError, EOFError) as exc:
            self._replace(worker)
            if self.memory_bytes and worker.process.returncode in _OUT_OF_MEMORY:
                raise QueryTooLarge(
                    f"the query needed more than {self.memory_bytes:,} bytes of memory"
                    " (TKG_QUERY_MEMORY_BYTES) and was stopped; narrow it (more selective patterns, LIMIT)"
                ) from exc
            raise StoreError(f"a query worker failed: {exc}") from exc
        self._release(worker)
        if status == "error":
            raise payload
        assert isinstance(payload, RawResult)
        return payload

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            worker.stop()
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        if not self._closed:
            self._idle.put(_Worker(self.path, self.generation, self.memory_bytes))

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
