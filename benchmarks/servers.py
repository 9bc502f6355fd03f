"""The servers under test, each a separate process on loopback: the API, a bare Oxigraph server, and
rdflib-endpoint. Started, waited for, measured (peak RSS) and stopped by process id.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

VENV_BIN = Path(sys.executable).parent


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base: str  # http://127.0.0.1:port
    sparql_path: str  # where the SPARQL protocol answers
    ready_seconds: float = 0.0

    def peak_rss_mb(self) -> float:
        """Peak resident memory (VmHWM) of the server and its child processes, in MB."""
        return sum(_vm_hwm_kb(pid) for pid in _tree(self.process.pid)) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _tree(pid: int) -> list[int]:
    found = [pid]
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for cpid in child.read_text().split():
            found += _tree(int(cpid))
    return found


def _vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(
    name: str,
    cmd: list[str],
    port: int,
    ready_path: str,
    sparql_path: str,
    timeout: float,
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> Server:
    out = log.open("wb") if log else subprocess.DEVNULL
    t0 = time.perf_counter()
    process = subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, **(env or {})}
    )
    server = Server(name, process, f"http://127.0.0.1:{port}", sparql_path)
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} (see {log})")
        try:
            if httpx.get(server.base + ready_path, timeout=2).status_code < 500:
                server.ready_seconds = time.perf_counter() - t0
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"{name} not ready after {timeout:.0f} s")


def start_api(
    store: Path | None, port: int, log: Path, endpoint: str | None = None, env: dict[str, str] | None = None
) -> Server:
    """``tkg serve`` on the embedded store, or on an Oxigraph server (``endpoint`` = its base URL)."""
    cmd = [str(VENV_BIN / "tkg"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--endpoint", f"{endpoint}/query"] if endpoint else ["--store", str(store)]
    env = {**(env or {}), **({"TKG_ENDPOINT_UPDATE": f"{endpoint}/update"} if endpoint else {})}
    return _start("api", cmd, port, "/health", "/sparql", 120, env=env, log=log)


def start_oxigraph(store: Path, port: int, log: Path) -> Server:
    cmd = [
        str(VENV_BIN / "oxigraph"),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    return _start("oxigraph", cmd, port, "/query?query=ASK%7B%7D", "/query", 60, log=log)


def start_oxigraph_rw(store: Path, port: int, log: Path) -> Server:
    """A writable Oxigraph server: the remote backend of the API (updates go through /update)."""
    cmd = [
        str(VENV_BIN / "oxigraph"),
        "serve",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    return _start("oxigraph-rw", cmd, port, "/query?query=ASK%7B%7D", "/query", 60, log=log)


def start_rdflib(data: Path, port: int, log: Path, timeout: float) -> Server:
    cmd = [str(VENV_BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port), str(data)]
    return _start("rdflib-endpoint", cmd, port, "/?query=ASK%7B%7D", "/", timeout, log=log)
