"""Whole HTTP answers of read requests, kept until the next write to the store (an ASGI middleware).

A repeated GET is answered from memory, before routing, validation and rendering: the bytes and headers
of the first answer. Entries belong to the store's generation (``EmbeddedStore.generation``, bumped by
every write), so no answer outlives a write; a store without a generation (a remote SPARQL server that
others may write) is never cached. The key is the path, the query string and the ``Accept`` header (the
only request header the read routes vary on). Only 200 answers to requests without credentials are kept.

Clients see ``ETag`` (a hash of the body) and may revalidate with ``If-None-Match`` (304);
``Cache-Control: no-cache`` asks for a fresh answer, ``no-store`` also keeps it out of the cache.
``X-TKG-Cache: hit|miss`` says which path answered.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Key = tuple[str, bytes, bytes]
# Answers that depend on more than the store: liveness, the change log's paging clock, writes; and the
# dump, which is streamed (and may be gzipped by Accept-Encoding, which the key leaves out).
UNCACHED_PREFIXES = ("/health", "/graphs", "/articles", "/validate", "/dump")


@dataclass(frozen=True)
class Cached:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes


class ResponseCache:
    """At most ``max_entries`` answers of at most ``max_bytes`` each, for one store generation."""

    def __init__(self, max_entries: int = 2048, max_bytes: int = 1 << 20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.generation: int | None = None
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key, generation: int) -> Cached | None:
        with self._lock:
            if generation != self.generation:
                if self.generation is None or generation > self.generation:
                    self._entries.clear()
                    self.generation = generation
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Cached, generation: int) -> None:
        if len(entry.body) > self.max_bytes:
            return
        with self._lock:
            if self.generation is not None and generation < self.generation:
                return  # computed before a write that another request has already seen
            if generation != self.generation:  # entries of an older generation are dead
                self._entries.clear()
                self.generation = generation
            self._entries[key] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


def _directives(scope: Scope) -> set[str]:
    raw = _header(scope, b"cache-control") + b"," + _header(scope, b"pragma")
    return {part.strip().lower() for part in raw.decode("latin-1").split(",") if part.strip()}


def _etag(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in tags or etag in tags


class ResponseCacheMiddleware:
    """Serve repeated GET/HEAD requests from :class:`ResponseCache` while the store is unchanged."""

    def __init__(self, app: ASGIApp, cache: ResponseCache | None = None) -> None:
        self.app = app
        self.cache = cache or ResponseCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        generation = self._generation(scope)
        if generation is None or not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key: Key = (scope["path"], scope.get("query_string", b""), _header(scope, b"accept"))
        directives = _directives(scope)
        fresh = "no-cache" in directives or "no-store" in directives
        entry = None if fresh else self.cache.get(key, generation)
        if entry is not None:
            await self._replay(scope, send, entry, b"hit")
            return
        await self._record(scope, receive, send, key, generation, store="no-store" not in directives)

    def _generation(self, scope: Scope) -> int | None:
        app = scope.get("app")
        store = getattr(getattr(app, "state", None), "store", None)
        generation = getattr(store, "generation", None)
        return generation if isinstance(generation, int) else None

    def _cacheable(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] in ("GET", "HEAD")
            and not scope["path"].startswith(UNCACHED_PREFIXES)
            and not _header(scope, b"authorization")
            and not _header(scope, b"cookie")
        )

    async def _replay(self, scope: Scope, send: Send, entry: Cached, how: bytes) -> None:
        headers = [*entry.headers, (b"etag", entry.etag), (b"x-tkg-cache", how)]
        if _matches(_header(scope, b"if-none-match"), entry.etag):
            kept = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type")]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": entry.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else entry.body})

    async def _record(
        self, scope: Scope, receive: Receive, send: Send, key: Key, generation: int, *, store: bool
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                await self._finish(scope, send, start, b"".join(chunks), key, generation, store=store)

        await self.app(scope, receive, capture)

    async def _finish(
        self,
        scope: Scope,
        send: Send,
        start: Message,
        body: bytes,
        key: Key,
        generation: int,
        *,
        store: bool,
    ) -> None:
        headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", ()))
        status = int(start["status"])
        if status != 200 or _has(headers, b"set-cookie") or scope["method"] == "HEAD":
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        if not _has(headers, b"vary"):
            headers = (*headers, (b"vary", b"Accept"))
        entry = Cached(status, headers, body, _etag(body))
        if store and self._generation(scope) == generation:  # no write while it was computed
            self.cache.put(key, entry, generation)
        await self._replay(scope, send, entry, b"miss")


def _has(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bool:
    return any(k == name for k, _ in headers)
