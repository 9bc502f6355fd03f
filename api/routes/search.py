"""``/search?q=``: entities by English, Chinese or pinyin label or alias, with their type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Page
from api.services.lists import DEFAULT_LIMIT, Limit, Offset, page_json
from kg.sparql.catalog import page_of
from kg.sparql.search import search_entities

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    summary="Search entities by English, Chinese or pinyin label or alias; exact matches first",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def search(
    request: Request,
    catalog: CatalogDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="text to find", examples=["羊绒"])],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    query = catalog.query("search")  # answered from the embedded store's label index when there is one
    result = search_entities(catalog.store, query, q, catalog.ids, limit=limit + 1, offset=offset)
    data = page_json(request, page_of(query, result, limit), limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)
