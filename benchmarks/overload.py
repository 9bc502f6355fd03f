"""Overload run: the API at three times its saturation throughput, then quiet again.

``python -m benchmarks.overload --store DIR [--seconds 20] [--factor 3] [--out FILE]``

1. Saturation: ``--connections`` clients (default: TKG_MAX_INFLIGHT_QUERIES, 16) ask list pages
   (``/parks``, ``/clusters``, ``/initiatives`` at varying offsets, answer cache off) back to back for
   ``--probe`` seconds; their rate is the saturation throughput X.
2. Overload: requests are sent on a fixed schedule at ``factor`` x X for ``--seconds`` seconds, whatever
   the server answers (an open loop: clients do not slow down when the server does). Meanwhile
   ``/health`` is probed every 100 ms.
3. Recovery: after the last overload request is answered, one request every 0.5 s until one is answered
   200 within twice the quiet p50; the time from the end of the burst to it is the recovery time.

Prints and writes: the statuses (200 / 503 / other), how many 503 carried ``Retry-After``, /health p50/p99
during the burst, and the recovery time. The load generator runs on the same machine (its threads
compete with the server for the CPU: figures are pessimistic for the server).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from benchmarks.measure import percentile
from benchmarks.servers import free_port, start_api

PATHS = ("/parks", "/clusters", "/initiatives")


def url(base: str, i: int) -> str:
    return f"{base}{PATHS[i % len(PATHS)]}?limit=20&offset={(i // len(PATHS)) % 5}"


def saturation(client: httpx.Client, base: str, connections: int, seconds: float) -> tuple[float, float]:
    """(requests per second, p50 seconds) of ``connections`` closed-loop clients."""
    times: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    def work() -> None:
        while time.monotonic() < deadline:
            i = next(counter)
            started = time.monotonic()
            if client.get(url(base, i)).status_code == 200:
                with lock:
                    times.append(time.monotonic() - started)

    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(times) / seconds, percentile(times, 0.5)


def burst(client: httpx.Client, base: str, rate: float, seconds: float) -> dict[str, Any]:
    """Requests at ``rate`` per second for ``seconds``; /health probed every 100 ms meanwhile."""
    answers: list[tuple[int, bool, float]] = []
    health: list[float] = []
    errors: Counter[str] = Counter()  # status 0: no HTTP answer (the exception's name)
    lock = threading.Lock()
    done = threading.Event()

    def one(i: int) -> None:
        started = time.monotonic()
        try:
            answer = client.get(url(base, i))
            status, retry = answer.status_code, "retry-after" in answer.headers
        except httpx.HTTPError as exc:
            status, retry = 0, False
            with lock:
                errors[type(exc).__name__] += 1
        with lock:
            answers.append((status, retry, time.monotonic() - started))

    def probe() -> None:
        with httpx.Client(timeout=30) as own:
            while not done.is_set():
                started = time.monotonic()
                own.get(base + "/health")
                health.append(time.monotonic() - started)
                time.sleep(0.1)

    prober = threading.Thread(target=probe)
    prober.start()
    total = int(rate * seconds)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=512) as pool:
        for i in range(total):
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, i)
    ended = time.monotonic()
    done.set()
    prober.join()
    statuses = Counter(status for status, _, _ in answers)
    refused = [retry for status, retry, _ in answers if status in (429, 503)]
    return {
        "sent": total,
        "rate_per_s": round(rate, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "no_answer": dict(errors),
        "refused_with_retry_after": sum(refused),
        "refused": len(refused),
        "served_p50_ms": round(1000 * percentile([t for s, _, t in answers if s == 200], 0.5), 1),
        "health_p50_ms": round(1000 * percentile(health, 0.5), 1),
        "health_p99_ms": round(1000 * percentile(health, 0.99), 1),
        "health_probes": len(health),
        "ended_at": ended,
    }


def recovery(client: httpx.Client, base: str, since: float, quiet_p50: float, limit: float = 60) -> float:
    """Seconds from ``since`` until a request is answered 200 within 2 x the quiet p50 (else ``limit``)."""
    i = 0
    while time.monotonic() - since < limit:
        started = time.monotonic()
        answer = client.get(url(base, i))
        if answer.status_code == 200 and time.monotonic() - started <= max(2 * quiet_p50, 0.05):
            return time.monotonic() - since
        i += 1
        time.sleep(0.5)
    return limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="an on-disk store (tkg build --store DIR)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--probe", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--factor", type=float, default=3.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    log = Path(tempfile.mkdtemp(prefix="tkg-overload-")) / "api.log"
    server = start_api(args.store, free_port(), log, env={"TKG_RESPONSE_CACHE": "false"})
    limits = httpx.Limits(max_connections=1024, max_keepalive_connections=1024)
    try:
        with httpx.Client(timeout=120, limits=limits) as client:
            rate, quiet_p50 = saturation(client, server.base, args.connections, args.probe)
            result = burst(client, server.base, args.factor * rate, args.seconds)
            result["recovery_s"] = round(recovery(client, server.base, result.pop("ended_at"), quiet_p50), 1)
    finally:
        server.stop()
    result = {"saturation_per_s": round(rate, 1), "quiet_p50_ms": round(1000 * quiet_p50, 1), **result}
    for key, value in result.items():
        print(f"{key:28} {value}")
    if args.out:
        args.out.write_text(json.dumps({"store": str(args.store), **result}, indent=2) + "\n")


if __name__ == "__main__":
    main()
