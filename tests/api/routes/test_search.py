"""``/search`` over real HTTP: the label index answers as queries/search.rq would, pages alike, and sees
writes at once."""

from __future__ import annotations

import csv
import io

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from api.app import create_app
from api.routes.search import router
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT, Settings
from kg.sparql.catalog import json_rows
from kg.sparql.named import load_queries, run_query
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import DATA, FIXTURE, consolidate

QUERIES = load_queries(PROJECT_ROOT / "queries")


def sparql_items(store: EmbeddedStore, q: str, limit: int, offset: int = 0) -> list[dict[str, object]]:
    """The rows of queries/search.rq as the API names their fields (``type_name`` is ``type``)."""
    result = run_query(store, QUERIES["search"], {"q": q}, Ids(), limit=limit, offset=offset)
    rows = json_rows(result, frozenset({"q"}))
    return [{"type" if k == "type_name" else k: v for k, v in row.items()} for row in rows]


def core(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """The hits without the place each lies in (which the query does not give)."""
    return [{k: v for k, v in item.items() if k not in ("parent", "code")} for item in items]


@pytest.mark.parametrize("q", ["qinghe", "羊绒", "yangrong", "HEBEI", "a", "e", "nothing-like-this"])
def test_items_are_the_query_rows(client: httpx.Client, fixture_store: EmbeddedStore, q: str) -> None:
    answer = client.get("/search", params={"q": q, "limit": 1000})
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert core(items) == sparql_items(fixture_store, q, 1000)
    assert all(set(item) == {"id", "type", "label", "match", "score", "parent", "code"} for item in items)


def test_pages_follow_one_another(client: httpx.Client, fixture_store: EmbeddedStore) -> None:
    first = client.get("/search", params={"q": "a", "limit": 3}).json()
    second = client.get(first["next"]).json()
    assert core(first["items"] + second["items"]) == sparql_items(fixture_store, "a", 6)
    assert (second["offset"], second["limit"]) == (3, 3)


def test_csv_has_the_same_rows(client: httpx.Client) -> None:
    answer = client.get("/search", params={"q": "qinghe"}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    json_items = client.get("/search", params={"q": "qinghe"}).json()["items"]
    assert [row["id"] for row in rows] == [item["id"] for item in json_items]


def test_a_write_is_seen_by_the_next_search() -> None:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    app = create_app(
        Settings(queries_dir=PROJECT_ROOT / "queries", response_cache=False), store, routers=[router]
    )
    ids, graph = Ids(), URIRef("https://w3id.org/textile-kg/id/graph/curated/search-test")
    entity = ids.mint("enterprise", "zeta-looms")
    data = Graph()
    data.add((entity, RDF.type, TKG.Enterprise))
    data.add((entity, RDFS.label, Literal("Zeta Looms", lang="en")))
    with live_server(app) as base, httpx.Client(base_url=base, timeout=10) as http:
        assert http.get("/search", params={"q": "zeta"}).json()["items"] == []
        store.replace_graph(graph, data)
        items = http.get("/search", params={"q": "zeta"}).json()["items"]
        row = {"id": str(entity), "type": "Enterprise", "label": "Zeta Looms", "match": "Zeta Looms"}
        assert items == [{**row, "score": 1, "parent": None, "code": None}]
        store.drop_graph(graph)
        assert http.get("/search", params={"q": "zeta"}).json()["items"] == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        pytest.param("Qīnghé", "Qinghe County", id="tone-marks"),
        pytest.param("QINGHE", "Qinghe County", id="case"),
        pytest.param("qing he", "Qinghe County", id="spaces"),
        pytest.param("Qing’he", "Qinghe County", id="curly-apostrophe"),
        pytest.param("qing`he", "Qinghe County", id="backtick"),
        pytest.param("清河县", "Qinghe County", id="chinese"),
    ],
)
def test_search_folds_and_ranks_exact_first(client: httpx.Client, q: str, expected: str) -> None:
    items = client.get("/search", params={"q": q}).json()["items"]
    assert items[0]["label"] == expected and items[0]["score"] == 0, items
    assert [item["score"] for item in items] == sorted(item["score"] for item in items)


def test_blank_node_hits_have_a_null_id() -> None:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.oxigraph.load(path=str(DATA / "labels.trig"), format=ox.RdfFormat.TRIG)
    consolidate(store)
    app = create_app(Settings(queries_dir=PROJECT_ROOT / "queries", response_cache=False), store)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=10) as http:
        answer = http.get("/search", params={"q": "a", "limit": 1000})
        assert answer.status_code == 200, answer.text
        assert any(item["id"] is None for item in answer.json()["items"])


def test_hits_name_their_place_and_code(client: httpx.Client) -> None:
    items = client.get("/search", params={"q": "qinghe"}).json()["items"]
    county = next(item for item in items if item["type"] == "County")
    assert county["code"] == "130534" and county["parent"]["label"] == "Xingtai"
    cluster = next(item for item in items if item["type"] == "IndustrialCluster")
    assert cluster["code"] == "130534" and cluster["parent"]["label"] == "Qinghe County"


@pytest.mark.parametrize("q", ["'", "’", " - "])
def test_nothing_left_after_folding_is_400(client: httpx.Client, q: str) -> None:
    answer = client.get("/search", params={"q": q})
    assert answer.status_code == 400 and "nothing to search" in answer.json()["detail"]
