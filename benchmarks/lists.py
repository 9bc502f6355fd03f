"""First requests of every REST list and profile, each with up to N distinct parameters (issue 11's targets).

``python -m benchmarks.lists --store DIR [--per-route 100] [--timeout 60] [--out FILE.json]``

Serves the store with ``tkg serve`` (the whole-answer cache off), then asks every route family once per
parameter: unfiltered lists at deep offsets, every filter, every profile, search. Each URL is asked once
(a first request: no answer of it is cached anywhere), families interleaved so that no family warms the
next. Prints p50 / p95 / max per family and writes them as JSON. Parameters are read from the store
before it is served (a read-only open), from the source graphs, so the choice does not depend on the
consolidated graph being right.

Before the first request, the store's files are read once (as the page cache of a server that has run
a while holds them: without it the figures measured the disk, and they varied 3x between runs of one
store), and the run waits until ``/health`` reports the search index ready (its first read takes ~48 s
at 10^7 and competes for the CPU with every request made meanwhile). ``--cold`` skips both.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from benchmarks.measure import percentile
from benchmarks.servers import free_port, start_api

TKG = "https://w3id.org/textile-kg/ontology#"
PAGE = 50

# family -> (SPARQL picking values, URL template); the query's first variable fills the template.
PICKS: dict[str, tuple[str, str]] = {
    "province": (f"SELECT DISTINCT ?v {{ ?p a <{TKG}Province> ; <{TKG}gbCode> ?v }}", ""),
    "city": (f"SELECT DISTINCT ?v {{ ?p a <{TKG}City> ; <{TKG}gbCode> ?v }}", ""),
    "industry": (f"SELECT DISTINCT ?v {{ ?x <{TKG}specializesIn> ?v }}", ""),
    "kind": (f"SELECT DISTINCT ?v {{ ?x <{TKG}parkKind> ?v }}", ""),
    "designation": (f"SELECT DISTINCT ?v {{ ?x <{TKG}designatedAs>/<{TKG}title> ?v }}", ""),
    "year": (f"SELECT DISTINCT ?v {{ ?x <{TKG}designatedAs>/<{TKG}year> ?v }}", ""),
    "measure": (f"SELECT DISTINCT ?v {{ ?x <{TKG}promotes> ?v }}", ""),
    "cluster": (f"SELECT DISTINCT ?v {{ ?v a <{TKG}IndustrialCluster> }}", ""),
    "park": (f"SELECT DISTINCT ?v {{ ?v a <{TKG}IndustrialPark> }}", ""),
    "initiative": (f"SELECT DISTINCT ?v {{ ?v a <{TKG}Initiative> }}", ""),
    "word": ("SELECT DISTINCT ?v { ?x a ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?v }", ""),
    "count_parks": (f"SELECT (COUNT(DISTINCT ?v) AS ?n) {{ ?v a <{TKG}IndustrialPark> }}", ""),
    "count_clusters": (f"SELECT (COUNT(DISTINCT ?v) AS ?n) {{ ?v a <{TKG}IndustrialCluster> }}", ""),
}


def _value(term: Any) -> str:
    value = str(term.value)
    return value.rsplit("/", 1)[-1] if isinstance(term, ox.NamedNode) else value


def pick_values(store_dir: Path, k: int, seed: int) -> dict[str, list[str]]:
    """Up to ``k`` values per kind of parameter, drawn at random (seeded) from all there are."""
    store = ox.Store.read_only(str(store_dir))
    rng = random.Random(seed)
    values: dict[str, list[str]] = {}
    try:
        for name, (query, _) in PICKS.items():
            rows = [_value(row[0]) for row in store.query(query, use_default_graph_as_union=True)]  # type: ignore[union-attr]
            if name == "word":
                rows = sorted({w.strip(",.()").lower() for r in rows for w in r.split() if len(w) > 3})
            rng.shuffle(rows)
            values[name] = rows if name.startswith("count_") else rows[:k]
    finally:
        del store
    return values


def urls_by_family(values: dict[str, list[str]], k: int) -> dict[str, list[str]]:
    """Up to ``k`` distinct URLs per route family."""
    v = values
    lists = {"parks": v["count_parks"], "clusters": v["count_clusters"]}
    out: dict[str, list[str]] = {}
    for kind, count in lists.items():
        total = int(count[0]) if count else 0
        offsets = sorted({(total * i) // k for i in range(k)}) if total else [0]
        out[f"/{kind} unfiltered (offsets to {total})"] = [
            f"/{kind}?limit={PAGE}&offset={o}" for o in offsets
        ]
        for f in ("province", "city", "industry", "designation", "year"):
            out[f"/{kind}?{f}="] = [f"/{kind}?{f}={x}&limit={PAGE}" for x in v[f]]
    out["/parks?kind="] = [f"/parks?kind={x}&limit={PAGE}" for x in v["kind"]]
    out["/enterprises unfiltered and ?province="] = ["/enterprises?limit=50"] + [
        f"/enterprises?province={x}&limit={PAGE}" for x in v["province"]
    ]
    out["/enterprises?cluster="] = [f"/enterprises?cluster={x}&limit={PAGE}" for x in v["cluster"]]
    out["/initiatives?province="] = [f"/initiatives?province={x}&limit={PAGE}" for x in v["province"]]
    out["/initiatives?measure="] = [f"/initiatives?measure={x}&limit={PAGE}" for x in v["measure"]]
    out["/provinces/{id}/parks"] = [f"/provinces/{x}/parks?limit={PAGE}" for x in v["province"]]
    out["/provinces/{id}/clusters"] = [f"/provinces/{x}/clusters?limit={PAGE}" for x in v["province"]]
    out["/provinces/{id}/initiatives"] = [f"/provinces/{x}/initiatives?limit={PAGE}" for x in v["province"]]
    out["/provinces/{id}"] = [f"/provinces/{x}" for x in v["province"]]
    out["/clusters/{id}"] = [f"/clusters/{x}" for x in v["cluster"]]
    out["/parks/{id}"] = [f"/parks/{x}" for x in v["park"]]
    out["/initiatives/{id}"] = [f"/initiatives/{x}" for x in v["initiative"]]
    out["/search?q="] = [f"/search?q={x}&limit={PAGE}" for x in v["word"]]
    return {name: urls[:k] for name, urls in out.items() if urls}


def ask(base: str, families: dict[str, list[str]], timeout: float, seed: int) -> dict[str, Any]:
    """Each URL once, families interleaved in a seeded random order; ms per family."""
    order = [(name, url) for name, urls in families.items() for url in urls]
    random.Random(seed).shuffle(order)
    times: dict[str, list[float]] = {name: [] for name in families}
    errors: dict[str, list[str]] = {name: [] for name in families}
    headers = {"Accept": "application/json", "Cache-Control": "no-cache"}
    with httpx.Client(base_url=base, timeout=timeout, headers=headers) as client:
        for name, url in order:
            start = time.perf_counter()
            try:
                status = client.get(url).status_code
            except httpx.TimeoutException:
                status = 0
            elapsed = (time.perf_counter() - start) * 1000
            if status in (200, 404):  # 404: a filter value that names nothing in this graph is an answer
                times[name].append(elapsed)
            else:
                errors[name].append(f"{status} {url}")
    return {name: _summary(times[name], errors[name]) for name in families}


def warm_files(store: Path) -> None:
    """Read every file of the store once, so that the page cache holds it."""
    t0 = time.perf_counter()
    size = 0
    for path in sorted(p for p in store.rglob("*") if p.is_file()):
        with path.open("rb") as data:
            while chunk := data.read(1 << 22):
                size += len(chunk)
    print(f"read {size / 1e9:.2f} GB of store files in {time.perf_counter() - t0:.1f} s")


def wait_for_index(base: str, limit: float = 600.0) -> None:
    """Until /health says the search index is no longer being built."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        state = httpx.get(base + "/health", timeout=10).json().get("search_index")
        if state != "building":
            print(f"search index {state} after {time.perf_counter() - t0:.1f} s")
            return
        time.sleep(0.5)
    print(f"search index still building after {limit:.0f} s")


def _summary(ms: list[float], errors: list[str]) -> dict[str, Any]:
    if not ms:
        return {"requests": len(errors), "errors": errors[:5], "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "requests": len(ms) + len(errors),
        "errors": errors[:5],
        "error_count": len(errors),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--per-route", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cold", action="store_true", help="no page-cache warm-up, no wait for the index")
    args = parser.parse_args()
    if not args.cold:
        warm_files(args.store)
    families = urls_by_family(pick_values(args.store, args.per_route, args.seed), args.per_route)
    log = Path(tempfile.mkdtemp(prefix="tkg-lists-")) / "api.log"
    server = start_api(args.store, free_port(), log, env={"TKG_RESPONSE_CACHE": "false"})
    try:
        if not args.cold:
            wait_for_index(server.base)
        results = ask(server.base, families, args.timeout, args.seed)
    finally:
        server.stop()
    print(f"{'route family':46} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} errors")
    for name, r in results.items():
        cells = [f"{r[k]:9.1f}" if r[k] is not None else f"{'-':>9}" for k in ("p50_ms", "p95_ms", "max_ms")]
        print(f"{name:46} {r['requests']:4} {' '.join(cells)} {r.get('error_count', len(r['errors']))}")
    if args.out:
        args.out.write_text(json.dumps({"store": str(args.store), "families": results}, indent=2))


if __name__ == "__main__":
    main()
