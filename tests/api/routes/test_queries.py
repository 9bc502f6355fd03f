"""Contract of every named query: parses, declared parameters projected, rows on the fixture, hostile
values return nothing; and /queries lists and runs them over real HTTP."""

from pathlib import Path

import httpx
import pytest
from rdflib import Literal

from api.services.lists import SORTED_BY
from kg.errors import InputError
from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog
from kg.sparql.named import NamedQuery, Param, QueryRole, load_queries, run_query
from kg.sparql.shape import first_use
from kg.store import EmbeddedStore, Store

QUERIES = load_queries(PROJECT_ROOT / "queries")
HOSTILE = [
    pytest.param('x" } ; DROP ALL ; #', id="quote"),
    pytest.param("\\u0022 } ; DROP", id="escaped-quote"),
    pytest.param("> } ; DROP", id="angle"),
]
# parameters that make each query return rows on tests/data/fixture.trig
EXAMPLES: dict[str, dict[str, str]] = {
    "article_entities": {"article": "hebei-garment-parks"},
    "cluster_profile": {"cluster": "qinghe-cashmere-cluster"},
    "concept_users": {"concept": "https://w3id.org/textile-kg/industry/cashmere"},
    "concepts_by_label": {"label": "cashmere"},
    "clusters_by_industry": {"industry": "textiles"},
    "clusters_by_province": {"province": "130000"},
    "describe": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entities_by_label": {"label": "Hebei", "type": "https://w3id.org/textile-kg/ontology#Province"},
    "entity_designations": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_designations_stated": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_figures": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_figures_stated": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_geometry": {"entity": "place/130534"},
    "entity_incoming": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_initiatives": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_labels": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_members": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_sources": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_statements": {"entity": "cluster/qinghe-cashmere-cluster"},
    "entity_types": {"entity": "cluster/qinghe-cashmere-cluster"},
    "graph_date": {"graph": "graph/article/hebei-garment-parks"},
    "graph_first_write": {"graph": "graph/curated/tongxiang"},
    "initiative_profile": {"initiative": "hebei-garment-industry-action-plan"},
    "initiatives_by_province": {"province": "130000"},
    "park_profile": {"park": "qinghe-cashmere-town"},
    "parks_by_province": {"province": "130000"},
    "place_chain": {"entity": "place/130534"},
    "place_context": {"entity": "cluster/qinghe-cashmere-cluster"},
    "place_label": {"place": "place/130534"},
    "province_counts": {"province": "130000"},
    "sort_buckets": {"key": "https://w3id.org/textile-kg/ontology#parkSortKey"},
    "province_members": {"province": "130000"},
    "province_profile": {"province": "130000"},
    "resource": {"entity": "cluster/qinghe-cashmere-cluster"},
    "search": {"q": "qinghe"},
    "stated_in": {"entity": "cluster/qinghe-cashmere-cluster"},
}


def params_for(query: NamedQuery) -> dict[str, str]:
    return EXAMPLES.get(query.name, {})


def test_every_query_has_an_example_for_its_required_parameters() -> None:
    for query in QUERIES.values():
        missing = [p.name for p in query.params if p.required and p.name not in params_for(query)]
        assert not missing, f"{query.name}: add EXAMPLES for {missing}"


@pytest.mark.parametrize("query", QUERIES.values(), ids=list(QUERIES))
def test_query_header_and_projection(query: NamedQuery) -> None:
    assert query.summary and not query.summary.startswith("#")
    if query.form == "select":
        projection = query.text.split("WHERE", 1)[0]
        for param in query.params:
            assert f"?{param.name}" in projection, f"?{param.name} is not projected"


@pytest.mark.parametrize("query", QUERIES.values(), ids=list(QUERIES))
def test_iri_parameters_are_first_bound_by_a_plain_triple_pattern(query: NamedQuery) -> None:
    # pyoxigraph joins substituted parameters late: a parameter first met at the end of a property path or
    # inside UNION/OPTIONAL/a subquery is not pushed into it, and the engine scans every match (158 ms
    # instead of 0.4 ms for one place chain). Literal parameters only feed FILTERs; optional ones filter.
    late = {
        p.name: why
        for p in query.params
        if p.required and p.type == "iri" and (why := first_use(query.text, f"?{p.name}"))
    }
    assert not late, "; ".join(
        f"{query.name}.rq: ?{name} is first used as {why}: bind it first in a plain triple pattern of the "
        "top-level group (e.g. `?x tkg:locatedIn ?province . ?y tkg:locatedIn* ?x`), see kg/sparql/shape.py"
        for name, why in late.items()
    )


# queries that rightly find nothing in tests/data/fixture.trig (tested elsewhere on data that has it)
EMPTY_ON_FIXTURE = {"graph_first_write": "no change log (tests/api/routes/test_validtime.py writes one)"}


@pytest.mark.parametrize("query", [q for q in QUERIES.values() if q.form == "select"], ids=lambda q: q.name)
def test_query_returns_rows_on_the_fixture(fixture_store: EmbeddedStore, query: NamedQuery) -> None:
    rows = run_query(fixture_store, query, params_for(query), Ids())
    assert len(rows) == 0 if query.name in EMPTY_ON_FIXTURE else len(rows) > 0


# the parameters that bound a list's range of sort keys (kg.sparql.ranges), and how a key compares with them
KEY_BOUNDS = {"sort_from": ">=", "sort_to": "<"}


def in_key_range(store: Store, name: str, bound: str, value: str) -> int:
    """How many entities of the list ``name`` have a sort key within the bound ``value`` (bound as a
    literal, not written into the text)."""
    key = SORTED_BY[name]
    test = f"?e <{key}> ?k FILTER(?k {KEY_BOUNDS[bound]} ?v)"
    answer = store.select(
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) ?v WHERE {{ {test} }} GROUP BY ?v", {"v": Literal(value)}
    )
    rows = list(answer)  # no group, no row: nothing in range
    return int(str(rows[0]["n"])) if rows else 0


# every (query, parameter) pair of the SELECT queries: each parameter gets each hostile value
PARAMS = [
    pytest.param(query, param, id=f"{query.name}-{param.name}")
    for query in QUERIES.values()
    if query.form == "select"
    for param in query.params
]


def test_the_hostile_value_test_covers_every_parameter_type() -> None:
    types = {case.values[1].type for case in PARAMS}  # type: ignore[union-attr]
    assert types >= {"string", "iri", "year"} and len(PARAMS) > 40


@pytest.mark.parametrize(("query", "param"), PARAMS)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_value_is_refused_or_finds_nothing(
    fixture_store: EmbeddedStore, query: NamedQuery, param: Param, hostile: str
) -> None:
    """Text parameters are bound as literals and match nothing (a bound of a range of sort keys: the
    entities whose key compares so with that literal); typed ones (IRI, year, ...) refuse it."""
    catalog = Catalog(fixture_store, QUERIES, Ids())
    values = {**params_for(query), param.name: hostile}
    if param.name in KEY_BOUNDS:
        assert len(catalog.run(query, values)) == in_key_range(fixture_store, query.name, param.name, hostile)
    elif param.type == "string":
        assert len(catalog.run(query, values)) == 0
    else:
        with pytest.raises(InputError, match=param.name):
            catalog.run(query, values)


def test_queries_endpoint_lists_the_public_queries(client: httpx.Client) -> None:
    listed = {q["name"] for q in client.get("/queries").json()}
    assert listed == {name for name, q in QUERIES.items() if q.role is QueryRole.PUBLIC}
    assert {"clusters", "search"} <= listed and not listed & {"entity_types", "entity_labels", "describe"}


def test_queries_endpoint_runs_one(client: httpx.Client) -> None:
    answer = client.get("/queries/parks_by_province", params={"province": "130000", "limit": 2})
    assert answer.status_code == 200 and len(answer.json()["items"]) == 2 and answer.json()["next"]


@pytest.mark.parametrize(
    "params",
    [{}, {"province": "hebei"}, {"province": 'x" }'}, {"nope": "1"}, {"province": "130000", "x": "y"}],
)
def test_queries_endpoint_bad_parameters_are_400(client: httpx.Client, params: dict[str, str]) -> None:
    assert client.get("/queries/parks_by_province", params=params).status_code == 400


def test_every_query_file_has_the_role_of_its_folder() -> None:
    roles = {q.name: q.role for q in QUERIES.values()}
    assert roles["clusters"] is QueryRole.PUBLIC and roles["entity_labels"] is QueryRole.PROFILE
    assert roles["entity_types"] is QueryRole.INTERNAL
    for query in QUERIES.values():
        folder = "" if query.role is QueryRole.PUBLIC else f"{query.role}/"
        assert (PROJECT_ROOT / "queries" / f"{folder}{query.name}.rq").is_file()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(["drafts/a.rq"], "not in a role folder", id="unknown-folder"),
        pytest.param(["a.rq", "internal/a.rq"], "used by another query file", id="name-twice"),
    ],
)
def test_a_misplaced_query_file_fails_loading(tmp_path: Path, files: list[str], message: str) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# A query\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_queries(tmp_path)
