"""The services run over the fixture store through a catalog, without HTTP."""

import pytest

from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog
from kg.sparql.named import load_queries
from kg.store import EmbeddedStore


@pytest.fixture(scope="module")
def catalog(fixture_store: EmbeddedStore) -> Catalog:
    return Catalog(fixture_store, load_queries(PROJECT_ROOT / "queries"), Ids())
