"""Cold named queries: each run once in a fresh process on a fresh read-only store (no answer cache).

``python -m benchmarks.cold --store DIR [--timeout S]``: one line per query with its time and row count;
a query still running after the timeout is stopped and reported as such. Parameters come from
``benchmarks.questions.pick`` (the busiest cluster, the province with most parks, the commonest industry).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from pathlib import Path

from benchmarks.questions import pick
from kg.namespaces import Ids
from kg.sparql.named import load_queries, run_query
from kg.settings import PROJECT_ROOT
from kg.store.embedded import EmbeddedStore

PAGE = 50


def _cases(store_dir: Path) -> list[tuple[str, dict[str, str]]]:
    picks = pick(store_dir)
    return [
        ("parks_by_province", {"province": picks.province}),
        ("clusters_by_province", {"province": picks.province}),
        ("clusters_by_industry", {"industry": picks.industry}),
        ("clusters", {"industry": picks.industry}),
        ("entity_sources", {"entity": picks.cluster}),
        ("entity_initiatives", {"entity": picks.cluster}),
        ("search", {"q": picks.search}),
    ]


def _run(store_dir: str, name: str, params: dict[str, str], out: mp.Queue[tuple[float, int]]) -> None:
    query = load_queries(PROJECT_ROOT / "queries")[name]
    store = EmbeddedStore(Path(store_dir), read_only=True)
    start = time.perf_counter()
    rows = run_query(store, query, params, Ids(), limit=PAGE)
    out.put((time.perf_counter() - start, len(rows.rows)))


def cold(store_dir: Path, timeout: float) -> list[tuple[str, float | None, int]]:
    """(query, seconds or None after the timeout, rows) for each case."""
    results: list[tuple[str, float | None, int]] = []
    ctx = mp.get_context("spawn")
    for name, params in _cases(store_dir):
        queue: mp.Queue[tuple[float, int]] = ctx.Queue()
        proc = ctx.Process(target=_run, args=(str(store_dir), name, params, queue))
        proc.start()
        proc.join(timeout)
        if proc.is_alive():
            proc.terminate()
            proc.join()
            results.append((name, None, 0))
        else:
            seconds, rows = queue.get(timeout=5)
            results.append((name, seconds, rows))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    for name, seconds, rows in cold(args.store, args.timeout):
        shown = f"> {args.timeout:.0f} s (stopped)" if seconds is None else f"{seconds * 1000:,.1f} ms"
        print(f"{name:24} {shown:>22} {rows:>5} rows")


if __name__ == "__main__":
    main()
