"""The catalog's prefetched answers: the same rows as asked one by one, started side by side, and an
error where the rows are read."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import replace

import pyoxigraph as ox
import pytest
from rdflib import XSD, Literal, URIRef

from kg.errors import InputError, QueryTimeout
from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog, _key
from kg.sparql.named import load_queries, parse_query, values_text
from kg.store import EmbeddedStore
from kg.store.base import SelectResult
from tests.paths import FIXTURE, consolidate

CLUSTER = URIRef("https://w3id.org/textile-kg/id/cluster/qinghe-cashmere-cluster")
NAMES = ("entity_labels", "entity_statements", "place_chain", "entity_figures")


class Counting(EmbeddedStore):
    """An in-memory store that counts the SELECTs it runs and the threads that ran them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.threads: set[str] = set()

    def select(self, *args: object, **kwargs: object) -> SelectResult:  # type: ignore[override]
        self.calls += 1
        self.threads.add(threading.current_thread().name)
        return super().select(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store() -> Counting:
    found = Counting()
    found.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(found)
    return found


def test_prefetched_rows_are_the_rows_and_each_query_runs_once(store: Counting) -> None:
    catalog = Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids())
    expected = {name: catalog.rows(name, entity=CLUSTER) for name in NAMES}
    assert all(expected.values())
    store.calls, store.threads = 0, set()
    ahead = catalog.prefetched((name, {"entity": CLUSTER}) for name in NAMES)
    assert {name: ahead.rows(name, entity=CLUSTER) for name in NAMES} == expected
    assert store.calls == len(NAMES)  # read from the started answers, not asked again
    assert all(name.startswith("tkg-prefetch") for name in store.threads)
    assert ahead.rows("entity_labels", entity=URIRef(str(CLUSTER) + "-other")) == []  # not prefetched: asked
    assert store.calls == len(NAMES) + 1


def test_an_error_of_a_prefetched_query_is_raised_where_its_rows_are_read(store: Counting) -> None:
    catalog = Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids())
    ahead = catalog.prefetched([("parks", {"year": "not a year"})])
    with pytest.raises(InputError, match="year"):
        ahead.rows("parks", year="not a year")


def test_prefetched_answers_are_told_apart_by_datatype_and_language() -> None:
    year = _key("q", {"v": Literal("2020", datatype=XSD.gYear)}, None, 0)
    assert year != _key("q", {"v": Literal("2020")}, None, 0)
    assert _key("q", {"v": Literal("x", lang="en")}, None, 0) != _key(
        "q", {"v": Literal("x", lang="zh")}, None, 0
    )
    assert _key("q", {"v": "2020"}, None, 0) != _key("q", {"v": Literal("2020")}, None, 0)


def test_a_prefetch_still_waiting_past_the_time_limit_is_a_timeout_and_pending_ones_are_dropped(
    store: Counting,
) -> None:
    catalog = Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids(), timeout=0.2)
    never: Future[SelectResult] = Future()  # a prefetch no thread has started
    key = _key("entity_labels", {"entity": CLUSTER}, None, 0)
    waiting = replace(catalog, ahead={key: never})
    with pytest.raises(QueryTimeout, match="entity_labels"):
        waiting.rows("entity_labels", entity=CLUSTER)
    assert never.cancelled()
    other: Future[SelectResult] = Future()
    replace(catalog, ahead={key: other}).cancel_pending()
    assert other.cancelled()


def test_rows_for_several_values_are_the_rows_of_each_in_one_query(store: Counting) -> None:
    """A search page asks where its hits are in one query: the same rows as one query per hit."""
    catalog = Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids())
    located = "SELECT DISTINCT ?x { ?x <https://w3id.org/textile-kg/ontology#locatedIn> ?p }"
    entities = [URIRef(str(row["x"])) for row in store.select(located)]
    assert len(entities) > 5
    one_by_one = {str(e): catalog.rows("place_context", entity=e) for e in entities}
    store.calls = 0
    unknown = URIRef("https://w3id.org/textile-kg/id/cluster/no-such-cluster")
    together = catalog.rows_for("place_context", "entity", [*entities, entities[0], unknown])
    assert store.calls == 1
    by_entity = {str(row.pop("id")): [row] for row in together}  # each row names its entity, once
    assert len(together) == len(entities) and by_entity == one_by_one  # no row for the unknown one
    parents = sorted({URIRef(str(row["parent"])) for row in together})
    labels = {str(row.pop("id")): [row] for row in catalog.rows_for("place_label", "place", parents)}
    assert labels == {str(place): catalog.rows("place_label", place=place) for place in parents}
    assert catalog.rows_for("place_context", "entity", []) == []


@pytest.mark.parametrize(
    ("name", "param", "message"),
    [
        pytest.param("clusters", "limit_to", "not an IRI parameter", id="unknown"),
        pytest.param("search", "q", "not an IRI parameter", id="a string parameter"),
    ],
)
def test_values_text_takes_a_declared_iri_parameter_only(name: str, param: str, message: str) -> None:
    query = load_queries(PROJECT_ROOT / "queries")[name]
    with pytest.raises(ValueError, match=message):
        values_text(query, param, [CLUSTER])


_HEAD = "# param ?entity: an entity [type: iri]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            _HEAD + "# param ?other: more [type: iri]\nSELECT ?entity ?other WHERE { ?entity ?p ?other }",
            "only parameter",
            id="two parameters",
        ),
        pytest.param(
            _HEAD + "SELECT ?entity ?n WHERE { { SELECT ?entity (COUNT(*) AS ?n) WHERE { ?entity ?p ?o } "
            "GROUP BY ?entity LIMIT 1 } }",
            "not a flat query",
            id="a sub-select",
        ),
        pytest.param(_HEAD + "SELECT ?o ?entity WHERE { ?entity ?p ?o }", "first projected", id="not first"),
    ],
)
def test_values_text_takes_flat_queries_only(text: str, message: str) -> None:
    """A block of values means what one bound value does only in a flat query whose rows name it."""
    with pytest.raises(ValueError, match=message):
        values_text(parse_query("q", text, "test"), "entity", [CLUSTER])


def test_values_text_opens_the_where_clause_past_the_comments() -> None:
    text = _HEAD + "# not this WHERE { in a comment\nSELECT ?entity ?o WHERE { ?entity ?p ?o }"
    made = values_text(parse_query("q", text, "test"), "entity", [CLUSTER])
    assert made.split("WHERE {", 1)[1].lstrip().startswith(f"VALUES ?entity {{ <{CLUSTER}> }}")


def test_values_text_refuses_an_unsafe_iri() -> None:
    query = load_queries(PROJECT_ROOT / "queries")["place_context"]
    with pytest.raises(InputError, match="not an absolute IRI"):
        values_text(query, "entity", [URIRef("https://example.org/a> } ; DROP ALL ; <x")])
