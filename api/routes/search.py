"""``/search?q=``: entities by English, Chinese or pinyin label or alias, with their type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page_of
from api.models import Page
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
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="text to find", examples=["羊绒"])],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    query = queries["search"]  # answered from the embedded store's label index when there is one
    result = search_entities(store, query, q, settings.ids, limit=limit + 1, offset=offset)
    data = page_of(request, result, query, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)
