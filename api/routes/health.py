"""``/health``: is the service up, and does the store answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CatalogDep
from api.models import Health

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    summary="Service health: store reachable, named queries loaded",
    response_model=Health,
    responses={200: {"content": {"application/json": {"example": {"status": "ok", "queries": 20}}}}},
)
def health(catalog: CatalogDep) -> Health:
    catalog.store.ask("ASK { }")
    return Health(status="ok", queries=len(catalog.queries))
