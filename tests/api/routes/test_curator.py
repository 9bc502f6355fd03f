"""Curator routes over real HTTP: /validate, /graphs (Graph Store Protocol, auth, change log), /articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from pydantic import SecretStr
from rdflib import Graph, URIRef

from api.app import create_app
from api.routes import curator, graphs
from kg.settings import Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, SHARED, consolidate

BASE = "https://w3id.org/textile-kg/id/"
CURATED = BASE + "graph/curated/parks"
PREFIXES = f"""@base <{BASE}> .
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
# a new park that points at an existing county and cluster (known only from the store)
GOOD = (
    PREFIXES
    + """<park/new-park> a tkg:IndustrialPark ; rdfs:label "New Park"@en ; dcterms:source "visit" ;
    tkg:locatedIn <place/130534> ; tkg:partOf <cluster/qinghe-cashmere-cluster> ."""
)
MORE = (
    PREFIXES
    + """<park/other-park> a tkg:IndustrialPark ; rdfs:label "Other Park"@en ; dcterms:source "visit" ;
    tkg:locatedIn <place/130534> ."""
)
# partOf a county: the shapes want a park or a cluster there
BAD = (
    PREFIXES
    + """<park/bad-park> a tkg:IndustrialPark ; rdfs:label "Bad Park"@en ; dcterms:source "curator" ;
    tkg:locatedIn <place/130534> ; tkg:partOf <place/130534> ."""
)
TURTLE = {"Content-Type": "text/turtle"}
TOKEN = "s3cret-token"


def auth(token: str = TOKEN) -> dict[str, str]:
    return {**TURTLE, "Authorization": f"Bearer {token}"}


def fresh_fixture_store(path: Path | None = None) -> EmbeddedStore:
    """A store of its own holding the fixture TriG (writes in one test do not reach another)."""
    store = EmbeddedStore(path)
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    return store


@pytest.fixture
def server() -> Iterator[tuple[str, EmbeddedStore]]:
    """A fresh store and server per test: writes do not leak between tests."""
    store = fresh_fixture_store()
    settings = Settings(
        base_iri=BASE,
        write_token=SecretStr(TOKEN),
        write_tokens=SecretStr("alice:alice-token"),
        max_body_bytes=20_000,
        response_cache=False,
    )
    with live_server(create_app(settings, store, routers=[curator.router, graphs.router])) as base:
        yield base, store
    store.close()


def test_validate_conforming_park_with_store_context(server: tuple[str, EmbeddedStore]) -> None:
    base, _ = server
    answer = httpx.post(base + "/validate", content=GOOD, headers=TURTLE)
    assert answer.status_code == 200, answer.text
    assert answer.json()["conforms"] is True


def test_validate_report_fields(server: tuple[str, EmbeddedStore]) -> None:
    base, _ = server
    report = httpx.post(base + "/validate", content=BAD, headers=TURTLE).json()
    assert report["conforms"] is False
    result = next(r for r in report["results"] if r["severity"] == "Violation")
    assert result["focus_node"] == BASE + "park/bad-park"
    assert set(result) >= {"severity", "focus_node", "path", "value", "message", "shape", "evidence"}
    assert any(c["severity"] == "Violation" and c["count"] >= 1 for c in report["counts"])


def test_validate_evidence_from_the_store(server: tuple[str, EmbeddedStore]) -> None:
    base, store = server
    annotated = store.select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT ?body WHERE { GRAPH ?g { ?a oa:hasBody ?body } } LIMIT 1"
    ).rows[0][0]
    # make that entity break a shape: a park partOf a county
    data = PREFIXES + f"<{annotated}> a tkg:IndustrialPark ; tkg:partOf <place/130534> ."
    report = httpx.post(base + "/validate", content=data, headers=TURTLE).json()
    flagged = [r for r in report["results"] if r["focus_node"] == str(annotated)]
    assert flagged and flagged[0]["evidence"] and isinstance(flagged[0]["evidence"][0], str)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param("application/n-triples", f"<{BASE}park/x> <{BASE}p> <{BASE}o> .\n", id="ntriples"),
        pytest.param("application/n-quads", f"<{BASE}park/x> <{BASE}p> <{BASE}o> <{BASE}g> .\n", id="nquads"),
        pytest.param("application/trig", f"<{BASE}g> {{ <{BASE}park/x> <{BASE}p> <{BASE}o> }}", id="trig"),
        pytest.param(
            "application/ld+json",
            json.dumps({"@id": BASE + "park/x", BASE + "p": {"@id": BASE + "o"}}),
            id="jsonld",
        ),
    ],
)
def test_validate_formats(server: tuple[str, EmbeddedStore], content_type: str, body: str) -> None:
    base, _ = server
    answer = httpx.post(base + "/validate", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 200, answer.text
    assert "conforms" in answer.json()


@pytest.mark.parametrize(
    ("content_type", "body", "status", "words"),
    [
        pytest.param("text/turtle", "<a> <b> .\n", 400, "line 1", id="turtle-syntax"),
        pytest.param(
            "text/turtle",
            "@prefix x: <http://x/> .\n\nx:a x:b x:c ;\n  x:d .\n",
            400,
            "line",
            id="turtle-line",
        ),
        pytest.param("application/ld+json", '{"@id": "http://x/a", ', 400, "line", id="jsonld-syntax"),
        pytest.param(
            "application/ld+json",
            json.dumps({"@context": "http://example.org/context.jsonld", "@id": "x"}),
            400,
            "",
            id="jsonld-remote-context",
        ),
        pytest.param(
            "application/ld+json",
            json.dumps({"@context": {"@import": "http://example.org/c.jsonld"}, "@id": "http://x/a"}),
            400,
            "",
            id="jsonld-import",
        ),
        pytest.param(
            "application/rdf+xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            400,
            "DOCTYPE",
            id="rdfxml-doctype",
        ),
        pytest.param(
            "application/rdf+xml",
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description',
            400,
            "syntax error",  # pyoxigraph's RDF/XML parser gives no position
            id="rdfxml-syntax",
        ),
        pytest.param("application/pdf", "%PDF", 415, "Content-Type", id="unsupported"),
        pytest.param("text/turtle", "# " + "x" * 30_000, 413, "limit", id="too-big"),
    ],
)
def test_validate_bad_input(
    server: tuple[str, EmbeddedStore], content_type: str, body: str, status: int, words: str
) -> None:
    base, _ = server
    answer = httpx.post(base + "/validate", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    assert words in detail and "Traceback" not in detail and "/work" not in detail


def test_graph_store_lifecycle_and_change_log(server: tuple[str, EmbeddedStore]) -> None:
    base, store = server
    url, params = base + "/graphs", {"graph": CURATED}
    assert httpx.get(url, params=params).status_code == 404
    put = httpx.put(url, params=params, content=GOOD, headers=auth())
    assert put.status_code == 201 and put.json()["by"] == "default"
    got = httpx.get(url, params=params, headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/turtle")
    post = httpx.post(url, params=params, content=MORE, headers=auth("alice-token"))
    assert post.status_code == 200 and post.json()["by"] == "alice" and post.json()["removed"] == 0
    assert len(store.get_graph(URIRef(CURATED))) == len(Graph().parse(data=GOOD)) + len(
        Graph().parse(data=MORE)
    )
    jsonld = httpx.get(url, params=params, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json") and jsonld.json()
    conflict = httpx.put(url, params=params, content=MORE, headers=auth())
    assert conflict.status_code == 409 and conflict.headers["etag"] == post.headers["etag"]
    stale = httpx.put(url, params=params, content=MORE, headers={**auth(), "If-Match": put.headers["etag"]})
    assert stale.status_code == 412 and "If-Match" in stale.json()["detail"]
    replaced = httpx.put(
        url, params=params, content=MORE, headers={**auth(), "If-Match": post.headers["etag"]}
    )
    assert replaced.status_code == 200 and replaced.json()["removed"] > 0 and replaced.json()["version"] == 3
    assert httpx.delete(url, params=params, headers=auth()).status_code == 200
    assert httpx.get(url, params=params).status_code == 404
    assert httpx.delete(url, params=params, headers=auth()).status_code == 404
    changes = httpx.get(url + "/changes").json()
    assert [c["operation"] for c in changes] == ["DELETE", "PUT", "POST", "PUT"]
    assert [c["by"] for c in changes] == ["default", "default", "alice", "default"]
    assert all(c["graph"] == CURATED and c["at"] for c in changes)
    assert changes[-1]["added"] == len(Graph().parse(data=GOOD))


def test_put_with_one_violation_writes_nothing(server: tuple[str, EmbeddedStore]) -> None:
    base, store = server
    url, params = base + "/graphs", {"graph": CURATED}
    first = httpx.put(url, params=params, content=GOOD, headers=auth())
    assert first.status_code == 201
    before = store.get_graph(URIRef(CURATED))
    answer = httpx.put(
        url,
        params=params,
        content=GOOD + "\n" + BAD.split("\n", 3)[3],
        headers={**auth(), "If-Match": first.headers["etag"]},
    )
    assert answer.status_code == 422
    assert answer.json()["report"]["conforms"] is False
    assert len(store.get_graph(URIRef(CURATED))) == len(before)
    merge = httpx.post(url, params=params, content=BAD, headers=auth())
    assert merge.status_code == 422 and len(store.get_graph(URIRef(CURATED))) == len(before)
    assert len(httpx.get(base + "/graphs/changes").json()) == 1


@pytest.mark.parametrize(
    ("headers", "status", "challenge"),
    [
        pytest.param(TURTLE, 401, True, id="missing"),
        pytest.param(auth("wrong"), 401, True, id="wrong"),
        pytest.param({**TURTLE, "Authorization": "Basic YTpi"}, 401, True, id="not-bearer"),
    ],
)
def test_writes_need_a_token(
    server: tuple[str, EmbeddedStore], headers: dict[str, str], status: int, challenge: bool
) -> None:
    base, store = server
    for method in ("PUT", "POST", "DELETE"):
        answer = httpx.request(
            method, base + "/graphs", params={"graph": CURATED}, content=GOOD, headers=headers
        )
        assert answer.status_code == status
        assert answer.headers["www-authenticate"].startswith("Bearer")
    assert len(store.get_graph(URIRef(CURATED))) == 0


def test_writes_refused_without_configured_token() -> None:
    store = fresh_fixture_store()
    with live_server(
        create_app(Settings(base_iri=BASE, response_cache=False), store, routers=[graphs.router])
    ) as base:
        answer = httpx.put(base + "/graphs", params={"graph": CURATED}, content=GOOD, headers=auth())
        assert answer.status_code == 403 and "TKG_WRITE_TOKEN" in answer.json()["detail"]
    store.close()


@pytest.mark.parametrize(
    ("params", "status"),
    [
        pytest.param({"default": ""}, 400, id="default-graph"),
        pytest.param({}, 400, id="no-graph"),
        pytest.param({"graph": BASE + "graph/gazetteer"}, 400, id="not-curated"),
        pytest.param({"graph": BASE + "graph/curated/absent"}, 404, id="absent"),
    ],
)
def test_graph_parameter_errors(
    server: tuple[str, EmbeddedStore], params: dict[str, str], status: int
) -> None:
    base, _ = server
    assert httpx.get(base + "/graphs", params=params).status_code == status


def test_rdf_star_is_refused_not_a_server_error(server: tuple[str, EmbeddedStore]) -> None:
    base, _ = server
    body = "<< <http://x/a> <http://x/b> <http://x/c> >> <http://x/d> <http://x/e> ."
    answer = httpx.post(base + "/validate", content=body, headers=TURTLE)
    assert answer.status_code == 400 and "RDF-star" in answer.json()["detail"]


def test_graph_write_bad_input(server: tuple[str, EmbeddedStore]) -> None:
    base, _ = server
    params = {"graph": CURATED}
    syntax = httpx.put(base + "/graphs", params=params, content="<a> <b> .", headers=auth())
    assert syntax.status_code == 400 and "line" in syntax.json()["detail"]
    kind = httpx.put(
        base + "/graphs", params=params, content="x", headers={**auth(), "Content-Type": "text/csv"}
    )
    assert kind.status_code == 415
    big = httpx.put(base + "/graphs", params=params, content="#" * 30_000, headers=auth())
    assert big.status_code == 413


def test_articles_bad_input(server: tuple[str, EmbeddedStore]) -> None:
    base, _ = server
    assert (
        httpx.post(base + "/articles", content=b"{", headers={"Content-Type": "application/json"}).status_code
        == 400
    )
    assert httpx.post(base + "/articles", json={"title": "no text"}).status_code == 400
    assert (
        httpx.post(base + "/articles", content=b"x", headers={"Content-Type": "image/png"}).status_code == 415
    )
    assert (
        httpx.post(base + "/articles", json={"text": "x", "media_type": "application/pdf"}).status_code == 415
    )
    assert httpx.post(base + "/articles", json={"text": "x", "date": "2022-13-45"}).status_code == 400
    assert httpx.post(base + "/articles", json=[1]).status_code == 400
    unauthorised = httpx.post(base + "/articles", params={"dry_run": "false"}, json={"text": "Some text."})
    assert unauthorised.status_code == 401


@pytest.mark.slow
def test_articles_dry_run_store_and_refuse(server: tuple[str, EmbeddedStore]) -> None:
    base, store = server
    text = "The weather was mild on Tuesday, and nothing else happened."
    dry = httpx.post(base + "/articles", json={"text": text, "title": "A quiet day"}, timeout=120)
    assert dry.status_code == 200, dry.text
    document = dry.json()
    assert document["stored"] is False and document["extraction"]["article"]["title"] == "A quiet day"
    assert set(document["report"]) >= {"conforms", "results", "counts"}
    assert len(store.get_graph(URIRef(document["graph"]))) == 0
    stored = httpx.post(
        base + "/articles",
        params={"dry_run": "false", "title": "A quiet day", "date": "2024-01-02"},
        content=text.encode(),
        headers={"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    assert stored.status_code == 200, stored.text
    assert stored.json()["stored"] is True and len(store.get_graph(URIRef(stored.json()["graph"]))) > 0
    assert [c["operation"] for c in httpx.get(base + "/graphs/changes").json()] == ["INGEST"]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not here")
def test_article_that_does_not_conform_is_not_stored(server: tuple[str, EmbeddedStore]) -> None:
    """The fixture store lacks most of the gazetteer, so a real article's place chains fail."""
    base, store = server
    text = sorted((SHARED / "corpus").glob("*.txt"))[0].read_text(encoding="utf-8")
    answer = httpx.post(
        base + "/articles",
        params={"dry_run": "false"},
        json={"text": text, "title": "Corpus article"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    if answer.status_code == 422:
        assert answer.json()["stored"] is False and answer.json()["report"]["conforms"] is False
        assert len(store.get_graph(URIRef(answer.json()["graph"]))) == 0
    else:  # the loaders or the shapes improved: then it must have been stored
        assert answer.status_code == 200 and answer.json()["stored"] is True
