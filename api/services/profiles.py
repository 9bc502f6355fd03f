"""Profiles composed from the ``queries/profile/`` queries: labels, place chain, statements with their
sources, and the parts of each kind (industries, members, figures, initiatives, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from rdflib import URIRef
from rdflib.namespace import SKOS

from api.http.negotiation import DOCUMENT_FORMATS, FORMAT_MEDIA, choose_format, graph_to_jsonld
from api.models import (
    ClusterProfile,
    EnterpriseProfile,
    Figure,
    FigureKind,
    HeldDesignation,
    InitiativeKind,
    InitiativeProfile,
    InitiativeRef,
    Labels,
    Member,
    ParkKind,
    ParkProfile,
    Place,
    ProvinceProfile,
    Ref,
    Source,
    Statement,
)
from api.services.lists import comparator, ref, word
from kg.namespaces import PREFIXES, TKG
from kg.rdf.terms import to_oxigraph
from kg.sparql.catalog import Catalog, Row

PLACE_KEYS = ("code", "label", "label_zh", "wkt")


class EntityFields(TypedDict):
    """The fields every profile has (``api.models.ProfileFields`` with ``id``, ``label`` and ``places``)."""

    id: str
    label: str | None
    labels: Labels
    places: list[Place]
    statements: list[Statement]
    sources: list[Source]


def labels(catalog: Catalog, iri: URIRef) -> Labels:
    out: dict[str, object] = {"en": None, "zh": None, "pinyin": None}
    aliases: list[object] = []
    for row in catalog.rows("entity_labels", entity=iri):
        prop, value, lang = row["property"], row["value"], str(row.get("lang", ""))
        if prop == str(TKG.pinyin):
            out["pinyin"] = value  # the tone-marked spelling wins over a pinyin alias
        elif lang.endswith("pinyin"):
            out["pinyin"] = out["pinyin"] or value
        if prop == str(SKOS.altLabel):
            aliases.append(value)
        elif lang == "en":
            out["en"] = out["en"] or value
        elif lang == "zh":
            out["zh"] = out["zh"] or value
    return Labels.model_validate({**out, "aliases": aliases})


def places(catalog: Catalog, iri: URIRef) -> list[Place]:
    """The place chain, most specific first."""
    return [
        Place.model_validate(
            {
                "id": r["place"],
                "type": r["type_name"],
                **{k: r.get(k) for k in ("code", "label", "label_zh", "wkt")},
            }
        )
        for r in catalog.rows("place_chain", entity=iri)
    ]


def statements(catalog: Catalog, iri: URIRef) -> list[Statement]:
    """Every statement about ``iri``, one per (property, value), with the articles it comes from."""
    merged: dict[tuple[object, str], Statement] = {}
    for row in catalog.rows("entity_statements", entity=iri):
        key = (row["property"], str(row["value"]))
        if key not in merged:
            fields = {k: row.get(k) for k in ("property", "value", "value_label", "graph")}
            merged[key] = Statement.model_validate(fields)
        article = row.get("article")
        if article and article not in merged[key].articles:
            merged[key].articles.append(str(article))
    return list(merged.values())


def sources(catalog: Catalog, iri: URIRef) -> list[Source]:
    """The articles ``iri`` comes from, with the evidence sentence of each mention."""
    by_article: dict[object, Source] = {}
    for row in catalog.rows("entity_sources", entity=iri):
        if row["article"] not in by_article:
            fields = {k: row.get(k) for k in ("article", "title", "date", "publisher")}
            by_article[row["article"]] = Source.model_validate(fields)
        sentence = row.get("sentence")
        if sentence and sentence not in by_article[row["article"]].evidence:
            by_article[row["article"]].evidence.append(str(sentence))
    return list(by_article.values())


def entity_fields(catalog: Catalog, iri: URIRef) -> EntityFields:
    """The parts every profile has; ``statements`` and ``sources`` tie each statement to its articles."""
    found = statements(catalog, iri)
    chain = places(catalog, iri)
    names = labels(catalog, iri)
    return EntityFields(
        id=str(iri),
        label=names.en,
        labels=names,
        places=chain,
        statements=found,
        sources=sources(catalog, iri),
    )


def values_of(found: list[Statement], prop: URIRef) -> list[Ref]:
    """The values of ``prop`` among the statements, as links."""
    return [
        Ref.model_validate({"id": s.value, "label": s.value_label}) for s in found if s.property == str(prop)
    ]


def articles_of(found: list[Statement], prop: URIRef, value: object) -> list[str]:
    """The articles a statement (this entity, ``prop``, ``value``) comes from."""
    for item in found:
        if item.property == str(prop) and item.value == value:
            return list(item.articles)
    return []


def figures(catalog: Catalog, iri: URIRef) -> list[Figure]:
    grouped: dict[object, Row] = {}
    for row in catalog.rows("entity_figures", entity=iri):
        fig = grouped.setdefault(row["figure"], {"id": row["figure"], "articles": []})
        for key in ("kind", "measure", "unit", "year", "start_year", "end_year"):
            fig.setdefault(key, row.get(key))
        fig.setdefault("comparator", comparator(row.get("comparator")))
        fig.setdefault("value", row.get("value", row.get("value_text")))
        articles = fig["articles"]
        assert isinstance(articles, list)
        if row.get("article") and row["article"] not in articles:
            articles.append(row["article"])
    return [Figure.model_validate(fig) for fig in grouped.values()]


def members(catalog: Catalog, iri: URIRef) -> dict[str, list[Member]]:
    """The parks and enterprises of a cluster or park, by type name, each once."""
    found: dict[str, dict[object, Member]] = {"IndustrialPark": {}, "Enterprise": {}}
    for row in catalog.rows("entity_members", entity=iri):
        of_type = found.setdefault(str(row["type_name"]), {})
        if row["member"] not in of_type:
            fields = {"id": row["member"], "label": row.get("label"), "type": row["type_name"]}
            of_type[row["member"]] = Member.model_validate(fields)
    return {name: list(items.values()) for name, items in found.items()}


def designations(
    catalog: Catalog, iri: URIRef, found: list[Statement], label: str | None = None
) -> list[HeldDesignation]:
    """The designations ``iri`` (labelled ``label``) holds, with the articles that state each."""
    holder = {"id": str(iri), "label": label}
    return [
        HeldDesignation.model_validate(
            {
                "id": r["designation"],
                "holder": holder,
                "title": {"id": r["title"], "label": r.get("title_label")} if r.get("title") else None,
                "label": r.get("label"),
                "conferred_by": {"id": r["body"], "label": r.get("body_label")} if r.get("body") else None,
                "year": r.get("year"),
                "articles": articles_of(found, TKG.designatedAs, r["designation"]),
            }
        )
        for r in catalog.rows("entity_designations", entity=iri)
    ]


def initiatives(catalog: Catalog, iri: URIRef) -> list[InitiativeRef]:
    """The initiatives that concern ``iri``, each once, with the entity or place it applies through."""
    found: dict[object, InitiativeRef] = {}
    for r in catalog.rows("entity_initiatives", entity=iri):
        if r["initiative"] not in found:
            fields = {k: r.get(k) for k in ("label", "year", "start_year", "end_year")}
            via = {"id": r["via"], "label": r.get("via_label")}
            found[r["initiative"]] = InitiativeRef.model_validate(
                {"id": r["initiative"], **fields, "via": via}
            )
    return list(found.values())


def parts(catalog: Catalog, iri: URIRef, base: EntityFields) -> dict[str, object]:
    """``api.models.Parts``: industries, designations, figures and initiatives of a cluster, park or
    enterprise."""
    found = base["statements"]
    return {
        "industries": values_of(found, TKG.specializesIn),
        "designations": designations(catalog, iri, found, base["label"]),
        "figures": figures(catalog, iri),
        "initiatives": initiatives(catalog, iri),
    }


def cluster_profile(catalog: Catalog, iri: URIRef) -> ClusterProfile:
    base = entity_fields(catalog, iri)
    held = members(catalog, iri)
    return ClusterProfile.model_validate(
        {
            **base,
            **parts(catalog, iri, base),
            "parks": held["IndustrialPark"],
            "enterprises": held["Enterprise"],
        }
    )


def park_profile(catalog: Catalog, iri: URIRef) -> ParkProfile:
    base = entity_fields(catalog, iri)
    kinds = values_of(base["statements"], TKG.parkKind)
    held = members(catalog, iri)
    return ParkProfile.model_validate(
        {
            **base,
            **parts(catalog, iri, base),
            "parks": held["IndustrialPark"],
            "enterprises": held["Enterprise"],
            "kind": word(kinds[0].id, ParkKind) if kinds else None,
            "part_of": values_of(base["statements"], TKG.partOf),
        }
    )


def enterprise_profile(catalog: Catalog, iri: URIRef) -> EnterpriseProfile:
    base = entity_fields(catalog, iri)
    return EnterpriseProfile.model_validate(
        {
            **base,
            **parts(catalog, iri, base),
            "part_of": values_of(base["statements"], TKG.partOf),
        }
    )


def initiative_profile(catalog: Catalog, iri: URIRef) -> InitiativeProfile:
    base = entity_fields(catalog, iri)
    core = catalog.rows("initiative_profile", initiative=iri)[0]
    return InitiativeProfile.model_validate(
        {
            **base,
            "kind": word(core.get("initiative_kind"), InitiativeKind),
            "issuer": ref(core.get("issuer"), core.get("issuer_label")),
            "year": core.get("year"),
            "start_year": core.get("start_year"),
            "end_year": core.get("end_year"),
            "scope": values_of(base["statements"], TKG.appliesTo),
            "measures": values_of(base["statements"], TKG.promotes),
            "targets": [f for f in figures(catalog, iri) if f.kind is FigureKind.TARGET],
        }
    )


def province_profile(catalog: Catalog, iri: URIRef) -> ProvinceProfile:
    base = entity_fields(catalog, iri)
    core = catalog.rows("province_profile", province=iri)[0]
    clusters = province_list(catalog, "clusters_by_province", iri)
    parks = province_list(catalog, "parks_by_province", iri)
    initiatives = province_list(catalog, "initiatives_by_province", iri)
    return ProvinceProfile.model_validate(
        {
            **base,
            "label": core.get("label", base["label"]),
            "label_zh": core.get("label_zh", base["labels"].zh),
            "code": core["code"],
            "wkt": core.get("wkt"),
            "clusters": clusters,
            "parks": parks,
            "initiatives": initiatives,
            "counts": {"clusters": len(clusters), "parks": len(parks), "initiatives": len(initiatives)},
        }
    )


def province_list(catalog: Catalog, name: str, province: URIRef) -> list[Ref]:
    """Every row of a ``*_by_province`` query as a link, each id once."""
    seen: dict[object, Ref] = {}
    for row in catalog.rows(name, province=province):
        if row["id"] not in seen:
            seen[row["id"]] = Ref.model_validate({"id": row["id"], "label": row.get("label")})
    return list(seen.values())


def render_profile(
    request: Request, catalog: Catalog, iri: URIRef, build: Callable[[Catalog, URIRef], BaseModel]
) -> Response:
    """A profile in the negotiated format: JSON is the model ``build`` makes; Turtle and JSON-LD are the
    entity's own statements in the ontology's terms (``internal/resource``: the entity, its fragments,
    designations and figures), so that both are the same graph and merge cleanly with the SPARQL data."""
    fmt = choose_format(request, DOCUMENT_FORMATS)
    if fmt == "json":
        return JSONResponse(build(catalog, iri).model_dump(mode="json"))
    graph = catalog.store.construct(catalog.query("resource").text, {"entity": iri})
    if fmt == "turtle":  # pyoxigraph, as JSON-LD: rdflib would rewrite decimals ("1" -> "1.0")
        triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]  # type: ignore[arg-type]
        text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
        return Response(text, media_type="text/turtle; charset=utf-8")
    return Response(graph_to_jsonld(graph), media_type=FORMAT_MEDIA["jsonld"])
