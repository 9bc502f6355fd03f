"""/sparql over real HTTP (uvicorn in a thread) on an on-disk store loaded with tests/data/fixture.trig."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from api.app import create_app
from api.routes import sparql
from kg.settings import Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate

BASE = "https://w3id.org/textile-kg/id/"
PARKS = """PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?park ?label WHERE { ?park a tkg:IndustrialPark ; rdfs:label ?label } ORDER BY ?label"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f FILTER(?b = ?f && ?a != ?e) }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("sparql-store"))
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    # a few thousand generated triples for the run-away query (a three-way cross join)
    bulk = ox.NamedNode(BASE + "graph/bulk")
    store.oxigraph.extend(
        ox.Quad(ox.NamedNode(f"{BASE}x/{i}"), ox.NamedNode(f"{BASE}x/p"), ox.Literal(i % 50), bulk)
        for i in range(3000)
    )
    store.oxigraph.flush()
    store.changed()
    yield store
    store.close()


@pytest.fixture(scope="module")
def url(store: EmbeddedStore) -> Iterator[str]:
    settings = Settings(base_iri=BASE, query_timeout=2.0, max_rows=5, response_cache=False)
    with live_server(create_app(settings, store, routers=[sparql.router])) as base:
        yield base + "/sparql"


def test_get_select_json(url: str) -> None:
    answer = httpx.get(url, params={"query": PARKS}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    document = answer.json()
    assert document["head"]["vars"] == ["park", "label"]
    assert {b["label"]["value"] for b in document["results"]["bindings"]} >= {"Qinghe Cashmere Town"}


@pytest.mark.parametrize(
    ("accept", "media_type", "marker"),
    [
        pytest.param(
            "application/sparql-results+xml", "application/sparql-results+xml", b"<sparql", id="xml"
        ),
        pytest.param("text/csv", "text/csv", b"park,label", id="csv"),
        pytest.param("text/tab-separated-values", "text/tab-separated-values", b"?park\t?label", id="tsv"),
        pytest.param(
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
            b"<sparql",
            id="q",
        ),
        pytest.param("*/*", "application/sparql-results+json", b'"vars"', id="any"),
        pytest.param("", "application/sparql-results+json", b'"vars"', id="none"),
    ],
)
def test_select_formats_by_accept(url: str, accept: str, media_type: str, marker: bytes) -> None:
    answer = httpx.get(url, params={"query": PARKS}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media_type)
    assert marker in answer.content


def test_post_form_and_direct(url: str) -> None:
    form = httpx.post(
        url, data={"query": "ASK { ?s a ?type }"}, headers={"Accept": "application/sparql-results+json"}
    )
    assert form.status_code == 200 and form.json()["boolean"] is True
    direct = httpx.post(
        url,
        content=PARKS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert direct.status_code == 200 and direct.text.startswith("park,label")


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        pytest.param("text/turtle", "text/turtle", id="turtle"),
        pytest.param("application/n-triples", "application/n-triples", id="ntriples"),
        pytest.param("application/ld+json", "application/ld+json", id="jsonld"),
        pytest.param("application/trig", "application/trig", id="trig"),
    ],
)
def test_construct_formats(url: str, accept: str, media_type: str) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/gazetteer> {{ ?s ?p ?o }} }} LIMIT 3"
    answer = httpx.get(url, params={"query": query}, headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(media_type)
    fmt = ox.RdfFormat.from_media_type(media_type)
    assert fmt is not None and len(list(ox.parse(answer.content, format=fmt))) == 3


def test_describe_default_turtle(url: str) -> None:
    answer = httpx.get(url, params={"query": f"DESCRIBE <{BASE}place/130534>"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    assert b"130534" in answer.content


def test_not_acceptable(url: str) -> None:
    answer = httpx.get(url, params={"query": PARKS}, headers={"Accept": "image/png"})
    assert answer.status_code == 406
    graph = httpx.get(
        url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "text/csv"}
    )
    assert graph.status_code == 406


def test_dataset_parameters(url: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = httpx.get(url, params={"query": count}, headers={"Accept": "text/csv"})
    gazetteer = httpx.get(
        url,
        params={"query": count, "default-graph-uri": BASE + "graph/gazetteer"},
        headers={"Accept": "text/csv"},
    )
    n_union, n_gazetteer = int(union.text.split()[1]), int(gazetteer.text.split()[1])
    assert 0 < n_gazetteer < n_union
    named = httpx.get(
        url,
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": BASE + "graph/ontology",
        },
        headers={"Accept": "text/csv"},
    )
    assert named.text.split()[1:] == [BASE + "graph/ontology"]
    from_ours = httpx.get(
        url,
        params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/gazetteer> {{ ?s ?p ?o }}"},
        headers={"Accept": "text/csv"},
    )
    assert int(from_ours.text.split()[1]) == n_gazetteer


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        pytest.param({"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, 403, "read-only", id="update-in-query"),
        pytest.param({"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}, 403, "read-only", id="update-param"),
        pytest.param({"query": "# SELECT\nDROP ALL"}, 403, "read-only", id="update-after-comment"),
        pytest.param({"query": "LOAD <http://example.org/data.ttl>"}, 403, "read-only", id="load"),
        pytest.param(
            {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
            400,
            "SERVICE",
            id="service",
        ),
        pytest.param(
            {"query": "SELECT * { SERV\\u0049CE <http://example.org/sparql> { ?s ?p ?o } }"},
            400,
            "SERVICE",
            id="service-escaped",
        ),
        pytest.param(
            {"query": "SELECT * FROM <http://example.org/g> { ?s ?p ?o }"}, 400, "FROM", id="remote-from"
        ),
        pytest.param(
            {"query": "SELECT * FROM NAMED <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }"},
            400,
            "FROM",
            id="remote-from-named",
        ),
        pytest.param(
            {"query": PARKS, "default-graph-uri": "http://example.org/g"},
            400,
            "refused",
            id="remote-default-graph",
        ),
        pytest.param({"query": "SELECT * WHERE { ?s ?p }"}, 400, "SPARQL", id="syntax"),
        pytest.param({"query": ""}, 400, "query", id="empty"),
        pytest.param(
            {"query": "SELECT (<http://x/f>(?o) AS ?y) { ?s ?p ?o }"},
            400,
            "custom function",
            id="unknown-function",
        ),
        pytest.param(
            {"query": PARKS, "default-graph-uri": BASE + "graph/a b"}, 400, "IRI", id="bad-graph-iri"
        ),
        pytest.param(
            {"query": "SELECT * { ?s ?p ?o } LIMIT 99999999999999999999999"}, 400, "limit", id="huge-limit"
        ),
    ],
)
def test_refused(url: str, params: dict[str, str], status: int, words: str) -> None:
    answer = httpx.get(url, params=params)
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    assert words in detail and "Traceback" not in detail and "/tmp" not in detail


def test_keywords_in_comments_and_strings_are_not_refused(url: str) -> None:
    query = '# SERVICE <http://example.org/> FROM <http://example.org/g>\nSELECT ("SERVICE" AS ?x) WHERE {}'
    answer = httpx.get(url, params={"query": query}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and "SERVICE" in answer.text


def test_update_content_types_refused(url: str) -> None:
    update = httpx.post(url, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert update.status_code == 403
    form = httpx.post(url, data={"update": "DROP ALL"})
    assert form.status_code == 403
    other = httpx.post(url, content=b"{}", headers={"Content-Type": "application/json"})
    assert other.status_code == 415


def test_body_over_limit(store: EmbeddedStore) -> None:
    settings = Settings(base_iri=BASE, max_body_bytes=100, response_cache=False)
    with live_server(create_app(settings, store, routers=[sparql.router])) as base:
        big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 200).encode()
        answer = httpx.post(
            base + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
        )
        assert answer.status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while the stream arrives
            yield b"query=SELECT"
            yield b"+*" * 100

        streamed = httpx.post(
            base + "/sparql", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert streamed.status_code == 413


def test_row_cap_reported(url: str) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    answer = httpx.get(url, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert answer.headers["x-tkg-truncated"] == "true"
    document = answer.json()
    assert document["truncated"] is True and len(document["results"]["bindings"]) == 5
    csv = httpx.get(url, params={"query": query}, headers={"Accept": "text/csv"})
    assert csv.status_code == 422 and "/dump" in csv.json()["detail"]  # CSV cannot say it was cut
    small = httpx.get(url, params={"query": query + " LIMIT 5"}, headers={"Accept": "text/csv"})
    assert "x-tkg-truncated" not in small.headers


@pytest.mark.slow
def test_runaway_query_times_out_without_blocking_others(url: str) -> None:
    results: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        answer = httpx.get(url, params={"query": RUNAWAY}, timeout=30)
        results["status"], results["seconds"] = answer.status_code, time.monotonic() - started
        results["detail"] = answer.json()["detail"]

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    other = httpx.get(
        url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"}
    )
    assert other.status_code == 200 and time.monotonic() - started < 1.0
    thread.join()
    assert results["status"] == 504
    assert "time limit" in str(results["detail"])
    assert float(results["seconds"]) < 2.0 + 1.0  # type: ignore[arg-type]
    after = httpx.get(
        url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"}
    )
    assert after.status_code == 200  # the killed worker was replaced


def convert(client: SPARQLWrapper) -> Any:
    return client.query().convert()


def test_sparqlwrapper_client(url: str) -> None:
    client = SPARQLWrapper(url)
    client.setQuery(PARKS)
    client.setReturnFormat(JSON)
    rows = convert(client)["results"]["bindings"]
    assert any(r["label"]["value"] == "Qinghe Cashmere Town" for r in rows)
    client.setReturnFormat(XML)
    assert convert(client).getElementsByTagName("result")
    client.setReturnFormat(CSV)
    assert convert(client).startswith(b"park,label")
    client.setQuery("ASK { ?s a <https://w3id.org/textile-kg/ontology#IndustrialPark> }")
    client.setReturnFormat(JSON)
    assert convert(client)["boolean"] is True
    client.setQuery(f"CONSTRUCT WHERE {{ <{BASE}place/130534> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    assert b"130534" in convert(client)
    client.setMethod(POST)
    client.setQuery(PARKS)
    client.setReturnFormat(JSON)
    assert convert(client)["results"]["bindings"]


def test_registered_in_the_app_over_an_in_memory_store(client: httpx.Client) -> None:
    """The full app (tests/api/conftest.py, in-memory store: queries run on a thread, not a worker)."""
    answer = client.get("/sparql", params={"query": PARKS}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.text.startswith("park,label")
    assert client.get("/graphs/changes").json() == []
