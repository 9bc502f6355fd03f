"""A real HTTP server for API tests: uvicorn on a free port in a thread, over a minimal app."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import APIRouter, FastAPI

from api.errors import install_error_handlers
from kg.settings import Settings
from kg.store import Store


def make_app(settings: Settings, store: Store, *routers: APIRouter) -> FastAPI:
    """An app with only ``routers`` (and the project's error handlers), over ``store``."""
    app = FastAPI()
    app.state.settings = settings
    app.state.store = store
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    return app


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields the base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
