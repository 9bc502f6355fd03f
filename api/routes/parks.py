"""``/parks`` and ``/parks/{id}``: the list with filters, and the park profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Page, Park, ParkProfile
from api.services.lists import (
    DEFAULT_LIMIT,
    Filters,
    Limit,
    Offset,
    filter_values,
    list_page,
    park_item,
)
from api.services.profiles import park_profile, render_profile
from api.services.resolve import EntityKind, resolve_entity
from api.services.validtime import AsOf, KnownAt, times, with_times

router = APIRouter(tags=["parks"])

ParkId = Annotated[str, Path(description="slug or English name", examples=["qinghe-cashmere-town"])]
Kind = Annotated[str | None, Query(description="park kind slug", examples=["characteristic-town"])]
Designation = Annotated[str | None, Query(description="designation title slug")]


@router.get(
    "/parks",
    summary="Industrial parks by province, city, industry (narrower included), kind, designation, year",
    response_model=Page[Park],
    responses=LIST_RESPONSES,
)
def list_parks(
    request: Request,
    catalog: CatalogDep,
    filters: Filters,
    kind: Kind = None,
    designation: Designation = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    values = filter_values(catalog, filters, kind=kind, designation=designation)
    values = with_times(catalog, "parks", values, when)
    data = list_page(request, catalog, "parks", values, limit=limit, offset=offset, item=park_item)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/parks/{park_id}",
    summary="A park profile: kind, place chain, part of, industries, designations, enterprises, figures, "
    "initiatives, sources",
    response_model=ParkProfile,
    responses={404: {"description": "no such park"}},
)
def get_park(
    request: Request,
    park_id: ParkId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
) -> Response:
    when = times(as_of, known_at)
    iri = resolve_entity(catalog, park_id, EntityKind.PARK)
    return render_profile(request, catalog, iri, park_profile, when)
