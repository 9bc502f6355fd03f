"""Acknowledged writes: concurrent merges into one curated graph, and a shape that spans graphs.

Writers take the store's write lock around read-merge-validate-replace (api/routes/graphs.py), so no
acknowledged merge is lost, with one or many writers in flight in one process. A shape that spans graphs
(maxCount across two curated graphs) holds on the consolidated graph, which keeps one value and records
the disagreement as a conflict.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.security.servers import TOKEN, api_process, fixture_store

BASE = "https://w3id.org/textile-kg/id/"
GRAPH = BASE + "graph/curated/parks"
PREFIXES = f"""@base <{BASE}> .
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
WRITE = {"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"}
# concurrent merges with 8 writer slots. The figure, 100, takes ~45 s here (0 lost): too long for
# this suite's 3-minute budget; `python -m benchmarks.merges` runs 100 (docs/benchmarks.md)
MERGES = 50


def park(name: str, kind: str = "park") -> str:
    return PREFIXES + (
        f'<park/{name}> a tkg:IndustrialPark ; rdfs:label "{name}"@en ; dcterms:source "visit" ; '
        f"tkg:locatedIn <place/130534> ; tkg:parkKind <https://w3id.org/textile-kg/kind/{kind}> ."
    )


def serve(tmp: Path, writers: int) -> Iterator[str]:
    env = {
        "TKG_STORE": str(fixture_store(tmp / "store")),
        "TKG_MAX_INFLIGHT_WRITES": str(writers),
        "TKG_OVERLOAD_QUEUE": str(MERGES),
        # the merges are serialised: the last waits for all before it, so nothing here may time out first
        "TKG_OVERLOAD_WAIT": "600",
        "TKG_HEAVY_DEADLINE": "600",
    }
    with api_process(env, tmp / "api.log") as base:
        yield base


@pytest.fixture(scope="module")
def one_writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("one-writer"), 1)


@pytest.fixture(scope="module")
def many_writers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("many-writers"), 8)


def lost_merges(api: str, merges: int) -> tuple[int, int]:
    """POST ``merges`` parks at once into one graph; (acknowledged, acknowledged but missing after)."""
    statuses: dict[str, int] = {}

    def merge(name: str) -> None:
        answer = httpx.post(
            api + "/graphs", params={"graph": GRAPH}, content=park(name), headers=WRITE, timeout=600
        )
        statuses[name] = answer.status_code

    threads = [threading.Thread(target=merge, args=(f"race-{i}",)) for i in range(merges)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 500 not in statuses.values()
    stored = httpx.get(
        api + "/graphs", params={"graph": GRAPH}, headers={"Accept": "application/n-triples"}
    ).text
    acknowledged = [name for name, status in statuses.items() if status in (200, 201)]
    return len(acknowledged), sum(f"park/{name}>" not in stored for name in acknowledged)


def test_no_acknowledged_merge_is_lost_with_one_writer(one_writer: str) -> None:
    """Before: of 20 concurrent merges all answered 200 and 17-18 were lost. Target: 0 lost."""
    acknowledged, lost = lost_merges(one_writer, 20)
    assert acknowledged == 20
    assert lost == 0


def test_no_acknowledged_merge_is_lost_with_many_writers(many_writers: str) -> None:
    """50 concurrent merges, 8 writer slots: none acknowledged and lost (~15 s). Each merge is versioned;
    it costs the change plus the graph as it stands, no longer its history (benchmarks/merges.py: 100
    concurrent merges in ~60 s, 0 lost; 100 took over 10 minutes before, 71 answered within 600 s)."""
    started = time.monotonic()
    acknowledged, lost = lost_merges(many_writers, MERGES)
    assert acknowledged == MERGES
    assert lost == 0
    assert time.monotonic() - started < 60, f"{MERGES} merges took {time.monotonic() - started:.0f} s"


def test_a_shape_spanning_graphs_holds_on_what_is_served(one_writer: str) -> None:
    """Two curated graphs give one park two kinds (tkg:parkKind is single-valued, sh:maxCount 1). Both
    writes are sources and both are kept; what is served, the consolidated graph, holds one kind, and the
    disagreement is recorded as a tkg:Conflict for curators (docs/consolidation.md)."""
    for graph, kind in ((GRAPH + "-a", "park"), (GRAPH + "-b", "development-zone")):
        answer = httpx.put(
            one_writer + "/graphs",
            params={"graph": graph},
            content=park("twice", kind),
            headers=WRITE,
            timeout=60,
        )
        assert answer.status_code in (200, 201), answer.text
    kinds = sparql(one_writer, f"SELECT ?kind WHERE {{ <{BASE}park/twice> tkg:parkKind ?kind }}")
    assert len(kinds) == 1
    recorded = sparql(
        one_writer,
        f"""SELECT ?value WHERE {{ GRAPH <{BASE}graph/conflicts> {{
            ?conflict tkg:conflictSubject <{BASE}park/twice> ; tkg:conflictProperty tkg:parkKind ;
                tkg:alternative/tkg:alternativeValue ?value }} }}""",
    )
    assert {row["value"]["value"].rsplit("/", 1)[1] for row in recorded} == {"park", "development-zone"}


def sparql(api: str, query: str) -> list[dict[str, dict[str, str]]]:
    answer = httpx.get(
        api + "/sparql",
        params={"query": "PREFIX tkg: <https://w3id.org/textile-kg/ontology#>\n" + query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, dict[str, str]]] = answer.json()["results"]["bindings"]
    return rows
