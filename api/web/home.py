"""``/`` (what the graph holds, the latest articles, entry points), ``/find`` (search results for a
person) and ``/browse/{kind}`` (lists of clusters, parks, enterprises, initiatives, provinces)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogDep
from api.web.render import page
from kg.sparql.catalog import Row, json_rows
from kg.sparql.search import search_entities

router = APIRouter(include_in_schema=False)

# /browse/{kind}: the named query of the list, its id column, and the columns shown beside the label
LISTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "clusters": ("clusters", "Industrial clusters", ("place",)),
    "parks": ("parks", "Industrial parks", ("place", "park_kind")),
    "enterprises": ("enterprises", "Enterprises", ("place", "part_of")),
    "initiatives": ("initiatives", "Initiatives", ("issuer", "issued")),
    "provinces": ("provinces", "Provinces", ("code",)),
}
LIST_ROWS = 2000  # rows read per list (a row per entity, place and filter column): the page says when cut


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
    items: dict[str, dict[str, Any]] = {}
    for row in found.items:
        item = items.setdefault(str(row["id"]), {"id": row["id"], "label": row.get("label"), "cells": {}})
        for column in columns:
            value = row.get(column)
            if value is not None:
                label = row.get(f"{column}_label")
                cell = item["cells"].setdefault(column, [])
                if all(v != value for v, _ in cell):
                    cell.append((value, label))
    return page(
        request,
        "browse.html",
        kind=kind,
        title=title,
        columns=columns,
        items=list(items.values()),
        cut=found.more,
        lists=LISTS,
    )
