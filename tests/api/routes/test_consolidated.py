"""Reads of the consolidated graph over real HTTP (issue 11): set semantics through /sparql, DESCRIBE and
/id without repeated statements, one list row per entity, and a curated correction read by the profile
and the list filters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from pydantic import SecretStr

from api.app import create_app
from kg.consolidation.view import Consolidation
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate

BASE = "https://w3id.org/textile-kg/id/"
TKG = "https://w3id.org/textile-kg/ontology#"
KIND = "https://w3id.org/textile-kg/kind/"
JSON = {"Accept": "application/sparql-results+json"}
TOKEN = "consolidated-test-token"
QINGHE_TOWN = BASE + "park/qinghe-cashmere-town"
CLASSES = f"SELECT DISTINCT ?class WHERE {{ ?x a ?class FILTER(STRSTARTS(STR(?class), '{TKG}')) }}"
LISTS = [
    "/parks",
    "/clusters",
    "/enterprises",
    "/initiatives",
    "/provinces",
    "/provinces/hebei/parks",
    "/provinces/hebei/clusters",
    "/provinces/hebei/initiatives",
    "/queries/clusters_by_industry",
]


def sparql(client: httpx.Client, query: str) -> list[dict[str, str]]:
    answer = client.get("/sparql", params={"query": query}, headers=JSON)
    assert answer.status_code == 200, answer.text
    return [{k: v["value"] for k, v in b.items()} for b in answer.json()["results"]["bindings"]]


def classes(client: httpx.Client) -> list[str]:
    found = [row["class"] for row in sparql(client, CLASSES)]
    assert {TKG + "IndustrialCluster", TKG + "IndustrialPark", TKG + "Province"} <= set(found)
    return sorted(found)


def test_count_equals_count_distinct_for_every_class(client: httpx.Client) -> None:
    for cls in classes(client):
        query = f"SELECT (COUNT(?x) AS ?n) (COUNT(DISTINCT ?x) AS ?d) WHERE {{ ?x a <{cls}> }}"
        row = sparql(client, query)[0]
        assert row["n"] == row["d"], cls


def test_the_sources_stay_reachable_through_graph(client: httpx.Client) -> None:
    query = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{TKG}IndustrialPark> }} }}"
    assert int(sparql(client, query)[0]["n"]) >= 3  # article graphs and graph/current


@pytest.mark.parametrize(
    "entity",
    [
        pytest.param(QINGHE_TOWN, id="park"),
        pytest.param(BASE + "cluster/qinghe-cashmere-cluster", id="cluster"),
        pytest.param(BASE + "place/130000", id="province"),
    ],
)
def test_describe_and_id_pages_repeat_no_statement(client: httpx.Client, entity: str) -> None:
    described = client.get(
        "/sparql", params={"query": f"DESCRIBE <{entity}>"}, headers={"Accept": "application/n-triples"}
    )
    assert described.status_code == 200, described.text
    lines = [line for line in described.text.splitlines() if line.strip()]
    assert lines and len(lines) == len(set(lines))
    page = client.get("/id/" + entity.removeprefix(BASE), headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text
    rows = [r for r in page.text.split("<tr") if "</td>" in r]
    repeated = [r for r, n in Counter(rows).items() if n > 1]
    assert not repeated, repeated[:3]


@pytest.mark.parametrize("url", [pytest.param(u, id=u.strip("/").replace("/", "-")) for u in LISTS])
def test_every_list_has_one_row_per_entity(client: httpx.Client, url: str) -> None:
    params = {"limit": "1000", **({"industry": "textiles"} if "industry" in url else {})}
    answer = client.get(url, params=params)
    assert answer.status_code == 200, answer.text
    ids = [item["id"] for item in answer.json()["items"]]
    assert ids and len(ids) == len(set(ids))


def test_parks_pages_over_parks_with_their_places_inside(client: httpx.Client) -> None:
    parks = client.get("/parks", params={"limit": 1000}).json()["items"]
    stored = sparql(client, f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{TKG}IndustrialPark> }}")
    assert len(parks) == int(stored[0]["n"])
    town = next(p for p in parks if p["id"] == QINGHE_TOWN)
    assert town["places"] == [{"id": BASE + "place/130534", "label": "Qinghe County"}]
    first_two = client.get("/parks", params={"limit": 2}).json()["items"]
    assert [p["id"] for p in first_two] == [p["id"] for p in parks[:2]]


CURATED_KIND = f"""@prefix tkg: <{TKG}> .
<{QINGHE_TOWN}> tkg:parkKind <{KIND}industrial-base> ."""


@pytest.fixture
def writable() -> Iterator[tuple[str, EmbeddedStore]]:
    settings = Settings(base_iri=BASE, queries_dir=PROJECT_ROOT / "queries", write_token=SecretStr(TOKEN))
    # a store that keeps graph/current with every write, as open_store makes it
    store = EmbeddedStore(consolidation=Consolidation.from_settings(settings))
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)  # the fixture was loaded behind the store's back
    with live_server(create_app(settings, store)) as url:
        yield url, store
    store.close()


def park_ids(client: httpx.Client, **params: str) -> set[str]:
    answer = client.get("/parks", params={"limit": "1000", **params})
    assert answer.status_code == 200, answer.text
    return {item["id"] for item in answer.json()["items"]}


def test_a_curated_kind_is_read_by_the_profile_and_the_filters(writable: tuple[str, EmbeddedStore]) -> None:
    url, _store = writable
    with httpx.Client(base_url=url, timeout=10) as client:
        assert QINGHE_TOWN in park_ids(client, kind="characteristic-town")
        put = client.put(
            "/graphs",
            params={"graph": BASE + "graph/curated/kinds"},
            content=CURATED_KIND,
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"},
        )
        assert put.status_code == 201, put.text
        profile = client.get("/parks/qinghe-cashmere-town").json()
        assert profile["kind"] == "industrial-base"  # a word of ParkKind (KIND + it is the concept)
        assert QINGHE_TOWN in park_ids(client, kind="industrial-base")
        assert QINGHE_TOWN not in park_ids(client, kind="characteristic-town")
        kind_conflicts = (
            f"SELECT ?c WHERE {{ GRAPH <{BASE}graph/conflicts> {{ ?c <{TKG}conflictSubject> "
            f"<{QINGHE_TOWN}> ; <{TKG}conflictProperty> <{TKG}parkKind> }} }}"
        )
        assert len(sparql(client, kind_conflicts)) == 1
        gone = client.delete(
            "/graphs",
            params={"graph": BASE + "graph/curated/kinds"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert gone.status_code == 200, gone.text
        assert client.get("/parks/qinghe-cashmere-town").json()["kind"] == "characteristic-town"
        assert QINGHE_TOWN in park_ids(client, kind="characteristic-town")
        assert QINGHE_TOWN not in park_ids(client, kind="industrial-base")
        assert sparql(client, kind_conflicts) == []  # the disagreement went with the curated graph
