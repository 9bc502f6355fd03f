"""``/clusters`` and ``/clusters/{id}``: the list with filters, and the cluster profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Cluster, ClusterProfile, Page
from api.services.lists import (
    DEFAULT_LIMIT,
    Filters,
    Limit,
    Offset,
    cluster_item,
    filter_values,
    list_page,
)
from api.services.profiles import cluster_profile, render_profile
from api.services.resolve import EntityKind, resolve_entity
from api.services.validtime import AsOf, KnownAt, times, with_times

router = APIRouter(tags=["clusters"])

ClusterId = Annotated[str, Path(description="slug or English name", examples=["qinghe-cashmere-cluster"])]
Designation = Annotated[
    str | None, Query(description="designation title slug", examples=["china-famous-sweater-city"])
]


@router.get(
    "/clusters",
    summary="Industrial clusters by province, city, industry (narrower included), designation, year",
    response_model=Page[Cluster],
    responses=LIST_RESPONSES,
)
def list_clusters(
    request: Request,
    catalog: CatalogDep,
    filters: Filters,
    designation: Designation = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    when = times(as_of, known_at)
    values = with_times(catalog, "clusters", filter_values(catalog, filters, designation=designation), when)
    data = list_page(request, catalog, "clusters", values, limit=limit, offset=offset, item=cluster_item)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/clusters/{cluster_id}",
    summary="A cluster profile: labels, place chain, industries, designations, parks, enterprises, "
    "figures, initiatives, and the articles every statement comes from",
    response_model=ClusterProfile,
    responses={404: {"description": "no such cluster"}},
)
def get_cluster(
    request: Request,
    cluster_id: ClusterId,
    catalog: CatalogDep,
    as_of: AsOf = None,
    known_at: KnownAt = None,
) -> Response:
    when = times(as_of, known_at)
    iri = resolve_entity(catalog, cluster_id, EntityKind.CLUSTER)
    return render_profile(request, catalog, iri, cluster_profile, when)
