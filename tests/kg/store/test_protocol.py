"""kg.store.protocol: serialised answers with a row cap and a deadline, straight from pyoxigraph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import InputError, NotAcceptableError, QueryTimeout
from kg.store.protocol import RawQuery, run_raw

JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode("http://example.org/g")
    store.extend(
        ox.Quad(
            ox.NamedNode(f"http://example.org/s{i}"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal(f"line\n{i}"),
            graph,
        )
        for i in range(300)
    )
    return store


def test_cap_counts_rows_not_newlines_in_literals(store: ox.Store) -> None:
    answer = run_raw(
        store,
        RawQuery("SELECT ?o { ?s ?p ?o }", "application/sparql-results+xml", None, max_rows=10),
        timeout=5,
    )
    assert answer.truncated
    rows = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.XML)
    assert isinstance(rows, ox.QuerySolutions)
    assert [str(r["o"].value).startswith("line\n") for r in rows] == [True] * 10


@pytest.mark.parametrize(("limit", "truncated"), [(300, False), (299, True), (1000, False)])
def test_cap_boundary(store: ox.Store, limit: int, truncated: bool) -> None:
    answer = run_raw(store, RawQuery("SELECT * { ?s ?p ?o }", JSON, None, max_rows=limit), timeout=5)
    assert answer.truncated is truncated


def test_graph_answers_are_capped_in_triples(store: ox.Store) -> None:
    query = RawQuery("CONSTRUCT WHERE { ?s ?p ?o }", None, "text/turtle", max_rows=7)
    answer = run_raw(store, query, timeout=5)
    assert answer.truncated and len(list(ox.parse(answer.body, format=ox.RdfFormat.TURTLE))) == 7


def test_errors(store: ox.Store) -> None:
    with pytest.raises(NotAcceptableError):
        run_raw(store, RawQuery("ASK {}", None, "text/turtle"), timeout=5)
    with pytest.raises(InputError):
        run_raw(store, RawQuery("SELECT * {", JSON, None), timeout=5)
    with pytest.raises(QueryTimeout):
        run_raw(
            store,
            RawQuery("SELECT * { ?a ?b ?c . ?d ?e ?f }", "text/csv", None, max_rows=10**9),
            timeout=0.05,
        )
