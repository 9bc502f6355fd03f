"""Content negotiation over real HTTP: JSON, JSON-LD with the published context, Turtle, CSV, 406."""

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

QINGHE = URIRef("https://w3id.org/textile-kg/id/cluster/qinghe-cashmere-cluster")


def test_json_is_the_default(client: httpx.Client) -> None:
    answer = client.get("/clusters")
    assert answer.headers["content-type"].startswith("application/json")


def test_jsonld_links_the_published_context(client: httpx.Client) -> None:
    answer = client.get("/clusters", headers={"Accept": "application/ld+json"})
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert answer.json()["@context"].endswith("/context.jsonld")
    context = client.get("/context.jsonld").json()["@context"]
    assert context["id"] == "@id"


@pytest.mark.parametrize(
    "url", ["/clusters", "/clusters/qinghe-cashmere-cluster", "/id/cluster/qinghe-cashmere-cluster"]
)
def test_turtle(client: httpx.Client, url: str) -> None:
    answer = client.get(url, headers={"Accept": "text/turtle"})
    assert answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    assert (QINGHE, None, None) in graph
    assert "@prefix tkg: <https://w3id.org/textile-kg/ontology#>" in answer.text  # not ns1:


def test_csv_for_lists(client: httpx.Client) -> None:
    answer = client.get("/parks", headers={"Accept": "text/csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    header, *rows = answer.text.splitlines()
    assert header.startswith("id,label") and len(rows) == 5


@pytest.mark.parametrize("url", ["/clusters", "/clusters/qinghe-cashmere-cluster", "/id/place/130534"])
def test_406_for_unsupported_accept(client: httpx.Client, url: str) -> None:
    answer = client.get(url, headers={"Accept": "application/pdf"})
    assert answer.status_code == 406
    assert "available as" in answer.json()["detail"]


def test_csv_is_not_offered_for_a_profile(client: httpx.Client) -> None:
    assert client.get("/clusters/qinghe-cashmere-cluster", headers={"Accept": "text/csv"}).status_code == 406


def test_id_dereferencing_html_escapes_everything(client: httpx.Client) -> None:
    answer = client.get(
        "/id/park/xiongan-innovative-design-self-owned-brand-garment-industrial-park",
        headers={"Accept": "text/html"},
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert "Xiong&#39;an" in answer.text and "Xiong'an" not in answer.text


def test_id_dereferencing_jsonld(client: httpx.Client) -> None:
    answer = client.get("/id/place/130534", headers={"Accept": "application/ld+json"})
    quads = list(ox.parse(answer.content, format=ox.RdfFormat.JSON_LD))  # rdflib's warns (ConjunctiveGraph)
    assert len(quads) > 5  # the county and its #point geometry


def test_docs_work_offline(client: httpx.Client) -> None:
    page = client.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_every_operation_has_a_summary_and_an_example(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path}"
