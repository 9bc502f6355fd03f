"""The dataset routes over every backend, through real HTTP: /dump (the remote store reads graph by graph
with get_graph), the service description and VoID (graph_sizes), and predefined prefixes (prepended as
text, so that a remote server reads the same query)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT, Settings
from kg.store import Store
from tests.api.http_server import live_server

SETTINGS = Settings(queries_dir=PROJECT_ROOT / "queries")
DERIVED = {str(Ids().current_graph), str(Ids().conflicts_graph)}
# GRAPH ?g: reads the sources, which every backend holds (Virtuoso keeps graph/current empty)
PARKS = (
    "SELECT (COUNT(DISTINCT ?park) AS ?n) WHERE { GRAPH ?g { ?park a tkg:IndustrialPark ; rdfs:label ?l } }"
)


@pytest.fixture(scope="module")
def api(fixture_backend: Store) -> Iterator[str]:
    with live_server(create_app(SETTINGS, fixture_backend)) as base:
        yield base


def test_predefined_prefixes(api: str) -> None:
    answer = httpx.get(api + "/sparql", params={"query": PARKS, "format": "csv"}, timeout=30)
    assert answer.status_code == 200, answer.text
    assert int(answer.text.split()[1]) > 0


def test_dump_of_the_sources(api: str, fixture_backend: Store) -> None:
    answer = httpx.get(api + "/dump", params={"layer": "sources"}, timeout=60)
    assert answer.status_code == 200, answer.text
    found = Counter(str(q.graph_name.value) for q in ox.parse(answer.content, format=ox.RdfFormat.N_QUADS))  # type: ignore[union-attr]
    wanted = {str(g): n for g, n in fixture_backend.graph_sizes().items() if str(g) not in DERIVED}
    assert found == wanted


def test_descriptions_count_every_graph(api: str, fixture_backend: Store) -> None:
    sizes = fixture_backend.graph_sizes()
    description = httpx.get(api + "/sparql", headers={"Accept": "application/n-triples"}, timeout=30)
    assert description.status_code == 200, description.text
    void = httpx.get(api + "/.well-known/void", headers={"Accept": "application/n-triples"}, timeout=30)
    assert void.status_code == 200, void.text
    for graph in sizes:
        assert f"<{graph}>".encode() in description.content
        assert f"<{graph}>".encode() in void.content
