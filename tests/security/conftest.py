"""One API process for the read-only threat tests (writes get their own, see test_writes)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.security.servers import api_process, fixture_store

# Small limits so that every case ends within a few seconds (the defaults are in kg/settings.py).
LIMITS = {
    "TKG_PARSE_TIMEOUT": "5",
    "TKG_HEAVY_DEADLINE": "8",
    "TKG_BODY_TIMEOUT": "2",
    "TKG_HEADER_TIMEOUT": "2",
    "TKG_MAX_INFLIGHT_VALIDATION": "1",
    "TKG_OVERLOAD_QUEUE": "1",
    "TKG_OVERLOAD_WAIT": "0.5",
    "TKG_RESPONSE_CACHE": "false",
}


@pytest.fixture(scope="session")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("security")
    store = fixture_store(directory / "store")
    env = {"TKG_STORE": str(store), **LIMITS}
    with api_process(env, directory / "api.log") as base:
        # the first /validate loads shapes and ontology (seconds): not what the tests measure
        httpx.post(base + "/validate", content=b"", headers={"Content-Type": "text/turtle"}, timeout=60)
        yield base
