"""``{id}`` in a URL -> an IRI: a slug, or for places the GB code or the English name; 404 otherwise."""

from __future__ import annotations

import re
from enum import StrEnum

from rdflib import URIRef

from kg.errors import NotFoundError
from kg.namespaces import TKG
from kg.sparql.catalog import Catalog

_CODE = re.compile(r"\d{6}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")


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
        if not candidate or len(candidate) > 200:
            continue
        rows = list(catalog.select("entities_by_label", label=candidate, type=cls))
        if rows:
            return URIRef(str(rows[0]["entity"]))
    return None


def resolve_place(catalog: Catalog, raw: str, level: PlaceLevel) -> URIRef:
    """A province, city or county by GB code, English name, or slug of the English name."""
    if _CODE.fullmatch(raw):
        iri = catalog.ids.place(raw)
        if has_type(catalog, iri, None if level is PlaceLevel.PLACE else PLACE_CLASSES[level][0]):
            return iri
    else:
        for wanted in PLACE_CLASSES[level]:
            found = _by_label(catalog, raw, wanted)
            if found is not None:
                return found
    raise NotFoundError(
        f"no {level} {raw[:80]!r}: give its GB code (e.g. 130000) or English name (e.g. Hebei)"
    )


def resolve_entity(catalog: Catalog, raw: str, kind: EntityKind) -> URIRef:
    """A cluster, park, enterprise or initiative by slug (``qinghe-cashmere-cluster``) or English name."""
    cls = ENTITY_CLASSES[kind]
    if _SLUG.fullmatch(raw):
        iri = catalog.ids.mint(kind, raw)
        if has_type(catalog, iri, cls):
            return iri
    found = _by_label(catalog, raw, cls)
    if found is not None:
        return found
    raise NotFoundError(f"no {kind} {raw[:80]!r}: give its slug (as in its IRI) or its English name")
