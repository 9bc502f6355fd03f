"""``/provinces`` and a province's profile, parks, clusters and initiatives."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Cluster, Initiative, Page, Park, Province, ProvinceProfile
from api.services.lists import (
    DEFAULT_LIMIT,
    Limit,
    Offset,
    cluster_item,
    initiative_item,
    list_page,
    park_item,
    province_item,
)
from api.services.profiles import PROVINCE_LISTS, province_profile, render_profile
from api.services.resolve import PlaceLevel, resolve_place
from api.services.validtime import AsOf, KnownAt, Times, times, with_times
from kg.sparql.catalog import Catalog

router = APIRouter(tags=["provinces"])

ProvinceId = Annotated[str, Path(description="GB code, English name or its slug", examples=["hebei"])]
SUBLIST_RESPONSES = {**LIST_RESPONSES, 404: {"description": "no such province"}}


@router.get(
    "/provinces",
    summary="All provinces with GB code, labels and coordinates",
    response_model=Page[Province],
    responses=LIST_RESPONSES,
)
def list_provinces(
    request: Request, catalog: CatalogDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Response:
    data = list_page(request, catalog, "provinces", {}, limit=limit, offset=offset, item=province_item)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/provinces/{province_id}",
    summary="A province profile: counts, clusters, parks, initiatives",
    response_model=ProvinceProfile,
    responses={404: {"description": "no such province"}},
)
def get_province(
    request: Request,
    province_id: ProvinceId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
) -> Response:
    when = times(as_of, known_at)
    iri = resolve_place(catalog, province_id, PlaceLevel.PROVINCE)

    def with_lists(catalog: Catalog, iri: URIRef, when: Times) -> ProvinceProfile:
        profile = province_profile(catalog, iri, when)
        given = {k: v for k, v in (("as_of", as_of), ("known_at", known_at)) if v is not None}
        profile.lists = {
            name: str(
                request.url_for(f"province_{name}", province_id=profile.code).include_query_params(**given)
            )
            for name in PROVINCE_LISTS
        }
        return profile

    return render_profile(request, catalog, iri, with_lists, when)


@router.get(
    "/provinces/{province_id}/parks",
    summary="Industrial parks in a province (directly or through any of its places), with kind and place",
    response_model=Page[Park],
    responses=SUBLIST_RESPONSES,
)
def province_parks(
    request: Request,
    province_id: ProvinceId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    province = resolve_place(catalog, province_id, PlaceLevel.PROVINCE)
    values = with_times(catalog, "parks", {"province": province}, when)  # = /parks?province=
    data = list_page(request, catalog, "parks", values, limit=limit, offset=offset, item=park_item)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/provinces/{province_id}/clusters",
    summary="Industrial clusters in a province (directly or through any of its places)",
    response_model=Page[Cluster],
    responses=SUBLIST_RESPONSES,
)
def province_clusters(
    request: Request,
    province_id: ProvinceId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    province = resolve_place(catalog, province_id, PlaceLevel.PROVINCE)
    values = with_times(catalog, "clusters", {"province": province}, when)  # = /clusters?province=
    data = list_page(request, catalog, "clusters", values, limit=limit, offset=offset, item=cluster_item)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/provinces/{province_id}/initiatives",
    summary="Initiatives whose scope is in a province or covers it",
    response_model=Page[Initiative],
    responses=SUBLIST_RESPONSES,
)
def province_initiatives(
    request: Request,
    province_id: ProvinceId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    province = resolve_place(catalog, province_id, PlaceLevel.PROVINCE)
    values = with_times(catalog, "initiatives", {"province": province}, when)  # = /initiatives?province=
    data = list_page(
        request, catalog, "initiatives", values, limit=limit, offset=offset, item=initiative_item
    )
    return render(request, data, LIST_FORMATS)
