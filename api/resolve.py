"""``{id}`` in a URL -> an IRI: a slug, or for places the GB code or the English name; 404 otherwise."""

from __future__ import annotations

import re

from rdflib import URIRef

from kg.errors import NotFoundError
from kg.namespaces import TKG, Ids
from kg.sparql.named import NamedQuery, run_query
from kg.store import Store

_CODE = re.compile(r"\d{6}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
PLACE_CLASSES = {"province": TKG.Province, "city": TKG.City, "county": TKG.County, "place": None}


def has_type(store: Store, queries: dict[str, NamedQuery], iri: URIRef, cls: URIRef | None) -> bool:
    types = {row["type"] for row in run_query(store, queries["entity_types"], {"entity": str(iri)}, Ids())}
    return bool(types) if cls is None else cls in types


def _by_label(store: Store, queries: dict[str, NamedQuery], name: str, cls: URIRef) -> URIRef | None:
    candidates = dict.fromkeys([name, name.replace("-", " ").title(), name.title(), name.capitalize()])
    for candidate in candidates:
        if not candidate or len(candidate) > 200:
            continue
        rows = list(
            run_query(store, queries["entities_by_label"], {"label": candidate, "type": str(cls)}, Ids())
        )
        if rows:
            return URIRef(str(rows[0]["entity"]))
    return None


def resolve_place(store: Store, queries: dict[str, NamedQuery], ids: Ids, raw: str, level: str) -> URIRef:
    """A province, city or county by GB code, English name, or slug of the English name."""
    cls = PLACE_CLASSES[level]
    if _CODE.fullmatch(raw):
        iri = ids.place(raw)
        if has_type(store, queries, iri, cls):
            return iri
    else:
        for wanted in [cls] if cls is not None else [TKG.Province, TKG.City, TKG.County, TKG.Region]:
            found = _by_label(store, queries, raw, wanted)
            if found is not None:
                return found
    raise NotFoundError(
        f"no {level} {raw[:80]!r}: give its GB code (e.g. 130000) or English name (e.g. Hebei)"
    )


def resolve_entity(store: Store, queries: dict[str, NamedQuery], ids: Ids, raw: str, kind: str) -> URIRef:
    """A cluster, park, enterprise or initiative by slug (``qinghe-cashmere-cluster``) or English name."""
    cls = {"cluster": TKG.IndustrialCluster, "park": TKG.IndustrialPark, "enterprise": TKG.Enterprise}.get(
        kind, TKG.Initiative
    )
    if _SLUG.fullmatch(raw):
        iri = ids.mint(kind, raw)
        if has_type(store, queries, iri, cls):
            return iri
    found = _by_label(store, queries, raw, cls)
    if found is not None:
        return found
    raise NotFoundError(f"no {kind} {raw[:80]!r}: give its slug (as in its IRI) or its English name")
