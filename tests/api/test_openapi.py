"""The OpenAPI document: a bearer scheme on every write, request bodies with media types and examples, the
error answers the routes really give; and schemathesis against the app over real HTTP (0 failures)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import FIXTURE, consolidate

TOKEN = "schemathesis-token"
WRITES = [("/graphs", "put"), ("/graphs", "post"), ("/graphs", "delete")]


@pytest.fixture(scope="module")
def document(server: str) -> dict[str, Any]:
    answer = httpx.get(server + "/openapi.json")
    assert answer.status_code == 200
    return dict(answer.json())


def test_every_write_needs_the_bearer_scheme(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path, method in WRITES:
        assert document["paths"][path][method]["security"] == [{"bearer": []}]
    assert {"bearer": []} in document["paths"]["/articles"]["post"]["security"]  # dry_run=false only


@pytest.mark.parametrize(
    ("path", "method", "media"),
    [
        pytest.param("/articles", "post", {"application/json", "text/plain", "text/html"}, id="articles"),
        pytest.param("/validate", "post", {"text/turtle", "application/trig"}, id="validate"),
        pytest.param("/graphs", "put", {"text/turtle", "application/ld+json"}, id="put"),
        pytest.param("/graphs", "post", {"text/turtle", "application/trig"}, id="post"),
    ],
)  # fmt: skip
def test_request_bodies_have_media_types_and_examples(
    document: dict[str, Any], path: str, method: str, media: set[str]
) -> None:
    content = document["paths"][path][method]["requestBody"]["content"]
    assert media <= set(content)
    assert all("example" in value for value in content.values())


def test_errors_are_the_ones_given(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "422" not in codes or (path, method) in {
                ("/validate", "post"), ("/articles", "post"), ("/graphs", "put"), ("/graphs", "post"),
                # curation writes that validate what they publish (or parse RDF that may nest too deep)
                ("/drafts", "post"), ("/drafts/{draft_id}/approve", "post"),
                ("/conflicts/{conflict_id}/resolve", "post"),
            }, (path, method)  # fmt: skip
            if operation.get("parameters"):
                assert "400" in codes, (path, method)
    assert {"401", "403", "413", "415", "422"} <= set(document["paths"]["/graphs"]["put"]["responses"])
    assert "404" in document["paths"]["/clusters/{cluster_id}"]["get"]["responses"]
    assert "HTTPValidationError" not in document["components"]["schemas"]


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app over its own copy of the fixture (schemathesis writes to it), with a write token."""
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    config = Settings(
        store=tmp_path_factory.mktemp("fuzzed"),
        queries_dir=PROJECT_ROOT / "queries",
        write_token=SecretStr(TOKEN),
        response_cache=False,
    )
    with live_server(create_app(config, store)) as url:
        yield url


def operations() -> list[Any]:
    """Every operation of the app's OpenAPI document (made without a store: nothing is served)."""
    document = create_app(Settings(queries_dir=PROJECT_ROOT / "queries")).openapi()
    found = [result.ok() for result in schemathesis.openapi.from_dict(document).get_all_operations()]
    return [pytest.param(op, id=f"{op.method.upper()} {op.path}") for op in found]


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 6  # per operation and generation mode: all operations in well under a minute


@pytest.mark.parametrize("operation", operations())
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_schemathesis(operation: Any, mode: GenerationMode, fuzzed_server: str) -> None:
    """Generated parameters and bodies (valid ones, and ones the schema forbids): never a 500, only
    documented statuses, content types and shapes."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: Any) -> None:
        case.call_and_validate(
            base_url=fuzzed_server, headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS, timeout=30
        )

    try:
        run()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing in this operation can be made invalid
