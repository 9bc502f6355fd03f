"""Validation worker processes: parsing and SHACL of a request body away from the serving process.

Why: rdflib and pyshacl are pure Python and hold the GIL. In the API process, a 1 MB body of valid
Turtle costs ~5 s of GIL (parse 2.1 s, rdflib graph 1.6 s, SHACL 1.7 s, measured) during which every
other request of that process, ``/health`` included, waits for its turn at the interpreter. In a worker
process it costs that process only, and the worker can be killed at the deadline: a real cancel, which
a thread does not have.

A worker (:mod:`kg.validation.worker_main`) loads the shapes and the ontology once. One validation is
two round trips: the worker parses the body and names the IRIs it refers to; this process reads their
description from the store (the store stays here: embedded, in memory or remote alike) and sends it as
N-Triples; the worker validates and answers the report. A worker past the deadline, or one that died
(its heap is bounded), is replaced.

A curated-graph write holds one worker for the whole request (:meth:`ValidationWorkers.write_session`):
the body is parsed before the store's write lock is taken; under the lock the worker merges it with the
graph's content as the store holds it, validates the merged result and hands back what to write, so that
the API process itself never parses, compares or hashes RDF. A writer takes its worker before the lock
and never the other way round (no writer holds the lock while it waits for a worker: no deadlock).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.children import Child
from kg.errors import DeadlineExceeded, KGError
from kg.rdf.limits import InputLimits, LimitExceeded
from kg.store.base import Store
from kg.validation.context import fetch_context
from kg.validation.report import ValidationReport
from kg.validation.shacl import Engine
from kg.validation.worker_main import TOO_BIG
from loaders.article import Article


@dataclass(frozen=True)
class Checked:
    """A validated body: the report, and the evidence sentences the body itself gives per judged node;
    for an article, also its extraction summary (kg.extraction.document) and its graph as N-Triples."""

    report: ValidationReport
    evidence: dict[str, list[str]]
    extraction: dict[str, Any] | None = None
    ntriples: bytes | None = None


@dataclass(frozen=True)
class Merged:
    """A write's new content as the worker made it: what the API writes, and the old content's hash."""

    old_hash: str
    old_triples: int
    ntriples: bytes
    hash: str
    added: int
    removed: int
    triples: int
    subjects: list[str] | None  # of the statements added and removed (None: blank nodes among them)


class WriteSession:
    """One worker held for one curated-graph write (see the module's docstring); every step shares the
    request's deadline."""

    def __init__(self, worker: _Worker, deadline: float, timeout: float) -> None:
        self._worker = worker
        self._deadline = deadline
        self._timeout = timeout
        self._old: tuple[str, int] | None = None
        self._iris: list[str] = []

    def _ask(self, message: tuple[Any, ...]) -> tuple[Any, ...]:
        return self._worker.ask(message, self._deadline, self._timeout, "writing the graph")

    def parse(self, body: bytes, media: str, *, name: str, limits: InputLimits) -> int:
        """Parse the request body (kept by the worker); the number of its statements."""
        _, triples = self._ask(("body", body, media, name, limits))
        return int(triples)

    def merge(self, old: bytes, *, replace: bool) -> str:
        """Give the worker the graph's content now (N-Triples); the new content is the body (``replace``)
        or the old content and the body. Returns the old content's hash (for its ETag)."""
        _, self._iris, digest, triples = self._ask(("merge", replace, old))
        self._old = (str(digest), int(triples))
        return self._old[0]

    def validate(self, store: Store) -> tuple[Checked, Merged]:
        """Validate the merged content with its store context; the report, and what to write."""
        assert self._old is not None, "merge first"
        context = fetch_context(store, {URIRef(iri) for iri in self._iris})
        payload = context.serialize(format="nt", encoding="utf-8")
        _, report, evidence, extra = self._ask(("validate", payload))
        assert isinstance(report, ValidationReport)
        return Checked(report, evidence), Merged(*self._old, *extra)


class _Worker(Child):
    def __init__(self, args: tuple[str, ...]) -> None:
        super().__init__("kg.validation.worker_main", args[:4], args[4:])
        self.ready = False

    def wait_ready(self, deadline: float) -> None:
        """Wait for the worker's ``("ready",)``: it has loaded the shapes and the ontology."""
        if self.ready:
            return
        if not self.inbox.poll(max(deadline - time.monotonic(), 0.0)):
            raise DeadlineExceeded("the validation worker did not start in time; try again")
        if self.inbox.recv() != ("ready",):
            raise EOFError("the validation worker did not start")
        self.ready = True

    def ask(self, message: tuple[Any, ...], deadline: float, limit: float, what: str) -> tuple[Any, ...]:
        self.wait_ready(deadline)
        self.outbox.send(message)
        if not self.inbox.poll(max(deadline - time.monotonic(), 0.0)):
            raise DeadlineExceeded(f"{what} took longer than {limit:g} s")
        answer: tuple[Any, ...] = self.inbox.recv()
        if answer[0] == "error":
            raise answer[1]
        return answer


class ValidationWorkers:
    """A fixed pool of validation processes; thread-safe. ``check`` is the one entry point."""

    def __init__(
        self,
        shapes_dir: Path,
        ontology_dir: Path,
        *,
        data_dir: Path,
        base_iri: str,
        size: int = 1,
        memory_bytes: int,
        engine: Engine = "turbo",
    ) -> None:
        self._args = (str(shapes_dir), str(ontology_dir), str(data_dir), base_iri, str(memory_bytes), engine)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def check(
        self, store: Store, body: bytes, media: str, *, name: str, limits: InputLimits, timeout: float
    ) -> Checked:
        """Parse ``body`` (``media``, under ``limits``) and validate it as it would stand in ``store``
        (kg.validation.context.validate_increment's rule), all within ``timeout`` seconds."""
        return self._run(store, ("parse", body, media, name, limits), timeout, "validating the request body")

    def check_article(self, store: Store, article: Article, *, timeout: float) -> Checked:
        """Extract ``article`` with the loaders and validate its graph as it would stand in ``store``
        (kg.ingest.pipeline's rule), all within ``timeout`` seconds."""
        return self._run(store, ("article", article), timeout, "extracting and validating the article")

    @contextmanager
    def write_session(self, timeout: float) -> Iterator[WriteSession]:
        """A worker for one curated-graph write, all its steps within ``timeout`` seconds; take it before
        the store's write lock. A worker past the deadline, or dead, is replaced; one the caller leaves
        between two steps (a 412) goes back to the pool: the next request's first step starts afresh."""
        deadline = time.monotonic() + timeout
        with self._lease(timeout) as worker:
            yield WriteSession(worker, deadline, timeout)

    def _run(self, store: Store, first: tuple[Any, ...], timeout: float, what: str) -> Checked:
        deadline = time.monotonic() + timeout
        with self._lease(timeout) as worker:
            _, iris = worker.ask(first, deadline, timeout, what)
            context = fetch_context(store, {URIRef(iri) for iri in iris})
            payload = context.serialize(format="nt", encoding="utf-8")
            _, report, evidence, extra = worker.ask(("validate", payload), deadline, timeout, what)
        assert isinstance(report, ValidationReport)
        return Checked(report, evidence, *(extra or (None, None)))

    @contextmanager
    def _lease(self, timeout: float) -> Iterator[_Worker]:
        """An idle worker for one request (DeadlineExceeded when none frees up within ``timeout``): given
        back afterwards, or replaced when it passed its deadline or died (a dead pipe: the body was too
        big for its heap limit)."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise DeadlineExceeded(f"every validation worker stayed busy for {timeout:g} s") from None
        try:
            yield worker
        except KGError as exc:
            if isinstance(exc, DeadlineExceeded) or worker.process.poll() is not None:
                self._replace(worker)
            else:
                self._release(worker)
            raise
        except (OSError, EOFError) as exc:
            self._replace(worker)
            raise LimitExceeded(TOO_BIG) from exc
        except BaseException:
            self._release(worker)
            raise
        self._release(worker)

    def wait_ready(self, timeout: float) -> None:
        """Wait until every idle worker has started (app start-up: the first request does not wait)."""
        deadline = time.monotonic() + timeout
        workers: list[_Worker] = []
        try:
            while True:
                workers.append(self._idle.get_nowait())
        except queue.Empty:
            pass
        try:
            for worker in workers:
                worker.wait_ready(deadline)
        except (DeadlineExceeded, OSError, EOFError):
            pass  # the first request waits for it, or replaces it
        finally:
            for worker in workers:
                self._idle.put(worker)

    def _spawn(self) -> _Worker:
        return _Worker(self._args)

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            worker.stop()
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        if not self._closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
