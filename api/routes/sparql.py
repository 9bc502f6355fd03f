"""``/sparql``: the SPARQL 1.1 Protocol, read-only, with a time limit and a row cap.

GET ``?query=``, POST form (``query=``) or POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` name the dataset. Without them (and without ``FROM``/``FROM NAMED`` in the query) the
default graph is graph/current merged with graph/ontology, and every named graph is reachable through
``GRAPH`` (kg.store.base.default_dataset, docs/sparql.md).
Answers are serialised by pyoxigraph in the format the ``Accept`` header prefers. A truncated answer
carries ``X-TKG-Truncated: true`` and, in SPARQL JSON, a top-level ``"truncated": true`` member.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from api.deps import SettingsDep, StoreDep
from api.http.bodies import media_type, read_body
from api.http.negotiation import choose
from api.web import sparql_editor, wants_html
from kg.errors import NotAcceptableError
from kg.settings import Settings
from kg.sparql.guard import UpdateRefused, check_query
from kg.store import Store
from kg.store.base import default_dataset
from kg.store.protocol import RawQuery, RawResult

router = APIRouter(tags=["SPARQL"])

RESULTS_OFFERS = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/json": "application/sparql-results+json",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_OFFERS = {
    "text/turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/ld+json": "application/ld+json",
    "application/json": "application/ld+json",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/plain": "application/n-triples",
}
EXAMPLE = "SELECT ?park ?label WHERE { ?park a tkg:IndustrialPark ; rdfs:label ?label } LIMIT 10"
GraphIris = Annotated[list[str] | None, Query(description="IRIs of this store's graphs")]


def answer(store: Store, settings: Settings, request: Request, params: dict[str, list[str]]) -> Response:
    """Check, run and serialise one protocol request (the parameters already merged from URL and body)."""
    if "update" in params:
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise HTTPException(400, "give exactly one SPARQL query in the 'query' parameter")
    namespace = settings.ids.graph("")
    try:
        check = check_query(queries[0], graph_namespace=namespace, max_chars=settings.max_query_chars)
    except UpdateRefused as exc:
        raise HTTPException(403, str(exc)) from None
    default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    for iri in (default or []) + (named or []):
        if not iri.startswith(namespace):
            raise HTTPException(400, f"graph <{iri}> is refused: only graphs under <{namespace}> are named")
    accept = request.headers.get("accept")
    if not default and not named and not check.has_dataset:
        default = list(default_dataset(settings.ids))
    raw = RawQuery(
        query=queries[0],
        results_format=choose(accept, RESULTS_OFFERS),
        graph_format=choose(accept, GRAPH_OFFERS),
        default_graph=tuple(default) if default else None,
        named_graphs=tuple(named) if named else None,
        union_default_graph=False,
        max_rows=settings.max_rows,
    )
    wanted = raw.graph_format if check.form in ("CONSTRUCT", "DESCRIBE") else raw.results_format
    if wanted is None:
        raise HTTPException(406, f"no media type in Accept: {accept!r} can represent a {check.form} answer")
    try:
        result = store.query_raw(raw, timeout=settings.query_timeout)
    except NotAcceptableError as exc:
        raise HTTPException(406, str(exc)) from None
    return to_response(result)


def to_response(result: RawResult) -> Response:
    body, headers = result.body, {"Vary": "Accept"}
    if result.truncated:
        headers["X-TKG-Truncated"] = "true"
        if result.media_type == "application/sparql-results+json" and body.startswith(b"{"):
            body = b'{"truncated":true,' + body[1:]  # an extra member: still valid SPARQL JSON
    return Response(body, media_type=result.media_type, headers=headers)


async def posted_params(request: Request, settings: SettingsDep) -> dict[str, list[str]]:
    """The protocol parameters of a POST: the URL's, and the body's (a form, or the query itself)."""
    kind = media_type(request)
    if kind == "application/sparql-update":
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use application/sparql-query or a form"
        )
    body = await read_body(request, settings.max_body_bytes)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the request body is not UTF-8") from None
    params = _params(request.url.query)
    if kind == "application/sparql-query":
        if "query" in params:
            raise HTTPException(400, "give the query either in the body or in the URL, not both")
        params["query"] = [text]
    else:
        for key, values in _params(text).items():
            params.setdefault(key, []).extend(values)
    return params


PostedParams = Annotated[dict[str, list[str]], Depends(posted_params)]


@router.get(
    "/sparql",
    summary="Run a read-only SPARQL query (SPARQL 1.1 Protocol, GET)",
    response_class=Response,
    responses={
        200: {"description": "results in the format Accept prefers", "content": {"text/csv": {}}},
        400: {"description": "missing/invalid query, SERVICE or a foreign FROM"},
        403: {"description": "an update"},
        406: {"description": "no acceptable format"},
        504: {"description": "past TKG_QUERY_TIMEOUT"},
    },
)
def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(examples=[EXAMPLE])] = None,
    default_graph_uri: Annotated[GraphIris, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[GraphIris, Query(alias="named-graph-uri")] = None,
) -> Response:
    if query is None and wants_html(request):
        return sparql_editor(request)  # a browser without a query: the editor page
    return answer(store, settings, request, _params(request.url.query))


@router.post(
    "/sparql",
    summary="Run a read-only SPARQL query (POST form or application/sparql-query)",
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-query": {"example": EXAMPLE},
                "application/x-www-form-urlencoded": {"example": {"query": EXAMPLE}},
            }
        }
    },
)
def sparql_post(request: Request, store: StoreDep, settings: SettingsDep, params: PostedParams) -> Response:
    return answer(store, settings, request, params)


def _params(text: str) -> dict[str, list[str]]:
    return parse_qs(text, keep_blank_values=True)
