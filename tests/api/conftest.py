"""A real HTTP server for the API tests: uvicorn on 127.0.0.1 (free port) over the fixture TriG in memory."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from api.app import create_app
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.paths import FIXTURE


@pytest.fixture(scope="session")
def fixture_store() -> EmbeddedStore:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(store=tmp_path_factory.mktemp("store"), queries_dir=PROJECT_ROOT / "queries")


@pytest.fixture(scope="session")
def server(api_settings: Settings, fixture_store: EmbeddedStore) -> Iterator[str]:
    """The base URL of a uvicorn server running the app in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # else ~40 ms per keep-alive request
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(api_settings, fixture_store), log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10) as http:
        yield http
