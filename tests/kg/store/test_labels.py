"""The label index (kg.store.labels) gives exactly the rows of queries/search.rq, also after writes."""

from __future__ import annotations

import gc
import re
import threading
import weakref
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import InputError
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.named import NamedQuery, load_queries, run_query
from kg.sparql.search import search_entities
from kg.store.embedded import EmbeddedStore
from kg.store.labels.fold import fold, sparql_fold
from kg.store.labels.parts import LABEL_PREDICATES, SEARCH_TYPES
from tests.paths import DATA, FIXTURE, consolidate, synthetic_store

IDS = Ids()
TEXTS = [
    "alpha", "ALPHA", "Alpha County", "alpha county", "county", "a", "al", "zzz-nothing-matches",
    "阿尔法", "县", "ālfǎ", "ĀLFǍ XIÀN", "alfa", "οδος", "ΟΔΟΣ", "σigma", "i̇stanbul", "İstanbul", "denim",
    '"quoted"', "\\with", "100%", "%", "'", "park", "beta park", "gamma", "iri-label", "example.org",
    "prefecture", "multi-line", "qinghe", "Qinghe", "清河", "羊绒", "yangrong", "cashmere", "hebei",
    "x", "e", "  padded alpha  ",
]  # fmt: skip
REFUSED = [" ", "line\nbreak", "x" * 201]


@pytest.fixture(scope="module")
def search_query() -> NamedQuery:
    return load_queries(PROJECT_ROOT / "queries")["search"]


def _store(*files: Path) -> EmbeddedStore:
    store = EmbeddedStore()
    for path in files:
        store.oxigraph.load(path=str(path), format=ox.RdfFormat.TRIG)
    consolidate(store)
    return store


def assert_same(store: EmbeddedStore, query: NamedQuery, q: str) -> int:
    """The index's rows equal the SPARQL rows, whole and paged; returns the row count."""
    expected = run_query(store, query, {"q": q}, IDS)
    assert store.labels.search(q.strip()) == expected, q
    for limit, offset in [(1, 0), (3, 2), (50, 1)]:
        paged = run_query(store, query, {"q": q}, IDS, limit=limit, offset=offset)
        assert search_entities(store, query, q, IDS, limit=limit, offset=offset) == paged, (q, limit, offset)
    return len(expected)


@pytest.mark.parametrize("q", REFUSED)
def test_refused_texts_are_refused_alike(search_query: NamedQuery, q: str) -> None:
    store = _store(DATA / "labels.trig")
    with pytest.raises(InputError):
        run_query(store, search_query, {"q": q}, IDS)
    with pytest.raises(InputError):
        search_entities(store, search_query, q, IDS)


def test_index_reads_what_the_query_reads() -> None:
    text = (PROJECT_ROOT / "queries" / "search.rq").read_text(encoding="utf-8")
    types = re.search(r"FILTER\(\?type IN \(([^)]*)\)\)", text)
    assert types is not None
    assert types[1].split() == [f"tkg:{t.rpartition('#')[2]}," for t in SEARCH_TYPES[:-1]] + [
        f"tkg:{SEARCH_TYPES[-1].rpartition('#')[2]}"
    ]
    prefixed = {RDFS.label: "rdfs:label", SKOS.prefLabel: "skos:prefLabel", SKOS.altLabel: "skos:altLabel"}
    for predicate in LABEL_PREDICATES:
        assert f"?entity {prefixed.get(predicate, 'tkg:pinyin')} ?matched" in text


@pytest.mark.parametrize("q", TEXTS)
def test_same_rows_as_the_query(search_query: NamedQuery, q: str) -> None:
    store = _store(DATA / "fixture.trig", DATA / "labels.trig")
    assert_same(store, search_query, q)


def test_the_tricky_labels_are_found(search_query: NamedQuery) -> None:
    store = _store(DATA / "labels.trig")
    counts = {q: assert_same(store, search_query, q) for q in ["alpha", "οδος", "σigma", "\\with"]}
    assert counts["alpha"] >= 9 and counts["οδος"] == counts["σigma"] == 1 and counts["\\with"] == 3
    first = store.labels.search("alpha county").rows[0]
    assert (str(first[1]), str(first[3]), int(str(first[4]))) == ("County", "Alpha County", 0)


def test_same_rows_on_a_synthetic_graph(search_query: NamedQuery) -> None:
    store = synthetic_store(10_000, seed=11)
    answer = store.select(f"SELECT DISTINCT ?label WHERE {{ ?entity <{RDFS.label}> ?label }}")
    labels = sorted(str(row["label"]) for row in answer)
    assert len(labels) > 100
    texts = {
        *TEXTS,
        *labels[::40],
        *(label.split()[0] for label in labels[::25]),
        *(label[2:6] for label in labels[::30]),
    } - {""}  # a two-character label (e.g. "派生"@zh) has no [2:6]; an empty q means "no parameter"
    assert sum(assert_same(store, search_query, q) > 0 for q in texts) > 20


def _graph(*triples: tuple[URIRef, URIRef, URIRef | Literal]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_writes_are_seen(search_query: NamedQuery) -> None:
    store = _store(DATA / "fixture.trig", DATA / "labels.trig")
    entity, graph = IDS.mint("enterprise", "omega"), URIRef(IDS.base + "graph/curated/omega")
    assert assert_same(store, search_query, "omega") == 0
    store.replace_graph(
        graph,
        _graph((entity, RDF.type, TKG.Enterprise), (entity, RDFS.label, Literal("Omega Mills", lang="en"))),
    )
    assert assert_same(store, search_query, "omega") == 1
    store.replace_graph(
        graph,
        _graph((entity, RDF.type, TKG.Enterprise), (entity, SKOS.altLabel, Literal("欧米茄", lang="zh"))),
    )
    assert assert_same(store, search_query, "omega") == 0
    assert assert_same(store, search_query, "欧米茄") == 1
    assert store.drop_graph(graph)
    assert assert_same(store, search_query, "欧米茄") == 0
    store.replace_graph(URIRef(IDS.base + "graph/curated/labels-b"), Graph())
    assert assert_same(store, search_query, "prefecture") == 0
    assert_same(store, search_query, "alpha")


def test_metadata_graph_written_with_a_graph_is_seen(search_query: NamedQuery) -> None:
    store = _store(DATA / "labels.trig")
    assert_same(store, search_query, "alpha")
    entity, graph = IDS.mint("org", "meta"), URIRef(IDS.base + "graph/article/meta")
    meta = _graph((graph, RDF.type, TKG.Organization), (graph, RDFS.label, Literal("Meta Alpha", lang="en")))
    data = _graph((entity, RDF.type, TKG.Organization))
    store.replace_graph(graph, data, metadata=meta, metadata_graph=URIRef(IDS.base + "graph/metadata"))
    assert assert_same(store, search_query, "meta alpha") == 1


def test_a_write_through_oxigraph_is_seen_after_changed(search_query: NamedQuery) -> None:
    store = _store(DATA / "labels.trig")
    assert assert_same(store, search_query, "delta") == 0
    park, graph = ox.NamedNode(IDS.mint("park", "d")), ox.NamedNode(IDS.base + "graph/d")
    store.oxigraph.add(ox.Quad(park, ox.NamedNode(RDF.type), ox.NamedNode(TKG.IndustrialPark), graph))
    store.oxigraph.add(ox.Quad(park, ox.NamedNode(RDFS.label), ox.Literal("Delta", language="en"), graph))
    assert len(store.labels.search("delta")) == 0  # not told yet: the index is stale, as documented
    store.changed()
    assert assert_same(store, search_query, "delta") == 1


def test_other_stores_run_the_query(search_query: NamedQuery) -> None:
    class Wrapped:  # a Store without a label index (as a remote one)
        labels = None

        def __init__(self, inner: EmbeddedStore) -> None:
            self.select = inner.select

    store = _store(DATA / "fixture.trig")
    answer = search_entities(Wrapped(store), search_query, "qinghe", IDS, limit=2)  # type: ignore[arg-type]
    assert not store.labels.built
    assert answer == store.labels.search("qinghe", limit=2) and len(answer) == 2


def test_searches_while_graphs_are_written(search_query: NamedQuery) -> None:
    store = _store(DATA / "labels.trig")
    graph, errors = URIRef(IDS.base + "graph/curated/busy"), list[Exception]()

    def search_often() -> None:
        try:
            for _ in range(200):
                store.labels.search("busy")
        except Exception as exc:  # a reader thread reports any failure to the test
            errors.append(exc)

    readers = [threading.Thread(target=search_often) for _ in range(3)]
    for reader in readers:
        reader.start()
    for n in range(30):
        entity = IDS.mint("enterprise", f"busy-{n}")
        triples = (entity, RDF.type, TKG.Enterprise), (entity, RDFS.label, Literal(f"Busy {n}"))
        store.replace_graph(graph, _graph(*triples))
        if n % 10 == 0:
            store.changed()
    for reader in readers:
        reader.join()
    assert errors == []
    assert assert_same(store, search_query, "busy") == 1


def test_the_query_folds_as_the_index_does() -> None:
    text = (PROJECT_ROOT / "queries" / "search.rq").read_text(encoding="utf-8")
    for source, target in [("STR(?matched)", "?folded"), ("STR(?q)", "?needle")]:
        lines = [line.strip() for line in sparql_fold(source, target).splitlines()]
        assert "\n".join(lines) in "\n".join(line.strip() for line in text.splitlines()), target


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Qīnghé Xiàn", "qinghexian", id="tones-and-space"),
        pytest.param("Xiong’an", "xiongan", id="curly-apostrophe"),
        pytest.param("Xiong'an", "xiongan", id="apostrophe"),
        pytest.param("Xiong`an", "xiongan", id="backtick"),
        pytest.param("Lǚ-Liáng", "luliang", id="u-umlaut-tone-hyphen"),
        pytest.param("ＨＥＢＥＩ", "hebei", id="full-width"),
        pytest.param("清河县", "清河县", id="chinese-kept"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("q", ["Qīnghé", "qing he", "Xiong’an", "xiong'an", "ĀLFǍ XIÀN", "ＱＩＮＧＨＥ"])
def test_folded_texts_give_the_same_rows(search_query: NamedQuery, q: str) -> None:
    store = _store(FIXTURE, DATA / "labels.trig")
    assert_same(store, search_query, q)


def test_a_search_during_the_first_read_answers_not_ready_at_once(
    search_query: NamedQuery, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the index reads the store for the first time (tens of seconds at 10^7 triples), a search
    is answered at once with NotReady (HTTP 503 + Retry-After), not after the whole read."""
    import kg.store.labels as labels_module
    from api.errors import status_for
    from kg.errors import NotReady

    store = EmbeddedStore()
    store.oxigraph.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    consolidate(store)
    reading, release = threading.Event(), threading.Event()
    read_parts = labels_module.read_parts

    def slow_read(oxigraph: ox.Store) -> object:
        reading.set()
        release.wait(10)
        return read_parts(oxigraph)

    monkeypatch.setattr(labels_module, "read_parts", slow_read)
    builder = threading.Thread(target=store.labels.view)
    builder.start()
    assert reading.wait(10)
    with pytest.raises(NotReady) as refused:
        search_entities(store, search_query, "qinghe", IDS)
    assert status_for(refused.value) == 503 and refused.value.retry_after > 0
    release.set()
    builder.join(10)
    assert search_entities(store, search_query, "qinghe", IDS).rows  # built: answered


def test_the_index_is_kept_out_of_the_garbage_collectors_walks_and_still_freed() -> None:
    """A full collection walked every object of the index (693 ms at 10^7 triples, holding the GIL):
    a built view is frozen (gc.freeze); one a write replaced is still freed, by reference counting."""
    store = _store(DATA / "fixture.trig", DATA / "labels.trig")
    assert store.labels is not None
    frozen = gc.get_freeze_count()
    view = store.labels.view()
    assert gc.get_freeze_count() > frozen
    old = weakref.ref(view)
    entity = IDS.mint("enterprise", "omega")
    store.replace_graph(
        URIRef(IDS.base + "graph/curated/omega"),
        _graph((entity, RDF.type, TKG.Enterprise), (entity, RDFS.label, Literal("Omega Mills", lang="en"))),
    )
    assert store.labels.view() is not view
    del view
    assert old() is None
