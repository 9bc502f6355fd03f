"""The service as a separate process on loopback (its own GIL, like production), and hostile peers.

:func:`api_process` runs uvicorn with the project's server options over an on-disk store holding the
fixture graph (or over a remote endpoint); :func:`fake_backend` is a stdlib HTTP server that answers as
told: trickling, hanging, garbage. :func:`latencies` probes a URL and gives the times.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.store import EmbeddedStore
from tests.backends.servers import free_port
from tests.paths import FIXTURE, REPO, consolidate

TOKEN = "security-token"
SERVE = """
import uvicorn
from api.app import create_app_from_env
from api.http.limits import server_options
from kg.settings import Settings
options = server_options(Settings())
uvicorn.run(create_app_from_env(), host="127.0.0.1", port={port}, log_level="warning", **options)
"""


def fixture_store(directory: Path) -> Path:
    """An on-disk Oxigraph store with the fixture graph; the server process opens it."""
    store = EmbeddedStore(directory)
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    store.close()
    del store
    return directory


@contextmanager
def api_process(env: dict[str, str], log: Path) -> Iterator[str]:
    """uvicorn serving ``create_app_from_env`` with ``env`` (TKG_* settings); yields its base URL."""
    port = free_port()
    environment = {**os.environ, "TKG_WRITE_TOKEN": TOKEN, **env}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVE.format(port=port)],
            cwd=REPO,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the API did not start:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(base + "/queries", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


Handler = Callable[[socket.socket, bytes], None]


@contextmanager
def fake_backend(handler: Handler) -> Iterator[str]:
    """A loopback TCP server that hands every connection and its request to ``handler`` (a thread each)."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=_guarded, args=(handler, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def _guarded(handler: Handler, conn: socket.socket) -> None:
    try:
        handler(conn, _read_request(conn))
    except OSError:
        pass
    finally:
        conn.close()


def _read_request(conn: socket.socket) -> bytes:
    """One request: head and body (Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def answer(status: int, media: str, body: bytes, *, length: int | None = None) -> bytes:
    """An HTTP/1.1 response head (and body); ``length`` may announce more than is sent."""
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {media}\r\nContent-Length: {length or len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


def latencies(url: str, seconds: float, *, pause: float = 0.02) -> list[float]:
    """Times of GET ``url`` in a loop for ``seconds`` (one keep-alive connection)."""
    times: list[float] = []
    end = time.monotonic() + seconds
    with httpx.Client(timeout=30) as client:
        while time.monotonic() < end:
            started = time.perf_counter()
            answer = client.get(url)
            times.append(time.perf_counter() - started)
            assert answer.status_code == 200, answer.text
            time.sleep(pause)
    return times


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def health_target(api: str) -> float:
    """The /health p99 a hostile request may cause: 100 ms (the issue's target), or twice the quiet
    p99 when this machine is too loaded to answer within 100 ms even when quiet (shared CI runners)."""
    return max(0.100, 2 * p99(latencies(api + "/health", 1.5)))
