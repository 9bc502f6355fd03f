"""``/enterprises``: the list with filters (province, city, industry, cluster)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Page
from api.services.lists import DEFAULT_LIMIT, Filters, Limit, Offset, filter_values, list_page

router = APIRouter(tags=["enterprises"])

Cluster = Annotated[str | None, Query(description="cluster slug", examples=["qinghe-cashmere-cluster"])]


@router.get(
    "/enterprises",
    summary="Enterprises, filtered by province, city, industry (narrower included) and cluster",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_enterprises(
    request: Request,
    catalog: CatalogDep,
    filters: Filters,
    cluster: Cluster = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    values = filter_values(catalog, filters, cluster=cluster)
    values.pop("year", None)  # enterprises have no year to filter on
    data = list_page(request, catalog, "enterprises", values, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)
