"""Latency (one client, keep-alive) and throughput (wrk, or a threaded Python client, in another process)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote

import httpx

SPARQL_JSON = "application/sparql-results+json"


@dataclass
class Latency:
    samples: int
    errors: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def sparql_url(base: str, path: str, query: str) -> str:
    return f"{base}{path}?query={quote(query)}"


class TimedOut(Exception):
    """A request took longer than the client's timeout (a slow peer): stop asking that question."""


def _get(client: httpx.Client, url: str, headers: dict[str, str]) -> bool:
    """One request; False for a non-200 answer; TimedOut past the client's timeout."""
    try:
        return client.get(url, headers=headers).status_code == 200
    except httpx.TimeoutException as exc:
        raise TimedOut(url) from exc


def time_requests(
    client: httpx.Client,
    urls: list[str],
    *,
    samples: int,
    budget_s: float,
    warmup: int = 2,
    headers: dict[str, str] | None = None,
) -> Latency:
    """Each sample runs every URL of ``urls`` in sequence (a peer's profile is several queries); failed
    samples count as errors, not as times."""
    sent = {"Accept": f"application/json, {SPARQL_JSON}", **(headers or {})}
    times: list[float] = []
    errors = 0
    try:
        for _ in range(warmup):
            for url in urls:
                _get(client, url, sent)
        deadline = time.perf_counter() + budget_s
        while len(times) + errors < samples and time.perf_counter() < deadline:
            t0 = time.perf_counter()
            ok = all([_get(client, url, sent) for url in urls])
            if ok:
                times.append((time.perf_counter() - t0) * 1000)
            errors += not ok
    except TimedOut:  # the peer may still be computing: more requests would only queue behind it
        errors += 1
    if not times:
        return Latency(0, errors, None, None, None)
    return Latency(
        len(times), errors, statistics.median(times), percentile(times, 0.95), percentile(times, 0.99)
    )


def first_requests(client: httpx.Client, urls: list[str]) -> dict[str, Any]:
    """Each URL once (a different parameter each: nothing is cached yet): p50 and max in ms."""
    sent = {"Accept": f"application/json, {SPARQL_JSON}"}
    times, errors = [], 0
    for url in urls:
        t0 = time.perf_counter()
        try:
            ok = _get(client, url, sent)
        except TimedOut:
            ok = False
        if ok:
            times.append((time.perf_counter() - t0) * 1000)
        else:
            errors += 1
    return {
        "requests": len(urls),
        "errors": errors,
        "p50_ms": statistics.median(times) if times else None,
        "max_ms": max(times) if times else None,
    }


def ensure_wrk() -> str | None:
    """wrk from Debian (installed here if missing and apt is usable), or None for the Python client."""
    found = shutil.which("wrk")
    if found:
        return found
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True, timeout=300
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return shutil.which("wrk")


def load(
    url: str, *, connections: int, seconds: float, max_requests: int, header: str | None = None
) -> dict[str, Any]:
    """Requests/second under ``connections`` concurrent clients, from a separate process."""
    wrk = ensure_wrk()
    if wrk:
        return _wrk(wrk, url, connections, seconds, header)
    cmd = [sys.executable, "-m", "benchmarks.loadgen", url, str(connections), str(seconds), str(max_requests)]
    cmd += [header] if header else []
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=seconds + 120)
    import json

    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _wrk(wrk: str, url: str, connections: int, seconds: float, header: str | None) -> dict[str, Any]:
    cmd = [
        wrk,
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{max(1, int(seconds))}s",
        "--timeout",
        "10s",
        "-H",
        f"Accept: application/json, {SPARQL_JSON}",
        *(["-H", header] if header else []),
        url,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    text = done.stdout
    total = re.search(r"(\d+) requests in", text)
    rps = re.search(r"Requests/sec:\s*([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = int(non2xx.group(1)) if non2xx else 0
    errors += sum(int(x) for x in sock.groups()) if sock else 0
    return {
        "tool": "wrk",
        "connections": connections,
        "seconds": seconds,
        "requests": int(total.group(1)) if total else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "errors": errors,
    }
