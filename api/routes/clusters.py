"""``/clusters`` and ``/clusters/{id}``: the list with filters, and the cluster profile."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.filters import Filters, filter_params
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page
from api.models import ClusterProfile, Page
from api.profiles import base_profile, industry_parts
from api.resolve import resolve_entity

router = APIRouter(tags=["clusters"])

ClusterId = Annotated[str, Path(description="slug or English name", examples=["qinghe-cashmere-cluster"])]
Designation = Annotated[
    str | None, Query(description="designation title slug", examples=["china-famous-sweater-city"])
]


@router.get(
    "/clusters",
    summary="Industrial clusters by province, city, industry (narrower included), designation, year",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_clusters(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    filters: Filters,
    designation: Designation = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    params = filter_params(store, queries, settings.ids, filters, designation=designation)
    data = page(request, store, queries["clusters"], params, settings.ids, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)


def cluster_profile(store: StoreDep, settings: SettingsDep, queries: QueriesDep, iri: str) -> dict[str, Any]:
    from rdflib import URIRef

    profile = base_profile(store, queries, URIRef(iri), "IndustrialCluster")
    return {**profile, **industry_parts(store, queries, URIRef(iri), profile)}


@router.get(
    "/clusters/{cluster_id}",
    summary="A cluster profile: labels, place chain, industries, designations, parks, enterprises, "
    "figures, initiatives, and the articles every statement comes from",
    response_model=ClusterProfile,
    responses={404: {"description": "no such cluster"}},
)
def get_cluster(
    request: Request, cluster_id: ClusterId, store: StoreDep, settings: SettingsDep, queries: QueriesDep
) -> Response:
    iri = resolve_entity(store, queries, settings.ids, cluster_id, "cluster")
    profile = cluster_profile(store, settings, queries, str(iri))
    return render(request, ClusterProfile(**profile).model_dump(mode="json"))
