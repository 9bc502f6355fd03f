"""Acknowledged writes: concurrent merges into one curated graph, and a shape that spans graphs.

Writers take the store's write lock around read-merge-validate-replace (api/routes/graphs.py), so no
acknowledged merge is lost, with one or many writers in flight in one process. A shape that spans graphs
(maxCount across two curated graphs) is still judged per graph: xfail(strict) below.
"""

from __future__ import annotations

import threading
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
MERGES = 20


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
        "TKG_OVERLOAD_WAIT": "120",
        "TKG_HEAVY_DEADLINE": "120",
    }
    with api_process(env, tmp / "api.log") as base:
        yield base


@pytest.fixture(scope="module")
def one_writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("one-writer"), 1)


@pytest.fixture(scope="module")
def many_writers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("many-writers"), 8)


def lost_merges(api: str) -> tuple[int, int]:
    """POST MERGES parks at once into one graph; (acknowledged, acknowledged but missing after)."""
    statuses: dict[str, int] = {}

    def merge(name: str) -> None:
        answer = httpx.post(
            api + "/graphs", params={"graph": GRAPH}, content=park(name), headers=WRITE, timeout=180
        )
        statuses[name] = answer.status_code

    threads = [threading.Thread(target=merge, args=(f"race-{i}",)) for i in range(MERGES)]
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
    acknowledged, lost = lost_merges(one_writer)
    assert acknowledged == MERGES
    assert lost == 0


def test_no_acknowledged_merge_is_lost_with_many_writers(many_writers: str) -> None:
    acknowledged, lost = lost_merges(many_writers)
    assert acknowledged == MERGES
    assert lost == 0


@pytest.mark.xfail(
    strict=True,
    reason="writes validate the new graph alone, not the union with the other graphs under the write lock: "
    "a second graph can give a park a second tkg:parkKind (sh:maxCount 1)",
)
def test_a_shape_spanning_graphs_cannot_be_broken_by_a_second_graph(one_writer: str) -> None:
    first = httpx.put(
        one_writer + "/graphs", params={"graph": GRAPH + "-a"}, content=park("twice", "park"), headers=WRITE
    )
    assert first.status_code in (200, 201), first.text
    second = httpx.put(
        one_writer + "/graphs",
        params={"graph": GRAPH + "-b"},
        content=park("twice", "development-zone"),
        headers=WRITE,
        timeout=60,
    )
    assert second.status_code == 422, second.text
