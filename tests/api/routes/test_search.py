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
from tests.paths import FIXTURE, consolidate

QUERIES = load_queries(PROJECT_ROOT / "queries")


def sparql_items(store: EmbeddedStore, q: str, limit: int, offset: int = 0) -> list[dict[str, object]]:
    result = run_query(store, QUERIES["search"], {"q": q}, Ids(), limit=limit, offset=offset)
    return json_rows(result, frozenset({"q"}))


@pytest.mark.parametrize("q", ["qinghe", "羊绒", "yangrong", "HEBEI", "a", "e", "nothing-like-this"])
def test_items_are_the_query_rows(client: httpx.Client, fixture_store: EmbeddedStore, q: str) -> None:
    answer = client.get("/search", params={"q": q, "limit": 1000})
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"] == sparql_items(fixture_store, q, 1000)


def test_pages_follow_one_another(client: httpx.Client, fixture_store: EmbeddedStore) -> None:
    first = client.get("/search", params={"q": "a", "limit": 3}).json()
    second = client.get(first["next"]).json()
    assert first["items"] + second["items"] == sparql_items(fixture_store, "a", 6)
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
        row = {"id": str(entity), "type_name": "Enterprise", "label": "Zeta Looms", "match": "Zeta Looms"}
        assert items == [{**row, "score": 1}]
        store.drop_graph(graph)
        assert http.get("/search", params={"q": "zeta"}).json()["items"] == []
