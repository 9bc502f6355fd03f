"""HTTP to a remote SPARQL 1.1 server (queries, updates, Graph Store reads), every call bounded.

Limits, each an :class:`Endpoints` field: ``connect_timeout`` to open a connection; ``timeout``, a
total deadline per call, from sending the request to the last byte of the answer (a watchdog shuts the
socket at the deadline, so a server that trickles bytes or stops mid-answer is cut off on time);
``max_bytes`` per answer, counted while it streams in (never buffered past the cap); and a bulkhead:
at most ``max_concurrent`` calls in flight per client, a further call waits ``queue_timeout`` for a
slot and then fails, so a hung server holds a few threads, never the whole pool.

Reads are retried with backoff when the connection fails (never when the server was merely slow,
and never past the deadline). Every failure becomes a project error with OUR message, naming no URL
and quoting nothing the server said (its text is logged): unreachable, refused, too large or garbage
-> RemoteStoreError (502); too slow -> QueryTimeout (504); no free slot -> StoreError (503).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import httpx

from kg.errors import QueryTimeout, RemoteStoreError, StoreError

log = logging.getLogger(__name__)

_GET_LIMIT = 2_000  # characters of query text sent by GET; longer queries are POSTed (URL length limits)
_RETRY_DELAYS = (0.1, 0.3)  # backoff before the 2nd and 3rd attempt of a read
_ERROR_BODY_BYTES = 4_096  # of an error answer, read for the log and to spot a server-side timeout


@dataclass(frozen=True)
class Answer:
    """A server's answer: body and media type (lower case, without parameters)."""

    body: bytes
    media_type: str


@dataclass(frozen=True)
class Endpoints:
    """Where and how to reach the server, and the limits of every call."""

    query: str
    update: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest"
    timeout: float = 30.0  # total seconds per call (TKG_ENDPOINT_TIMEOUT)
    connect_timeout: float = 5.0  # TKG_ENDPOINT_CONNECT_TIMEOUT
    max_bytes: int = 100_000_000  # largest answer read (TKG_ENDPOINT_MAX_BYTES)
    max_concurrent: int = 8  # calls in flight per client (TKG_ENDPOINT_CONCURRENCY)
    queue_timeout: float = 2.0  # seconds a call waits for a slot (TKG_ENDPOINT_QUEUE_TIMEOUT)


class SparqlClient:
    """The protocol calls a RemoteStore makes; thread-safe (one pooled httpx client)."""

    def __init__(self, endpoints: Endpoints) -> None:
        self.endpoints = endpoints
        credentials = (endpoints.user or "", endpoints.password or "")
        auth: httpx.Auth | None = None
        if endpoints.user:
            auth = (
                httpx.DigestAuth(*credentials)
                if endpoints.auth == "digest"
                else httpx.BasicAuth(*credentials)
            )
        limits = httpx.Limits(max_connections=endpoints.max_concurrent + 4)
        self._http = httpx.Client(auth=auth, timeout=endpoints.timeout, limits=limits)
        self._slots = threading.BoundedSemaphore(endpoints.max_concurrent)

    def query(
        self, text: str, accept: str, *, timeout: float | None = None, dataset: Dataset = None
    ) -> Answer:
        """Run a query (retried when the connection fails); the answer as the server sent it."""
        deadline = time.monotonic() + (timeout or self.endpoints.timeout)
        fields: list[tuple[str, str]] = [("query", text)]
        fields += [("default-graph-uri", iri) for iri in (dataset or ((), ()))[0]]
        fields += [("named-graph-uri", iri) for iri in (dataset or ((), ()))[1]]
        if len(text) <= _GET_LIMIT:
            request = self._http.build_request(
                "GET", self.endpoints.query, params=dict(_grouped(fields)), headers={"Accept": accept}
            )
        else:
            request = self._http.build_request(
                "POST", self.endpoints.query, data=dict(_grouped(fields)), headers={"Accept": accept}
            )
        return self._read(request, deadline, "running a query")

    def update(self, text: str) -> None:
        """Send one SPARQL Update request (never retried: the server may have applied it)."""
        request = self._http.build_request(
            "POST",
            self.endpoints.update,
            content=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        self._call(request, time.monotonic() + self.endpoints.timeout, "sending an update")

    def get_graph(self, graph: str) -> Answer:
        """GET one graph as N-Triples through the Graph Store Protocol (requires ``graph_store``)."""
        assert self.endpoints.graph_store is not None
        request = self._http.build_request(
            "GET",
            self.endpoints.graph_store,
            params={"graph": graph},
            headers={"Accept": "application/n-triples"},
        )
        return self._read(
            request, time.monotonic() + self.endpoints.timeout, "reading a graph", missing_ok=True
        )

    def _read(
        self, request: httpx.Request, deadline: float, doing: str, *, missing_ok: bool = False
    ) -> Answer:
        """A read, tried again after a failed connection while the deadline allows."""
        for delay in (*_RETRY_DELAYS, None):
            try:
                return self._call(request, deadline, doing, missing_ok=missing_ok)
            except _Unreachable as exc:
                if delay is None or time.monotonic() + delay >= deadline:
                    raise RemoteStoreError(f"the SPARQL server is unreachable while {doing}") from exc
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _call(
        self, request: httpx.Request, deadline: float, doing: str, *, missing_ok: bool = False
    ) -> Answer:
        """One exchange under the bulkhead, the deadline and the size cap."""
        with self._slot(doing):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(self._too_slow(doing))
            timeout = httpx.Timeout(remaining, connect=min(self.endpoints.connect_timeout, remaining))
            request.extensions["timeout"] = timeout.as_dict()
            try:
                response = self._http.send(request, stream=True)
            except httpx.TimeoutException as exc:
                if isinstance(exc, httpx.ConnectTimeout) and request.method == "GET":
                    raise _Unreachable(type(exc).__name__) from exc
                raise QueryTimeout(self._too_slow(doing)) from exc
            except httpx.TransportError as exc:
                log.warning("SPARQL server unreachable while %s: %s", doing, exc)
                if request.method == "GET":
                    raise _Unreachable(type(exc).__name__) from exc
                raise RemoteStoreError(f"the SPARQL server is unreachable while {doing}") from exc
            try:
                with _watchdog(response, deadline) as fired:
                    return self._answer(response, doing, missing_ok, fired)
            finally:
                response.close()

    def _answer(
        self, response: httpx.Response, doing: str, missing_ok: bool, fired: threading.Event
    ) -> Answer:
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if missing_ok and response.status_code == 404:
            return Answer(b"", media)
        limit = _ERROR_BODY_BYTES if response.is_error else self.endpoints.max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    if response.is_error:
                        break
                    raise RemoteStoreError(
                        f"the SPARQL server's answer is over the limit of {limit:,} bytes while {doing}"
                    )
                chunks.append(chunk)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            if fired.is_set() or isinstance(exc, httpx.TimeoutException):
                raise QueryTimeout(self._too_slow(doing)) from exc
            log.warning("SPARQL server broke off its answer while %s: %s", doing, exc)
            raise RemoteStoreError(f"the SPARQL server broke off its answer while {doing}") from exc
        if fired.is_set():
            raise QueryTimeout(self._too_slow(doing))
        body = b"".join(chunks)
        if response.is_error:
            raise _refused(response.status_code, body.decode("utf-8", "replace"), doing)
        return Answer(body, media)

    @contextmanager
    def _slot(self, doing: str) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.endpoints.queue_timeout):
            log.warning(
                "SPARQL bulkhead full (%d calls in flight) while %s", self.endpoints.max_concurrent, doing
            )
            raise StoreError(
                f"the SPARQL server is busy: {self.endpoints.max_concurrent} calls are already waiting for it"
            )
        try:
            yield
        finally:
            self._slots.release()

    def _too_slow(self, doing: str) -> str:
        return f"the SPARQL server did not answer in time while {doing}"

    def close(self) -> None:
        self._http.close()


Dataset = tuple[tuple[str, ...], tuple[str, ...]] | None


class _Unreachable(Exception):
    """Internal: the connection failed (worth another try for a read)."""


def _grouped(fields: list[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    names = dict.fromkeys(name for name, _ in fields)
    for name in names:
        yield name, [value for key, value in fields if key == name]


@contextmanager
def _watchdog(response: httpx.Response, deadline: float) -> Iterator[threading.Event]:
    """Shut the response's socket at ``deadline`` (a blocked read then returns): the total time limit."""
    fired = threading.Event()
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None

    def expire() -> None:
        fired.set()
        if isinstance(sock, socket.socket):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(deadline - time.monotonic(), 0.0), expire)
    timer.daemon = True
    timer.start()
    try:
        yield fired
    finally:
        timer.cancel()


def _refused(status: int, body: str, doing: str) -> RemoteStoreError | QueryTimeout:
    """Our error for a server's refusal (its text is logged, never passed on); Virtuoso reports its own
    time limit as SQL state S1T00."""
    first = " ".join(body.strip().split())[:300]
    log.warning("SPARQL server answered %d while %s: %s", status, doing, first)
    if "S1T00" in body or ("timeout" in first.lower() and status in (500, 503, 504)):
        return QueryTimeout(f"the SPARQL server stopped the query at its time limit while {doing}")
    if status in (401, 403):
        return RemoteStoreError(f"the SPARQL server refused the credentials ({status})")
    return RemoteStoreError(f"the SPARQL server refused the request ({status}) while {doing}")
