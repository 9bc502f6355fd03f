"""A small threaded load generator, used when wrk is not available.

``python -m benchmarks.loadgen URL CONNECTIONS SECONDS MAX_REQUESTS [HEADER]`` prints JSON: requests, rps,
errors.
Bounded in requests and in time.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import httpx


def main(
    url: str, connections: int, seconds: float, max_requests: int, header: str | None = None
) -> dict[str, object]:
    name, _, value = (header or "").partition(":")
    headers = {name.strip(): value.strip()} if header else {}
    lock = threading.Lock()
    counts = {"requests": 0, "errors": 0}
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        with httpx.Client(timeout=10) as client:
            while time.perf_counter() < deadline:
                with lock:
                    if counts["requests"] >= max_requests:
                        return
                    counts["requests"] += 1
                try:
                    ok = client.get(url, headers=headers).status_code == 200
                except httpx.HTTPError:
                    ok = False
                if not ok:
                    with lock:
                        counts["errors"] += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t0
    return {
        "tool": "python-threads",
        "connections": connections,
        "seconds": round(elapsed, 2),
        "requests": counts["requests"],
        "rps": counts["requests"] / elapsed,
        "errors": counts["errors"],
    }


if __name__ == "__main__":
    url, conns, secs, cap = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    extra = sys.argv[5] if len(sys.argv) > 5 else None
    sys.stdout.write(json.dumps(main(url, conns, secs, cap, extra)) + "\n")
