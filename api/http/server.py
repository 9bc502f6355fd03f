"""The HTTP server's limit on slow request heads: ``TKG_HEADER_TIMEOUT``.

uvicorn times out an idle keep-alive connection (``timeout_keep_alive``) but not a request head that
trickles in, nor a new connection that sends nothing: sixty such connections hold sixty sockets and
``limit_concurrency`` slots for as long as the clients like. This protocol (uvicorn's httptools one, which
uvicorn picks when httptools is installed, as the project requires) starts a timer when a connection
opens and when a request begins, stops it when the head is complete, and past the limit answers **408**
with our JSON error body (``detail``, ``request_id``; the id is logged) and closes the connection. The
body has its own limit (``TKG_BODY_TIMEOUT``, api/http/overload.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)


class HeadDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on each request head (``head_timeout`` seconds)."""

    head_timeout: float = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._head_timer is None:
            self._start_head_timer()

    def on_headers_complete(self) -> None:
        self._stop_head_timer()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def _start_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_expired)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_expired(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        request_id = uuid.uuid4().hex
        detail = f"the request head did not arrive within {self.head_timeout:g} s (TKG_HEADER_TIMEOUT)"
        log.warning("[%s] %s: connection closed", request_id, detail)
        body = json.dumps({"detail": detail, "request_id": request_id}).encode()
        head = (
            "HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nx-request-id: {request_id}\r\nconnection: close\r\n\r\n"
        )
        self.transport.write(head.encode() + body)
        self.transport.close()


def head_deadline_protocol(seconds: float) -> type[HeadDeadlineProtocol]:
    """The protocol class with a head deadline of ``seconds`` (uvicorn's ``http=`` option)."""
    return type("HeadDeadline", (HeadDeadlineProtocol,), {"head_timeout": seconds})
