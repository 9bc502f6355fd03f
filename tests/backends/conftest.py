"""The three backends every test here runs on: embedded pyoxigraph, an Oxigraph server and Virtuoso 7.

Servers start once per session on free loopback ports and stop at its end. A backend whose server
binary is missing is skipped with the reason; anything else that goes wrong fails.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.ingest.bulk import load_files
from kg.namespaces import Ids
from kg.store import EmbeddedStore, Store
from kg.store.remote import RemoteStore
from tests.backends.servers import Server, binary, start_oxigraph, start_virtuoso
from tests.paths import FIXTURE, consolidate

BACKENDS = ["embedded", "oxigraph", "virtuoso"]
INSTALL = {
    "oxigraph": "pip install oxigraph (the 'backends' extra; scripts/setup does it)",
    "virtuoso-t": "apt-get install virtuoso-opensource-7-bin (scripts/setup does it as root)",
}


def _server(name: str, exe: str, start: object, tmp: pytest.TempPathFactory) -> Iterator[Server]:
    if binary(exe) is None:
        pytest.skip(f"{name} is not installed: {INSTALL[exe]}")
    server = start(tmp.mktemp(name))  # type: ignore[operator]
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _server("oxigraph", "oxigraph", start_oxigraph, tmp_path_factory)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _server("virtuoso", "virtuoso-t", start_virtuoso, tmp_path_factory)


def open_backend(request: pytest.FixtureRequest, name: str) -> Store:
    """A store on backend ``name`` holding nothing of ours (server graphs of earlier tests dropped)."""
    if name == "embedded":
        return EmbeddedStore()
    server: Server = request.getfixturevalue(f"{name}_server")
    store = RemoteStore(server.endpoints, chunk=500)  # small chunks: the staging path runs too
    for graph in store.graph_sizes():
        store.drop_graph(graph)
    return store


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store on each backend in turn."""
    store = open_backend(request, request.param)
    yield store
    store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def fixture_backend(request: pytest.FixtureRequest) -> Iterator[Store]:
    """Each backend in turn holding tests/data/fixture.trig (reloaded per module)."""
    store = open_backend(request, request.param)
    load_files(store, [FIXTURE], Ids())
    consolidate(store)
    yield store
    store.close()


# Virtuoso 7 does not run the consolidation update text (tests/backends/test_consolidation.py: SP031 on
# the refresh; the rebuild leaves graph/current empty), so every read of the consolidated graph finds
# nothing there. These tests of the fixture backend pass on Virtuoso all the same (they read no
# consolidated statement: errors, search over the sources, the ontology, hostile values; /search itself
# reads graph/current for each hit's place, so its answer differs there):
VIRTUOSO_WITHOUT_CURRENT = "Virtuoso 7 does not run the consolidation update text: graph/current stays empty"
READS_NO_CURRENT = {
    "test_api.py::test_rest_answers_equal_the_embedded_ones[virtuoso-/clusters/no-such-cluster]",
    "test_api.py::test_rest_answers_equal_the_embedded_ones[virtuoso-/health]",
    'test_api.py::test_rest_answers_equal_the_embedded_ones[virtuoso-/search?q=x" } ; DROP ALL #]',
    "test_named_queries.py::test_hostile_strings_return_nothing[virtuoso-angle]",
    "test_named_queries.py::test_hostile_strings_return_nothing[virtuoso-escaped-quote]",
    "test_named_queries.py::test_hostile_strings_return_nothing[virtuoso-quote]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-cluster_profile]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-concepts]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-concepts_by_label]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-concepts_by_label]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-place_context]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-place_label]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-initiative_profile]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-park_profile]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-province_profile]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-province_counts]",  # no order
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-search]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-search]",
    # the source-graph reads of known_at (docs/curation.md)
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-entity_designations_stated]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-entity_designations_stated]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-entity_figures_stated]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-entity_figures_stated]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-graph_date]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-graph_date]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-graph_first_write]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-graph_first_write]",
    "test_named_queries.py::test_select_order_equals_the_embedded_one[virtuoso-stated_in]",
    "test_named_queries.py::test_select_rows_equal_the_embedded_ones[virtuoso-stated_in]",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """xfail (strict) the Virtuoso runs of the tests that read graph/current (see above)."""
    for item in items:
        module, name = item.path.name, item.name
        if "[virtuoso" not in name or module not in ("test_api.py", "test_named_queries.py"):
            continue
        if f"{module}::{name}" not in READS_NO_CURRENT:
            item.add_marker(pytest.mark.xfail(reason=VIRTUOSO_WITHOUT_CURRENT, strict=True))
