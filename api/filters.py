"""The list filters users expect (province, city, industry, year), resolved into named-query parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from api.resolve import resolve_place
from kg.namespaces import Ids
from kg.sparql.named import NamedQuery
from kg.store import Store


class FilterQuery(BaseModel):
    province: str | None = Field(None, description="GB code, English name or slug", examples=["hebei"])
    city: str | None = Field(None, description="GB code, English name or slug", examples=["130500"])
    industry: str | None = Field(None, description="industry slug; narrower ones count", examples=["wool"])
    year: str | None = Field(None, description="four-digit year", examples=["2022"])


def _filters(
    province: Annotated[
        str | None, Query(description="GB code, English name or slug", examples=["hebei"])
    ] = None,
    city: Annotated[
        str | None, Query(description="GB code, English name or slug", examples=["130500"])
    ] = None,
    industry: Annotated[
        str | None, Query(description="industry slug; narrower count", examples=["wool"])
    ] = None,
    year: Annotated[str | None, Query(description="four-digit year", examples=["2022"])] = None,
) -> FilterQuery:
    return FilterQuery(province=province, city=city, industry=industry, year=year)


Filters = Annotated[FilterQuery, Depends(_filters)]


def filter_params(
    store: Store, queries: dict[str, NamedQuery], ids: Ids, filters: FilterQuery, **extra: str | None
) -> dict[str, str]:
    """Query parameters: places resolved to IRIs here (name or code), the rest bound by type later."""
    params: dict[str, str] = {}
    if filters.province:
        params["province"] = str(resolve_place(store, queries, ids, filters.province, "province"))
    if filters.city:
        params["city"] = str(resolve_place(store, queries, ids, filters.city, "city"))
    if filters.industry:
        params["industry"] = filters.industry
    if filters.year:
        params["year"] = filters.year
    params.update({k: v for k, v in extra.items() if v})
    return params
