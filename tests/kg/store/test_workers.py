"""Query worker processes of the on-disk store: a query over its memory limit ends its worker, not the
service; the answer says so (400), and the next query is answered by a fresh worker."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryTooLarge
from kg.store.embedded.workers import QueryWorkers
from kg.store.protocol import RawQuery

JSON = "application/sparql-results+json"
# every (a, b, c) of 300 subjects: 2.7e7 rows, all held by ORDER BY before the first row
GREEDY = "SELECT ?a ?b ?c WHERE { ?a <http://p> ?x . ?b <http://p> ?y . ?c <http://p> ?z } ORDER BY ?a ?b ?c"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store")
    store = ox.Store(str(path))
    store.extend(
        ox.Quad(
            ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p"), ox.Literal(str(i)), ox.DefaultGraph()
        )
        for i in range(300)
    )
    store.flush()
    del store
    return path


def test_a_query_over_the_memory_limit_is_stopped_and_the_worker_replaced(store_path: Path) -> None:
    workers = QueryWorkers(store_path, size=1, memory_bytes=300_000_000)
    try:
        with pytest.raises(QueryTooLarge, match="more than 300,000,000 bytes"):
            workers.run(RawQuery(GREEDY, JSON, None), timeout=120)
        answer = workers.run(RawQuery("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", JSON, None), timeout=30)
        assert b'"300"' in answer.body
    finally:
        workers.close()
