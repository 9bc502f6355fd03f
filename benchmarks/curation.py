"""Latency of the curation routes (docs/curation.md, "Measured") against a running ``tkg serve``.

    tkg synth --triples 1e5 --out s5.nq && TKG_STORE=s5 tkg load s5.nq
    TKG_STORE=s5 TKG_WRITE_TOKENS=rita:rita-token:reviewer tkg serve --port 8732 &
    python -m benchmarks.curation http://localhost:8732 [RUNS]

It WRITES: a curated graph ``graph/curated/measure`` (PUT, one version per run) and a retraction and
restore of one article per run. Prints the median and max of each request.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import httpx

AUTH = {"Authorization": "Bearer rita-token"}
GRAPH = "https://w3id.org/textile-kg/id/graph/curated/measure"
PARK = (
    "<https://w3id.org/textile-kg/id/park/m{n}> a <https://w3id.org/textile-kg/ontology#IndustrialPark> ;"
    ' <http://www.w3.org/2000/01/rdf-schema#label> "M {n}"@en ; <http://purl.org/dc/terms/source> "bench" ;'
    " <https://w3id.org/textile-kg/ontology#locatedIn> <https://w3id.org/textile-kg/id/place/130534> ."
)


def timed(label: str, request: Callable[[int], httpx.Response], runs: int) -> None:
    times = []
    for n in range(runs):
        start = time.perf_counter()
        answer = request(n)
        times.append((time.perf_counter() - start) * 1000)
        if answer.status_code >= 300:
            raise SystemExit(f"{label}: {answer.status_code} {answer.text[:300]}")
    print(f"{label:45s} median {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms  (n={runs})")


def main(base: str, runs: int) -> None:
    http = httpx.Client(base_url=base, timeout=120, headers={"Cache-Control": "no-cache"})
    items = http.get("/articles", params={"limit": 1000}).json()["items"]
    article = items[len(items) // 2]["id"]
    timed("GET /articles?limit=100", lambda n: http.get("/articles", params={"limit": 100}), runs)
    timed(
        "GET /articles/{id}?validate=false",
        lambda n: http.get(f"/articles/{article}", params={"validate": "false"}),
        runs,
    )
    timed("GET /articles/{id} (with SHACL)", lambda n: http.get(f"/articles/{article}"), max(3, runs // 3))
    timed("GET /conflicts", lambda n: http.get("/conflicts", params={"limit": 100}), runs)
    etag: dict[str, str] = {}
    existing = http.get("/graphs", params={"graph": GRAPH})
    if existing.status_code == 200:
        etag["now"] = existing.headers["etag"]

    def put(n: int) -> httpx.Response:
        headers = {**AUTH, "Content-Type": "text/turtle", **({"If-Match": etag["now"]} if etag else {})}
        answer = http.put("/graphs", params={"graph": GRAPH}, content=PARK.format(n=n), headers=headers)
        etag["now"] = answer.headers.get("etag", "")
        return answer

    timed("PUT /graphs (versioned, If-Match)", put, runs)

    def retract_restore(n: int) -> httpx.Response:
        http.delete(f"/articles/{article}", headers=AUTH).raise_for_status()
        return http.post(f"/articles/{article}/restore", headers=AUTH)

    timed("DELETE + restore /articles/{id} (2 writes)", retract_restore, max(3, runs // 2))
    timed("GET /articles/{id}/versions", lambda n: http.get(f"/articles/{article}/versions"), runs)
    timed(
        "GET /graphs/changes (CSV)",
        lambda n: http.get("/graphs/changes", headers={"Accept": "text/csv"}),
        runs,
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15)
