"""``/enterprises`` and ``/enterprises/{id}``: the list with filters (province, city, industry, cluster),
and the enterprise profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Enterprise, EnterpriseProfile, Page
from api.services.lists import (
    DEFAULT_LIMIT,
    Filters,
    Limit,
    Offset,
    enterprise_item,
    filter_values,
    list_page,
)
from api.services.profiles import enterprise_profile, render_profile
from api.services.resolve import EntityKind, resolve_entity
from api.services.validtime import AsOf, KnownAt, times, with_times

router = APIRouter(tags=["enterprises"])

Cluster = Annotated[str | None, Query(description="cluster slug", examples=["qinghe-cashmere-cluster"])]
EnterpriseId = Annotated[
    str, Path(description="slug, or English, Chinese or pinyin name", examples=["tianmen-textile-machinery"])
]


@router.get(
    "/enterprises",
    summary="Enterprises, filtered by province, city, industry (narrower included) and cluster",
    response_model=Page[Enterprise],
    responses=LIST_RESPONSES,
)
def list_enterprises(
    request: Request,
    catalog: CatalogDep,
    filters: Filters,
    cluster: Cluster = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    values = filter_values(catalog, filters, cluster=cluster)
    values.pop("year", None)  # enterprises have no year to filter on
    # as_of is accepted and checked, but changes nothing: an enterprise has no valid time of its own
    values = with_times(catalog, "enterprises", values, times(as_of, known_at))
    data = list_page(
        request, catalog, "enterprises", values, limit=limit, offset=offset, item=enterprise_item
    )
    return render(request, data, LIST_FORMATS)


@router.get(
    "/enterprises/{enterprise_id}",
    summary="An enterprise profile: labels, place chain, part of, industries, designations, figures, "
    "initiatives, and the articles every statement comes from",
    response_model=EnterpriseProfile,
    responses={404: {"description": "no such enterprise"}},
)
def get_enterprise(
    request: Request,
    enterprise_id: EnterpriseId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
) -> Response:
    when = times(as_of, known_at)
    iri = resolve_entity(catalog, enterprise_id, EntityKind.ENTERPRISE)
    return render_profile(request, catalog, iri, enterprise_profile, when)
