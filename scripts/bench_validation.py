"""Time SHACL validation: one article with store context (incremental) and the whole gazetteer graph.

Usage: .venv/bin/python scripts/bench_validation.py [--repeat N]
Prints CPU seconds of this process (min of N runs), which other work on the machine does not inflate.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from rdflib import Graph

from kg.ingest.articles import find_article_files, read_article_file
from kg.ingest.pipeline import load_pipeline
from kg.gazetteer.graph import gazetteer_graph
from kg.settings import Settings
from kg.store import EmbeddedStore
from kg.validation.shacl import validate_store_graph


def cpu_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm the prepared-query cache
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    store = EmbeddedStore()
    pipeline = load_pipeline(settings, store)
    gazetteer = gazetteer_graph(pipeline.resources.gazetteer, settings.ids)
    store.replace_graph(settings.ids.ontology_graph, pipeline.ontology)
    store.replace_graph(settings.ids.gazetteer_graph, gazetteer)

    for path in find_article_files(settings.data_dir / "articles"):
        data = pipeline.extract(read_article_file(path))
        ms = cpu_ms(lambda data=data: pipeline.validate(data), args.repeat)
        print(f"article {path.name}: {len(data)} triples, context + validation {ms:.0f} ms CPU")

    union = Graph()
    union += pipeline.ontology
    union += gazetteer
    started = time.process_time()
    report, _ = validate_store_graph(union, pipeline.shapes)
    seconds = time.process_time() - started
    print(f"whole graph (ontology + gazetteer): {len(union)} triples, {seconds:.1f} s CPU, {report.counts()}")


if __name__ == "__main__":
    main()
