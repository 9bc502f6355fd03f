"""The standard behaviour of /sparql over real HTTP: ``format=``, the row cap stated in every format,
predefined prefixes, the refused SERVICE, and the SPARQL 1.1 Service Description."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

from api.app import create_app
from api.http.service_description import SD
from kg.namespaces import PREFIXES, SH
from kg.rdf.terms import to_rdflib
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server

CAP = 5
PARKS = (
    "SELECT DISTINCT ?park ?label WHERE { ?park a tkg:IndustrialPark ; rdfs:label ?label } ORDER BY ?label"
)
MANY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"
FORMATS = "http://www.w3.org/ns/formats/"


@pytest.fixture(scope="module")
def url(fixture_store: EmbeddedStore) -> Iterator[str]:
    settings = Settings(queries_dir=PROJECT_ROOT / "queries", max_rows=CAP, response_cache=False)
    with live_server(create_app(settings, fixture_store)) as base:
        yield base + "/sparql"


def get(url: str, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(url, params={"query": query, **params}, headers=headers)


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        pytest.param("json", "application/sparql-results+json", id="json"),
        pytest.param("xml", "application/sparql-results+xml", id="xml"),
        pytest.param("csv", "text/csv", id="csv"),
        pytest.param("tsv", "text/tab-separated-values", id="tsv"),
        pytest.param("text/csv", "text/csv", id="csv-media-type"),
        pytest.param("application/sparql-results+xml", "application/sparql-results+xml", id="xml-media-type"),
    ],
)
def test_select_format_parameter_wins_over_accept(url: str, fmt: str, media_type: str) -> None:
    answer = get(url, PARKS + " LIMIT 2", "application/sparql-results+json;q=1, */*;q=0.1", format=fmt)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(media_type)
    assert b"Qinghe Cashmere Town" in answer.content or b"label" in answer.content


def test_csv_by_format_reads_as_a_table(url: str) -> None:
    """What ``pd.read_csv(url)`` does: no Accept of its own, ``format=csv`` in the URL."""
    answer = httpx.get(url, params={"query": PARKS, "format": "csv"}, headers={"Accept": "*/*"})
    lines = answer.text.splitlines()
    assert lines[0] == "park,label" and 1 < len(lines) <= CAP + 1


@pytest.mark.parametrize(
    ("fmt", "media_type", "syntax"),
    [
        pytest.param("turtle", "text/turtle", ox.RdfFormat.TURTLE, id="turtle"),
        pytest.param("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, id="ntriples"),
        pytest.param("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, id="jsonld"),
        pytest.param("json", "application/ld+json", ox.RdfFormat.JSON_LD, id="json-is-jsonld-for-graphs"),
        pytest.param("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, id="nquads"),
        pytest.param("trig", "application/trig", ox.RdfFormat.TRIG, id="trig"),
        pytest.param("xml", "application/rdf+xml", ox.RdfFormat.RDF_XML, id="xml-is-rdfxml-for-graphs"),
    ],
)
def test_construct_format_parameter(url: str, fmt: str, media_type: str, syntax: ox.RdfFormat) -> None:
    answer = get(url, GRAPH + " LIMIT 3", "text/turtle", format=fmt)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(media_type)
    assert len(list(ox.parse(answer.content, format=syntax))) == 3


def test_format_in_a_posted_form(url: str) -> None:
    answer = httpx.post(url, data={"query": PARKS, "format": "tsv"})
    assert answer.status_code == 200 and answer.text.startswith("?park\t?label")


@pytest.mark.parametrize(
    ("query", "fmt", "words"),
    [
        pytest.param(PARKS, "turtle", "SELECT", id="turtle-for-select"),
        pytest.param(GRAPH, "csv", "CONSTRUCT", id="csv-for-construct"),
        pytest.param(PARKS, "xlsx", "nquads", id="unknown"),
    ],
)
def test_format_that_cannot_answer(url: str, query: str, fmt: str, words: str) -> None:
    answer = get(url, query, format=fmt)
    assert answer.status_code == 406 and words in answer.json()["detail"]


# --- the row cap, stated in every format --------------------------------------------------------------


def test_truncated_sparql_json_has_a_member(url: str) -> None:
    answer = get(url, MANY, format="json")
    assert answer.headers["x-tkg-truncated"] == "true"
    document = answer.json()
    assert document["truncated"] is True and len(document["results"]["bindings"]) == CAP


def test_truncated_sparql_xml_has_a_comment_and_stays_xml(url: str) -> None:
    answer = get(url, MANY, format="xml")
    assert answer.headers["x-tkg-truncated"] == "true"
    assert b"<!-- truncated: the answer was cut at the row cap of 5 rows" in answer.content
    root = ET.fromstring(answer.content)
    results = root.find("{http://www.w3.org/2005/sparql-results#}results")
    assert results is not None and len(results) == CAP


@pytest.mark.parametrize(
    ("fmt", "syntax"),
    [
        pytest.param("turtle", ox.RdfFormat.TURTLE, id="turtle"),
        pytest.param("ntriples", ox.RdfFormat.N_TRIPLES, id="ntriples"),
        pytest.param("nquads", ox.RdfFormat.N_QUADS, id="nquads"),
        pytest.param("trig", ox.RdfFormat.TRIG, id="trig"),
        pytest.param("rdfxml", ox.RdfFormat.RDF_XML, id="rdfxml"),
    ],
)
def test_truncated_graph_has_a_comment_and_parses(url: str, fmt: str, syntax: ox.RdfFormat) -> None:
    answer = get(url, GRAPH, format=fmt)
    assert answer.status_code == 200 and answer.headers["x-tkg-truncated"] == "true"
    assert b"truncated: the answer was cut at the row cap of 5 rows" in answer.content
    assert b"/dump" in answer.content
    assert len(list(ox.parse(answer.content, format=syntax))) == CAP


@pytest.mark.parametrize(
    ("query", "fmt"),
    [
        pytest.param(MANY, "csv", id="csv"),
        pytest.param(MANY, "tsv", id="tsv"),
        pytest.param(GRAPH, "jsonld", id="jsonld"),
    ],
)
def test_truncated_answer_without_room_for_a_note_is_refused(url: str, query: str, fmt: str) -> None:
    answer = get(url, query, format=fmt)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert "more than 5 rows" in detail and "LIMIT/OFFSET" in detail and "/dump" in detail


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml", "turtle", "jsonld"])
def test_answers_within_the_cap_say_nothing(url: str, fmt: str) -> None:
    query = (GRAPH if fmt in ("turtle", "jsonld") else MANY) + f" LIMIT {CAP}"
    answer = get(url, query, format=fmt)
    assert answer.status_code == 200 and "x-tkg-truncated" not in answer.headers
    assert b"truncated" not in answer.content


# --- SERVICE and the predefined prefixes ---------------------------------------------------------------


def test_one_line_prefix_service_query_is_refused_as_service(url: str) -> None:
    query = (
        "PREFIX tkg: <https://w3id.org/textile-kg/ontology#> SELECT * WHERE "
        "{ SERVICE <https://query.wikidata.org/sparql> { ?s a tkg:IndustrialPark } }"
    )
    answer = get(url, query)
    assert answer.status_code == 400
    assert "SERVICE (federated queries) is refused" in answer.json()["detail"]


def test_predefined_prefixes(url: str) -> None:
    answer = get(url, PARKS, "application/sparql-results+json")
    assert answer.status_code == 200, answer.text
    labels = {b["label"]["value"] for b in answer.json()["results"]["bindings"]}
    assert "Qinghe Cashmere Town" in labels
    every = " ".join(f"?s{i} {p}:x ?o{i} ." for i, p in enumerate(PREFIXES))
    assert get(url, f"ASK {{ OPTIONAL {{ {every} }} }}", "application/sparql-results+json").json() == {
        "head": {},
        "boolean": True,
    }


def test_own_declaration_wins(url: str) -> None:
    query = "PREFIX tkg: <http://example.org/other#> ASK { ?park a tkg:IndustrialPark }"
    assert get(url, query, "application/sparql-results+json").json()["boolean"] is False


def test_error_positions_are_those_of_the_client_text(url: str) -> None:
    query = "SELECT * WHERE { ?s a tkg:IndustrialPark ?o }"
    with pytest.raises(SyntaxError) as error:  # pyoxigraph told the prefix: positions in the text itself
        ox.Store().query(query, prefixes={"tkg": PREFIXES["tkg"]})
    position = str(error.value).split(":", 1)[0]  # "error at 1:42"
    answer = get(url, query)
    assert answer.status_code == 400 and position in answer.json()["detail"]


# --- the service description -----------------------------------------------------------------------------


def description(url: str, accept: str, **params: str) -> Graph:
    answer = httpx.get(url, params=params, headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    media = answer.headers["content-type"].split(";")[0]
    syntax = ox.RdfFormat.from_media_type(media)
    assert syntax is not None
    graph = Graph()
    for quad in ox.parse(answer.content, format=syntax):  # rdflib's JSON-LD parser warns (deprecation)
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def test_service_description(url: str, fixture_store: EmbeddedStore) -> None:
    graph = description(url, "text/turtle")
    service = URIRef(url)
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = {str(o) for o in graph.objects(service, SD.resultFormat)}
    assert {FORMATS + "SPARQL_Results_CSV", FORMATS + "Turtle", FORMATS + "JSON-LD"} <= formats
    assert not list(graph.objects(service, SD.feature))  # none of the vocabulary's features holds
    dataset = graph.value(service, SD.defaultDataset)
    default = graph.value(dataset, SD.defaultGraph)
    base = "https://w3id.org/textile-kg/id/graph/"
    assert {str(g) for g in graph.objects(default, URIRef("http://purl.org/dc/terms/source"))} == {
        base + "current",
        base + "ontology",
    }
    counts = {
        graph.value(named, SD.name): graph.value(graph.value(named, SD.graph), VOID.triples)
        for named in graph.objects(dataset, SD.namedGraph)
    }
    assert counts == {name: Literal(n) for name, n in fixture_store.graph_sizes().items()}
    declared = {str(graph.value(d, SH.prefix)) for d in graph.objects(service, SH.declare)}
    assert declared == set(PREFIXES)


def test_service_description_syntaxes_agree(url: str) -> None:
    turtle = description(url, "text/turtle")
    assert isomorphic(turtle, description(url, "application/ld+json"))
    assert isomorphic(turtle, description(url, "application/rdf+xml"))
    assert isomorphic(turtle, description(url, "*/*", format="turtle"))


@pytest.mark.parametrize(
    ("accept", "status", "kind"),
    [
        pytest.param("*/*", 200, "text/turtle", id="any"),
        pytest.param("text/html,application/xhtml+xml,*/*;q=0.8", 200, "text/html", id="browser"),
        pytest.param("application/sparql-results+json", 400, "application/json", id="results-only"),
    ],
)
def test_get_without_query(url: str, accept: str, status: int, kind: str) -> None:
    answer = httpx.get(url, headers={"Accept": accept})
    assert answer.status_code == status and answer.headers["content-type"].startswith(kind)


def test_sparql_json_member_keeps_json(url: str) -> None:
    """The extra member does not break a strict JSON reader."""
    document = json.load(io.BytesIO(get(url, MANY, format="json").content))
    assert set(document) == {"truncated", "head", "results"}


def test_relative_iris_resolve_against_the_instance_namespace(url: str) -> None:
    answer = get(url, "ASK { <place/130534> ?p ?o }", "application/sparql-results+json")
    assert answer.json()["boolean"] is True
    own = get(
        url, "BASE <http://example.org/> ASK { <place/130534> ?p ?o }", "application/sparql-results+json"
    )
    assert own.json()["boolean"] is False
