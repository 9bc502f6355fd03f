"""``/sparql``: the SPARQL 1.1 Protocol, read-only, with a time limit and a row cap.

GET ``?query=``, POST form (``query=``) or POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` name the dataset. Without them (and without ``FROM``/``FROM NAMED`` in the query) the
default graph is graph/current merged with graph/ontology, and every named graph is reachable through
``GRAPH`` (kg.store.base.default_dataset, docs/sparql.md).
Answers are serialised by pyoxigraph in the format ``?format=`` names or the ``Accept`` header prefers;
a cut at the row cap is stated in the answer (api.http.sparql_answers). The project's prefixes are
predefined (kg.sparql.prefixes). ``GET /sparql`` without a query answers browsers with the editor and RDF
clients with the SPARQL 1.1 Service Description (api.http.service_description).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from api.deps import SettingsDep, StoreDep
from api.http.bodies import media_type, read_body
from api.http.service_description import (
    description_media,
    rdf_response,
    remembered,
    service_description,
)
from api.http.sparql_answers import to_response, wanted_formats
from api.web import sparql_editor, wants_html
from kg.errors import InputError, NotAcceptableError
from kg.settings import Settings
from kg.sparql.guard import QueryRefused, UpdateRefused, check_query
from kg.sparql.prefixes import shift_columns, with_predefined_prefixes
from kg.store import Store
from kg.store.base import default_dataset
from kg.store.protocol import RawQuery

router = APIRouter(tags=["SPARQL"])

# runs as it is: tkg: and rdfs: are predefined
EXAMPLE = "SELECT ?park ?label WHERE { ?park a tkg:IndustrialPark ; rdfs:label ?label } LIMIT 10"
FORMAT_HELP = (
    "json, xml, csv, tsv, turtle, ntriples, jsonld, nquads, trig, rdfxml or a media type; wins over Accept"
)
GraphIris = Annotated[list[str] | None, Query(description="IRIs of this store's graphs")]


def answer(store: Store, settings: Settings, request: Request, params: dict[str, list[str]]) -> Response:
    """Check, run and serialise one protocol request (the parameters already merged from URL and body)."""
    if "update" in params:
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise HTTPException(400, "give exactly one SPARQL query in the 'query' parameter")
    namespace = settings.ids.graph("")
    text, added = with_predefined_prefixes(queries[0], base=settings.ids.base)
    try:
        check = check_query(text, graph_namespace=namespace, max_chars=settings.max_query_chars + added)
    except UpdateRefused as exc:
        raise HTTPException(403, str(exc)) from None
    except QueryRefused as exc:
        raise HTTPException(400, shift_columns(str(exc), added)) from None
    default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    for iri in (default or []) + (named or []):
        if not iri.startswith(namespace):
            raise HTTPException(400, f"graph <{iri}> is refused: only graphs under <{namespace}> are named")
    accept = request.headers.get("accept")
    fmt = params["format"][-1] if params.get("format") else None
    results_format, graph_format = wanted_formats(fmt, accept)
    if not default and not named and not check.has_dataset:
        default = list(default_dataset(settings.ids))
    raw = RawQuery(
        query=text,
        results_format=results_format,
        graph_format=graph_format,
        default_graph=tuple(default) if default else None,
        named_graphs=tuple(named) if named else None,
        union_default_graph=False,
        max_rows=settings.max_rows,
    )
    wanted = raw.graph_format if check.form in ("CONSTRUCT", "DESCRIBE") else raw.results_format
    if wanted is None:
        asked = f"format={fmt!r}" if fmt else f"Accept: {accept!r}"
        raise HTTPException(406, f"no media type of {asked} can represent a {check.form} answer")
    try:
        result = store.query_raw(raw, timeout=settings.query_timeout)
    except NotAcceptableError as exc:
        raise HTTPException(406, str(exc)) from None
    except InputError as exc:
        raise HTTPException(400, shift_columns(str(exc), added)) from None
    return to_response(result, settings.max_rows)


def describe_service(request: Request, store: Store, settings: Settings) -> Response | None:
    """The service description, if the client accepts one of its RDF syntaxes (else None)."""
    media = description_media(request.query_params.get("format"), request.headers.get("accept"))
    if media is None:
        return None
    endpoint = str(request.url.replace(query=""))

    def make() -> Response:
        sizes = store.graph_sizes()
        return rdf_response(
            service_description(endpoint, settings, sizes, default_dataset(settings.ids)), media
        )

    return remembered(request, f"sd {endpoint} {media}", make)


async def posted_params(request: Request, settings: SettingsDep) -> dict[str, list[str]]:
    """The protocol parameters of a POST: the URL's, and the body's (a form, or the query itself)."""
    kind = media_type(request)
    if kind == "application/sparql-update":
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    charset = _charset(request.headers.get("content-type", ""))
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, f"unsupported charset {charset[:20]!r}: SPARQL requests are UTF-8")
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
        200: {
            "description": "results in the format of format= or Accept; without a query, the SPARQL 1.1 "
            "Service Description (Turtle, JSON-LD, RDF/XML, N-Triples)",
            "content": {"text/csv": {}, "text/turtle": {}},
        },
        400: {"description": "missing/invalid query, SERVICE or a foreign FROM"},
        403: {"description": "an update"},
        406: {"description": "no acceptable format"},
        422: {"description": "a CSV, TSV or JSON-LD answer over the row cap (docs/sparql.md)"},
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
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    if query is None and "update" not in request.query_params:
        if "format" not in request.query_params and wants_html(request):
            return sparql_editor(request)  # a browser without a query: the editor page
        description = describe_service(request, store, settings)
        if description is not None:
            return description  # an RDF client without a query: the service description
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


def _charset(content_type: str) -> str | None:
    for option in content_type.split(";")[1:]:
        key, _, value = option.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _params(text: str) -> dict[str, list[str]]:
    return parse_qs(text, keep_blank_values=True)
