"""``/parks`` and ``/parks/{id}``: the list with filters, and the park profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.filters import Filters, filter_params
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page
from api.models import Page, ParkProfile
from api.profiles import base_profile, industry_parts, values_of
from api.resolve import resolve_entity
from kg.namespaces import TKG

router = APIRouter(tags=["parks"])

ParkId = Annotated[str, Path(description="slug or English name", examples=["qinghe-cashmere-town"])]


@router.get(
    "/parks",
    summary="Industrial parks by province, city, industry (narrower included), kind, designation, year",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_parks(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    filters: Filters,
    kind: Annotated[str | None, Query(description="park kind slug", examples=["characteristic-town"])] = None,
    designation: Annotated[str | None, Query(description="designation title slug")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    params = filter_params(store, queries, settings.ids, filters, kind=kind, designation=designation)
    data = page(request, store, queries["parks"], params, settings.ids, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/parks/{park_id}",
    summary="A park profile: kind, place chain, part of, industries, designations, enterprises, figures, "
    "initiatives, sources",
    response_model=ParkProfile,
    responses={404: {"description": "no such park"}},
)
def get_park(
    request: Request, park_id: ParkId, store: StoreDep, settings: SettingsDep, queries: QueriesDep
) -> Response:
    iri = resolve_entity(store, queries, settings.ids, park_id, "park")
    profile = base_profile(store, queries, iri, "IndustrialPark")
    kinds = values_of(profile, TKG.parkKind)
    profile |= industry_parts(store, queries, iri, profile)
    profile |= {"kind": kinds[0]["id"] if kinds else None, "part_of": values_of(profile, TKG.partOf)}
    return render(request, ParkProfile(**profile).model_dump(mode="json"))
