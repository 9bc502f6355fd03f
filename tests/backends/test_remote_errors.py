"""RemoteStore against servers that fail: down, slow, answering garbage, refusing; and bound terms."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import InputError, QueryTimeout, RemoteStoreError
from kg.store.remote import RemoteStore
from kg.store.remote.http import Endpoints
from kg.store.remote.values import with_values
from tests.backends.servers import free_port

QUERY = "SELECT ?s WHERE { ?s ?p ?o }"


class Misbehaving(BaseHTTPRequestHandler):
    """Answers according to the path: /slow sleeps, /html sends a web page, /json sends broken JSON."""

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(6)
        status, media, body = {
            "/html": (200, "text/html", b"<html><body>Login</body></html>"),
            "/json": (200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {'),
            "/err": (500, "text/plain", b"Virtuoso 42000 Error SR: internal"),
            "/tmo": (500, "text/plain", b"Virtuoso S1T00 Error SR171: Transaction timed out"),
            "/auth": (401, "text/plain", b"no"),
        }.get(self.path.split("?")[0], (200, "application/sparql-results+json", b'{"boolean": true}'))
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def store(url: str, timeout: float = 10) -> RemoteStore:
    return RemoteStore(Endpoints(query=url, update=url, timeout=timeout))


def test_a_server_that_is_down_is_a_remote_store_error_after_retries() -> None:
    started = time.monotonic()
    with pytest.raises(RemoteStoreError, match="unreachable"):
        store(f"http://127.0.0.1:{free_port()}/sparql").select(QUERY)
    assert time.monotonic() - started < 5


def test_a_slow_server_is_a_timeout_not_a_hung_worker(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store(base + "/slow", timeout=1).select(QUERY)
    assert time.monotonic() - started < 4.5


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        pytest.param("/html", RemoteStoreError, "text/html instead of SPARQL JSON", id="html"),
        pytest.param("/json", RemoteStoreError, "is not valid SPARQL JSON results$", id="broken-json"),
        pytest.param(
            "/err", RemoteStoreError, r"refused the request \(500\) while running a query$", id="500"
        ),
        pytest.param("/tmo", QueryTimeout, "time limit", id="server-timeout"),
        pytest.param("/auth", RemoteStoreError, "credentials", id="401"),
    ],
)
def test_garbage_and_refusals_are_named(base: str, path: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        store(base + path).select(QUERY)


def test_an_update_to_a_server_that_is_down_is_not_retried() -> None:
    with pytest.raises(RemoteStoreError, match="unreachable while sending an update"):
        store(f"http://127.0.0.1:{free_port()}/update").replace_graph(URIRef("http://example.org/g"), Graph())


@pytest.mark.parametrize(
    "term",
    [
        pytest.param(URIRef("http://example.org/a> } ; DROP ALL ; <x"), id="iri-breakout"),
        pytest.param(URIRef("no-scheme"), id="relative-iri"),
        pytest.param(BNode(), id="blank-node"),
    ],
)
def test_unsafe_terms_are_refused_before_sending(term: URIRef | BNode | Literal) -> None:
    with pytest.raises(InputError):
        with_values(QUERY, {"s": term})


def test_values_open_every_where_group_but_not_a_construct_template() -> None:
    text = "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?o { SELECT ?x WHERE { ?x ?y ?z } } }"
    bound = with_values(text, {"x": Literal("1")})
    assert bound.count('VALUES (?x) { ("1") }') == 2
    assert bound.startswith("CONSTRUCT { ?s ?p ?x } WHERE { VALUES")
    with pytest.raises(InputError, match="short form"):
        with_values("CONSTRUCT WHERE { ?s ?p ?x }", {"x": Literal("1")})


def test_a_variable_name_is_checked() -> None:
    with pytest.raises(InputError):
        with_values(QUERY, {"s) } DROP ALL": Literal("1")})
