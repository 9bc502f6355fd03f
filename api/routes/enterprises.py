"""``/enterprises``: the list with filters (province, city, industry, cluster)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.filters import Filters, filter_params
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page
from api.models import Page

router = APIRouter(tags=["enterprises"])


@router.get(
    "/enterprises",
    summary="Enterprises, filtered by province, city, industry (narrower included) and cluster",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_enterprises(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    filters: Filters,
    cluster: Annotated[
        str | None, Query(description="cluster slug", examples=["qinghe-cashmere-cluster"])
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    params = filter_params(store, queries, settings.ids, filters, cluster=cluster)
    params.pop("year", None)  # enterprises have no year to filter on
    data = page(request, store, queries["enterprises"], params, settings.ids, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)
