"""The province profile over real HTTP: bounded whatever the province's size. It shows the first 20
members of each of its lists in the lists' order, counts them all, and links to the whole lists."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from api.services.profiles import PROVINCE_SHOWN
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate

BASE = "https://w3id.org/textile-kg/id/"
TKG = "https://w3id.org/textile-kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GRAPH = BASE + "graph/curated/many-parks"
COUNTY = BASE + "place/130534"  # Qinghe County, Xingtai, Hebei (the gazetteer)
PARKS = 27  # more than a profile shows


def many_parks() -> list[ox.Quad]:
    """Parks in a county of Hebei, labelled so that their order is not the order they are written in."""
    g = ox.NamedNode(GRAPH)
    quads = []
    for n in range(PARKS):
        park = ox.NamedNode(f"{BASE}park/test-park-{n:02d}")
        label = f"{chr(ord('A') + (n * 7) % 26)} test park {n}"
        quads += [
            ox.Quad(park, ox.NamedNode(RDF_TYPE), ox.NamedNode(TKG + "IndustrialPark"), g),
            ox.Quad(park, ox.NamedNode(RDFS + "label"), ox.Literal(label, language="en"), g),
            ox.Quad(park, ox.NamedNode(TKG + "locatedIn"), ox.NamedNode(COUNTY), g),
        ]
    return quads


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.oxigraph.extend(many_parks())
    consolidate(store)
    settings = Settings(
        store=tmp_path_factory.mktemp("store"), queries_dir=PROJECT_ROOT / "queries", response_cache=False
    )
    with live_server(create_app(settings, store)) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


def whole(client: httpx.Client, url: str) -> list[str]:
    """Every id of a list, page after page."""
    ids: list[str] = []
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.text
        ids += [item["id"] for item in page.json()["items"]]
        url = page.json()["next"]
    return ids


@pytest.mark.parametrize("query", [pytest.param("", id="now"), pytest.param("?as_of=2030-01-01", id="as-of")])
def test_the_profile_shows_the_first_twenty_of_each_list_and_counts_them_all(
    client: httpx.Client, query: str
) -> None:
    answer = client.get(f"/provinces/hebei{query}")
    assert answer.status_code == 200, answer.text
    profile = answer.json()
    for name in ("parks", "clusters", "initiatives"):
        link = profile["lists"][name]
        assert link.endswith(f"/provinces/130000/{name}{query}")
        members = whole(client, link.replace(str(client.base_url), "") + ("&" if query else "?") + "limit=7")
        assert profile["counts"][name] == len(members), name
        assert [m["id"] for m in profile[name]] == members[:20], name
    assert profile["counts"]["parks"] > PARKS
    assert len(profile["parks"]) == 20


def test_the_shown_members_carry_their_labels(client: httpx.Client) -> None:
    profile = client.get("/provinces/130000").json()
    labels = [m["label"] for m in profile["parks"]]
    assert all(labels) and labels == sorted(labels, key=lambda label: label[:15])


def test_the_members_query_keeps_as_many_as_the_profile_shows() -> None:
    text = (PROJECT_ROOT / "queries" / "profile" / "province_members.rq").read_text(encoding="utf-8")
    assert text.count(f"LIMIT {PROVINCE_SHOWN} ") == 3


@pytest.mark.parametrize("name", ["parks", "clusters", "initiatives"])
@pytest.mark.parametrize("query", [pytest.param("", id="now"), pytest.param("as_of=2030-01-01&", id="as-of")])
def test_a_province_sub_list_is_the_list_filtered_by_the_province(
    client: httpx.Client, name: str, query: str
) -> None:
    """``/provinces/{id}/parks`` pages exactly as ``/parks?province={id}`` (one query, one order)."""
    members = whole(client, f"/provinces/hebei/{name}?{query}limit=4")
    assert members == whole(client, f"/{name}?{query}province=hebei&limit=9")
    assert len(members) > (PARKS if name == "parks" else 0)
    assert (
        client.get(f"/provinces/hebei/{name}?limit=3").json()["items"]
        == (client.get(f"/{name}?province=130000&limit=3").json()["items"])
    )
