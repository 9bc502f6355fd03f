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
from benchmarks.measure import first_requests, load, sparql_url, time_requests
from benchmarks.questions import Question, first_request_paths, pick, pick_many, questions
from benchmarks.servers import Server, free_port, start_api, start_oxigraph, start_oxigraph_rw, start_rdflib
from kg.settings import PROJECT_ROOT, Settings

RESULTS = PROJECT_ROOT / "benchmarks" / "results"


def urls_for(server: Server, question: Question) -> list[str]:
    if server.name == "api":
        return [server.base + question.api_path]
    return [sparql_url(server.base, server.sparql_path, q) for q in question.sparql]


NO_CACHE = "Cache-Control: no-cache"  # past the API's whole-answer cache (the store's answer cache stays)


def ask_all(server: Server, qs: list[Question], args: argparse.Namespace, slow: bool) -> dict[str, Any]:
    """Latency and throughput of every question on one server; for the API also past its answer cache."""
    out: dict[str, Any] = {}
    samples, budget = (args.slow_samples, args.slow_budget) if slow else (args.samples, args.budget)
    api = server.name.startswith("api")
    with httpx.Client(timeout=args.request_timeout) as client:
        for q in qs:
            urls = urls_for(server, q)
            lat = time_requests(client, urls, samples=samples, budget_s=budget, warmup=0 if slow else 3)
            entry: dict[str, Any] = {"latency": lat.as_dict()}
            if api:
                entry["latency_no_cache"] = time_requests(
                    client, urls, samples=samples, budget_s=budget, headers={"Cache-Control": "no-cache"}
                ).as_dict()
            if len(urls) == 1 and not (slow and args.size_label != "1e4"):
                entry["load"] = _load(urls[0], args)
                if api:
                    entry["load_no_cache"] = _load(urls[0], args, NO_CACHE)
            out[q.name] = entry
            print(
                f"    {server.name:17} {q.name:21} p50 {_fmt(entry['latency']['p50_ms'])} ms"
                f" no-cache {_fmt(entry.get('latency_no_cache', {}).get('p50_ms'))} ms"
                f"  rps {_fmt(entry.get('load', {}).get('rps'))}"
                f" no-cache {_fmt(entry.get('load_no_cache', {}).get('rps'))}",
                flush=True,
            )
    return out


def _load(url: str, args: argparse.Namespace, header: str | None = None) -> dict[str, Any]:
    return load(
        url,
        connections=args.connections,
        seconds=args.load_seconds,
        max_requests=args.load_requests,
        header=header,
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def serve_and_ask(
    start: Any,
    qs: list[Question],
    args: argparse.Namespace,
    *,
    slow: bool = False,
    first: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Start a server, then (``first``: API paths per question) ask each path once while nothing is
    cached, then the latency and throughput runs."""
    server: Server = start()
    try:
        result: dict[str, Any] = {"startup_s": server.ready_seconds}
        if first is not None:
            with httpx.Client(timeout=args.request_timeout) as client:
                t0 = time.perf_counter()
                client.get(server.base + first["cluster profile"][0])
                result["first_profile_ms"] = (time.perf_counter() - t0) * 1000
                result["first_requests"] = {  # the profile of first["cluster profile"][0] was just asked
                    name: first_requests(
                        client, [server.base + p for p in paths[1 if name == "cluster profile" else 0 :]]
                    )
                    for name, paths in first.items()
                }
            for name, entry in result["first_requests"].items():
                print(f"    {server.name:17} {name:21} first requests {entry}", flush=True)
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
    # the first parameter of each list is the one asked repeatedly; the others are asked once each
    first = first_request_paths(
        pick_many(store_dir, args.first_requests + 1), PROJECT_ROOT / "queries", Settings().ids
    )
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    servers: dict[str, Any] = {}
    print(f"== {label}: {out['quads']:,} quads, loaded in {out['load_s']:.1f} s", flush=True)
    servers["api"] = serve_and_ask(
        lambda: start_api(store_dir, free_port(), logs / f"api-{label}.log"), qs, args, first=first
    )
    ox_dir = work / f"store-{label}-oxigraph"
    shutil.rmtree(ox_dir, ignore_errors=True)
    shutil.copytree(store_dir, ox_dir)
    servers["oxigraph"] = serve_and_ask(
        lambda: start_oxigraph(ox_dir, free_port(), logs / f"ox-{label}.log"), qs, args
    )
    if label in args.remote_sizes.split(","):
        servers["api-over-oxigraph"] = api_over_oxigraph(label, ox_dir, qs, args, logs, first)
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
    label: str,
    ox_dir: Path,
    qs: list[Question],
    args: argparse.Namespace,
    logs: Path,
    first: dict[str, list[str]],
) -> dict[str, Any]:
    backend = start_oxigraph_rw(ox_dir, free_port(), logs / f"ox-rw-{label}.log")
    try:
        return serve_and_ask(
            lambda: start_api(None, free_port(), logs / f"api-remote-{label}.log", endpoint=backend.base),
            qs,
            args,
            first=first,
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
    p.add_argument("--first-requests", type=int, default=10, help="other parameters asked once each")
    p.add_argument("--request-timeout", type=float, default=120, help="seconds before a request fails")
    p.add_argument("--budget", type=float, default=15, help="seconds of latency sampling per question")
    p.add_argument("--slow-samples", type=int, default=5, help="samples per question for rdflib-endpoint")
    p.add_argument("--slow-budget", type=float, default=40)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--load-seconds", type=float, default=8)
    p.add_argument("--load-requests", type=int, default=50_000)
    p.add_argument("--remote-sizes", default="1e6", help="sizes also served by the API over Oxigraph server")
    p.add_argument("--skip-rdflib", action="store_true")
    p.add_argument("--rdflib-start-timeout", type=float, default=900)
    p.add_argument("--shacl-timeout", type=float, default=420)
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
