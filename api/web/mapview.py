"""``/map``: clusters and parks of the whole graph on a map of China's provinces, with filters.

Markers (``queries/map_markers.rq``) stand at the most specific place with coordinates that the entity
lies in (town, county, city, region, province: ``map_places.rq``), coloured by top-level industry and
sized by the largest money figure (CNY) stated about the entity, else by how many figures it has
(``map_figures.rq``). The data is in the page as JSON; the province boundaries are
``/static/web/geo/china-provinces.json``.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogDep
from api.web.entity import parse_point
from api.web.render import page

router = APIRouter(include_in_schema=False)
KIND_NAMES = {"IndustrialCluster": "cluster", "IndustrialPark": "park"}


def marker_size(figures: list[dict[str, Any]]) -> float:
    """8-30 px: log of the largest CNY figure (1e8 CNY -> 8 px, x10 -> +4 px), else 8 + 2 per figure."""
    money = [float(f["value"]) for f in figures if str(f.get("unit", "")).upper() in ("CNY", "RMB", "YUAN")]
    if money:
        return round(min(30.0, 8 + 4 * math.log10(max(max(money), 1e8) / 1e8)), 1)
    return min(20.0, 8.0 + 2 * len(figures))


def markers(
    rows: list[dict[str, Any]], place_rows: list[dict[str, Any]], figure_rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One marker per entity (rows of map_markers.rq, map_places.rq and map_figures.rq)."""
    figures: dict[str, list[dict[str, Any]]] = {}
    for row in figure_rows:
        figures.setdefault(str(row["id"]), []).append(row)
    places: dict[str, dict[str, Any]] = {}
    for row in place_rows:  # ordered by rank: the first with a point wins
        place = places.setdefault(str(row["id"]), {"point": None, "province": None})
        point = parse_point(str(row["wkt"])) if row.get("wkt") else None
        if point and place["point"] is None:
            place["point"] = point
        if row.get("rank") == 5:
            place["province"] = row.get("place_label")
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = str(row["id"])
        item = out.setdefault(
            iri,
            {
                "id": iri,
                "label": row.get("label") or iri.rsplit("/", 1)[-1],
                "kind": KIND_NAMES.get(str(row["type_name"]), "park"),
                "park_kind": row.get("kind_label"),
                "industries": [],
                "broader": [],
                "tops": [],
                **places.get(iri, {"point": None, "province": None}),
            },
        )
        keys = [("industries", "industry_label"), ("broader", "broader_label")]
        if row.get("top") == 1:
            keys.append(("tops", "broader_label"))
        for key, column in keys:
            if row.get(column) and row[column] not in item[key]:
                item[key].append(row[column])
    for iri, item in out.items():
        item["size"] = marker_size(figures.get(iri, []))
        item["figures"] = [
            f"{f.get('measure') or 'figure'}: {f['value']:,} {f.get('unit') or ''} ({f.get('year') or '?'})"
            for f in figures.get(iri, [])
        ]
    return list(out.values())


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, catalog: CatalogDep) -> HTMLResponse:
    from api.web.geo import SOURCE  # here: `python -m api.web.geo` must not find it imported already

    rows = catalog.rows("map_markers")
    place_rows = catalog.rows("map_places")
    figure_rows = catalog.rows("map_figures")
    items = markers(rows, place_rows, figure_rows)
    for item in items:
        item["href"] = f"/id/{catalog.ids.local_path(item['id']) or ''}"
    placed = [m for m in items if m["point"]]
    return page(
        request,
        "map.html",
        markers=placed,
        unplaced=[m for m in items if not m["point"]],
        industries=sorted({t for m in placed for t in m["broader"]}),
        provinces=sorted({m["province"] for m in placed if m["province"]}),
        park_kinds=sorted({m["park_kind"] for m in placed if m["park_kind"]}),
        source=SOURCE,
    )
