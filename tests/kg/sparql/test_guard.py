"""The read-only guard of /sparql: decisions on tokens, not substrings, in one linear pass."""

from __future__ import annotations

import time

import pytest

from kg.sparql.guard import (
    QueryRefused,
    UpdateRefused,
    check_query,
    expand_escapes,
    may_name_dataset_or_service,
    query_form,
)

NS = "https://w3id.org/textile-kg/id/graph/"


@pytest.mark.parametrize(
    ("query", "form"),
    [
        pytest.param("PREFIX select: <http://x/> ASK { ?s select:p ?o }", "ASK", id="keyword-as-prefix"),
        pytest.param("# INSERT\nSELECT * {}", "SELECT", id="keyword-in-comment"),
        pytest.param("SELECT ?insert { ?insert ?p 'DELETE' }", "SELECT", id="variable-and-string"),
        pytest.param("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", id="base"),
        pytest.param("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", id="update"),
    ],
)
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


def test_escapes_are_expanded_first() -> None:
    assert expand_escapes("SERV\\u0049CE") == "SERVICE"
    with pytest.raises(QueryRefused):
        check_query("SELECT * { SERV\\u0049CE <http://x/> { ?s ?p ?o } }", graph_namespace=NS)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <http://x/> { ?a ?b ?c } }", id="service"),
        pytest.param("SELECT * { OPTIONAL { SERVICE ?endpoint { ?a ?b ?c } } }", id="nested-service"),
        pytest.param("SELECT * { ?s ?p ?o.SERVICE <http://x/> { ?a ?b ?c } }", id="service-after-dot"),
        pytest.param("SELECT * {?s ?p ?o}SERVICE<http://x/>{?a ?b ?c}", id="service-glued-to-braces"),
        pytest.param("PREFIX e: <http://evil/> SELECT * FROM e:g { ?s ?p ?o }", id="from-pname"),
        pytest.param(
            "BASE <http://evil/> SELECT * FROM NAMED <g> { GRAPH ?g { ?s ?p ?o } }", id="from-relative"
        ),
        pytest.param(f"BASE <{NS}> SELECT * FROM <../../evil> {{ ?s ?p ?o }}", id="from-dot-dot"),
        pytest.param("SELECT * FROM <g> { ?s ?p ?o }", id="from-relative-without-base"),
        pytest.param(
            f"PREFIX g: <{NS}> PREFIX g: <http://evil/> SELECT * FROM g:x {{}}", id="prefix-redeclared"
        ),
        pytest.param("SELECT * FROM undeclared:g { ?s ?p ?o }", id="from-undeclared-prefix"),
        pytest.param("SELECT * FROM ?g { ?s ?p ?o }", id="from-variable"),
        pytest.param("SELECT * FROM", id="from-at-the-end"),
        pytest.param("SELECT * {" * 200 + "}" * 200, id="nested-200"),
        pytest.param("SELECT * { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }", id="nested-expression"),
    ],
)
def test_refused(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_query(query, graph_namespace=NS)


def test_updates_refused() -> None:
    with pytest.raises(UpdateRefused):
        check_query("LOAD <http://x/data.ttl> INTO GRAPH <http://x/g>", graph_namespace=NS)


def test_own_from_is_allowed_and_reported() -> None:
    check = check_query(f"PREFIX g: <{NS}> SELECT * FROM g:gazetteer {{ ?s ?p ?o }}", graph_namespace=NS)
    assert check.has_dataset and check.form == "SELECT"
    plain = check_query("SELECT ?from WHERE { ?from ?p 'service' }", graph_namespace=NS)
    assert not plain.has_dataset
    relative = check_query(
        f"BASE <{NS}> SELECT * FROM <curated/parks> FROM NAMED <a/../b> {{ ?s ?p ?o }}", graph_namespace=NS
    )
    assert relative.has_dataset
    escaped = f"PREFIX g: <{NS}> SELECT * FROM g:curated\\/parks {{ ?s ?p ?o }}"
    assert check_query(escaped, graph_namespace=NS).has_dataset


def test_a_long_query_with_from_is_checked_in_linear_time() -> None:
    """95 KB of FILTER with a FROM: rdflib's parser, used before, took 56 s of CPU here."""
    query = f"SELECT * FROM <{NS}current> WHERE {{ ?s ?p ?o FILTER("
    query += " || ".join(f'?o = "v{i}"' for i in range(6000)) + ") }"
    started = time.perf_counter()
    assert check_query(query, graph_namespace=NS).has_dataset
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("# parks from the province\nSELECT * { ?s ?p 'from' }", False, id="comment-and-string"),
        pytest.param(
            "PREFIX from: <http://x/> SELECT ?from { ?from from:p <http://x/from> }", False, id="names"
        ),
        pytest.param("SELECT * { ?s tkg:fromYear ?y ; tkg:service ?v }", False, id="local-names"),
        pytest.param("SELECT * FROM <http://x/> { ?s ?p ?o }", True, id="from"),
        pytest.param("SELECT * { service <http://x/> { ?s ?p ?o } }", True, id="lower-case-service"),
    ],
)
def test_only_queries_that_may_name_a_dataset_or_service_are_parsed(query: str, expected: bool) -> None:
    assert may_name_dataset_or_service(query) is expected


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(
            "PREFIX tkg: <https://w3id.org/textile-kg/ontology#> SELECT * WHERE "
            "{ SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            id="one-line-prefix-with-hash",
        ),
        pytest.param("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }", id="silent-variable"),
        pytest.param("select * { service <http://x/> { ?s ?p ?o } }", id="lower-case"),
    ],
)
def test_service_is_refused_as_service(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(query, graph_namespace=NS)


def test_service_as_a_name_is_not_refused() -> None:
    query = "PREFIX service: <http://x/> SELECT ?service { ?service service:p 'SERVICE' }"
    assert check_query(query, graph_namespace=NS).form == "SELECT"
