"""``{id}`` in a URL or a filter value -> an IRI: a slug, a GB code (places), or a name in English, Chinese
or pinyin (tone marks, case, apostrophes and spaces folded as search folds them); 404 otherwise.

A name is looked up as an exact English label first (an index lookup), then through the search index:
exact (folded) matches of the wanted type, and for Chinese place names also the name without its
administrative suffix (``河北`` for ``河北省``). A name that several entities of the type share is refused
with their ids, so that the client can pick one.
"""

from __future__ import annotations

import re
from enum import StrEnum

from rdflib import URIRef

from kg.errors import InputError, NotFoundError
from kg.namespaces import TKG
from kg.sparql.catalog import Catalog, json_rows
from kg.sparql.params import CONCEPT_NAMESPACES
from kg.sparql.search import search_entities
from kg.store.labels.fold import fold

_CODE = re.compile(r"\d{6}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
# what Chinese place names end with, longest first: 河北 names 河北省, 清河 names 清河县
ADMIN_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
    "镇",
)
_MAX_NAME = 200


class EntityKind(StrEnum):
    """The kinds of entity a REST route names by slug; the value is the IRI path segment."""

    CLUSTER = "cluster"
    PARK = "park"
    ENTERPRISE = "enterprise"
    INITIATIVE = "initiative"


class PlaceLevel(StrEnum):
    """The administrative level a route asks for; ``place`` accepts any."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    PLACE = "place"


ENTITY_CLASSES = {
    EntityKind.CLUSTER: TKG.IndustrialCluster,
    EntityKind.PARK: TKG.IndustrialPark,
    EntityKind.ENTERPRISE: TKG.Enterprise,
    EntityKind.INITIATIVE: TKG.Initiative,
}
PLACE_CLASSES = {
    PlaceLevel.PROVINCE: [TKG.Province],
    PlaceLevel.CITY: [TKG.City],
    PlaceLevel.COUNTY: [TKG.County],
    PlaceLevel.PLACE: [TKG.Province, TKG.City, TKG.County, TKG.Region],
}


def has_type(catalog: Catalog, iri: URIRef, cls: URIRef | None) -> bool:
    """Whether ``iri`` is a ``cls`` (any typed thing when ``cls`` is None)."""
    types = {row["type"] for row in catalog.select("entity_types", entity=iri)}
    return bool(types) if cls is None else cls in types


def _by_label(catalog: Catalog, name: str, cls: URIRef) -> URIRef | None:
    candidates = dict.fromkeys([name, name.replace("-", " ").title(), name.title(), name.capitalize()])
    for candidate in candidates:
        if not candidate or len(candidate) > _MAX_NAME or "\n" in candidate:
            continue
        rows = list(catalog.select("entities_by_label", label=candidate, type=cls))
        if rows:
            return URIRef(str(rows[0]["entity"]))
    return None


def _local(cls: URIRef) -> str:
    return str(cls).rpartition("#")[2]


def by_name(catalog: Catalog, name: str, classes: list[URIRef], *, places: bool = False) -> URIRef | None:
    """The one entity of ``classes`` whose label or alias equals ``name`` after folding (for ``places``
    also with an administrative suffix added); None if there is none; NotFoundError if several."""
    wanted = {_local(c) for c in classes}
    folded = fold(name)
    if not folded or len(name) > _MAX_NAME:
        return None
    try:
        result = search_entities(catalog.store, catalog.query("search"), name, catalog.ids, limit=200)
    except InputError:
        return None
    found: dict[str, int] = {}
    for row in json_rows(result):
        if row.get("type_name") not in wanted or not isinstance(row.get("score"), int):
            continue
        rest = fold(str(row.get("match", "")))
        if rest == folded:
            found[str(row["id"])] = 0
        elif places and rest.startswith(folded) and rest[len(folded) :] in ADMIN_SUFFIXES:
            found.setdefault(str(row["id"]), 1)
    best = [iri for iri, rank in found.items() if rank == min(found.values(), default=0)]
    if len(best) > 1:
        shown = ", ".join(sorted(best)[:5])
        raise NotFoundError(f"{name[:80]!r} names {len(best)} entities ({shown}): give the slug or GB code")
    return URIRef(best[0]) if best else None


def resolve_place(catalog: Catalog, raw: str, level: PlaceLevel) -> URIRef:
    """A province, city or county by GB code, English, Chinese or pinyin name, or slug of the English name."""
    if _CODE.fullmatch(raw):
        iri = catalog.ids.place(raw)
        if has_type(catalog, iri, None if level is PlaceLevel.PLACE else PLACE_CLASSES[level][0]):
            return iri
    else:
        for wanted in PLACE_CLASSES[level]:
            found = _by_label(catalog, raw, wanted)
            if found is not None:
                return found
        named = by_name(catalog, raw, PLACE_CLASSES[level], places=True)
        if named is not None:
            return named
    raise NotFoundError(
        f"no {level} {raw[:80]!r}: give its GB code (e.g. 130000) or its name (e.g. Hebei, 河北, Héběi)"
    )


def resolve_entity(catalog: Catalog, raw: str, kind: EntityKind) -> URIRef:
    """A cluster, park, enterprise or initiative by slug (``qinghe-cashmere-cluster``) or English,
    Chinese or pinyin name."""
    cls = ENTITY_CLASSES[kind]
    if _SLUG.fullmatch(raw):
        iri = catalog.ids.mint(kind, raw)
        if has_type(catalog, iri, cls):
            return iri
    found = _by_label(catalog, raw, cls) or by_name(catalog, raw, [cls])
    if found is not None:
        return found
    raise NotFoundError(f"no {kind} {raw[:80]!r}: give its slug (as in its IRI) or its name")


def resolve_concept(catalog: Catalog, raw: str, ns: str) -> URIRef | str:
    """A concept of the scheme namespace ``ns`` (``industry``, ``title``, ``policy``, ``kind``) by slug or
    English or Chinese label; a slug that names no concept is passed on as is (it then matches nothing)."""
    namespace = str(CONCEPT_NAMESPACES[ns])
    if _SLUG.fullmatch(raw) or raw.startswith(("http://", "https://")) or len(raw) > _MAX_NAME:
        return raw
    for candidate in dict.fromkeys([raw, raw.strip(), raw.strip().lower()]):
        if not candidate or "\n" in candidate:
            continue
        for row in catalog.rows("concepts_by_label", label=candidate):
            if str(row["id"]).startswith(namespace):
                return URIRef(str(row["id"]))
    raise NotFoundError(
        f"no {ns} {raw[:80]!r}: give its slug (e.g. cashmere) or its English or Chinese label"
    )
