"""CORS for reads: a browser app on another origin may read the API, never write through it.

Starlette's CORSMiddleware, outermost in the app (so error answers, 503s included, carry the headers):

- ``GET``, ``HEAD`` and ``OPTIONS`` from the origins of ``TKG_CORS_ORIGINS`` (default ``*``); ``POST`` too
  on ``/sparql`` alone, where it is a read (a long query, or ``application/sparql-query``, which needs a
  preflight).
- Never credentials (``Access-Control-Allow-Credentials`` is not sent), and ``Authorization`` is not an
  allowed request header: a write needs its bearer token, so a browser's preflight of a write is
  refused (400, without any Access-Control-* header), and a write request that needs no preflight gets
  no CORS headers, so its answer stays unreadable to the other origin.
- A preflight (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``) is answered 200 by the
  middleware, before routing (the routes themselves have no OPTIONS: a plain OPTIONS stays 405).
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

READ_METHODS = ("GET", "HEAD", "OPTIONS")
QUERY_PATHS = frozenset({"/sparql"})  # where POST is a read
ALLOWED_HEADERS = ("Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Content-Type")
EXPOSED_HEADERS = ("X-TKG-Truncated", "X-Request-ID", "ETag", "Retry-After", "Content-Disposition")
MAX_AGE = 600  # seconds a browser may keep a preflight answer


def origins(setting: str) -> list[str]:
    """``"*"`` or a comma-separated list of origins (``https://a.example, https://b.example``)."""
    return [o.strip() for o in setting.split(",") if o.strip()]


class ReadOnlyCors:
    """Two CORSMiddleware: one for the query paths (reads by POST too), one for everything else."""

    def __init__(self, app: ASGIApp, allow_origins: list[str]) -> None:
        self.app = app

        def cors(methods: tuple[str, ...]) -> CORSMiddleware:
            return CORSMiddleware(
                app,
                allow_origins=allow_origins,
                allow_methods=methods,
                allow_headers=ALLOWED_HEADERS,
                allow_credentials=False,
                expose_headers=EXPOSED_HEADERS,
                max_age=MAX_AGE,
            )

        self.reads = cors(READ_METHODS)
        self.queries = cors((*READ_METHODS, "POST"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query_path = scope["path"] in QUERY_PATHS
        allowed = (*READ_METHODS, "POST") if query_path else READ_METHODS
        if scope["method"] not in allowed:  # a write: no CORS headers at all
            await self.app(scope, receive, send)
            return
        cors = self.queries if query_path else self.reads
        if scope["method"] == "OPTIONS":
            await cors(scope, receive, _refusals_bare(send))
        else:
            await cors(scope, receive, send)


def _refusals_bare(send: Send) -> Send:
    """A refused preflight (Starlette's 400) without Access-Control-* headers: nothing in it reads as
    permission."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] != 200:
            headers = [(k, v) for k, v in message.get("headers", []) if not k.startswith(b"access-control-")]
            message = {**message, "headers": headers}
        await send(message)

    return sending
