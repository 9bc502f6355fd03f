"""The API on the seed graph (issue 4's figures): start-up, cold and warm latency of profiles and lists.

    .venv/bin/tkg build --store /tmp/seed && .venv/bin/python -m benchmarks.seed_api --store /tmp/seed

Starts `tkg serve` on a free loopback port, times it to the first answer, asks every cluster profile and
every province's parks once (cold: nothing cached), then one of each 200 times (warm), and stops it.
"""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed(client: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    answer = client.get(path)
    answer.raise_for_status()
    return (time.perf_counter() - start) * 1000


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{name:32} n={len(times):4} median {statistics.median(times):7.2f} ms  p95 {p95:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store built by `tkg build`")
    args = parser.parse_args()
    port = free_port()
    tkg = Path(sys.executable).parent / "tkg"
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(tkg), "serve", "--store", str(args.store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.02)
                if time.perf_counter() - started > 60 or server.poll() is not None:
                    raise SystemExit("tkg serve did not start (is the store open elsewhere?)")
            print(f"tkg serve -> first answer: {time.perf_counter() - started:.2f} s")
            clusters = [i["id"].rsplit("/", 1)[1] for i in client.get("/clusters?limit=500").json()["items"]]
            provinces = [p["code"] for p in client.get("/provinces?limit=100").json()["items"]]
            print(summary("cluster profile, cold", [timed(client, f"/clusters/{c}") for c in clusters]))
            print(
                summary(
                    "parks by province, cold", [timed(client, f"/provinces/{p}/parks") for p in provinces]
                )
            )
            for name, path in (
                ("cluster profile, warm", f"/clusters/{clusters[0]}"),
                ("parks by province, warm", "/provinces/130000/parks"),
                ("search, warm", "/search?q=cashmere"),
            ):
                print(summary(name, [timed(client, path) for _ in range(200)]))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(10)


if __name__ == "__main__":
    main()
