"""Pages cut from a range of sort keys (kg.sparql.ranges): the range holds exactly the page's rows, and
on a synthetic graph every unfiltered list gives the same pages as with the whole list sorted."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.sparql.catalog as catalog_module
from api.services.lists import SORTED_BY
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog, RowPage
from kg.sparql.named import bind_params, load_queries, query_text
from kg.sparql.ranges import key_range
from kg.store import EmbeddedStore
from kg.synth.generate import synthesize
from tests.paths import consolidate

# keys over a small alphabet, so that prefixes are shared, one is another's prefix, and "" occurs
KEYS = st.lists(st.text(alphabet="ab\u00e9", max_size=5), max_size=60)


@given(keys=KEYS, offset=st.integers(0, 70), count=st.integers(1, 20))
def test_the_range_holds_exactly_the_rows_of_the_page(keys: list[str], offset: int, count: int) -> None:
    ordered = sorted(keys)
    sizes: dict[str, int] = {}
    for key in keys:
        sizes[key[:3]] = sizes.get(key[:3], 0) + 1
    span = key_range(sizes.items(), offset, count)
    if offset >= len(keys):
        assert span is None
        return
    assert span is not None
    inside = [k for k in ordered if k >= span.start and (span.end is None or k < span.end)]
    # the range is a run of the sorted list that starts before the page and holds all of it
    start = ordered.index(inside[0])
    assert ordered[start : start + len(inside)] == inside
    assert inside[span.offset : span.offset + count] == ordered[offset : offset + count]


def test_no_buckets_no_range() -> None:
    assert key_range([], 0, 10) is None


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    out = io.StringIO()
    synthesize(
        out,
        triples=40_000,
        seed=5,
        data_dir=PROJECT_ROOT / "data",
        ontology_dir=PROJECT_ROOT / "ontology",
        ids=Ids(),
    )
    store = EmbeddedStore()
    store.oxigraph.bulk_load(out.getvalue().encode(), format=ox.RdfFormat.N_QUADS)
    consolidate(store)
    return Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids())


@pytest.mark.parametrize("name", sorted(SORTED_BY))
def test_ranged_pages_are_the_pages_of_the_whole_sorted_list(catalog: Catalog, name: str) -> None:
    whole = catalog.page(name, {}, limit=1000, offset=0)
    total = len(whole.items)
    assert total > 20 and not whole.more  # enough entities to cut several ranges from
    buckets = catalog.rows("sort_buckets", key=SORTED_BY[name])
    assert sum(int(str(row["size"])) for row in buckets) == total
    for limit in (1, 7, 50):
        for offset in sorted(
            {0, 1, limit, total // 3, total // 2, total - limit, total - 1, total, total + 3}
        ):
            if offset < 0:
                continue
            ranged = catalog.page(name, {}, limit=limit, offset=offset, sort_key=SORTED_BY[name])
            assert ranged == catalog.page(name, {}, limit=limit, offset=offset), (limit, offset)
            assert ranged == RowPage(whole.items[offset : offset + limit], offset + limit < total)


def test_a_filtered_list_is_not_cut_from_ranges(catalog: Catalog) -> None:
    """The bucket counts are those of the whole list: with a filter the whole answer is sorted."""
    row = catalog.rows("provinces")[0]
    values = {"province": str(row["id"])}
    ranged = catalog.page("parks", values, limit=5, offset=1, sort_key=SORTED_BY["parks"])
    assert ranged == catalog.page("parks", values, limit=5, offset=1)


@pytest.mark.parametrize(
    ("name", "param"), [("parks", "kind"), ("parks", "industry"), ("initiatives", "measure")]
)
def test_a_broad_filter_read_in_one_pass_gives_the_rows_of_lookups(
    catalog: Catalog, name: str, param: str
) -> None:
    """With only broad anchors the sort keys are read in one pass and joined (#@scan): same pages."""
    query = catalog.query(name)
    assert query.param(param) is not None and query.param(param).broad  # type: ignore[union-attr]
    predicate = {"kind": "parkKind", "industry": "parkInIndustry", "measure": "promotes"}[param]
    values = [
        row["v"] for row in catalog.store.select(f"SELECT DISTINCT ?v WHERE {{ ?x <{TKG[predicate]}> ?v }}")
    ]
    assert len(values) >= 3
    found = 0
    for value in values:
        bindings = bind_params(query, {param: value}, catalog.ids)
        entity = query.name[:-1]  # parks -> park
        pattern = f"?{entity} tkg:{entity}SortKey ?sort_key ."
        for offset in (0, 3):
            scanned_text = query_text(query, bindings, 10, offset)
            assert f"{{ SELECT ?{entity} ?sort_key WHERE {{ {pattern} }} }}" in scanned_text
            looked_up = scanned_text.replace(
                f"{{ SELECT ?{entity} ?sort_key WHERE {{ {pattern} }} }}", pattern
            )
            answer = catalog.store.select(scanned_text, bindings)
            assert answer == catalog.store.select(looked_up, bindings)
            found += len(answer)
    assert found > 10


ANCHORED = [
    (name, param.name)
    for name in sorted(SORTED_BY)
    for param in load_queries(PROJECT_ROOT / "queries")[name].params
    if param.anchor
]


@pytest.mark.parametrize(("name", "param"), ANCHORED)
def test_a_filter_read_in_one_pass_or_looked_up_gives_the_same_pages(
    catalog: Catalog, name: str, param: str
) -> None:
    """Catalog._scan chooses per request between the two plans of a filtered list: same rows."""
    query = catalog.query(name)
    variable = "?" + param
    anchor = query.param(param).anchor  # type: ignore[union-attr]
    prefix = f"PREFIX tkg: <{TKG}>\n"
    found = [
        row[param] for row in catalog.store.select(f"{prefix}SELECT DISTINCT {variable} WHERE {{ {anchor} }}")
    ]
    assert found
    for value in found[:6]:
        bindings = bind_params(query, {param: value}, catalog.ids)
        for offset in (0, 2):
            pages = [
                catalog.store.select(query_text(query, bindings, 5, offset, scan=scan), bindings)
                for scan in (True, False)
            ]
            assert pages[0] == pages[1], (value, offset)


def test_one_pass_when_the_filter_keeps_much_of_the_class(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The anchor's matches (all it selects, parks or not: what the engine looks up) against the class."""
    query, key = catalog.query("parks"), SORTED_BY["parks"]
    total = sum(int(str(row["size"])) for row in catalog.rows("sort_buckets", key=key))
    per_city = catalog.store.select(
        f"SELECT ?city (COUNT(?x) AS ?n) WHERE {{ ?x <{TKG.inCity}> ?city ."
        f" FILTER EXISTS {{ ?p <{TKG.inCity}> ?city ; <{TKG.parkSortKey}> ?k }} }}"
        " GROUP BY ?city ORDER BY ?n ?city"
    )
    sizes = [(row["city"], int(str(row["n"]))) for row in per_city]
    smallest, largest = sizes[0], sizes[-1]
    ratio = total // largest[1] + 1  # a small graph: a ratio under which the two cities differ
    assert smallest[1] * ratio < total < largest[1] * ratio
    monkeypatch.setattr(catalog_module, "SCAN_RATIO", ratio)
    assert catalog._scan(query, {"city": smallest[0]}, key) is False
    assert catalog._scan(query, {"city": largest[0]}, key) is True
    assert catalog._scan(query, {"kind": str(TKG) + "x"}, key) is None  # broad only: the declared rule
    for city, _ in (smallest, largest):  # the page as the catalog makes it is the page of either plan
        page = catalog.page("parks", {"city": city}, limit=3, offset=0, sort_key=key)
        assert page == catalog.page("parks", {"city": city}, limit=3, offset=0)
