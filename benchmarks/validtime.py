"""What ``as_of`` and ``known_at`` cost, and that the default path costs what it did (issue 13).

``python -m benchmarks.validtime --store DIR --baseline QUERIES_DIR [--runs 15]``

``--baseline`` is the ``queries/`` folder before the change (``git archive <commit> queries | tar -x -C
DIR``). In one process over the on-disk store: every list query's first page with the baseline text and
with the current text (no time parameter), interleaved, then with ``as_of`` / ``known_at``; the two
profile queries whose text changed (``entity_figures``, ``entity_designations``) the same way; and the
profile builders of ``api.services.profiles`` without and with each parameter. Prints medians and maxima
in milliseconds (the first run of each, which warms the store's caches, is left out; the answer cache
of the store is emptied before every run, so every run computes its answer).
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from api.services.profiles import cluster_profile, park_profile, province_profile
from api.services.validtime import Times
from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog, Value
from kg.sparql.named import load_queries
from kg.store import EmbeddedStore

LISTS = (
    "clusters",
    "parks",
    "enterprises",
    "initiatives",
    "designations",
    "parks_by_province",
    "clusters_by_province",
    "initiatives_by_province",
)
AS_OF = Literal("2020-06-30", datatype=XSD.date)
KNOWN_AT = Literal("2021-01-01", datatype=XSD.date)
PICK = "SELECT ?x WHERE {{ ?x a <https://w3id.org/textile-kg/ontology#{cls}> }} ORDER BY ?x LIMIT {n}"
TITLES = (
    "SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d <https://w3id.org/textile-kg/ontology#title> ?t } "
    "GROUP BY ?t ORDER BY DESC(?n) LIMIT 1"
)
WITH_FIGURES = (
    "SELECT DISTINCT ?x WHERE { ?f <https://w3id.org/textile-kg/ontology#figureOf> ?x . "
    "?x a <https://w3id.org/textile-kg/ontology#IndustrialCluster> } ORDER BY ?x LIMIT 3"
)


RESET: list[Callable[[], None]] = []  # empties the store's answer cache before each call


def timed(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and max in ms of ``runs`` calls after one warm-up call, each computed (no cached answer)."""
    run()
    samples = []
    for _ in range(runs):
        for reset in RESET:
            reset()
        t0 = time.perf_counter()
        run()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), max(samples)


def line(name: str, *cells: tuple[float, float]) -> None:
    print(f"{name:40s}" + "".join(f"  {m:8.1f} ({x:7.1f})" for m, x in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    store, ids = EmbeddedStore(args.store), Ids()
    RESET.append(store.changed)
    old = Catalog(store, load_queries(args.baseline), ids)
    new = Catalog(store, load_queries(PROJECT_ROOT / "queries"), ids)
    provinces = [URIRef(str(r["x"])) for r in store.select(PICK.format(cls="Province", n=3), {})]
    titles = [str(r["t"]) for r in store.select(TITLES, {})]
    print("median (max) ms; lists: baseline text, current text, as_of, known_at")
    cases: list[tuple[str, str, dict[str, Value]]] = []
    for name in LISTS:
        cases.append((name, name, {"province": provinces[0]} if name.endswith("_by_province") else {}))
    for name in ("clusters", "parks"):
        cases.append((f"{name}?designation=", name, {"designation": URIRef(titles[0])}))
    for label, name, values in cases:
        query = new.query(name)
        cells = [timed(partial(page, old, name, values), args.runs)]
        cells.append(timed(partial(page, new, name, values), args.runs))
        for param, value in (("as_of", AS_OF), ("known_at", KNOWN_AT)):
            if query.param(param) is not None:
                cells.append(timed(partial(page, new, name, {**values, param: value}), args.runs))
        line(label, *cells)
    clusters = [URIRef(str(r["x"])) for r in store.select(WITH_FIGURES, {})]
    parks = [URIRef(str(r["x"])) for r in store.select(PICK.format(cls="IndustrialPark", n=3), {})]
    print("profile queries: baseline text, current text")
    for name in ("entity_figures", "entity_designations"):
        for entity in clusters[:2]:
            cells = [timed(partial(rows, catalog, name, entity), args.runs) for catalog in (old, new)]
            line(f"{name} {entity.rsplit('/', 1)[-1][:20]}", *cells)
    print("profiles (current code): none, as_of, known_at, both")
    as_of, known_at = _day(AS_OF), _day(KNOWN_AT)
    choices = [Times(), Times(as_of=as_of), Times(known_at=known_at), Times(as_of, known_at)]
    builds: tuple[tuple[Callable[..., object], list[URIRef]], ...] = (
        (cluster_profile, clusters[:2]),
        (park_profile, parks[:2]),
        (province_profile, provinces[:1]),
    )
    for build, entities in builds:
        for entity in entities:
            cells = [timed(partial(_safe, build, new, entity, when), args.runs) for when in choices]
            line(f"{getattr(build, '__name__', 'profile')} {entity.rsplit('/', 1)[-1][:20]}", *cells)
    store.close()


def page(catalog: Catalog, name: str, values: dict[str, Value]) -> object:
    return catalog.page(name, values, limit=50, offset=0)


def rows(catalog: Catalog, name: str, entity: URIRef) -> object:
    return catalog.rows(name, entity=entity)


def _day(value: Literal) -> datetime.date:
    return datetime.date.fromisoformat(str(value))


def _safe(build: Callable[..., object], catalog: Catalog, entity: URIRef, when: Times) -> object:
    """The profile, or None where no source known at the date states the entity (a 404 for the API)."""
    from kg.errors import NotFoundError

    try:
        return build(catalog, entity, when)
    except NotFoundError:
        return None


if __name__ == "__main__":
    main()
