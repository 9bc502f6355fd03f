"""``/organizations`` (government bodies, associations, universities ...) and ``/designations`` (titles
conferred on clusters, parks, places and enterprises): lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Designation, Organization, OrganizationKind, Page
from api.services.lists import (
    DEFAULT_LIMIT,
    Limit,
    Offset,
    designation_item,
    list_page,
    organization_item,
)
from api.services.resolve import resolve_concept
from api.services.validtime import AsOf, KnownAt, times, with_times
from kg.sparql.catalog import Value

router = APIRouter(tags=["organizations"])

Title = Annotated[
    str | None,
    Query(
        description="designation title: slug or English/Chinese label", examples=["china-famous-sweater-city"]
    ),
]
Year = Annotated[str | None, Query(description="four-digit year", examples=["2002"])]
Kind = Annotated[OrganizationKind | None, Query(description="organization kind")]


@router.get(
    "/organizations",
    summary="Organizations (government bodies, industry associations, universities, research institutes, "
    "alliances), by kind",
    response_model=Page[Organization],
    responses=LIST_RESPONSES,
)
def list_organizations(
    request: Request,
    catalog: CatalogDep,
    kind: Kind = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    values = {"kind": kind.value} if kind else {}
    data = list_page(
        request, catalog, "organizations", values, limit=limit, offset=offset, item=organization_item
    )
    return render(request, data, LIST_FORMATS)


@router.get(
    "/designations",
    summary="Designations: the titles conferred on clusters, parks, places and enterprises, with holder, "
    "conferring body and year; by title and year",
    response_model=Page[Designation],
    responses=LIST_RESPONSES,
)
def list_designations(
    request: Request,
    catalog: CatalogDep,
    title: Title = None,
    year: Year = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    values: dict[str, Value] = {}
    if title:
        values["title"] = resolve_concept(catalog, title, "title")
    if year:
        values["year"] = year
    values = with_times(catalog, "designations", values, when)
    data = list_page(
        request, catalog, "designations", values, limit=limit, offset=offset, item=designation_item
    )
    return render(request, data, LIST_FORMATS)
