"""``/queries`` lists the named queries with their parameters; ``/queries/{name}`` runs one;
``/queries/{name}/info`` shows one with its SPARQL text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Page, QueryInfo
from api.services.lists import DEFAULT_LIMIT, Limit, Offset, list_page
from kg.errors import NotFoundError
from kg.sparql.named import NamedQuery, QueryRole

router = APIRouter(tags=["queries"])
RESERVED = {"limit", "offset", "format"}


def describe(query: NamedQuery, *, text: bool = False) -> QueryInfo:
    params: list[dict[str, object]] = [
        {
            "name": p.name,
            "description": p.description,
            "type": p.type,
            "required": p.required,
            "default": p.default,
            "ns": p.ns,
        }
        for p in query.params
    ]
    return QueryInfo(
        name=query.name,
        summary=query.summary,
        form=query.form,
        params=params,
        text=query.text if text else None,
    )


@router.get(
    "/queries",
    summary="The public named queries (queries/*.rq) with their parameters",
    response_model=list[QueryInfo],
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": [
                        {
                            "name": "parks_by_province",
                            "summary": "Industrial parks located in a province",
                            "form": "select",
                            "params": [{"name": "province", "type": "iri", "required": True, "ns": "place"}],
                        }
                    ]
                }
            }
        }
    },
)
def list_queries(catalog: CatalogDep) -> list[QueryInfo]:
    return [describe(q) for q in catalog.queries.values() if q.role is QueryRole.PUBLIC]


@router.get(
    "/queries/{name}/info",
    summary="A named query: summary, parameters and its SPARQL text (paste it into any SPARQL console)",
    response_model=QueryInfo,
    responses={404: {"description": "no such query"}},
)
def query_info(
    name: Annotated[str, Path(description="query name", examples=["parks_by_province"])], catalog: CatalogDep
) -> QueryInfo:
    if name not in catalog.queries:
        raise NotFoundError(f"no named query {name[:80]!r}; GET /queries lists them")
    return describe(catalog.queries[name], text=True)


@router.get(
    "/queries/{name}",
    summary="Run a named query; its parameters come from the query string, bound as RDF terms",
    response_model=Page,
    responses={
        404: {"description": "no such query"},
        400: {"description": "a missing or malformed parameter"},
        **LIST_RESPONSES,
    },
)
def run_named_query(
    request: Request,
    name: Annotated[str, Path(description="query name", examples=["parks_by_province"])],
    catalog: CatalogDep,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    if name not in catalog.queries:
        raise NotFoundError(f"no named query {name[:80]!r}; GET /queries lists them")
    params = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    data = list_page(request, catalog, name, params, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)
