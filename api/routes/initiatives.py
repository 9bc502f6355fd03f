"""``/initiatives`` and ``/initiatives/{id}``: the list with filters, and the initiative profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Initiative, InitiativeProfile, Page
from api.services.lists import (
    DEFAULT_LIMIT,
    Filters,
    Limit,
    Offset,
    filter_values,
    initiative_item,
    list_page,
)
from api.services.profiles import initiative_profile, render_profile
from api.services.resolve import EntityKind, resolve_entity
from api.services.validtime import AsOf, KnownAt, times, with_times

router = APIRouter(tags=["initiatives"])

InitiativeId = Annotated[
    str, Path(description="slug or English name", examples=["hebei-garment-industry-action-plan"])
]
Measure = Annotated[str | None, Query(description="policy measure slug", examples=["digital-transformation"])]


@router.get(
    "/initiatives",
    summary="Initiatives, filtered by the province or city of their scope, industry, measure, year",
    response_model=Page[Initiative],
    responses=LIST_RESPONSES,
)
def list_initiatives(
    request: Request,
    catalog: CatalogDep,
    filters: Filters,
    measure: Measure = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    values = with_times(catalog, "initiatives", filter_values(catalog, filters, measure=measure), when)
    data = list_page(
        request, catalog, "initiatives", values, limit=limit, offset=offset, item=initiative_item
    )
    return render(request, data, LIST_FORMATS)


@router.get(
    "/initiatives/{initiative_id}",
    summary="An initiative profile: kind, issuer, year and period, scope, measures, targets, sources",
    response_model=InitiativeProfile,
    responses={404: {"description": "no such initiative"}},
)
def get_initiative(
    request: Request,
    initiative_id: InitiativeId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
) -> Response:
    when = times(as_of, known_at)
    iri = resolve_entity(catalog, initiative_id, EntityKind.INITIATIVE)
    return render_profile(request, catalog, iri, initiative_profile, when)
