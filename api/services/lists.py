"""List answers: the filters users expect (province, city, industry, year) as one query-parameter model,
resolved into named-query values, and pages with a ``next`` link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel, Field

from api.services.resolve import PlaceLevel, resolve_place
from kg.sparql.catalog import Catalog, Row, RowPage, Value
from kg.sparql.named import NamedQuery

DEFAULT_LIMIT = 50
MAX_PAGE = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip", examples=[0])]


class FilterQuery(BaseModel):
    """The filters of the list routes; each is optional, and each given one narrows the list."""

    province: str | None = Field(None, description="GB code, English name or slug", examples=["hebei"])
    city: str | None = Field(None, description="GB code, English name or slug", examples=["130500"])
    industry: str | None = Field(None, description="industry slug; narrower ones count", examples=["wool"])
    year: str | None = Field(None, description="four-digit year", examples=["2022"])


Filters = Annotated[FilterQuery, Query()]


def filter_values(catalog: Catalog, filters: FilterQuery, **extra: str | None) -> dict[str, Value]:
    """Named-query values: places resolved to IRIs here (name or code), the rest bound by type later."""
    values: dict[str, Value] = {}
    if filters.province:
        values["province"] = resolve_place(catalog, filters.province, PlaceLevel.PROVINCE)
    if filters.city:
        values["city"] = resolve_place(catalog, filters.city, PlaceLevel.CITY)
    if filters.industry:
        values["industry"] = filters.industry
    if filters.year:
        values["year"] = filters.year
    values.update({k: v for k, v in extra.items() if v})
    return values


# Columns a list query aggregates per entity: "IRI label" per value, one per line (GROUP_CONCAT)
LIST_COLUMNS = ("places", "specialties")


def linked(text: str) -> list[dict[str, str]]:
    """``"IRI label\\nIRI label"`` -> ``[{"id": IRI, "label": label}, ...]`` (no label: ``id`` only)."""
    values = []
    for line in text.splitlines():
        iri, _, label = line.partition(" ")
        if iri:
            values.append({"id": iri, "label": label} if label else {"id": iri})
    return values


def entity_items(items: list[Row], columns: Sequence[str]) -> list[Row]:
    """The rows of a list query as items: the aggregated ``columns`` become lists of ``{"id", "label"}``
    (empty when the entity has none)."""
    out = []
    for row in items:
        item = dict(row)
        for column in columns:
            value = item.get(column)
            item[column] = linked(value) if isinstance(value, str) else []
        out.append(item)
    return out


def aggregated(query: NamedQuery) -> list[str]:
    """The LIST_COLUMNS that ``query`` projects."""
    return [c for c in LIST_COLUMNS if f"AS ?{c})" in query.text]


def page_json(
    request: Request, page: RowPage, *, limit: int, offset: int, columns: Sequence[str] = ()
) -> dict[str, object]:
    """The JSON of a page (``api.models.Page``): ``next`` is this URL with the following offset;
    ``columns``: see :func:`entity_items`."""
    following = (
        str(request.url.include_query_params(limit=limit, offset=offset + limit)) if page.more else None
    )
    return {"items": entity_items(page.items, columns), "limit": limit, "offset": offset, "next": following}


def list_page(
    request: Request, catalog: Catalog, name: str, values: Mapping[str, Value], *, limit: int, offset: int
) -> dict[str, object]:
    """One page of the list query ``name`` as JSON (one item per entity)."""
    page = catalog.page(name, values, limit=limit, offset=offset)
    columns = aggregated(catalog.query(name))
    return page_json(request, page, limit=limit, offset=offset, columns=columns)
