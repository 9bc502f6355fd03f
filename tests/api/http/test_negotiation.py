"""Content negotiation: over real HTTP (JSON, JSON-LD with the published context, Turtle, CSV, 406), and
the one Accept parser with its two preferences."""

import httpx
import pyoxigraph as ox
import pytest
from fastapi import HTTPException, Request
from rdflib import Graph, URIRef

from api.http.negotiation import choose, choose_format

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
    assert header == "id,type,label,kind,part_of,places" and len(rows) == 5


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


@pytest.mark.parametrize(
    ("header", "by_client", "by_server"),
    [
        pytest.param(None, "json", "application/json", id="no-header"),
        pytest.param("text/csv, application/json", "csv", "application/json", id="equal-q"),
        pytest.param("text/*;q=0.5, text/csv;q=0", "turtle", "text/turtle", id="specific-zero"),
        pytest.param("application/json;q=0.2, text/turtle;Q=0.9", "turtle", "text/turtle", id="q-case"),
        pytest.param("image/png", None, None, id="none"),
    ],
)
def test_one_parser_two_preferences(header: str | None, by_client: str | None, by_server: str | None) -> None:
    """REST answers follow the client's order among equal q; /sparql and /graphs follow ours."""
    offers = {"application/json": "application/json", "text/turtle": "text/turtle", "text/csv": "text/csv"}
    assert choose(header, offers) == by_server
    headers = [(b"accept", header.encode())] if header else []
    request = Request({"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": headers})
    if by_client is None:
        with pytest.raises(HTTPException) as refused:
            choose_format(request, ("json", "turtle", "csv"))
        assert refused.value.status_code == 406
    else:
        assert choose_format(request, ("json", "turtle", "csv")) == by_client
