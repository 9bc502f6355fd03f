"""Measurements without HTTP: bulk load, one-article ingest, whole-graph SHACL, seed build.

Each heavy step runs in a child process with a time limit, so that one slow step cannot stall the run.
``python -m benchmarks.offline shacl STORE`` and ``... build STORE`` are those children;
``... ingest-all STORE`` times every corpus article, ``... ingest-phases STORE`` each step of its ingest
(both write: use a copy of a store).
"""

from __future__ import annotations

import gc
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.heap import settle
from kg.ingest.pipeline import Pipeline
from kg.namespaces import TKG
from kg.rdf.terms import to_oxigraph
from kg.settings import PROJECT_ROOT, Settings
from kg.store.embedded import EmbeddedStore
from loaders.article import Article

SEED_ARTICLE = "003_e3ad5b8cc8d86b93.txt"  # a corpus article the loaders extract into a valid graph


def bulk_load(data: Path, store_dir: Path) -> float:
    """A fresh on-disk store holding ``data``; seconds taken (pyoxigraph bulk loader, as ``tkg load``)."""
    if store_dir.exists():
        shutil.rmtree(store_dir)
    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    del store
    return time.perf_counter() - t0


def ingest_times(store_dir: Path, runs: int = 5) -> dict[str, Any]:
    """One corpus article through ``Pipeline.ingest`` (extract, incremental SHACL, atomic write)."""
    from kg.ingest.articles import read_article_file
    from kg.ingest.pipeline import load_pipeline

    settings = Settings(store=store_dir)
    store = EmbeddedStore(store_dir)
    try:
        pipeline = load_pipeline(settings, store)
        settle()  # as `tkg ingest` does (kg/heap.py)
        article = read_article_file(settings.data_dir / "articles" / SEED_ARTICLE)
        added_places = add_missing_places(store, pipeline, article)
        gc.collect()  # the set-up's garbage (a gazetteer graph) is not the ingest's to collect
        seconds, written = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            result = pipeline.ingest(article)
            seconds.append((time.perf_counter() - t0) * 1000)
            written.append(result.written)
    finally:
        store.close()
    return {
        "article": SEED_ARTICLE,
        "runs_ms": [round(s, 1) for s in seconds],
        "median_ms": statistics.median(seconds[1:] or seconds),
        "written": all(written),
        "places_added": added_places,
        "store_quads": len(store.oxigraph),
    }


def add_missing_places(store: EmbeddedStore, pipeline: Pipeline, article: Article) -> int:
    """Gazetteer triples of the places the article refers to that the store lacks (the 10^4 synthetic
    graph keeps only part of the gazetteer): else the article fails SHACL and the run times no write."""
    from kg.gazetteer.graph import gazetteer_graph
    from kg.validation.shacl import referenced_iris

    gazetteer = gazetteer_graph(pipeline.resources.gazetteer, pipeline.ids)
    wanted = [i for i in referenced_iris(pipeline.extract(article)) if (i, None, None) in gazetteer]
    chain: set[URIRef] = set()
    while wanted:
        iri = wanted.pop()
        if iri not in chain:
            chain.add(iri)
            wanted += [o for o in gazetteer.objects(iri, TKG.locatedIn) if isinstance(o, URIRef)]
    graph = ox.NamedNode(str(pipeline.ids.gazetteer_graph))
    added = 0
    for iri in chain:
        if next(store.oxigraph.quads_for_pattern(ox.NamedNode(str(iri)), None, None), None) is None:
            for _, p, o in gazetteer.triples((iri, None, None)):
                quad = ox.Quad(ox.NamedNode(str(iri)), ox.NamedNode(str(p)), to_oxigraph(o), graph)  # type: ignore[arg-type]
                store.oxigraph.add(quad)
                added += 1
    store.changed()
    return added


def _child(step: str, store_dir: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.offline", step, str(store_dir)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout_s": timeout}
    if done.returncode != 0:
        return {"seconds": None, "error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def shacl_time(store_dir: Path, timeout: float) -> dict[str, Any]:
    return _child("shacl", store_dir, timeout)


def seed_build_time(work: Path, timeout: float) -> dict[str, Any]:
    target = work / "seed-store"
    if target.exists():
        shutil.rmtree(target)
    return _child("build", target, timeout)


def _run_shacl(store_dir: Path) -> dict[str, Any]:
    from kg.ingest.build import validate_store
    from kg.store import open_store

    settings = Settings(store=store_dir)
    store = open_store(settings, read_only=True)
    t0 = time.perf_counter()
    report = validate_store(settings, store)
    return {
        "seconds": time.perf_counter() - t0,
        "conforms": report.conforms,
        "violations": len(report.violations),
    }


def _run_build(store_dir: Path) -> dict[str, Any]:
    from kg.ingest.build import build
    from kg.store import open_store

    t0 = time.perf_counter()
    settings = Settings(store=store_dir)
    store = open_store(settings)
    result = build(settings, store)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "steps": result.timings, "refused": sorted(result.refused)}


def ingest_every_article(store_dir: Path, runs: int = 3) -> dict[str, list[float]]:
    """Every corpus article ``runs`` times into the store (the first run writes a new graph), in ms."""
    from kg.ingest.articles import find_article_files, read_article_file
    from kg.ingest.pipeline import load_pipeline

    settings = Settings(store=store_dir)
    store = EmbeddedStore(store_dir)
    times: dict[str, list[float]] = {}
    try:
        pipeline = load_pipeline(settings, store)
        settle()  # as `tkg ingest` does (kg/heap.py)
        for path in find_article_files(settings.data_dir / "articles"):
            article = read_article_file(path)
            add_missing_places(store, pipeline, article)
            gc.collect()  # the set-up's garbage (a gazetteer graph) is not the ingest's to collect
            for _ in range(runs):
                t0 = time.perf_counter()
                pipeline.ingest(article)
                times.setdefault(path.name, []).append(round((time.perf_counter() - t0) * 1000, 1))
    finally:
        store.close()
    return times


def ingest_phases(store_dir: Path, runs: int = 3) -> dict[str, dict[str, float]]:
    """Every corpus article ``runs`` times into the store, timed by step (extract, SHACL with the store
    context, the write with the view's refresh), medians in ms: where an ingest's time goes."""
    from datetime import UTC, datetime

    from kg.ingest.articles import find_article_files, read_article_file
    from kg.ingest.pipeline import load_pipeline, store_article_graph

    settings = Settings(store=store_dir)
    store = EmbeddedStore(store_dir)
    phases: dict[str, dict[str, float]] = {}
    try:
        pipeline = load_pipeline(settings, store)
        settle()  # as `tkg ingest` does (kg/heap.py)
        for path in find_article_files(settings.data_dir / "articles"):
            article = read_article_file(path)
            add_missing_places(store, pipeline, article)
            gc.collect()  # the set-up's garbage (a gazetteer graph) is not the ingest's to collect
            rows = []
            for _ in range(runs):
                t0 = time.perf_counter()
                data = pipeline.extract(article)
                t1 = time.perf_counter()
                pipeline.validate(data)
                t2 = time.perf_counter()
                store_article_graph(store, pipeline.ids, article, data, datetime.now(UTC))
                t3 = time.perf_counter()
                rows.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0))
            names = ("extract", "shacl", "write", "total")
            phases[path.name] = {
                name: round(statistics.median(r[i] for r in rows) * 1000, 1) for i, name in enumerate(names)
            }
    finally:
        store.close()
    return phases


if __name__ == "__main__":
    # shacl | build | ingest-all | ingest-phases (the last two write into STORE: run them on a copy)
    step, path = sys.argv[1], Path(sys.argv[2])
    steps = {
        "shacl": _run_shacl,
        "build": _run_build,
        "ingest-all": ingest_every_article,
        "ingest-phases": ingest_phases,
    }
    sys.stdout.write(json.dumps(steps[step](path)) + "\n")
