"""The W3C SPARQL 1.1 Protocol tests against /sparql over the remote backends (tests/api/protocol_suite.py;
the embedded store runs them in tests/api/routes/test_protocol_suite.py): on a remote store the
protocol's dataset reaches the server as default-graph-uri/named-graph-uri."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import create_app
from api.routes import sparql
from kg.settings import Settings
from tests.api.http_server import live_server
from tests.api.protocol_suite import ProtocolTest, Renaming, load_data, load_suite, run
from tests.backends.conftest import open_backend

SETTINGS = Settings(response_cache=False)
TESTS = load_suite()
RENAMING = Renaming(str(SETTINGS.ids.graph("")))


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    store = open_backend(request, request.param)
    load_data(store, TESTS, RENAMING)
    with live_server(create_app(SETTINGS, store, routers=[sparql.router])) as base:
        yield base
    store.close()


@pytest.mark.parametrize("test", [pytest.param(t, id=f"{t.kind}-{t.name}") for t in TESTS])
def test_protocol(endpoint: str, test: ProtocolTest) -> None:
    outcome = run(test, endpoint, RENAMING)
    assert outcome.passed, outcome.detail
