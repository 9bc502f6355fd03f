"""Pages cut from a range of sort keys (kg.sparql.ranges): the range holds exactly the page's rows, and
on a synthetic graph every unfiltered list gives the same pages as with the whole list sorted."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS, XSD

import kg.sparql.catalog as catalog_module
from api.services.lists import SORTED_BY
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog, RowPage
from kg.sparql.named import bind_params, load_queries, query_text
from kg.sparql.ranges import key_range
from kg.store import EmbeddedStore
from tests.paths import consolidate, synthetic_store

# keys over a small alphabet, so that prefixes are shared, one is another's prefix, and "" occurs; with
# a space, a tab and a no-break space, which a prefix keeps
KEYS = st.lists(st.text(alphabet="ab\u00e9 \t\u00a0", max_size=5), max_size=60)


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
    store = synthetic_store(40_000, seed=5)
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
        for offset in (0, 3):
            scanned_text = query_text(query, bindings, 10, offset)  # the declared rule: broad -> one pass
            assert scanned_text == query_text(query, bindings, 10, offset, scan=True)
            answer = catalog.store.select(scanned_text, bindings)
            assert answer == catalog.store.select(
                query_text(query, bindings, 10, offset, scan=False), bindings
            )
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


BASE, TKG_NS = "https://w3id.org/textile-kg/id/", str(TKG)
# labels whose keys start or end with spaces, hold a tab, or are shorter than a bucket's prefix
ODD_LABELS = [
    "Li",
    "Li Ning",
    "Li\tNing",
    " Li",
    "\u00a0Ab",
    "A",
    "Ab",
    "Ab c",
    "Ab\u00a0d",
    "Li ",
    "Lí",
    "L",
]


def odd_store(*extra: ox.Quad) -> EmbeddedStore:
    from tests.paths import FIXTURE

    graph = ox.NamedNode(BASE + "graph/curated/odd")
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    quads = list(extra)
    for n, label in enumerate(ODD_LABELS):
        park = ox.NamedNode(f"{BASE}park/odd-{n:02d}")
        quads += [
            ox.Quad(park, ox.NamedNode(str(RDF.type)), ox.NamedNode(TKG_NS + "IndustrialPark"), graph),
            ox.Quad(park, ox.NamedNode(str(RDFS.label)), ox.Literal(label, language="en"), graph),
        ]
    store.oxigraph.extend(quads)
    consolidate(store)
    return store


def test_keys_with_spaces_tabs_and_short_prefixes_page_as_the_whole_sort() -> None:
    """A bucket's prefix is bound as a term, spaces and tabs kept (not as user text, which is stripped
    and refuses control characters)."""
    catalog = Catalog(odd_store(), load_queries(PROJECT_ROOT / "queries"), Ids())
    buckets = {str(row["id"]) for row in catalog.rows("sort_buckets", key=SORTED_BY["parks"])}  # ?bucket
    assert {"Li ", "Li\t", " Li", "\u00a0Ab", "A", "L"} <= buckets
    whole = catalog.page("parks", {}, limit=1000, offset=0)
    for limit in (1, 2, 3):
        for offset in range(len(whole.items) + 1):
            ranged = catalog.page("parks", {}, limit=limit, offset=offset, sort_key=SORTED_BY["parks"])
            assert ranged == RowPage(whole.items[offset : offset + limit], offset + limit < len(whole.items))


def test_an_anchor_matching_twice_repeats_no_park_across_pages() -> None:
    """Parks with two designations of one title: each is on one page, once."""
    title = ox.NamedNode("https://w3id.org/textile-kg/title/hebei-key-characteristic-industrial-cluster")
    graph = ox.NamedNode(BASE + "graph/curated/twice")
    quads = []
    for n in range(3):
        park = ox.NamedNode(f"{BASE}park/odd-{n:02d}")
        for year in ("2019", "2021"):
            designation = ox.NamedNode(f"{BASE}designation/twice-{n}-{year}")
            quads += [
                ox.Quad(park, ox.NamedNode(TKG_NS + "designatedAs"), designation, graph),
                ox.Quad(
                    designation, ox.NamedNode(str(RDF.type)), ox.NamedNode(TKG_NS + "Designation"), graph
                ),
                ox.Quad(designation, ox.NamedNode(TKG_NS + "title"), title, graph),
                ox.Quad(
                    designation,
                    ox.NamedNode(TKG_NS + "year"),
                    ox.Literal(year, datatype=ox.NamedNode(str(XSD.gYear))),
                    graph,
                ),
            ]
    catalog = Catalog(odd_store(*quads), load_queries(PROJECT_ROOT / "queries"), Ids())
    values = {"designation": title.value}
    whole = catalog.page("parks", values, limit=1000, offset=0).items
    assert {f"{BASE}park/odd-{n:02d}" for n in range(3)} <= {str(item["id"]) for item in whole}
    seen = []
    for offset in range(0, len(whole), 2):
        page = catalog.page("parks", values, limit=2, offset=offset)
        assert len(page.items) == min(2, len(whole) - offset) and page.more == (offset + 2 < len(whole))
        seen += [item["id"] for item in page.items]
    assert seen == [item["id"] for item in whole] and len(set(seen)) == len(seen)


def test_the_bucket_query_takes_every_sort_key_and_the_lists_name_theirs() -> None:
    """sort_buckets.rq names the sort keys it takes; they are the derived ones (LISTED), and each list
    cut from ranges pages by one of them."""
    from kg.consolidation.derive import LISTED

    text = (PROJECT_ROOT / "queries" / "internal" / "sort_buckets.rq").read_text(encoding="utf-8")
    named = set(re.findall(r"tkg:(\w+SortKey)", text))
    assert named == {curie.removeprefix("tkg:") for curie in LISTED.values()}
    assert {str(key).rsplit("#", 1)[1] for key in SORTED_BY.values()} <= named
