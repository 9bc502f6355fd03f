"""List answers: the filters users expect (province, city, industry, year) as one query-parameter model,
resolved into named-query values, and pages of typed items (``api.models``) with a ``next`` link.

The named queries keep their own column names (``park_kind``, ``initiative_kind``, ``issued`` ...); the
functions ``*_item`` here turn a row into the resource's model, so every route that lists parks gives the
same fields (docs/api.md has the table of old and new names).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, Field

from api.models import (
    Cluster,
    Comparator,
    Designation,
    Enterprise,
    Initiative,
    InitiativeKind,
    Organization,
    OrganizationKind,
    Park,
    ParkKind,
    Province,
    Ref,
)
from api.services.resolve import PlaceLevel, resolve_concept, resolve_place
from kg.namespaces import TKG
from kg.sparql.catalog import Catalog, Row, RowPage, Value
from kg.sparql.named import NamedQuery

DEFAULT_LIMIT = 50
MAX_PAGE = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip", examples=[0])]


class FilterQuery(BaseModel):
    """The filters of the list routes; each is optional, and each given one narrows the list."""

    province: str | None = Field(
        None, description="GB code, English, Chinese or pinyin name, or slug", examples=["hebei"]
    )
    city: str | None = Field(
        None, description="GB code, English, Chinese or pinyin name, or slug", examples=["130500"]
    )
    industry: str | None = Field(
        None, description="industry slug or English/Chinese label; narrower ones count", examples=["wool"]
    )
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
        values["industry"] = resolve_concept(catalog, filters.industry, "industry")
    if filters.year:
        values["year"] = filters.year
    values.update({k: v for k, v in extra.items() if v})
    return values


# The list queries ordered by a class's derived sort key (docs/consolidation.md), which take ?sort_from and
# ?sort_to: their unfiltered pages are cut from a range of keys (kg.sparql.ranges)
SORTED_BY = {
    "parks": TKG.parkSortKey,
    "clusters": TKG.clusterSortKey,
    "enterprises": TKG.enterpriseSortKey,
    "initiatives": TKG.initiativeSortKey,
}


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


def refs(value: object) -> list[Ref]:
    """An aggregated column (``linked``) or one IRI as links; nothing as ``[]``."""
    if not isinstance(value, str) or not value:
        return []
    if "\n" in value or " " in value:
        return [Ref.model_validate(v) for v in linked(value)]
    return [Ref(id=value)]


def ref(iri: object, label: object = None) -> Ref | None:
    return Ref(id=str(iri), label=None if label is None else str(label)) if iri else None


def slug(iri: object) -> str | None:
    """The last path segment of a concept IRI (``.../kind/industrial-base`` -> ``industrial-base``)."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1] if iri else None


E = TypeVar("E", ParkKind, InitiativeKind, OrganizationKind)


def word(iri: object, enum: type[E]) -> E | None:
    """A closed-set concept IRI as its enum word; None for none or for a concept outside the set."""
    name = slug(iri)
    return enum(name) if name is not None and name in enum._value2member_map_ else None


def comparator(iri: object) -> Comparator | None:
    """``tkg:MoreThan`` -> ``more-than``; None for none or an unknown individual."""
    if not iri:
        return None
    local = str(iri).rsplit("#", 1)[-1]
    name = re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()
    return Comparator(name) if name in Comparator._value2member_map_ else None


def comparator_iri(word: object) -> str | None:
    """``more-than`` -> the IRI of ``tkg:MoreThan`` (the inverse of :func:`comparator`)."""
    if not word:
        return None
    return str(TKG) + "".join(part.capitalize() for part in str(word).split("-"))


def cluster_item(row: Row) -> Cluster:
    return Cluster(id=str(row["id"]), label=_text(row.get("label")), places=refs(row.get("places")))


def park_item(row: Row) -> Park:
    return Park(
        id=str(row["id"]),
        label=_text(row.get("label")),
        kind=word(row.get("park_kind", row.get("kind")), ParkKind),  # parks.rq / parks_by_province.rq
        part_of=refs(row.get("part_of")),
        places=refs(row.get("places")),
    )


def enterprise_item(row: Row) -> Enterprise:
    return Enterprise(
        id=str(row["id"]),
        label=_text(row.get("label")),
        part_of=refs(row.get("part_of")),
        places=refs(row.get("places")),
    )


def organization_item(row: Row) -> Organization:
    return Organization(
        id=str(row["id"]),
        label=_text(row.get("label")),
        kind=word(row.get("kind_of"), OrganizationKind),
        places=refs(row.get("places")),
    )


def initiative_item(row: Row) -> Initiative:
    """A row of ``initiatives`` (``initiative_kind``, ``issued``) or ``initiatives_by_province``."""
    return Initiative(
        id=str(row["id"]),
        label=_text(row.get("label")),
        kind=word(row.get("initiative_kind"), InitiativeKind),
        issuer=ref(row.get("issuer"), row.get("issuer_label")),
        year=_int(row.get("issued", row.get("year"))),
        start_year=_int(row.get("start_year")),
        end_year=_int(row.get("end_year")),
    )


def province_item(row: Row) -> Province:
    fields = {k: row.get(k) for k in ("code", "label", "label_zh", "wkt")}
    return Province.model_validate({"id": row["id"], **fields})


def designation_item(row: Row) -> Designation:
    return Designation(
        id=str(row["id"]),
        holder=ref(row.get("holder"), row.get("holder_label")),
        title=ref(row.get("title_concept"), row.get("title_label")),
        conferred_by=ref(row.get("body"), row.get("body_label")),
        year=_int(row.get("conferred")),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def entity_items(items: list[Row], columns: Sequence[str]) -> list[Row]:
    """The rows of a list query as items: the aggregated ``columns`` become lists of ``{"id", "label"}``
    (empty when the entity has none). ``/queries/{name}`` and the web pages use this raw shape."""
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


ItemOf = Callable[[Row], BaseModel]


def page_json(
    request: Request,
    page: RowPage,
    *,
    limit: int,
    offset: int,
    columns: Sequence[str] = (),
    item: ItemOf | None = None,
) -> dict[str, object]:
    """The JSON of a page (``api.models.Page``): ``next`` is this URL with the following offset; each row
    through ``item`` (a resource model, every field present), or raw with ``columns`` as
    :func:`entity_items` makes them."""
    following = (
        str(request.url.include_query_params(limit=limit, offset=offset + limit)) if page.more else None
    )
    if item is None:
        items: list[object] = list(entity_items(page.items, columns))
    else:
        items = [item(row).model_dump(mode="json") for row in page.items]
    return {"items": items, "limit": limit, "offset": offset, "next": following}


def list_page(
    request: Request,
    catalog: Catalog,
    name: str,
    values: Mapping[str, Value],
    *,
    limit: int,
    offset: int,
    item: ItemOf | None = None,
) -> dict[str, object]:
    """One page of the list query ``name`` as JSON (one item per entity, as ``item`` makes it)."""
    page = catalog.page(name, values, limit=limit, offset=offset, sort_key=SORTED_BY.get(name))
    columns = aggregated(catalog.query(name))
    return page_json(request, page, limit=limit, offset=offset, columns=columns, item=item)
