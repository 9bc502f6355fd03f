"""Versioned merges into one curated graph: what one merge costs as the graph and its history grow, and
whether concurrent merges lose any acknowledged write.

``python -m benchmarks.merges [--merges 100] [--writers 8] [--runs sequential,concurrent] [--out FILE]``

The API (``tkg serve``) runs over a new on-disk store holding the test fixture graph
(``tests/data/fixture.trig``, consolidated), with a write token. Two runs, each into its own graph:

1. Sequential: ``--merges`` ``POST /graphs?graph=G`` one after another, each adding one park (five
   triples) in Qinghe County; the time of every merge (the figures of merge #1, #50, #100 are the ones
   issue 16 asks for). Every merge is versioned: the graph's content is kept as its next version.
2. Concurrent: ``--merges`` merges sent at once from as many threads, the server allowing ``--writers``
   writes in flight (TKG_MAX_INFLIGHT_WRITES); the wall time, the statuses, and how many acknowledged
   merges are missing from the graph afterwards (the target is 0).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from benchmarks.servers import free_port, start_api
from kg.settings import Settings
from kg.store import open_store

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "fixture.trig"
BASE = "https://w3id.org/textile-kg/id/"
TOKEN = "benchmark-token"
WRITE = {"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"}
PREFIXES = f"""@base <{BASE}> .
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def park(name: str) -> str:
    return PREFIXES + (
        f'<park/{name}> a tkg:IndustrialPark ; rdfs:label "{name}"@en ; dcterms:source "visit" ; '
        "tkg:locatedIn <place/130534> ; tkg:parkKind <https://w3id.org/textile-kg/kind/park> ."
    )


def fixture_store(directory: Path) -> Path:
    """An on-disk store with the fixture graph and its consolidated graph (closed again)."""
    store = open_store(Settings(store=directory))
    store.update("CLEAR ALL")
    assert hasattr(store, "oxigraph")
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.rebuild_consolidated()
    store.close()
    return directory


def sequential(base: str, graph: str, merges: int) -> list[float]:
    """Seconds of each of ``merges`` merges sent one after another."""
    times: list[float] = []
    with httpx.Client(timeout=600) as client:
        for i in range(merges):
            started = time.perf_counter()
            answer = client.post(
                base + "/graphs", params={"graph": graph}, content=park(f"seq-{i}"), headers=WRITE
            )
            times.append(time.perf_counter() - started)
            assert answer.status_code in (200, 201), answer.text[:300]
            print(f"merge #{i + 1}: {times[-1] * 1000:.0f} ms", flush=True)
    return times


def concurrent(base: str, graph: str, merges: int) -> dict[str, Any]:
    """``merges`` merges at once; statuses, wall time, acknowledged merges missing afterwards."""
    statuses: dict[str, int] = {}

    def merge(name: str) -> None:
        answer = httpx.post(
            base + "/graphs", params={"graph": graph}, content=park(name), headers=WRITE, timeout=900
        )
        statuses[name] = answer.status_code

    threads = [threading.Thread(target=merge, args=(f"race-{i}",)) for i in range(merges)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    stored = httpx.get(
        base + "/graphs", params={"graph": graph}, headers={"Accept": "application/n-triples"}, timeout=60
    ).text
    acknowledged = [name for name, status in statuses.items() if status in (200, 201)]
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[str(status)] = counts.get(str(status), 0) + 1
    return {
        "merges": merges,
        "wall_s": round(wall, 2),
        "statuses": counts,
        "acknowledged": len(acknowledged),
        "lost": sum(f"park/{name}>" not in stored for name in acknowledged),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--merges", type=int, default=100)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--runs", default="sequential,concurrent", help="which runs, comma-separated")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = fixture_store(Path(tmp) / "store")
        env = {
            "TKG_WRITE_TOKEN": TOKEN,
            "TKG_MAX_INFLIGHT_WRITES": str(args.writers),
            "TKG_OVERLOAD_QUEUE": str(args.merges),
            "TKG_OVERLOAD_WAIT": "900",
            "TKG_HEAVY_DEADLINE": "900",
        }
        server = start_api(store, free_port(), Path(tmp) / "api.log", env=env)
        result: dict[str, Any] = {}
        try:
            if "sequential" in args.runs:
                times = sequential(server.base, BASE + "graph/curated/sequential", args.merges)
                picks = sorted({1, min(50, args.merges), args.merges})
                result["sequential_ms"] = {f"#{n}": round(times[n - 1] * 1000, 1) for n in picks}
                result["sequential_total_s"] = round(sum(times), 2)
            if "concurrent" in args.runs:
                result["concurrent"] = concurrent(server.base, BASE + "graph/curated/concurrent", args.merges)
        finally:
            server.stop()
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
