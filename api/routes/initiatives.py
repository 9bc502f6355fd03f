"""``/initiatives`` and ``/initiatives/{id}``: the list with filters, and the initiative profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.filters import Filters, filter_params
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page, run_rows
from api.models import InitiativeProfile, Page
from api.profiles import base_profile, figures, values_of
from api.resolve import resolve_entity
from kg.namespaces import TKG

router = APIRouter(tags=["initiatives"])

InitiativeId = Annotated[
    str, Path(description="slug or English name", examples=["hebei-garment-industry-action-plan"])
]


@router.get(
    "/initiatives",
    summary="Initiatives, filtered by the province or city of their scope, industry, measure, year",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_initiatives(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    filters: Filters,
    measure: Annotated[
        str | None, Query(description="policy measure slug", examples=["digital-transformation"])
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    params = filter_params(store, queries, settings.ids, filters, measure=measure)
    data = page(request, store, queries["initiatives"], params, settings.ids, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/initiatives/{initiative_id}",
    summary="An initiative profile: kind, issuer, year and period, scope, measures, targets, sources",
    response_model=InitiativeProfile,
    responses={404: {"description": "no such initiative"}},
)
def get_initiative(
    request: Request, initiative_id: InitiativeId, store: StoreDep, settings: SettingsDep, queries: QueriesDep
) -> Response:
    iri = resolve_entity(store, queries, settings.ids, initiative_id, "initiative")
    profile = base_profile(store, queries, iri, "Initiative")
    core = run_rows(store, queries["initiative_profile"], {"initiative": str(iri)}, settings.ids)[0]
    profile |= {
        "kind": core.get("initiative_kind"),
        "issuer": {"id": core["issuer"], "label": core.get("issuer_label")} if core.get("issuer") else None,
        "year": core.get("year"),
        "period": {"start": core.get("start_year"), "end": core.get("end_year")},
        "scope": values_of(profile, TKG.appliesTo),
        "measures": values_of(profile, TKG.promotes),
        "targets": [f for f in figures(store, queries, iri) if f["kind"] == "target"],
    }
    return render(request, InitiativeProfile(**profile).model_dump(mode="json"))
