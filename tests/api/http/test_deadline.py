"""REST answers run their named queries with /sparql's time limit: past it, 504 with a message (the
kill of an on-disk query's worker is tests/kg/store/test_workers.py's)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate


@pytest.fixture(scope="module")
def impatient() -> Iterator[str]:
    """The app with a time limit no named query can meet, over a store of its own (nothing cached)."""
    settings = Settings(queries_dir=PROJECT_ROOT / "queries", query_timeout=1e-9, response_cache=False)
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    with live_server(create_app(settings, store)) as url:
        yield url
    store.close()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/parks?limit=5", id="list"),
        pytest.param("/clusters/qinghe-cashmere-cluster", id="profile"),
        pytest.param("/queries/parks_by_province?province=130000", id="named-query"),
    ],
)
def test_a_query_past_the_limit_answers_504_with_a_message(impatient: str, path: str) -> None:
    response = httpx.get(impatient + path, headers={"Accept": "application/json"})
    assert response.status_code == 504
    assert "time limit" in response.text


def test_the_default_limit_answers(client: httpx.Client) -> None:
    assert client.get("/parks?limit=5").status_code == 200
