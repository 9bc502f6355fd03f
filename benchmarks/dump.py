"""Time /dump, the service description and /.well-known/void on a store, against ``tkg serve`` over HTTP.

    tkg synth --triples 1000000 --out var/bench/1e6.nq --seed 1
    tkg load var/bench/1e6.nq --store var/bench/store
    python -m benchmarks.dump var/bench/store

Prints, per request, the time to the first byte, the total time and the bytes sent (docs/api.md, "Dump
and dataset description"). The server is stopped at the end.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import httpx

from benchmarks.servers import free_port, start_api

REQUESTS = [
    ("service description (Turtle), first", "/sparql", {"Accept": "text/turtle"}),
    ("service description (Turtle), again", "/sparql", {"Accept": "text/turtle"}),
    ("/.well-known/void", "/.well-known/void", {"Accept": "text/turtle"}),
    ("/dump (N-Quads, every graph)", "/dump", {"Accept-Encoding": "identity"}),
    ("/dump?format=trig", "/dump?format=trig", {"Accept-Encoding": "identity"}),
    ("/dump, Accept-Encoding: gzip (bytes sent)", "/dump", {"Accept-Encoding": "gzip"}),
    ("/dump?layer=consolidated", "/dump?layer=consolidated", {"Accept-Encoding": "identity"}),
]


def timed(client: httpx.Client, label: str, path: str, headers: dict[str, str]) -> None:
    started = time.perf_counter()
    first, size = None, 0
    with client.stream("GET", path, headers=headers) as answer:
        for chunk in answer.iter_raw():
            first = first if first is not None else time.perf_counter() - started
            size += len(chunk)
    total = time.perf_counter() - started
    mb = size / 1e6
    print(
        f"{label:45s} {answer.status_code}  first byte {first or 0:6.3f} s total {total:6.2f} s {mb:7.1f} MB"
    )


def main(store: Path, warm_up: float = 30.0) -> None:
    server = start_api(store, free_port(), Path("var/bench/dump-api.log"))
    try:
        time.sleep(warm_up)  # the label index builds in the background at start-up
        with httpx.Client(base_url=server.base, timeout=900) as client:
            for label, path, headers in REQUESTS:
                timed(client, label, path, headers)
            dump = threading.Thread(target=lambda: httpx.get(server.base + "/dump", timeout=900).content)
            dump.start()
            time.sleep(1.0)
            started = time.perf_counter()
            health = client.get("/health")
            ms = (time.perf_counter() - started) * 1e3
            print(f"/health while a dump streams: {health.status_code} in {ms:.0f} ms")
            dump.join()
    finally:
        server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("var/bench/store"))
