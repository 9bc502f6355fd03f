"""Overload protection, request ids and slow-client limits: one ASGI middleware, outermost in the app.

- **Kinds of work** (:func:`kind_of`): ``queries`` (reads, ``/sparql``), ``validation`` (``POST
  /validate``, ``POST /articles``, ``POST /drafts``), ``writes`` (``PUT``/``POST``/``DELETE /graphs`` and
  the curation writes: retract, restore, resolve, approve, reject). Each kind has a
  bounded number of requests in flight and a bounded queue; a request that finds the queue full, or
  waits longer than the queue wait, is answered **503 with Retry-After** at once. ``/health`` and the
  docs are never queued.
- **Deadline per request** of the heavy kinds: past it the client gets **504**; the work keeps its
  slot until it really ends (a thread cannot be killed), so the CPU it burns stays bounded.
- **Own event loop for the heavy kinds**: writes and validation run on a second event loop in its
  own thread, so their synchronous steps (reading RDF into rdflib, ~100 µs a statement) never hold the
  loop that answers ``/health`` and queries.
- **Request id**: ``X-Request-ID`` (the client's, if it is a short token, else a new one) on every
  answer, in the JSON body of every error answer (``request_id``) and on every log record
  (``%(request_id)s``; :func:`install_request_id_logging`).
- **Slow clients**: the whole body must arrive within ``body_timeout`` seconds (else **408** and the
  connection is closed); a ``POST /sparql`` body over ``max_query_body`` bytes is **413** before it is
  read. Header read time and keep-alive are uvicorn's settings (kg.cli.store.serve).
- **Request limits for RDF parsing**: the request's :class:`kg.rdf.limits.InputLimits` (size,
  depth, parse deadline, isolation) are set for the request, so every RDF body the routes parse is held
  to them.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from kg.rdf.limits import REQUEST_LIMITS, InputLimits

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger(__name__)
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_GIVEN_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_UNQUEUED = ("/health", "/docs", "/openapi.json", "/redoc")
_ERROR_BODY_CAP = 65_536  # error bodies larger than this pass unchanged (no request_id member)


@dataclass(frozen=True)
class KindLimits:
    """How much of one kind of work runs at once, how much may wait, and for how long."""

    in_flight: int
    queue: int
    queue_wait: float  # seconds a request may wait for a slot
    deadline: float | None = None  # seconds until the client gets 504 (None: the route's own limits)
    own_loop: bool = False  # run on the second event loop


@dataclass(frozen=True)
class OverloadConfig:
    """Every limit of the middleware (built from Settings by api.http.limits.overload_config)."""

    kinds: dict[str, KindLimits]
    retry_after: int = 5
    body_timeout: float = 30.0
    max_query_body: int = 500_000
    rdf_limits: InputLimits = field(default_factory=InputLimits)


# the curation writes (api/routes/articles.py, graph_versions.py, conflicts.py, drafts.py)
_CURATION_WRITES = re.compile(
    r"/articles/[^/]+(/restore|/versions/\d+/restore)?|/graphs/versions/\d+/restore"
    r"|/conflicts/[^/]+/resolve|/drafts/[^/]+/(approve|reject)"
)


def kind_of(method: str, path: str) -> str | None:
    """The kind of work a request is, or None for what is never queued (health, docs)."""
    if path in _UNQUEUED or path.startswith("/docs/"):
        return None
    if path == "/graphs" and method in ("PUT", "POST", "DELETE"):
        return "writes"
    if method in ("POST", "DELETE") and _CURATION_WRITES.fullmatch(path):
        return "writes"
    if method == "POST" and path in ("/validate", "/articles", "/drafts"):
        return "validation"
    return "queries"


class _Gate:
    """In-flight slots and a bounded queue for one kind (asyncio objects of the serving loop)."""

    def __init__(self, limits: KindLimits) -> None:
        self.limits = limits
        self.waiting = 0
        self._slots: asyncio.Semaphore | None = None

    async def enter(self) -> bool:
        """True with a slot held; False when the queue is full or the wait ran out."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limits.in_flight)
        if self._slots.locked() and self.waiting >= self.limits.queue:
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), self.limits.queue_wait)
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1

    def leave(self) -> None:
        assert self._slots is not None
        self._slots.release()


class _BodyTimeout(Exception):
    """The client did not send its body in time."""


class OverloadMiddleware:
    """See the module docstring; ``config`` holds every limit."""

    def __init__(self, app: ASGIApp, config: OverloadConfig) -> None:
        self.app = app
        self.config = config
        self.gates = {kind: _Gate(limits) for kind, limits in config.kinds.items()}
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if given and _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
        REQUEST_ID.set(request_id)
        REQUEST_LIMITS.set(self.config.rdf_limits)
        reply = _Reply(send, request_id)
        kind = kind_of(scope["method"], scope["path"])
        if kind == "queries" and scope["method"] == "POST" and scope["path"] == "/sparql":
            declared = _header(scope, b"content-length")
            if declared and declared.isdigit() and int(declared) > self.config.max_query_body:
                await reply.error(
                    413, f"a query request body may have at most {self.config.max_query_body:,} bytes"
                )
                return
        gate = self.gates.get(kind) if kind else None
        if gate is None:
            await self._run(scope, self._timed(receive), reply)
            return
        if not await gate.enter():
            log.warning("overload: %s queue full (%d in flight)", kind, gate.limits.in_flight)
            await reply.error(
                503,
                f"the service is busy with {kind}; try again in {self.config.retry_after} s",
                {"Retry-After": str(self.config.retry_after)},
            )
            return
        work = asyncio.ensure_future(self._work(gate, scope, self._timed(receive), reply))
        try:
            await asyncio.wait_for(asyncio.shield(work), gate.limits.deadline)
        except TimeoutError:
            reply.abandon()
            if not reply.started:
                await reply.send_error(
                    504, f"the request ran past its time limit of {gate.limits.deadline:g} s"
                )

    async def _work(self, gate: _Gate, scope: Scope, receive: Receive, reply: _Reply) -> None:
        try:
            if gate.limits.own_loop:
                await self._run(scope, receive, reply, own_loop=True)
            else:
                await self._run(scope, receive, reply)
        finally:
            gate.leave()

    async def _run(self, scope: Scope, receive: Receive, reply: _Reply, *, own_loop: bool = False) -> None:
        try:
            if own_loop:
                await self._on_own_loop(scope, receive, reply)
            else:
                await self.app(scope, receive, reply)
        except _BodyTimeout:
            if not reply.started:
                await reply.send_error(
                    408,
                    f"the request body did not arrive within {self.config.body_timeout:g} s",
                    {"Connection": "close"},
                )

    def _timed(self, receive: Receive) -> Receive:
        """``receive`` that raises _BodyTimeout once the body has taken longer than body_timeout. Once the
        body is in, no deadline: a streamed answer waits on ``receive`` for the client's disconnect for as
        long as it streams (a /dump of minutes was cut at body_timeout)."""
        end = time.monotonic() + self.config.body_timeout
        body_done = False

        async def timed() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(end - time.monotonic(), 0.001))
            except TimeoutError:
                raise _BodyTimeout from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        return timed

    async def _on_own_loop(self, scope: Scope, receive: Receive, reply: _Reply) -> None:
        """Run the app on the second loop; receive and send hop back to this one."""
        here = asyncio.get_running_loop()
        there = self._second_loop()

        async def received() -> Message:
            return await receive()

        async def hop_receive() -> Message:
            return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(received(), here))

        async def hop_send(message: Message) -> None:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(reply(message), here))

        done: Future[None] = Future()
        context = contextvars.copy_context()

        async def call() -> None:
            await self.app(scope, hop_receive, hop_send)

        def start() -> None:
            task = there.create_task(call(), context=context)

            def finish(t: asyncio.Task[None]) -> None:
                if t.cancelled():
                    done.cancel()
                elif (error := t.exception()) is not None:
                    done.set_exception(error)
                else:
                    done.set_result(None)

            task.add_done_callback(finish)

        there.call_soon_threadsafe(start)
        await asyncio.wrap_future(done)

    def _second_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="heavy-work-loop", daemon=True).start()
            self._loop = loop
        return self._loop


class _Reply:
    """``send`` that adds X-Request-ID, puts ``request_id`` into JSON error bodies, and can be
    abandoned (after a 504, what the late work sends is dropped)."""

    def __init__(self, send: Send, request_id: str) -> None:
        self._send = send
        self.request_id = request_id
        self.started = False
        self._abandoned = False
        self._held: Message | None = None
        self._chunks: list[bytes] = []

    def abandon(self) -> None:
        self._abandoned = True

    async def __call__(self, message: Message) -> None:
        if self._abandoned:
            return
        if message["type"] == "http.response.start":
            self.started = True
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
            headers.append((b"x-request-id", self.request_id.encode()))
            message = {**message, "headers": headers}
            if message["status"] >= 400 and _is_json(headers):
                self._held = message  # the body gets the request id: hold the start until it is read
                return
        elif message["type"] == "http.response.body" and self._held is not None:
            self._chunks.append(message.get("body", b""))
            if message.get("more_body", False) and sum(map(len, self._chunks)) <= _ERROR_BODY_CAP:
                return
            await self._flush(more=message.get("more_body", False))
            return
        await self._send(message)

    async def _flush(self, *, more: bool) -> None:
        assert self._held is not None
        body = b"".join(self._chunks)
        if not more:
            body = _with_request_id(body, self.request_id)
        headers = [(k, v) for k, v in self._held["headers"] if k.lower() != b"content-length"]
        if not more:
            headers.append((b"content-length", str(len(body)).encode()))
        await self._send({**self._held, "headers": headers})
        await self._send({"type": "http.response.body", "body": body, "more_body": more})
        self._held, self._chunks = None, []

    async def error(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        await self.send_error(status, detail, headers)

    async def send_error(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        """Our own error answer (JSON ``detail`` and ``request_id``), even after :meth:`abandon`."""
        body = json.dumps({"detail": detail, "request_id": self.request_id}).encode()
        raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        raw.append((b"x-request-id", self.request_id.encode()))
        self.started = True
        await self._send({"type": "http.response.start", "status": status, "headers": raw})
        await self._send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _is_json(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and b"json" in v.lower() for k, v in headers)


def _with_request_id(body: bytes, request_id: str) -> bytes:
    try:
        document = json.loads(body)
    except ValueError:
        return body
    if not isinstance(document, dict):
        return body
    document.setdefault("request_id", request_id)
    return json.dumps(document, ensure_ascii=False).encode()


class _RequestIdRecords:
    """A log record factory that gives every record the request id of the request being served."""

    def __init__(self, factory: Callable[..., logging.LogRecord]) -> None:
        self.factory = factory

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.factory(*args, **kwargs)
        record.request_id = REQUEST_ID.get()
        return record


def install_request_id_logging() -> None:
    """Every log record gets ``request_id`` (``-`` outside a request); installed once per process."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _RequestIdRecords):
        logging.setLogRecordFactory(_RequestIdRecords(factory))
