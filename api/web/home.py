"""``/`` (what the graph holds, the latest articles, entry points), ``/find`` (search results for a
person) and ``/browse/{kind}`` (lists of clusters, parks, enterprises, initiatives, provinces)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogDep
from api.services.lists import aggregated, entity_items
from api.web.render import page
from kg.sparql.catalog import Row, json_rows
from kg.sparql.search import search_entities

router = APIRouter(include_in_schema=False)

# /browse/{kind}: the named query of the list, its id column, and the columns shown beside the label
LISTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "clusters": ("clusters", "Industrial clusters", ("places",)),
    "parks": ("parks", "Industrial parks", ("places", "park_kind")),
    "enterprises": ("enterprises", "Enterprises", ("places", "part_of")),
    "initiatives": ("initiatives", "Initiatives", ("issuer", "issued")),
    "provinces": ("provinces", "Provinces", ("code",)),
}
LIST_ROWS = 2000  # entities read per list (one row each): the page says when cut


@router.get("/", response_class=HTMLResponse)
def home(request: Request, catalog: CatalogDep) -> HTMLResponse:
    counts = catalog.rows("class_counts")
    articles = catalog.page("latest_articles", {}, limit=8, offset=0).items
    return page(request, "home.html", counts=counts, articles=articles, lists=LISTS)


@router.get("/find", response_class=HTMLResponse)
def find(
    request: Request,
    catalog: CatalogDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    rows: list[Row] = []
    if q.strip():
        found = search_entities(catalog.store, catalog.query("search"), q, catalog.ids, limit=100)
        rows = json_rows(found, frozenset({"q"}))
    return page(request, "find.html", q=q, rows=rows)


@router.get("/browse/{kind}", response_class=HTMLResponse)
def browse(
    request: Request,
    kind: Annotated[str, Path(pattern="^(clusters|parks|enterprises|initiatives|provinces)$")],
    catalog: CatalogDep,
) -> HTMLResponse:
    name, title, columns = LISTS[kind]
    found = catalog.page(name, {}, limit=LIST_ROWS, offset=0)
    items: list[dict[str, Any]] = []
    for row in entity_items(found.items, aggregated(catalog.query(name))):
        cells: dict[str, list[tuple[object, object]]] = {}
        for column in columns:
            value = row.get(column)
            if isinstance(value, list):  # an aggregated column: [{"id", "label"}, ...]
                cells[column] = [(v["id"], v.get("label")) for v in value]
            elif value is not None:
                cells[column] = [(value, row.get(f"{column}_label"))]
        items.append({"id": row["id"], "label": row.get("label"), "cells": cells})
    return page(
        request,
        "browse.html",
        kind=kind,
        title=title,
        columns=columns,
        items=items,
        cut=found.more,
        lists=LISTS,
    )
