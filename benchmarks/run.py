"""The one benchmark command: ``.venv/bin/python -m benchmarks.run --sizes 1e4,1e5,1e6``.

For each size: synthesise, bulk-load a fresh on-disk store, start the API (``tkg serve``), a bare Oxigraph
server and rdflib-endpoint as separate processes on loopback, ask each the same questions (latency with one
client, throughput with wrk), then measure ingest and whole-graph SHACL. Writes
``benchmarks/results/<stamp>.json`` and ``latest.json``, then ``docs/benchmarks.md`` (see report.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks import offline, report
from benchmarks.machine import machine
from benchmarks.measure import load, sparql_url, time_requests
from benchmarks.questions import Question, pick, questions
from benchmarks.servers import Server, free_port, start_api, start_oxigraph, start_oxigraph_rw, start_rdflib
from kg.settings import PROJECT_ROOT, Settings

RESULTS = PROJECT_ROOT / "benchmarks" / "results"


def urls_for(server: Server, question: Question) -> list[str]:
    if server.name == "api":
        return [server.base + question.api_path]
    return [sparql_url(server.base, server.sparql_path, q) for q in question.sparql]


def ask_all(server: Server, qs: list[Question], args: argparse.Namespace, slow: bool) -> dict[str, Any]:
    """Latency and throughput of every question on one server."""
    out: dict[str, Any] = {}
    samples, budget = (args.slow_samples, args.slow_budget) if slow else (args.samples, args.budget)
    with httpx.Client(timeout=120) as client:
        for q in qs:
            urls = urls_for(server, q)
            entry: dict[str, Any] = {
                "latency": time_requests(
                    client, urls, samples=samples, budget_s=budget, warmup=0 if slow else 3
                ).as_dict()
            }
            if len(urls) == 1 and not (slow and args.size_label != "1e4"):
                entry["load"] = load(
                    urls[0],
                    connections=args.connections,
                    seconds=args.load_seconds,
                    max_requests=args.load_requests,
                )
            out[q.name] = entry
            print(
                f"    {server.name:16} {q.name:22} p50 {entry['latency']['p50_ms']} ms"
                f"  rps {entry.get('load', {}).get('rps')}",
                flush=True,
            )
    return out


def serve_and_ask(
    start: Any,
    qs: list[Question],
    args: argparse.Namespace,
    *,
    slow: bool = False,
    first: Question | None = None,
) -> dict[str, Any]:
    server: Server = start()
    try:
        result: dict[str, Any] = {"startup_s": server.ready_seconds}
        if first is not None:  # time to the first profile after start-up (cold caches)
            t0 = time.perf_counter()
            httpx.get(urls_for(server, first)[0], timeout=120)
            result["first_profile_ms"] = (time.perf_counter() - t0) * 1000
        result["questions"] = ask_all(server, qs, args, slow)
        result["peak_rss_mb"] = server.peak_rss_mb()
        return result
    finally:
        server.stop()


def run_size(label: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    n = int(float(label))
    args.size_label = label
    data = work / f"synth-{label}-s{args.seed}.nq"
    out: dict[str, Any] = {"requested": n}
    if not data.exists():
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(PROJECT_ROOT / ".venv/bin/tkg"),
                "synth",
                "--triples",
                label,
                "--out",
                str(data),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
        out["synth_s"] = time.perf_counter() - t0
    with data.open(encoding="utf-8") as handle:
        out["quads"] = sum(1 for _ in handle)
    store_dir = work / f"store-{label}"
    out["load_s"] = offline.bulk_load(data, store_dir)
    picks = pick(store_dir)
    out["picks"] = picks.__dict__
    qs = questions(picks, PROJECT_ROOT / "queries", Settings().ids)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    servers: dict[str, Any] = {}
    print(f"== {label}: {out['quads']:,} quads, loaded in {out['load_s']:.1f} s", flush=True)
    servers["api"] = serve_and_ask(
        lambda: start_api(store_dir, free_port(), logs / f"api-{label}.log"), qs, args, first=qs[0]
    )
    ox_dir = work / f"store-{label}-oxigraph"
    shutil.rmtree(ox_dir, ignore_errors=True)
    shutil.copytree(store_dir, ox_dir)
    servers["oxigraph"] = serve_and_ask(
        lambda: start_oxigraph(ox_dir, free_port(), logs / f"ox-{label}.log"), qs, args
    )
    if label in args.remote_sizes.split(","):
        servers["api-over-oxigraph"] = api_over_oxigraph(label, ox_dir, qs, args, logs)
    if not args.skip_rdflib:
        servers["rdflib-endpoint"] = serve_and_ask(
            lambda: start_rdflib(data, free_port(), logs / f"rdflib-{label}.log", args.rdflib_start_timeout),
            qs,
            args,
            slow=True,
        )
    out["servers"] = servers
    out["ingest"] = offline.ingest_times(store_dir)
    print(f"    ingest {out['ingest']['median_ms']:.0f} ms", flush=True)
    out["shacl"] = offline.shacl_time(store_dir, args.shacl_timeout)
    print(f"    shacl {out['shacl']}", flush=True)
    return out


def api_over_oxigraph(
    label: str, ox_dir: Path, qs: list[Question], args: argparse.Namespace, logs: Path
) -> dict[str, Any]:
    backend = start_oxigraph_rw(ox_dir, free_port(), logs / f"ox-rw-{label}.log")
    try:
        return serve_and_ask(
            lambda: start_api(None, free_port(), logs / f"api-remote-{label}.log", endpoint=backend.base),
            qs,
            args,
            first=qs[0],
        )
    except RuntimeError as exc:
        return {"error": str(exc)}
    finally:
        backend.stop()


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", default="1e4,1e5,1e6")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=PROJECT_ROOT / "var" / "bench")
    p.add_argument("--samples", type=int, default=200, help="latency samples per question")
    p.add_argument("--budget", type=float, default=15, help="seconds of latency sampling per question")
    p.add_argument("--slow-samples", type=int, default=5, help="samples per question for rdflib-endpoint")
    p.add_argument("--slow-budget", type=float, default=40)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--load-seconds", type=float, default=8)
    p.add_argument("--load-requests", type=int, default=50_000)
    p.add_argument("--remote-sizes", default="1e6", help="sizes also served by the API over Oxigraph server")
    p.add_argument("--skip-rdflib", action="store_true")
    p.add_argument("--rdflib-start-timeout", type=float, default=900)
    p.add_argument("--shacl-timeout", type=float, default=600)
    p.add_argument("--build-timeout", type=float, default=600)
    return p.parse_args()


def main() -> None:
    args = parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "args": {k: str(v) for k, v in vars(args).items()},
        "sizes": {},
    }
    results["seed_build"] = offline.seed_build_time(args.work, args.build_timeout)
    print(f"seed build: {results['seed_build']}", flush=True)
    for label in args.sizes.split(","):
        results["sizes"][label] = run_size(label, args, args.work)
        write(results)
    results["machine"]["load_after"] = machine()["load_average"]
    write(results)
    report.write_docs(results, PROJECT_ROOT / "docs" / "benchmarks.md")


def write(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (RESULTS / f"{results['started'].replace(':', '')}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
