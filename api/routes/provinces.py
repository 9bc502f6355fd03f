"""``/provinces`` and a province's profile, parks, clusters and initiatives."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.listing import DEFAULT_LIMIT, Limit, Offset, page, run_rows
from api.models import Page, ProvinceProfile
from api.profiles import base_profile
from api.resolve import resolve_place

router = APIRouter(tags=["provinces"])

ProvinceId = Annotated[str, Path(description="GB code, English name or its slug", examples=["hebei"])]


@router.get(
    "/provinces",
    summary="All provinces with GB code, labels and coordinates",
    response_model=Page,
    responses=LIST_RESPONSES,
)
def list_provinces(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    queries: QueriesDep,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    data = page(request, store, queries["provinces"], {}, settings.ids, limit=limit, offset=offset)
    return render(request, data, LIST_FORMATS)


@router.get(
    "/provinces/{province_id}",
    summary="A province profile: counts, clusters, parks, initiatives",
    response_model=ProvinceProfile,
    responses={404: {"description": "no such province"}},
)
def get_province(
    request: Request, province_id: ProvinceId, store: StoreDep, settings: SettingsDep, queries: QueriesDep
) -> Response:
    iri = resolve_place(store, queries, settings.ids, province_id, "province")
    profile = base_profile(store, queries, iri, "Province")
    core = run_rows(store, queries["province_profile"], {"province": str(iri)}, settings.ids)[0]
    lists = {
        name: [
            {"id": r["id"], "label": r.get("label")}
            for r in _dedupe(
                run_rows(store, queries[f"{name}_by_province"], {"province": str(iri)}, settings.ids)
            )
        ]
        for name in ("clusters", "parks", "initiatives")
    }
    profile |= {
        "code": core["code"],
        "wkt": core.get("wkt"),
        **lists,
        "counts": {name: len(items) for name, items in lists.items()},
    }
    return render(request, ProvinceProfile(**profile).model_dump(mode="json"))


def _dedupe(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    seen: dict[object, dict[str, object]] = {}
    for row in rows:
        seen.setdefault(row["id"], row)
    return list(seen.values())


def _sublist(name: str, summary: str) -> None:
    @router.get(
        f"/provinces/{{province_id}}/{name}",
        summary=summary,
        response_model=Page,
        responses={**LIST_RESPONSES, 404: {"description": "no such province"}},
        name=f"province_{name}",
    )
    def sublist(
        request: Request,
        province_id: ProvinceId,
        store: StoreDep,
        settings: SettingsDep,
        queries: QueriesDep,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response:
        iri = resolve_place(store, queries, settings.ids, province_id, "province")
        query = queries[f"{name}_by_province"]
        data = page(request, store, query, {"province": str(iri)}, settings.ids, limit=limit, offset=offset)
        return render(request, data, LIST_FORMATS)


_sublist(
    "parks", "Industrial parks in a province (directly or through any of its places), with kind and place"
)
_sublist("clusters", "Industrial clusters in a province (directly or through any of its places)")
_sublist("initiatives", "Initiatives whose scope is in a province or covers it")
