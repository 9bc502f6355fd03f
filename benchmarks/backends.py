"""Median latency of every named SELECT query on the configured store (TKG_STORE or TKG_ENDPOINT...).

    .venv/bin/python benchmarks/backends.py [--repeat 15]        # prints one line per query + overall

Parameters are those of the named-query contract tests; run it once per backend (see docs/deployment.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.api.test_named_queries

from kg.sparql.named import load_queries, run_query  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.store import open_store  # noqa: E402
from tests.api.test_named_queries import EXAMPLES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    settings = Settings()
    store = open_store(settings)
    medians = []
    for name, query in load_queries(settings.queries_dir).items():
        if query.form != "select":
            continue
        params = EXAMPLES.get(name, {})
        run_query(store, query, params, settings.ids)  # warm up
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            rows = len(run_query(store, query, params, settings.ids))
            times.append((time.perf_counter() - t0) * 1000)
        medians.append(statistics.median(times))
        print(f"{name:26} {medians[-1]:9.2f} ms  {rows:5} rows")
    print(f"{'median of medians':26} {statistics.median(medians):9.2f} ms  ({len(medians)} queries)")
    store.close()


if __name__ == "__main__":
    main()
