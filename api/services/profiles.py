"""Profiles composed from the ``queries/profile/`` queries: labels, place chain, statements with their
sources, and the parts of each kind (industries, members, figures, initiatives, ...).

Every builder takes ``when`` (``api.services.validtime.Times``): ``as_of`` filters the figures,
designations, initiatives and targets by their valid time; ``known_at`` reads figures and designations
from the sources published by then and keeps only statements, sources and initiatives they state. With
neither (``NOW``), the builders run the same queries as before.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from api.services.validtime import (
    NOW,
    SourceDates,
    Times,
    known_designations,
    known_figures,
    known_initiatives,
    known_sources,
    source_dates,
    time_values,
    valid_designations,
    valid_figures,
    valid_initiatives,
)
from kg.errors import InputError, NotFoundError
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


def statements(catalog: Catalog, iri: URIRef, keep: Callable[[str], bool] | None = None) -> list[Statement]:
    """Every statement about ``iri``, one per (property, value), with the articles it comes from;
    with ``keep``, only those a source graph that ``keep`` accepts states."""
    merged: dict[tuple[object, str], Statement] = {}
    for row in catalog.rows("entity_statements", entity=iri):
        if keep is not None and not keep(str(row.get("graph", ""))):
            continue
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


@dataclass(frozen=True)
class Known:
    """``known_at`` and the publication dates of the source graphs (read once per profile)."""

    day: datetime.date
    dates: SourceDates

    def graph(self, graph: str) -> bool:
        return self.dates.known(graph, self.day)


def known_of(catalog: Catalog, when: Times) -> Known | None:
    return None if when.known_at is None else Known(when.known_at, source_dates(catalog))


ENTITY_QUERIES = ("entity_statements", "place_chain", "entity_labels", "entity_sources")
PARTS_QUERIES = ("entity_initiatives", "entity_designations", "entity_figures")


@contextmanager
def ahead(catalog: Catalog, iri: URIRef, when: Times, *names: str, **others: str) -> Iterator[Catalog]:
    """``catalog`` with the profile's queries of ``iri`` started side by side (``Catalog.prefetched``):
    ``names`` bound to ``entity``, ``others`` (query -> parameter) to their own parameter. Those not
    started when the profile is done (or failed) are dropped. With ``when`` (as_of / known_at) the
    profile asks other queries: nothing is prefetched."""
    if when:
        yield catalog
        return
    calls = [(name, {"entity": iri}) for name in names] + [(q, {p: iri}) for q, p in others.items()]
    prefetched = catalog.prefetched(calls)
    try:
        yield prefetched
    finally:
        prefetched.cancel_pending()


def entity_fields(catalog: Catalog, iri: URIRef, known: Known | None = None) -> EntityFields:
    """The parts every profile has; ``statements`` and ``sources`` tie each statement to its articles.
    With ``known``, the statements and articles of sources published by then; 404 when none states
    the entity."""
    found = statements(catalog, iri, None if known is None else known.graph)
    chain = places(catalog, iri)
    names = labels(catalog, iri)
    cited = sources(catalog, iri)
    if known is not None:
        if not found:
            raise NotFoundError(f"no source published by {known.day.isoformat()} states {iri}")
        cited = known_sources(cited, known.day)
    return EntityFields(
        id=str(iri),
        label=names.en,
        labels=names,
        places=chain,
        statements=found,
        sources=cited,
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


def figures(catalog: Catalog, iri: URIRef, known: Known | None = None) -> list[Figure]:
    """The figures of ``iri``; ``published`` is the earliest date of their articles. With ``known``, as
    the sources published by then state them (``api.services.validtime.known_figures``)."""
    if known is not None:
        return known_figures(catalog, iri, known.dates, known.day)
    grouped: dict[object, Row] = {}
    for row in catalog.rows("entity_figures", entity=iri):
        fig = grouped.setdefault(row["figure"], {"id": row["figure"], "articles": [], "published": None})
        for key in ("kind", "measure", "unit", "year", "start_year", "end_year"):
            fig.setdefault(key, row.get(key))
        fig.setdefault("comparator", comparator(row.get("comparator")))
        fig.setdefault("value", row.get("value", row.get("value_text")))
        articles = fig["articles"]
        assert isinstance(articles, list)
        if row.get("article") and row["article"] not in articles:
            articles.append(row["article"])
        fig["published"] = _earliest(fig["published"], row.get("published"))
    return [Figure.model_validate(fig) for fig in grouped.values()]


def _earliest(known: object, date: object) -> object:
    """The earlier of two ISO dates (None when neither)."""
    if date is None:
        return known
    return date if known is None or str(date) < str(known) else known


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
    catalog: Catalog,
    iri: URIRef,
    found: list[Statement],
    label: str | None = None,
    known: Known | None = None,
) -> list[HeldDesignation]:
    """The designations ``iri`` (labelled ``label``) holds, with the articles that state each and the
    earliest date of those (``published``); with ``known``, as the sources published by then state
    them."""
    holder = {"id": str(iri), "label": label}
    held: dict[object, HeldDesignation] = {}
    names: dict[str, str | None] = {}
    for r in catalog.rows("entity_designations", entity=iri):
        for concept, name in (("title", "title_label"), ("body", "body_label")):
            if r.get(concept):
                names[str(r[concept])] = None if r.get(name) is None else str(r[name])
        if r["designation"] in held:
            item = held[r["designation"]]
            item.published = _text(_earliest(item.published, r.get("published")))
            continue
        held[r["designation"]] = HeldDesignation.model_validate(
            {
                "id": r["designation"],
                "holder": holder,
                "title": {"id": r["title"], "label": r.get("title_label")} if r.get("title") else None,
                "label": r.get("label"),
                "conferred_by": {"id": r["body"], "label": r.get("body_label")} if r.get("body") else None,
                "year": r.get("year"),
                "articles": articles_of(found, TKG.designatedAs, r["designation"]),
                "published": r.get("published"),
            }
        )
    if known is not None:
        return known_designations(catalog, iri, known.dates, known.day, Ref.model_validate(holder), names)
    return list(held.values())


def _text(value: object) -> str | None:
    return None if value is None else str(value)


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


def parts(
    catalog: Catalog, iri: URIRef, base: EntityFields, when: Times = NOW, known: Known | None = None
) -> dict[str, object]:
    """``api.models.Parts``: industries, designations, figures and initiatives of a cluster, park or
    enterprise, valid at ``when.as_of`` and stated by the sources ``known`` keeps."""
    found = base["statements"]
    concerning = initiatives(catalog, iri)
    if known is not None:
        concerning = known_initiatives(catalog, concerning, known.dates, known.day)
    return {
        "industries": values_of(found, TKG.specializesIn),
        "designations": valid_designations(designations(catalog, iri, found, base["label"], known), when),
        "figures": valid_figures(figures(catalog, iri, known), when),
        "initiatives": valid_initiatives(concerning, when),
    }


def cluster_profile(catalog: Catalog, iri: URIRef, when: Times = NOW) -> ClusterProfile:
    with ahead(catalog, iri, when, *ENTITY_QUERIES, *PARTS_QUERIES, "entity_members") as catalog:
        known = known_of(catalog, when)
        base = entity_fields(catalog, iri, known)
        held = members(catalog, iri)
        return ClusterProfile.model_validate(
            {
                **base,
                **parts(catalog, iri, base, when, known),
                "parks": held["IndustrialPark"],
                "enterprises": held["Enterprise"],
            }
        )


def park_profile(catalog: Catalog, iri: URIRef, when: Times = NOW) -> ParkProfile:
    with ahead(catalog, iri, when, *ENTITY_QUERIES, *PARTS_QUERIES, "entity_members") as catalog:
        known = known_of(catalog, when)
        base = entity_fields(catalog, iri, known)
        kinds = values_of(base["statements"], TKG.parkKind)
        held = members(catalog, iri)
        return ParkProfile.model_validate(
            {
                **base,
                **parts(catalog, iri, base, when, known),
                "parks": held["IndustrialPark"],
                "enterprises": held["Enterprise"],
                "kind": word(kinds[0].id, ParkKind) if kinds else None,
                "part_of": values_of(base["statements"], TKG.partOf),
            }
        )


def enterprise_profile(catalog: Catalog, iri: URIRef, when: Times = NOW) -> EnterpriseProfile:
    with ahead(catalog, iri, when, *ENTITY_QUERIES, *PARTS_QUERIES) as catalog:
        known = known_of(catalog, when)
        base = entity_fields(catalog, iri, known)
        return EnterpriseProfile.model_validate(
            {
                **base,
                **parts(catalog, iri, base, when, known),
                "part_of": values_of(base["statements"], TKG.partOf),
            }
        )


def initiative_profile(catalog: Catalog, iri: URIRef, when: Times = NOW) -> InitiativeProfile:
    with ahead(
        catalog, iri, when, *ENTITY_QUERIES, "entity_figures", initiative_profile="initiative"
    ) as catalog:
        known = known_of(catalog, when)
        base = entity_fields(catalog, iri, known)
        core = catalog.rows("initiative_profile", initiative=iri)[0]
        issued = core.get("year", core.get("start_year"))
        targets = [f for f in figures(catalog, iri, known) if f.kind is FigureKind.TARGET]
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
                "aims": list(
                    dict.fromkeys(str(s.value) for s in base["statements"] if s.property == str(TKG.aim))
                ),
                "industries": list(
                    {r.id: r for r in values_of(base["statements"], TKG.concernsIndustry)}.values()
                ),
                "targets": valid_figures(targets, when, issued=issued if isinstance(issued, int) else None),
            }
        )


PROVINCE_LISTS = ("clusters", "parks", "initiatives")
PROVINCE_SHOWN = 20  # members of each list a province profile shows (the LIMIT of province_members.rq)


def province_profile(catalog: Catalog, iri: URIRef, when: Times = NOW) -> ProvinceProfile:
    """The province with the first members of its three lists, in the lists' order, and how many each
    holds: bounded whatever the province's size (the lists page over the rest)."""
    with ahead(
        catalog,
        iri,
        when,
        *ENTITY_QUERIES,
        province_profile="province",
        province_members="province",
        province_counts="province",
    ) as catalog:
        base = entity_fields(catalog, iri, known_of(catalog, when))
        core = catalog.rows("province_profile", province=iri)[0]
        if when:  # the lists' own time filters; the whole lists are read and counted
            found = {
                name: province_list(catalog, f"{name}_by_province", iri, when) for name in PROVINCE_LISTS
            }
            shown = {name: refs[:PROVINCE_SHOWN] for name, refs in found.items()}
            counts = {name: len(refs) for name, refs in found.items()}
        else:
            shown = {name: [] for name in PROVINCE_LISTS}
            for row in catalog.rows("province_members", province=iri):
                shown[str(row["list"])].append(
                    Ref.model_validate({"id": row["member"], "label": row.get("label")})
                )
            counted = {
                str(r["list"]): int(str(r["count"])) for r in catalog.rows("province_counts", province=iri)
            }
            counts = {name: counted.get(name, 0) for name in PROVINCE_LISTS}
        return ProvinceProfile.model_validate(
            {
                **base,
                "label": core.get("label", base["label"]),
                "label_zh": core.get("label_zh", base["labels"].zh),
                "code": core["code"],
                "wkt": core.get("wkt"),
                **shown,
                "counts": counts,
            }
        )


def province_list(catalog: Catalog, name: str, province: URIRef, when: Times = NOW) -> list[Ref]:
    """Every row of a ``*_by_province`` query as a link, each id once."""
    seen: dict[object, Ref] = {}
    values = time_values(catalog.query(name), when)
    for row in catalog.rows(name, province=province, **values):
        if row["id"] not in seen:
            seen[row["id"]] = Ref.model_validate({"id": row["id"], "label": row.get("label")})
    return list(seen.values())


def render_profile(
    request: Request,
    catalog: Catalog,
    iri: URIRef,
    build: Callable[[Catalog, URIRef, Times], BaseModel],
    when: Times = NOW,
) -> Response:
    """A profile in the negotiated format: JSON is the model ``build`` makes; Turtle and JSON-LD are the
    entity's own statements in the ontology's terms (``internal/resource``: the entity, its fragments,
    designations and figures), so that both are the same graph and merge cleanly with the SPARQL data.
    ``as_of`` / ``known_at`` (``when``) apply to the JSON profile only: the RDF is the current graph."""
    fmt = choose_format(request, DOCUMENT_FORMATS)
    if fmt == "json":
        return JSONResponse(build(catalog, iri, when).model_dump(mode="json"))
    if when:
        raise InputError(
            "as_of and known_at apply to the JSON profile; Turtle and JSON-LD give the current graph"
        )
    graph = catalog.store.construct(catalog.query("resource").text, {"entity": iri})
    if fmt == "turtle":  # pyoxigraph, as JSON-LD: rdflib would rewrite decimals ("1" -> "1.0")
        triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]  # type: ignore[arg-type]
        text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
        return Response(text, media_type="text/turtle; charset=utf-8")
    return Response(graph_to_jsonld(graph), media_type=FORMAT_MEDIA["jsonld"])
