"""The whole-answer cache over real HTTP: hits, revalidation, bypass, and freshness after a write."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from fastapi import APIRouter
from pydantic import SecretStr

from api.app import create_app
from kg.consolidation.view import Consolidation
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate

BASE = "https://w3id.org/textile-kg/id/"
TOKEN = "cache-test-token"
PARKS = "/provinces/hebei/parks"
NEW_PARK = f"""@base <{BASE}> .
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<park/cache-test-park> a tkg:IndustrialPark ; rdfs:label "Cache Test Park"@en ; dcterms:source "visit" ;
    tkg:locatedIn <place/130534> ."""


@pytest.fixture
def served() -> Iterator[tuple[str, EmbeddedStore]]:
    """A fresh writable store per test, served by the whole app (middleware included)."""
    settings = Settings(base_iri=BASE, queries_dir=PROJECT_ROOT / "queries", write_token=SecretStr(TOKEN))
    store = EmbeddedStore(consolidation=Consolidation.from_settings(settings))  # writes refresh graph/current
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)  # the fixture was loaded behind the store's back
    with live_server(create_app(settings, store)) as url:
        yield url, store
    store.close()


@pytest.fixture
def base(served: tuple[str, EmbeddedStore]) -> str:
    return served[0]


def park_ids(response: httpx.Response) -> set[str]:
    return {item["id"] for item in response.json()["items"]}


def test_a_repeated_request_is_a_hit_with_the_same_answer(base: str) -> None:
    first = httpx.get(base + PARKS)
    second = httpx.get(base + PARKS)
    assert first.status_code == second.status_code == 200
    assert (first.headers["x-tkg-cache"], second.headers["x-tkg-cache"]) == ("miss", "hit")
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
    assert second.headers["content-type"] == first.headers["content-type"]
    assert "Accept" in second.headers["vary"]


def test_etag_revalidation_answers_304_without_a_body(base: str) -> None:
    etag = httpx.get(base + PARKS).headers["etag"]
    again = httpx.get(base + PARKS, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = httpx.get(base + PARKS, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.json()["items"]


def test_each_media_type_is_its_own_entry(base: str) -> None:
    as_json = httpx.get(base + PARKS)
    as_csv = httpx.get(base + PARKS, headers={"Accept": "text/csv"})
    again_csv = httpx.get(base + PARKS, headers={"Accept": "text/csv"})
    assert as_csv.headers["x-tkg-cache"] == "miss" and again_csv.headers["x-tkg-cache"] == "hit"
    assert again_csv.headers["content-type"].startswith("text/csv") and again_csv.text == as_csv.text
    assert as_json.headers["content-type"].startswith("application/json")


def test_no_cache_asks_for_a_fresh_answer(base: str) -> None:
    httpx.get(base + PARKS)
    fresh = httpx.get(base + PARKS, headers={"Cache-Control": "no-cache"})
    assert fresh.headers["x-tkg-cache"] == "miss"


def test_a_write_makes_the_next_answer_fresh(served: tuple[str, EmbeddedStore]) -> None:
    base, _store = served
    before = httpx.get(base + PARKS)
    assert httpx.get(base + PARKS).headers["x-tkg-cache"] == "hit"
    put = httpx.put(
        base + "/graphs",
        params={"graph": BASE + "graph/curated/cache-test"},
        content=NEW_PARK,
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"},
    )
    assert put.status_code == 201, put.text
    after = httpx.get(base + PARKS)
    assert after.headers["x-tkg-cache"] == "miss" and after.headers["etag"] != before.headers["etag"]
    assert park_ids(after) == park_ids(before) | {BASE + "park/cache-test-park"}


def test_errors_and_credentialed_requests_are_not_kept(base: str) -> None:
    for _ in range(2):
        missing = httpx.get(base + "/clusters/no-such-cluster")
        assert missing.status_code == 404 and missing.headers.get("x-tkg-cache") is None
    for _ in range(2):
        private = httpx.get(base + PARKS, headers={"Authorization": "Bearer x"})
        assert private.status_code == 200 and "x-tkg-cache" not in private.headers


def test_a_store_without_a_generation_is_never_cached() -> None:
    calls: list[str] = []
    router = APIRouter()

    @router.get("/answer")
    def answer() -> str:
        calls.append("answer")
        return "answer"

    class Remote:  # a store that others may write: there is no generation to check answers against
        generation = None

        def start(self) -> None:
            pass

        def close(self) -> None:
            pass

    app = create_app(Settings(), Remote(), routers=[router])  # type: ignore[arg-type]
    with live_server(app) as url:
        assert [httpx.get(url + "/answer").json() for _ in range(3)] == ["answer"] * 3
    assert calls == ["answer"] * 3

    app = create_app(
        Settings(), EmbeddedStore(), routers=[router]
    )  # the same route, a store with a generation
    with live_server(app) as url:
        assert [httpx.get(url + "/answer").headers["x-tkg-cache"] for _ in range(3)] == ["miss", "hit", "hit"]
    assert calls == ["answer"] * 4
