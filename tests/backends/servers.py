"""Real SPARQL servers for the backend tests, started on free loopback ports in a temporary directory.

Oxigraph server (the ``oxigraph`` PyPI package) and Virtuoso 7 (Debian's ``virtuoso-opensource-7-bin``),
each stopped at the end of the session. :func:`binary` says whether a server can run here.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.store.remote.http import Endpoints

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
DirsAllowed = ., {dir}
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Server:
    """A running server process and how to reach it."""

    name: str
    process: subprocess.Popen[bytes]
    endpoints: Endpoints
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def binary(name: str) -> str | None:
    """The server's executable: in the virtualenv (pip packages) or on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_oxigraph(directory: Path) -> Server:
    port = free_port()
    exe = binary("oxigraph")
    assert exe is not None
    log = directory / "oxigraph.log"
    command = [exe, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as out:  # the child keeps its own descriptor
        process = subprocess.Popen([*command, "--union-default-graph"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    endpoints = Endpoints(query=f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store")
    return _ready(Server("oxigraph", process, endpoints, log), timeout=30)


def start_virtuoso(directory: Path) -> Server:
    http_port, isql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, http_port=http_port, isql_port=isql_port))
    exe = binary("virtuoso-t")
    assert exe is not None
    log = directory / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [exe, "+foreground", "+configfile", str(ini)], cwd=directory, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    endpoints = Endpoints(
        query=f"{base}/sparql",
        update=f"{base}/sparql-auth",  # the dba account (password 'dba' in a new database), digest auth
        user="dba",
        password="dba",
        auth="digest",
    )
    return _ready(Server("virtuoso", process, endpoints, log), timeout=90)


def _ready(server: Server, *, timeout: float) -> Server:
    """Poll the query endpoint until it answers ASK; stop the server and fail if it never does."""
    url = server.endpoints.query + "?" + urllib.parse.urlencode({"query": "ASK WHERE { ?s ?p ?o }"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{server.name} did not start; see {server.log}:\n{server.log.read_text()[-2000:]}")
