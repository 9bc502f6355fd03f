"""The W3C SPARQL 1.1 Protocol tests (query, negative, and update-refused) against a live /sparql on the
embedded store, over real HTTP. The remote backends run them too (tests/backends/test_contract.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from api.app import create_app
from api.routes import sparql
from kg.settings import Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.api.protocol_suite import Renaming, load_data, load_suite, run

SETTINGS = Settings(response_cache=False)
TESTS = load_suite()
RENAMING = Renaming(str(SETTINGS.ids.graph("")))


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    store = EmbeddedStore()
    load_data(store, TESTS, RENAMING)
    with live_server(create_app(SETTINGS, store, routers=[sparql.router])) as base:
        yield base


def test_the_vendored_manifest_is_whole() -> None:
    """34 tests: 13 query, 7 update (refused here), 14 negative (bad_*)."""
    assert Counter(t.kind for t in TESTS) == {"query": 13, "update": 7, "negative": 14}


@pytest.mark.parametrize("test", [pytest.param(t, id=f"{t.kind}-{t.name}") for t in TESTS])
def test_protocol(endpoint: str, test: object) -> None:
    outcome = run(test, endpoint, RENAMING)  # type: ignore[arg-type]
    assert outcome.passed, outcome.detail
