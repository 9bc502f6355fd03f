"""The OpenAPI document as clients need it, completed in one place after FastAPI made it from the routes:

- a bearer security scheme, required on every write (Swagger's "Authorize" then sends the token);
- the request bodies the routes read themselves (RDF, article text or JSON) with media types and examples;
- the error answers each route really gives, as ``{"detail": ...}``: 400 (FastAPI's default 422 for a bad
  parameter is answered as 400 by ``api.errors``, so it is replaced), 404, 406, 413, 415, 422 ...

tests/api/test_openapi.py checks the document, and runs schemathesis against the app over real HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.http.bodies import DATASET_TYPES
from api.models import ArticleIn

BEARER = "bearer"
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string"}, "request_id": {"type": "string"}},
    "required": ["detail"],
}
REASONS = {
    400: "a missing or malformed parameter or body",
    401: "no bearer token, or a wrong one",
    404: "no such resource",
    406: "none of the formats in Accept (or ?format=) is offered",
    403: "writes are disabled (no token configured), the token's role may not do this, or a SPARQL update",
    409: "the resource is not in a state that allows this (an existing id without If-Match, a draft already"
    " decided, an article already retracted); the current ETag is in the answer",
    412: "If-Match names a version that is no longer the current one",
    413: "the request body is over TKG_MAX_BODY_BYTES",
    415: "unsupported Content-Type",
    422: "the data does not conform to the shapes (with the SHACL report; nothing is written), or RDF "
    "nested too deep",
    502: "the remote store failed",
    503: "the store is unavailable or overloaded",
    504: "a query ran past TKG_QUERY_TIMEOUT",
}
EXAMPLE_TURTLE = (
    "@prefix tkg: <https://w3id.org/textile-kg/ontology#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<https://w3id.org/textile-kg/id/park/example-park> a tkg:IndustrialPark ;\n"
    '    rdfs:label "Example Park"@en ;\n'
    "    tkg:locatedIn <https://w3id.org/textile-kg/id/place/130534> .\n"
)
EXAMPLE_NTRIPLES = (
    "<https://w3id.org/textile-kg/id/park/example-park> "
    '<http://www.w3.org/2000/01/rdf-schema#label> "Example Park"@en .\n'
)
EXAMPLE_TEXT = (
    "Qinghe County in Hebei is known as the cashmere capital of China. In 2021 its cashmere cluster "
    "reported revenue of 31.78 billion yuan."
)
_RDF_EXAMPLES = {
    "text/turtle": EXAMPLE_TURTLE,
    "application/n-triples": EXAMPLE_NTRIPLES,
    "application/n-quads": EXAMPLE_NTRIPLES,
    "application/trig": EXAMPLE_TURTLE,
    "application/ld+json": {
        "@id": "https://w3id.org/textile-kg/id/park/example-park",
        "http://www.w3.org/2000/01/rdf-schema#label": {"@value": "Example Park", "@language": "en"},
    },
    "application/rdf+xml": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
        'rdf:about="https://w3id.org/textile-kg/id/park/example-park"><rdfs:label xml:lang="en">Example Park'
        "</rdfs:label></rdf:Description></rdf:RDF>"
    ),
}
# Every route may meet these: the store failing or overloaded, a query timeout.
STORE_ERRORS = (502, 503, 504)
# The routes that negotiate a format (api.http.negotiation.render): 406 for an Accept they cannot meet.
RENDERED = ("/provinces", "/clusters", "/parks", "/enterprises", "/initiatives", "/organizations",
            "/designations", "/search", "/queries/", "/id/", "/sparql")  # fmt: skip
RDF_ANSWERS = {"text/turtle": {"schema": {"type": "string"}}, "application/ld+json": {"schema": {}}}


def rdf_body(types: tuple[str, ...]) -> dict[str, Any]:
    """A required request body in any of the RDF ``types``, each with an example."""
    return {
        "required": True,
        "content": {
            media: {"schema": {"type": "string"}, "example": _RDF_EXAMPLES[media]}
            for media in types
            if media in _RDF_EXAMPLES
        },
    }


def article_body() -> dict[str, Any]:
    """An article as JSON (``ArticleIn``) or as text with its metadata in query parameters."""
    text = {"schema": {"type": "string", "minLength": 1}, "example": EXAMPLE_TEXT}
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/ArticleIn"},
                "example": {"text": EXAMPLE_TEXT, "title": "Qinghe cashmere", "date": "2022-11-24"},
            },
            "text/plain": text,
            "text/markdown": text,
            "text/html": {"schema": {"type": "string"}, "example": f"<p>{EXAMPLE_TEXT}</p>"},
        },
    }


def draft_body() -> dict[str, Any]:
    """A draft is an article (JSON or text, as POST /articles) or RDF for a curated graph (as PUT /graphs)."""
    body = rdf_body(DATASET_TYPES)
    body["content"] = {**article_body()["content"], **body["content"]}
    return body


# (path, method) -> what the route really answers besides 200, its body, and whether a token is needed
# ("optional": only for some requests, e.g. POST /articles?dry_run=false).
WRITES: dict[tuple[str, str], tuple[tuple[int, ...], Callable[[], dict[str, Any]] | None, str]] = {
    ("/validate", "post"): ((400, 413, 415, 422, 503), lambda: rdf_body(DATASET_TYPES), "none"),
    ("/articles", "post"): ((400, 401, 403, 409, 412, 413, 415, 422, 503), article_body, "optional"),
    ("/graphs", "put"): (
        (400, 401, 403, 409, 412, 413, 415, 422, 503),
        lambda: rdf_body(DATASET_TYPES),
        "required",
    ),
    ("/graphs", "post"): (
        (400, 401, 403, 409, 412, 413, 415, 422, 503),
        lambda: rdf_body(DATASET_TYPES),
        "required",
    ),
    ("/graphs", "delete"): ((400, 401, 403, 404, 503), None, "required"),
    # curation (docs/curation.md): versions, drafts, conflicts
    ("/drafts", "post"): ((400, 401, 403, 413, 415, 422, 503), lambda: draft_body(), "required"),
    ("/drafts/{draft_id}/approve", "post"): ((401, 403, 404, 409, 412, 422), None, "required"),
    ("/drafts/{draft_id}/reject", "post"): ((400, 401, 403, 404, 409, 415), None, "required"),
    ("/articles/{article_id}", "delete"): ((401, 403, 404, 409, 412), None, "required"),
    ("/articles/{article_id}/restore", "post"): ((401, 403, 404, 409, 412), None, "required"),
    ("/articles/{article_id}/versions/{number}/restore", "post"): (
        (400, 401, 403, 404, 409, 412),
        None,
        "required",
    ),
    ("/graphs/versions/{number}/restore", "post"): ((400, 401, 403, 404, 409, 412), None, "required"),
    ("/conflicts/{conflict_id}/resolve", "post"): ((400, 401, 403, 404, 409, 415, 422), None, "required"),
    ("/graphs", "get"): ((400, 404, 406, 503), None, "none"),
}
# The SPARQL protocol routes (their bodies are declared on the routes): updates are 403, a body without a
# usable Content-Type 415, one over the limit 413.
SPARQL = {("/sparql", "get"): (400, 403, 406), ("/sparql", "post"): (400, 403, 406, 413, 415)}


def _error(status: int) -> dict[str, Any]:
    return {
        "description": REASONS[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def complete(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (FastAPI's OpenAPI) with the security scheme, bodies and error answers added."""
    components = document.setdefault("components", {})
    components.setdefault("securitySchemes", {})[BEARER] = {
        "type": "http",
        "scheme": "bearer",
        "description": "a write token (TKG_WRITE_TOKEN or one of TKG_WRITE_TOKENS)",
    }
    schemas = components.setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas.setdefault("ArticleIn", ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}"))
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            _complete_operation(path, method, operation)
    return document


def _complete_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)  # FastAPI's; a bad parameter is a 400 here (api.errors)
    statuses: set[int] = set(STORE_ERRORS)
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.add(400)
    if "{" in path or _resolves_names(operation):
        statuses.add(404)
    if path.startswith(RENDERED) and method == "get":
        statuses.add(406)
        ok = responses.get("200", {}).setdefault("content", {})
        if "application/json" in ok and "{" in path and not path.startswith(("/queries/", "/id/")):
            for media, value in RDF_ANSWERS.items():
                ok.setdefault(media, value)  # a profile as JSON-LD or Turtle
    statuses |= set(SPARQL.get((path, method), ()))
    write = WRITES.get((path, method))
    if (path, method) == ("/graphs", "put"):
        responses.setdefault("201", {"description": "the graph was created (200: replaced)"})
    if write is not None:
        codes, body, token = write
        statuses |= set(codes)
        if body is not None:
            operation["requestBody"] = body()
        if token == "required":
            operation["security"] = [{BEARER: []}]
        elif token == "optional":
            operation["security"] = [{}, {BEARER: []}]
    for status in sorted(statuses):
        given = responses.get(str(status), {})
        responses[str(status)] = {**_error(status), **{k: v for k, v in given.items() if k != "content"}}


def _resolves_names(operation: dict[str, Any]) -> bool:
    """Whether a list route takes a place or concept name that may name nothing (404)."""
    names = {"province", "city", "industry", "title"}
    return any(p.get("name") in names for p in operation.get("parameters", []))


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``) the completed document, built once."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = complete(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
