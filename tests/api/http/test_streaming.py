"""A streamed answer outlives the request-body deadline (the overload middleware's ``receive`` stops
timing once the body is in), over real HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from api.http.limits import install_limits
from kg.settings import Settings
from tests.api.http_server import live_server


def test_a_stream_longer_than_the_body_timeout_arrives_whole() -> None:
    app = FastAPI()

    @app.get("/slow")
    def slow() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for i in range(6):
                await asyncio.sleep(0.25)
                yield f"{i}\n".encode()

        return StreamingResponse(chunks(), media_type="text/plain")

    install_limits(app, Settings(body_timeout=0.5))
    with live_server(app) as base:
        started = time.monotonic()
        answer = httpx.get(base + "/slow", timeout=10)
        assert answer.text == "0\n1\n2\n3\n4\n5\n" and time.monotonic() - started > 1.4
