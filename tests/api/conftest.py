"""The API tests' fixtures: the fixture TriG in memory, settings, and the whole app served over real HTTP."""

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


@pytest.fixture(scope="session")
def fixture_store() -> EmbeddedStore:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    return store


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(store=tmp_path_factory.mktemp("store"), queries_dir=PROJECT_ROOT / "queries")


@pytest.fixture(scope="session")
def server(api_settings: Settings, fixture_store: EmbeddedStore) -> Iterator[str]:
    """The base URL of the whole app over the fixture store."""
    with live_server(create_app(api_settings, fixture_store)) as url:
        yield url


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10) as http:
        yield http
