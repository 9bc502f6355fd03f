"""CORS over real HTTP: browsers on other origins may read (and POST queries to /sparql), never write."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server

ORIGIN = "https://app.example"
TOKEN = "cors-test-token"


def serve(store: EmbeddedStore, origins: str) -> Iterator[str]:
    settings = Settings(
        queries_dir=PROJECT_ROOT / "queries", cors_origins=origins, write_token=SecretStr(TOKEN)
    )
    with live_server(create_app(settings, store)) as base:
        yield base


@pytest.fixture(scope="module")
def any_origin(fixture_store: EmbeddedStore) -> Iterator[str]:
    yield from serve(fixture_store, "*")


@pytest.fixture(scope="module")
def one_origin(fixture_store: EmbeddedStore) -> Iterator[str]:
    yield from serve(fixture_store, f"{ORIGIN}, https://other.example")


def preflight(base: str, path: str, method: str, headers: str = "", origin: str = ORIGIN) -> httpx.Response:
    request = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        request["Access-Control-Request-Headers"] = headers
    return httpx.options(base + path, headers=request)


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        pytest.param("/parks", "GET", "accept", id="list"),
        pytest.param("/sparql", "GET", "", id="sparql-get"),
        pytest.param("/sparql", "POST", "content-type", id="sparql-post-query"),
        pytest.param("/dump", "GET", "accept-encoding", id="dump"),
        pytest.param("/.well-known/void", "HEAD", "", id="void-head"),
    ],
)
def test_read_preflight_is_allowed(any_origin: str, path: str, method: str, headers: str) -> None:
    answer = preflight(any_origin, path, method, headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["access-control-allow-origin"] == "*"
    assert method in answer.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in answer.headers


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        pytest.param("/graphs", "PUT", "content-type", id="put-graph"),
        pytest.param("/graphs", "POST", "content-type", id="post-graph"),
        pytest.param("/graphs", "DELETE", "", id="delete-graph"),
        pytest.param("/articles", "POST", "content-type", id="post-article"),
        pytest.param("/sparql", "GET", "authorization", id="credentials-header"),
    ],
)
def test_write_preflight_is_refused(any_origin: str, path: str, method: str, headers: str) -> None:
    answer = preflight(any_origin, path, method, headers)
    assert answer.status_code == 400
    assert "access-control-allow-origin" not in answer.headers


def test_simple_reads_carry_the_headers(any_origin: str) -> None:
    answer = httpx.get(any_origin + "/parks", headers={"Origin": ORIGIN})
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"
    assert "x-tkg-truncated" in answer.headers["access-control-expose-headers"].lower()
    query = httpx.post(any_origin + "/sparql", data={"query": "ASK {}"}, headers={"Origin": ORIGIN})
    assert query.headers["access-control-allow-origin"] == "*"
    missing = httpx.get(any_origin + "/parks/no-such-park", headers={"Origin": ORIGIN})
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"


def test_writes_never_carry_the_headers(any_origin: str) -> None:
    """A write a browser may send without a preflight (a form POST) gets no CORS headers: its answer
    stays unreadable to the other origin; with the token it is still refused to JavaScript."""
    headers = {"Origin": ORIGIN, "Authorization": f"Bearer {TOKEN}"}
    for method in ("POST", "PUT", "DELETE"):
        answer = httpx.request(method, any_origin + "/graphs", headers=headers, content=b"")
        assert answer.status_code >= 400
        assert "access-control-allow-origin" not in answer.headers


def test_configured_origins(one_origin: str) -> None:
    allowed = preflight(one_origin, "/parks", "GET")
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ORIGIN
    other = preflight(one_origin, "/parks", "GET", origin="https://evil.example")
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    read = httpx.get(one_origin + "/parks", headers={"Origin": "https://evil.example"})
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers


def test_cors_off(fixture_store: EmbeddedStore) -> None:
    for base in serve(fixture_store, ""):
        assert preflight(base, "/parks", "GET").status_code == 405
