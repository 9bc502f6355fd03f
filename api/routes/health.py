"""``/health``: is the service up, and does the store answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CatalogDep
from api.models import Health, SearchIndex

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    summary="Service health: store reachable, named queries loaded",
    response_model=Health,
    responses={
        200: {
            "content": {
                "application/json": {"example": {"status": "ok", "queries": 20, "search_index": "ready"}}
            }
        }
    },
)
def health(catalog: CatalogDep) -> Health:
    catalog.store.ask("ASK { }")
    labels = catalog.store.labels
    index: SearchIndex = (
        "none"
        if labels is None
        else "ready"
        if labels.built
        else "building"
        if labels.warming
        else "on demand"
    )
    return Health(status="ok", queries=len(catalog.queries), search_index=index)
