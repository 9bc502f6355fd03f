"""The consolidated graph built from scratch on the seed graph: set semantics, evidence left in the
sources, figures merged, curated and recent values win with a conflict, derived closures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.consolidation import Policy, entity_refresh_steps, graph_refresh_steps, rebuild
from kg.consolidation.view import Consolidation
from kg.errors import InputError
from kg.ingest.bulk import load_files
from kg.namespaces import KIND, OA, TKG, Ids
from kg.store import EmbeddedStore
from kg.store.embedded.rebuild import RebuildStats, load_with_view, rebuild_embedded
from tests.kg.consolidation.helpers import (
    HEBEI,
    QINGHE_CLUSTER,
    QINGHE_TOWN,
    XINGTAI,
    graph_quads,
    objects,
    snapshot,
    write,
)


def _count(store: EmbeddedStore, query: str) -> int:
    rows = list(store.select(query))
    return int(next(iter(rows[0].values()))) if rows and rows[0] else 0


def test_every_class_lists_each_member_once(store: EmbeddedStore, ids: Ids) -> None:
    count = "SELECT ?cls (COUNT(?x) AS ?n) (COUNT(DISTINCT ?x) AS ?d) WHERE { %s } GROUP BY ?cls"
    sources = f"GRAPH ?g {{ ?x a ?cls }} FILTER(?g NOT IN (<{ids.current_graph}>, <{ids.conflicts_graph}>))"
    union = {str(r["cls"]): (int(r["n"]), int(r["d"])) for r in store.select(count % sources)}
    current = store.select(count % f"GRAPH <{ids.current_graph}> {{ ?x a ?cls }}")
    assert union[str(TKG.IndustrialCluster)][0] > union[str(TKG.IndustrialCluster)][1], "restated in sources"
    assert len(current) > 10
    figures = {str(c) for c in (TKG.Target, TKG.Observation, TKG.Event)}  # merged: fewer in current
    for row in current:
        assert int(row["n"]) == int(row["d"]), row["cls"]
        if str(row["cls"]) not in figures:
            assert int(row["d"]) == union[str(row["cls"])][1], row["cls"]


def test_evidence_stays_in_the_sources(store: EmbeddedStore, ids: Ids) -> None:
    cur = f"<{ids.current_graph}>"
    assert not store.ask(f"ASK {{ GRAPH {cur} {{ ?a a <{OA.Annotation}> }} }}")
    assert not store.ask(f"ASK {{ GRAPH {cur} {{ ?a <{TKG.confidence}> ?c }} }}")
    assert not store.ask(f"ASK {{ GRAPH {cur} {{ ?a <{OA.hasBody}> ?c }} }}")
    assert store.ask(f"ASK {{ GRAPH {cur} {{ <{QINGHE_CLUSTER}> a <{TKG.IndustrialCluster}> }} }}")


def test_a_statement_of_two_sources_is_stored_once_and_outlives_one_of_them(
    store: EmbeddedStore, ids: Ids, policy: Policy, articles: dict[URIRef, Graph]
) -> None:
    article = next(g for g, data in articles.items() if (QINGHE_TOWN, RDF.type, TKG.IndustrialPark) in data)
    curated = ids.curated_graph("restated")
    data = Graph()
    data.add((QINGHE_TOWN, RDF.type, TKG.IndustrialPark))
    data.add((QINGHE_TOWN, DCTERMS.source, Literal("a curator")))
    write(store, ids, policy, curated, data)
    statement = f"<{QINGHE_TOWN}> <{RDF.type}> <{TKG.IndustrialPark}>"
    assert graph_quads(store, ids.current_graph).count(statement) == 1
    write(store, ids, policy, article, None)
    assert statement in graph_quads(store, ids.current_graph)
    write(store, ids, policy, curated, None)
    assert statement not in graph_quads(store, ids.current_graph)


def _restated(data: Graph, old: str, new: str, *, day: date | None = None) -> Graph:
    """``data`` as another article with the same statements: figure and annotation IRIs renamed."""
    copy = Graph()
    for triple in data:
        copy.add(
            tuple(
                URIRef(str(t).replace(old, new)) if isinstance(t, URIRef) and old in str(t) else t
                for t in triple
            )
        )  # type: ignore[arg-type]
    if day is not None:
        article = next(copy.subjects(RDF.type, TKG.Article))
        copy.remove((article, DCTERMS.date, None))
        copy.add((article, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))
    return copy


def _with_figures(articles: dict[URIRef, Graph]) -> tuple[URIRef, Graph, str]:
    graph, data = max(articles.items(), key=lambda item: len(set(item[1].subjects(TKG.figureOf, None))))
    return graph, data, str(graph).rsplit("/", 1)[-1]


def test_figures_stated_by_two_articles_are_one_figure(
    store: EmbeddedStore, ids: Ids, policy: Policy, articles: dict[URIRef, Graph]
) -> None:
    cur = f"<{ids.current_graph}>"
    figures = f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH {cur} {{ ?f <{TKG.figureOf}> ?x }} }}"
    before = _count(store, figures)
    _, data, article_id = _with_figures(articles)
    write(store, ids, policy, ids.article_graph("restating"), _restated(data, article_id, "restating"))
    assert _count(store, figures) == before
    merged = f"""SELECT ?f (COUNT(?s) AS ?n) WHERE {{ GRAPH {cur} {{ ?f <{TKG.sourceFigure}> ?s }} }}
                 GROUP BY ?f HAVING (COUNT(?s) = 2)"""
    assert len(store.select(merged)) >= len(set(data.subjects(TKG.figureOf, None))) - 1
    assert (
        _count(
            store,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ids.conflicts_graph}> {{ ?c a <{TKG.Conflict}> }} }}",
        )
        == 0
    )


def _conflicts(store: EmbeddedStore, ids: Ids, subject: URIRef, prop: URIRef) -> dict[str, set[str]]:
    """value -> graphs stating it, for the conflict on (subject, prop)."""
    rows = store.select(
        f"""SELECT ?s ?p ?v ?g WHERE {{ GRAPH <{ids.conflicts_graph}> {{
              ?c <{TKG.conflictSubject}> ?s ; <{TKG.conflictProperty}> ?p ; <{TKG.alternative}> ?a .
              ?a <{TKG.alternativeValue}> ?v ; <{TKG.statedIn}> ?g }} }}""",
        {"s": subject, "p": prop},
    )
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[str(row["v"])].add(str(row["g"]))
    return dict(found)


def test_a_curated_value_wins_is_recorded_as_a_conflict_and_its_deletion_restores_the_extracted(
    store: EmbeddedStore, ids: Ids, policy: Policy
) -> None:
    cur = ids.current_graph
    assert objects(store, cur, QINGHE_TOWN, TKG.parkKind) == {KIND["characteristic-town"]}
    curated = ids.curated_graph("kinds")
    data = Graph()
    data.add((QINGHE_TOWN, TKG.parkKind, KIND["industrial-base"]))
    write(store, ids, policy, curated, data)
    assert objects(store, cur, QINGHE_TOWN, TKG.parkKind) == {KIND["industrial-base"]}
    conflict = _conflicts(store, ids, QINGHE_TOWN, TKG.parkKind)
    assert conflict[str(KIND["industrial-base"])] == {str(curated)}
    assert set(conflict) == {str(KIND["industrial-base"]), str(KIND["characteristic-town"])}
    current_value = store.select(
        f"""SELECT ?s ?v WHERE {{ GRAPH <{ids.conflicts_graph}> {{
              ?c <{TKG.conflictSubject}> ?s ; <{TKG.currentValue}> ?v }} }}""",
        {"s": QINGHE_TOWN},
    )
    assert [str(r["v"]) for r in current_value] == [str(KIND["industrial-base"])]
    write(store, ids, policy, curated, None)
    assert objects(store, cur, QINGHE_TOWN, TKG.parkKind) == {KIND["characteristic-town"]}
    assert _conflicts(store, ids, QINGHE_TOWN, TKG.parkKind) == {}


def test_the_more_recent_article_wins_a_figure_value(
    store: EmbeddedStore, ids: Ids, policy: Policy, articles: dict[URIRef, Graph]
) -> None:
    _, data, article_id = _with_figures(articles)
    later = _restated(data, article_id, "later", day=date(2030, 1, 1))
    figure = URIRef(str(ids.mint("figure", "later-1")))
    old_value = later.value(figure, TKG.value)
    assert old_value is not None
    later.set((figure, TKG.value, Literal("12345", datatype=XSD.decimal)))
    write(store, ids, policy, ids.article_graph("later"), later)
    merged = store.select(
        f"SELECT ?cf ?f WHERE {{ GRAPH <{ids.current_graph}> {{ ?cf <{TKG.sourceFigure}> ?f }} }}",
        {"f": figure},
    )
    cf = URIRef(str(merged.rows[0][0]))
    assert {str(v) for v in objects(store, ids.current_graph, cf, TKG.value)} == {"12345"}
    conflict = _conflicts(store, ids, cf, TKG.value)
    assert conflict["12345"] == {str(ids.article_graph("later"))}
    assert len(conflict) == 2
    original, _, _ = _with_figures(articles)  # now the original article is the more recent one
    write(store, ids, policy, original, _restated(data, article_id, article_id, day=date(2031, 1, 1)))
    assert {str(v) for v in objects(store, ids.current_graph, cf, TKG.value)} == {str(old_value)}


def test_a_curated_place_replaces_the_extracted_places_of_a_cluster(
    store: EmbeddedStore, ids: Ids, policy: Policy
) -> None:
    cur = ids.current_graph
    assert objects(store, cur, QINGHE_CLUSTER, TKG.inProvince) == {HEBEI}
    assert objects(store, cur, QINGHE_CLUSTER, TKG.inCity) == {XINGTAI}
    shaoxing_county = URIRef("https://w3id.org/textile-kg/id/place/330603")  # Keqiao, Shaoxing, Zhejiang
    data = Graph()
    data.add((QINGHE_CLUSTER, TKG.locatedIn, shaoxing_county))
    write(store, ids, policy, ids.curated_graph("places"), data)
    assert objects(store, cur, QINGHE_CLUSTER, TKG.locatedIn) == {shaoxing_county}
    assert objects(store, cur, QINGHE_CLUSTER, TKG.inProvince) == {URIRef(f"{ids.base}place/330000")}
    assert objects(store, cur, QINGHE_CLUSTER, TKG.inCity) == {URIRef(f"{ids.base}place/330600")}
    assert set(_conflicts(store, ids, QINGHE_CLUSTER, TKG.locatedIn)) == {
        str(shaoxing_county),
        f"{ids.base}place/130534",
    }


def test_a_curated_label_wins_in_its_language_only(store: EmbeddedStore, ids: Ids, policy: Policy) -> None:
    cur = ids.current_graph
    before = objects(store, cur, QINGHE_CLUSTER, SKOS.prefLabel)
    data = Graph()
    data.add((QINGHE_CLUSTER, SKOS.prefLabel, Literal("Qinghe Cashmere Industrial Cluster", lang="en")))
    write(store, ids, policy, ids.curated_graph("labels"), data)
    labels = objects(store, cur, QINGHE_CLUSTER, SKOS.prefLabel)
    assert Literal("Qinghe Cashmere Industrial Cluster", lang="en") in labels
    assert len([label for label in labels if isinstance(label, Literal) and label.language == "en"]) == 1
    assert objects(store, cur, QINGHE_CLUSTER, TKG.displayLabel) == labels
    assert {x for x in labels if x.language != "en"} == {x for x in before if x.language != "en"}  # type: ignore[union-attr]


def _closure(edges: dict[URIRef, set[URIRef]], start: URIRef) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += edges.get(node, ())
    return seen


def _broader(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Each concept's direct broader concepts."""
    broader: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(SKOS.broader):
        broader[s].add(o)  # type: ignore[index, arg-type]
    return broader


def test_each_listed_class_has_its_copy_of_the_derived_province_and_industry(
    store: EmbeddedStore, ids: Ids
) -> None:
    """tkg:parkInProvince ... hold exactly tkg:inProvince / tkg:inIndustry of that class's members."""
    current = store.get_graph(ids.current_graph)
    copies = {
        TKG.IndustrialPark: (TKG.parkInProvince, TKG.parkInIndustry),
        TKG.IndustrialCluster: (TKG.clusterInProvince, TKG.clusterInIndustry),
        TKG.Enterprise: (TKG.enterpriseInProvince, TKG.enterpriseInIndustry),
    }
    for cls, (province, industry) in copies.items():
        members = set(current.subjects(RDF.type, cls))
        for general, copy in ((TKG.inProvince, province), (TKG.inIndustry, industry)):
            expected = {(s, o) for s, o in current.subject_objects(general) if s in members}
            assert set(current.subject_objects(copy)) == expected, copy
    assert set(current.subject_objects(TKG.parkInProvince)), "the seed has parks in provinces"


def test_holders_carry_the_years_of_their_designations(store: EmbeddedStore, ids: Ids) -> None:
    current = store.get_graph(ids.current_graph)
    expected = {
        (holder, year)
        for holder, designation in current.subject_objects(TKG.designatedAs)
        for year in current.objects(designation, TKG.year)
    }
    assert expected and set(current.subject_objects(TKG.designationYear)) == expected


def test_derived_provinces_cities_and_industries_are_the_closures(
    store: EmbeddedStore, ids: Ids, ontology: Graph
) -> None:
    current = store.get_graph(ids.current_graph)
    up: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in current.subject_objects(TKG.locatedIn):
        up[s].add(o)  # type: ignore[index, arg-type]
    provinces = set(current.subjects(RDF.type, TKG.Province))
    cities = set(current.subjects(RDF.type, TKG.City))
    for thing in list(up):
        ancestors = _closure(up, thing)
        assert set(current.objects(thing, TKG.inProvince)) == ancestors & provinces, thing
        assert set(current.objects(thing, TKG.inCity)) == ancestors & cities, thing
    broader = _broader(ontology)
    specialized = set(current.subjects(TKG.specializesIn, None))
    assert specialized
    for thing in specialized:
        direct = set(current.objects(thing, TKG.specializesIn))
        expected = direct.union(*(_closure(broader, c) for c in direct))  # type: ignore[arg-type]
        assert set(current.objects(thing, TKG.inIndustry)) == expected, thing
    assert set(current.objects(QINGHE_CLUSTER, TKG.inProvince)) == {HEBEI}
    assert set(current.objects(QINGHE_CLUSTER, TKG.inCity)) == {XINGTAI}


def test_the_industries_an_initiative_concerns_are_in_its_scope_industries_with_their_broader(
    store: EmbeddedStore, ids: Ids, ontology: Graph
) -> None:
    current = store.get_graph(ids.current_graph)
    broader = _broader(ontology)
    concerned = set(current.subjects(TKG.concernsIndustry, None))
    assert concerned  # the seed plans name their industries ("Hebei garment industry action plan")
    for plan in concerned:
        direct = set(current.objects(plan, TKG.concernsIndustry))
        expected = direct.union(*(_closure(broader, c) for c in direct))  # type: ignore[arg-type]
        assert expected <= set(current.objects(plan, TKG.scopeIndustry)), plan


@pytest.mark.parametrize(
    "iri",
    [
        pytest.param("https://example.org/a> <https://example.org/b", id="closing-bracket"),
        pytest.param("https://example.org/a b", id="space"),
        pytest.param('https://example.org/a"}', id="quote-and-brace"),
        pytest.param("https://example.org/a\\u0020", id="backslash"),
        pytest.param("not-absolute", id="relative"),
    ],
)
def test_an_unsafe_iri_never_reaches_the_update_text(ids: Ids, policy: Policy, iri: str) -> None:
    with pytest.raises(InputError):
        entity_refresh_steps(ids, policy, [URIRef(iri)])
    if iri.startswith("https:"):  # a source graph (under graph/curated/) with the same tail
        with pytest.raises(InputError):
            graph_refresh_steps(ids, policy, URIRef(f"{ids.curated_graph('x')}/{iri}"))


def test_writes_of_graphs_that_are_not_sources_refresh_nothing(ids: Ids, policy: Policy) -> None:
    for graph in (ids.ontology_graph, ids.metadata_graph, ids.graph("changelog")):
        steps = graph_refresh_steps(ids, policy, graph)
        assert steps.before == steps.after == ()


def test_the_embedded_rebuild_writes_what_the_update_text_does(
    store: EmbeddedStore, seed_quads: list, ids: Ids, policy: Policy, tmp_path: Path
) -> None:
    on_disk = EmbeddedStore(tmp_path / "store")
    try:
        on_disk.oxigraph.bulk_extend(seed_quads)
        first = rebuild_embedded(on_disk, ids, policy)
        assert first.removed == 0 and first.added == first.size > 0
        assert snapshot(on_disk, ids) == snapshot(store, ids)
        article = next(g for g in on_disk.graph_sizes() if "/graph/article/" in str(g))
        for s in (on_disk, store):
            s.drop_graph(article)
        rebuild(store, ids, policy)
        again = rebuild_embedded(on_disk, ids, policy)
        assert again.removed > 0 and again.added < again.size
        assert snapshot(on_disk, ids) == snapshot(store, ids)
    finally:
        on_disk.close()


@pytest.fixture
def empty(ids: Ids, policy: Policy, tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An empty on-disk store that keeps a consolidated graph, as `tkg load` opens one."""
    on_disk = EmbeddedStore(tmp_path / "store", consolidation=Consolidation(ids, policy))
    try:
        yield on_disk
    finally:
        on_disk.close()


def test_a_load_into_an_empty_store_copies_the_file_and_builds_what_a_dump_does(
    store: EmbeddedStore, empty: EmbeddedStore, seed_quads: list, ids: Ids, policy: Policy, tmp_path: Path
) -> None:
    """`tkg load` of one N-Quads file into an empty store reads the rebuild's copy from the file; lines
    the copy does not understand (a comment, tabs between terms) are kept, never lost."""
    lines = ox.serialize(seed_quads, format=ox.RdfFormat.N_QUADS).decode().splitlines()
    lines[0] = lines[0].replace(" ", "\t", 2)  # another tool's spacing
    source = tmp_path / "seed.nq"
    source.write_text("# written by another tool\n" + "\n".join(lines) + "\n", encoding="utf-8")
    load_files(empty, [source], ids)
    assert snapshot(empty, ids) == snapshot(store, ids)
    again = rebuild_embedded(empty, ids, policy)  # from a dump of the store
    assert again.removed == again.added == 0


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[RebuildStats]:
    """What each load that built its view beside the loader (``load_with_view``) reported."""
    import kg.store.embedded as embedded

    reports: list[RebuildStats] = []

    def recorded(*args: object, **kwargs: object) -> RebuildStats:
        stats = load_with_view(*args, **kwargs)  # type: ignore[arg-type]
        reports.append(stats)
        return stats

    monkeypatch.setattr(embedded, "load_with_view", recorded)
    return reports


def _seed_file(seed_quads: list, path: Path, extra: str = "") -> Path:
    path.write_bytes(ox.serialize(seed_quads, format=ox.RdfFormat.N_QUADS) + extra.encode())
    return path


def test_a_load_into_an_empty_store_builds_the_view_beside_the_loader_and_reports_the_files_graphs(
    store: EmbeddedStore,
    empty: EmbeddedStore,
    seed_quads: list,
    ids: Ids,
    tmp_path: Path,
    taken: list[RebuildStats],
) -> None:
    [loaded] = load_files(empty, [_seed_file(seed_quads, tmp_path / "seed.nq")], ids)
    assert len(taken) == 1 and taken[0].added == taken[0].size > 0
    in_file = {URIRef(q.graph_name.value) for q in seed_quads}
    assert set(loaded.graphs) == in_file  # the consolidated graph is not one of the file's graphs
    assert loaded.triples == len(set(seed_quads))
    assert snapshot(empty, ids) == snapshot(store, ids)


def test_a_file_with_an_old_consolidated_graph_loads_it_and_then_replaces_it(
    store: EmbeddedStore, empty: EmbeddedStore, seed_quads: list, ids: Ids, tmp_path: Path
) -> None:
    """A dump of another store holds its consolidated graph; after the load the view is this store's."""
    stale = f'<{QINGHE_CLUSTER}> <{TKG.parkKind}> "stale" <{ids.current_graph}> .\n'
    load_files(empty, [_seed_file(seed_quads, tmp_path / "dump.nq", stale)], ids)
    assert snapshot(empty, ids) == snapshot(store, ids)


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param('<http://example.org/a> <http://example.org/p> "open\n', id="syntax"),
        # lenient parsing (the in-memory copy) takes it; the loader's strict parsing does not
        pytest.param("<http://example.org/a> <http://example.org/p> <http://example.org/a|b> .\n", id="iri"),
    ],
)
def test_a_file_that_fails_to_load_names_itself_and_leaves_the_store_empty(
    empty: EmbeddedStore, seed_quads: list, ids: Ids, tmp_path: Path, broken: str
) -> None:
    source = _seed_file(seed_quads, tmp_path / "broken.nq", broken)
    with pytest.raises(InputError, match=r"broken\.nq"):
        load_files(empty, [source], ids)
    assert len(empty.oxigraph) == 0


def test_a_file_that_would_load_into_the_consolidated_graph_is_refused(
    empty: EmbeddedStore, ids: Ids, tmp_path: Path
) -> None:
    """A file's own triples go to graph/<its stem>: current.nt would land in the derived graph."""
    source = tmp_path / "current.nt"
    source.write_text(f'<{QINGHE_CLUSTER}> <{TKG.parkKind}> "made up" .\n', encoding="utf-8")
    with pytest.raises(InputError, match="consolidated graph"):
        load_files(empty, [source], ids)
    with pytest.raises(InputError, match="--graph"):
        load_files(empty, [source], ids, graph=ids.conflicts_graph)
    assert len(empty.oxigraph) == 0
    load_files(empty, [source], ids, graph=ids.graph("made-up"))  # named otherwise, it loads
    assert len(empty.oxigraph) > 0


def test_load_first_into_a_store_that_holds_sources_keeps_their_statements(
    store: EmbeddedStore, empty: EmbeddedStore, seed_quads: list, ids: Ids, tmp_path: Path
) -> None:
    """The view is built from the file alone only when the file is all the store holds."""
    article = next(q.graph_name for q in seed_quads if "/graph/article/" in q.graph_name.value)
    first = [q for q in seed_quads if q.graph_name != article]
    load_files(empty, [_seed_file(first, tmp_path / "most.nq")], ids)
    rest = _seed_file([q for q in seed_quads if q.graph_name == article], tmp_path / "one.nq")
    empty.load_first(rest, ox.RdfFormat.N_QUADS, ids.graph("one"))
    assert snapshot(empty, ids) == snapshot(store, ids)


def test_a_view_with_blank_nodes_is_written_by_the_update_text_after_the_loader(
    store: EmbeddedStore,
    empty: EmbeddedStore,
    seed_quads: list,
    ids: Ids,
    policy: Policy,
    tmp_path: Path,
    taken: list[RebuildStats],
) -> None:
    """Blank nodes do not survive a dump and a load with their identity: that view is made on disk."""
    article = next(q.graph_name for q in seed_quads if "/graph/article/" in q.graph_name.value)
    blank = f"<{QINGHE_CLUSTER}> <{TKG.partOf}> _:somewhere {article} .\n"
    load_files(empty, [_seed_file(seed_quads, tmp_path / "blank.nq", blank)], ids)
    assert [(s.added, s.removed, s.size) for s in taken] == [(-1, -1, -1)]
    pattern = f"<{QINGHE_CLUSTER}> <{TKG.partOf}> ?b FILTER(isBlank(?b))"
    assert empty.ask(f"ASK {{ GRAPH <{ids.current_graph}> {{ {pattern} }} }}")
    expected = EmbeddedStore()
    expected.oxigraph.extend(seed_quads)
    expected.oxigraph.load(input=blank.encode(), format=ox.RdfFormat.N_QUADS)
    rebuild(expected, ids, policy)
    assert len(graph_quads(empty, ids.current_graph)) == len(graph_quads(expected, ids.current_graph))


def _no_memory(*args: object, **kwargs: object) -> None:
    raise MemoryError("no memory for the in-memory copy")


@pytest.mark.parametrize(
    ("fault", "error", "message"),
    [
        # the view's build fails (no memory left for its copy) while the loader succeeds
        pytest.param("view", MemoryError, "in-memory copy", id="the-view-cannot-be-built"),
        # one piece of the consolidated graph cannot be loaded (a broken file among the pieces)
        pytest.param("piece", SyntaxError, "line 1", id="a-piece-cannot-be-loaded"),
    ],
)
def test_a_view_that_fails_beside_a_good_load_raises_its_error_and_a_rebuild_repairs_the_store(
    store: EmbeddedStore,
    empty: EmbeddedStore,
    seed_quads: list,
    ids: Ids,
    policy: Policy,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    error: type[BaseException],
    message: str,
) -> None:
    """The error is the view's, the sources are loaded whole, no part of the view is left, and a
    rebuild from scratch makes the view."""
    import kg.store.embedded.rebuild as fast

    split = fast._split

    def with_a_broken_piece(*args: object, **kwargs: object) -> list[tuple[Path, ox.NamedNode]]:
        pieces = split(*args, **kwargs)  # type: ignore[arg-type]
        broken = tmp_path / "broken-piece.nt"
        broken.write_text('<http://example.org/a> <http://example.org/p> "open\n', encoding="utf-8")
        return [*pieces, (broken, pieces[0][1])]

    if fault == "view":
        monkeypatch.setattr(fast, "_view_files", _no_memory)
    else:
        monkeypatch.setattr(fast, "_split", with_a_broken_piece)
    with pytest.raises(error, match=message):
        load_files(empty, [_seed_file(seed_quads, tmp_path / "seed.nq")], ids)
    assert len(empty.oxigraph) == len(set(seed_quads))  # every source, and nothing of the view
    monkeypatch.undo()
    rebuild_embedded(empty, ids, policy)
    assert snapshot(empty, ids) == snapshot(store, ids)


def test_the_view_file_is_cut_at_line_ends_into_pieces_that_hold_it_all(tmp_path: Path) -> None:
    from kg.store.embedded.rebuild import _split

    graph, other = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/h")
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "{"x" * (i % 7)}" .\n' for i in range(100)]
    big, small, empty = tmp_path / "big.nt", tmp_path / "small.nt", tmp_path / "empty.nt"
    big.write_text("".join(lines), encoding="utf-8")
    small.write_text(lines[0], encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    pieces = _split({graph: big, other: small, ox.NamedNode("http://example.org/e"): empty}, tmp_path, 6)
    of_big = [path for path, g in pieces if g == graph]
    assert len(of_big) == 6 and [g for _, g in pieces].count(other) == 1  # nothing from the empty file
    assert "".join(path.read_text(encoding="utf-8") for path in sorted(of_big)) == "".join(lines)
    assert all(path.read_text(encoding="utf-8").endswith(".\n") for path, _ in pieces)
    sizes = [path.stat().st_size for path, _ in pieces]
    assert sizes == sorted(sizes, reverse=True)  # the larger pieces are taken first


def test_the_loaders_thread_takes_the_pieces_left_and_each_piece_loads_once(tmp_path: Path) -> None:
    import threading

    from kg.store.embedded.rebuild import _Pieces, _split

    graph = ox.NamedNode("http://example.org/g")
    source = tmp_path / "view.nt"
    source.write_text(
        "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(60))
    )
    disk = ox.Store(str(tmp_path / "store"))
    pieces = _Pieces(disk)
    taken: list[int] = []
    helper = threading.Thread(target=lambda: taken.append(pieces.help()))
    helper.start()  # it waits: nothing is offered yet
    pieces.offer(_split({graph: source}, tmp_path, 4))
    taken.append(pieces.drain())
    helper.join(timeout=30)
    assert sum(taken) == 4 and not pieces.errors
    assert len(list(disk.quads_for_pattern(None, None, None, graph))) == 60
    idle = _Pieces(disk)
    idle.close()  # no pieces at all: the loader's thread does not wait for any
    assert idle.help() == 0


def test_a_view_that_cannot_start_waits_for_the_loader_then_raises(
    empty: EmbeddedStore, seed_quads: list, ids: Ids, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No room for the view's temporary files: the error is raised only after the loader's thread has
    ended (no bulk load left writing behind the caller's back), with every source loaded."""
    import threading
    from types import SimpleNamespace

    import kg.store.embedded.rebuild as fast

    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fast, "tempfile", SimpleNamespace(TemporaryDirectory=no_room))
    with pytest.raises(OSError, match="No space left"):
        load_files(empty, [_seed_file(seed_quads, tmp_path / "seed.nq")], ids)
    assert not [t for t in threading.enumerate() if t.name == "bulk-load"]
    assert len(empty.oxigraph) == len(set(seed_quads))
