"""Property: after any sequence of source writes, the incrementally refreshed consolidated graph equals
the one rebuilt from scratch (statements and conflicts, compared as sorted quads).

Writes are drawn from the seed articles (as they are, restated by another article with another date,
with a figure value or a park kind changed) and from small curated graphs (a park kind, a place, a
label, a figure value, a restated statement, a new park, a target pointing at an article's figure),
and dropped again. Seeded and bounded in time.
"""

from __future__ import annotations

import random
import time
from datetime import date

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.consolidation import Policy, graph_refresh_steps, rebuild
from kg.consolidation.maintain import join, run_update
from kg.consolidation.view import Consolidation, around_change
from kg.namespaces import KIND, TKG, Ids
from kg.store import EmbeddedStore
from tests.kg.consolidation.helpers import snapshot
from tests.kg.consolidation.test_rebuild import _restated

STEPS, SECONDS = 20, 20.0
KINDS = [KIND[k] for k in ("park", "industrial-base", "development-zone", "characteristic-town")]
COUNTIES = [
    URIRef(f"https://w3id.org/textile-kg/id/place/{c}") for c in ("130534", "330603", "370687", "429006")
]


class World:
    """The seed's entities to draw from, and the clock of the curated writes."""

    def __init__(self, articles: dict[URIRef, Graph]) -> None:
        merged = Graph()
        for data in articles.values():
            merged += data
        self.articles = articles
        self.parks = sorted(set(merged.subjects(RDF.type, TKG.IndustrialPark)))
        self.located = sorted(set(merged.subjects(TKG.locatedIn, None)))
        self.labelled = sorted(set(merged.subjects(SKOS.prefLabel, None)))
        self.figures = sorted(set(merged.subjects(TKG.figureOf, None)))
        self.initiatives = sorted(set(merged.subjects(RDF.type, TKG.Initiative)))
        self.designations = sorted(set(merged.objects(None, TKG.designatedAs)))
        self.clock = 0

    def article(self, rng: random.Random) -> tuple[URIRef, Graph]:
        graph = rng.choice(sorted(self.articles))
        data = self.articles[graph]
        variant = rng.choice(["as is", "restated", "value", "kind"])
        if variant == "as is":
            return graph, data
        old = str(graph).rsplit("/", 1)[-1]
        new = f"variant-{rng.randint(0, 2)}"
        copy = _restated(data, old, new, day=date(rng.choice([2019, 2024, 2031]), 1, 1))
        if variant == "value":
            for figure in sorted(set(copy.subjects(TKG.figureOf, None)))[:2]:
                copy.set((figure, TKG.value, Literal(str(rng.randint(1, 99)), datatype=XSD.decimal)))
        if variant == "kind":
            for park in sorted(set(copy.subjects(TKG.parkKind, None)))[:2]:
                copy.set((park, TKG.parkKind, rng.choice(KINDS)))
        return URIRef(str(graph).replace(old, new)), copy

    def curated(self, rng: random.Random) -> Graph:
        data = Graph()
        for _ in range(rng.randint(1, 4)):
            choice = rng.randrange(9)
            if choice == 0:
                data.add((rng.choice(self.parks), TKG.parkKind, rng.choice(KINDS)))
            elif choice == 1:
                data.add((rng.choice(self.located), TKG.locatedIn, rng.choice(COUNTIES)))
            elif choice == 2:
                data.add(
                    (
                        rng.choice(self.labelled),
                        SKOS.prefLabel,
                        Literal(f"name {rng.randint(0, 3)}", lang="en"),
                    )
                )
            elif choice == 3:
                value = Literal(str(rng.randint(1, 9)), datatype=XSD.decimal)
                data.add((rng.choice(self.figures), TKG.value, value))
            elif choice == 4:
                park = rng.choice(self.parks)
                data.add((park, RDF.type, TKG.IndustrialPark))
            elif choice == 5:
                park = URIRef(f"https://w3id.org/textile-kg/id/park/curated-{rng.randint(0, 2)}")
                data.add((park, RDF.type, TKG.IndustrialPark))
                data.add((park, RDFS.label, Literal(f"curated park {rng.randint(0, 2)}", lang="en")))
                data.add((park, TKG.locatedIn, rng.choice(COUNTIES + self.parks[:3])))
            elif choice == 6:
                data.add((rng.choice(self.initiatives), TKG.hasTarget, rng.choice(self.figures)))
            elif choice == 7:  # a designation's year: its holder's derived tkg:designationYear follows it
                year = Literal(str(rng.choice([2009, 2016, 2023])), datatype=XSD.gYear)
                data.add((rng.choice(self.designations), TKG.year, year))
            else:  # a new scope: the initiative's derived scope places and industries follow it
                scope = rng.choice(self.located + COUNTIES + self.parks)
                data.add((rng.choice(self.initiatives), TKG.appliesTo, scope))
        return data

    def changelog(self, ids: Ids, graph: URIRef) -> Graph:
        """The change-log entry a curated write carries (its date ranks curated graphs)."""
        self.clock += 1
        entry = Graph()
        activity = URIRef(f"{ids.graph('changelog')}/{self.clock}")
        entry.add((activity, PROV.generated, graph))
        entry.add(
            (
                activity,
                PROV.endedAtTime,
                Literal(f"2026-12-01T10:{self.clock % 60:02d}:00", datatype=XSD.dateTime),
            )
        )
        return entry


def _insert(graph: URIRef, data: Graph) -> list[str]:
    return [f"INSERT DATA {{ GRAPH <{graph}> {{ {data.serialize(format='nt')} }} }}"] if len(data) else []


def _apply(
    store: EmbeddedStore,
    ids: Ids,
    policy: Policy,
    graph: URIRef,
    data: Graph | None,
    log: Graph | None,
    *,
    refresh: bool,
    by_subjects: bool = False,
) -> None:
    """The source write (and its change-log entry) in one request, with the refresh around it: of the
    whole graph, or (``by_subjects``, as ``/graphs`` writes do) of the subjects of the statements added
    and removed (kg.consolidation.view.around_change; the whole graph when a blank node is among them)."""
    steps = graph_refresh_steps(ids, policy, graph) if refresh else None
    if refresh and by_subjects:
        old, new = store.get_graph(graph), data or Graph()
        changed = {t[0] for t in (old - new)} | {t[0] for t in (new - old)}
        urirefs = [s for s in changed if isinstance(s, URIRef)]
        known = urirefs if len(urirefs) == len(changed) else None
        steps = around_change(Consolidation(ids, policy), graph, known)
    write = [f"DROP SILENT GRAPH <{graph}>", *_insert(graph, data or Graph())]
    if log is not None:
        write += _insert(ids.graph("changelog"), log)
    run_update(store, join([*(steps.before if steps else ()), *write, *(steps.after if steps else ())]))


@pytest.mark.parametrize(
    ("seed", "by_subjects"),
    [
        pytest.param(1, False, id="seed-1"),
        pytest.param(2, False, id="seed-2"),
        pytest.param(3, True, id="seed-3-by-changed-subjects"),
        pytest.param(4, True, id="seed-4-by-changed-subjects"),
    ],
)
def test_incremental_refresh_equals_a_rebuild_after_random_writes(
    seed: int,
    by_subjects: bool,
    seed_quads: list,
    ids: Ids,
    policy: Policy,
    articles: dict[URIRef, Graph],
) -> None:
    rng = random.Random(seed)
    world = World(articles)
    incremental, scratch = EmbeddedStore(), EmbeddedStore()
    for store in (incremental, scratch):
        store.oxigraph.extend(seed_quads)
    rebuild(incremental, ids, policy)
    deadline = time.monotonic() + SECONDS
    curated = [ids.curated_graph(f"c{i}") for i in range(3)]
    done = []
    for step in range(STEPS):
        if time.monotonic() > deadline:
            break
        action = rng.choice(["article", "article", "drop article", "curated", "curated", "drop curated"])
        log = None
        if action == "article":
            graph, data = world.article(rng)
        elif action == "drop article":
            graph, data = rng.choice([*sorted(world.articles), ids.article_graph("variant-0")]), None
        elif action == "curated":
            graph, data = rng.choice(curated), world.curated(rng)
        else:
            graph, data = rng.choice(curated), None
        if graph in curated:
            log = world.changelog(ids, graph)
        _apply(incremental, ids, policy, graph, data, log, refresh=True, by_subjects=by_subjects)
        _apply(scratch, ids, policy, graph, data, log, refresh=False)
        rebuild(scratch, ids, policy)
        done.append(f"{step}: {action} {graph.rsplit('/', 1)[-1]}")
        (current, conflicts), (expected, expected_conflicts) = (
            snapshot(incremental, ids),
            snapshot(scratch, ids),
        )
        if (current, conflicts) != (expected, expected_conflicts):
            extra = sorted({*current, *conflicts} - {*expected, *expected_conflicts})[:10]
            missing = sorted({*expected, *expected_conflicts} - {*current, *conflicts})[:10]
            pytest.fail("\n".join([*done, "extra:", *extra, "missing:", *missing]))
    assert len(done) >= 5, "too few writes within the time bound"
