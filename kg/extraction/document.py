"""The extraction JSON of DESIGN.md: a view made by querying one article's graph, never a second path.

``tkg extract`` and ``POST /articles?dry_run=true`` both return :func:`extraction_json`.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SDO

from kg.errors import InputError
from kg.extraction.view import FIGURE_KINDS, ArticleView, Labels, as_int, as_number
from kg.namespaces import ENTITY_TYPES, TKG
from kg.rdf.io import with_prefixes
from loaders.gazetteer import Gazetteer

COMPARATORS: dict[URIRef, str] = {
    TKG.MoreThan: "more than",
    TKG.AtLeast: "at least",
    TKG.About: "about",
    TKG.LessThan: "less than",
    TKG.AtMost: "at most",
}


def extraction_json(
    graph: Graph,
    article_iri: URIRef,
    gazetteer: Gazetteer | None = None,
    *,
    labels: Labels | None = None,
) -> dict[str, Any]:
    """The article, its entities and its facts, sorted deterministically; absent values are null or [].

    ``labels`` (a :class:`Vocabulary` or a mapping) gives English labels of concepts (industries,
    measures, titles) that the article graph does not carry; ``gazetteer`` completes place chains.
    """
    view = ArticleView(graph, article_iri, labels or {}, gazetteer)
    entities = [entity_json(view, node) for node in view.entities()]
    entities.sort(key=lambda e: (ENTITY_TYPES.index(e["type"]), e["label"].casefold(), e["id"]))
    facts = [fact_json(view, node) for node in view.figures()]
    facts.sort(
        key=lambda f: (
            f["subject_label"].casefold(),
            f["measure"],
            f["kind"],
            str(f["year"]),
            str(f["value"]),
        )
    )
    return {"article": article_json(view), "entities": entities, "facts": facts}


def article_json(view: ArticleView) -> dict[str, Any]:
    iri = view.article
    text = view.text
    date = text(iri, DCTERMS.date)
    return {
        "id": str(iri).rstrip("/").rsplit("/", 1)[-1],
        "title": text(iri, DCTERMS.title),
        "date": date[:10] if date else None,
        "url": text(iri, SDO.url),
        "publisher": text(iri, DCTERMS.publisher),
    }


def entity_json(view: ArticleView, node: URIRef) -> dict[str, Any]:
    kind = view.entity_type(node)
    located_in = view.located_in(node)
    year, start, end = (as_int(view.value(node, p)) for p in (TKG.year, TKG.startYear, TKG.endYear))
    annotations = view.annotations_of(node)
    confidences = [
        c for c in (as_number(view.value(a, TKG.confidence)) for a in annotations) if c is not None
    ]
    return {
        "id": str(node),
        "type": kind,
        "label": view.label(node),
        "aliases": view.aliases(node),
        "place": view.place_chain(node),
        "located_in": str(located_in) if located_in is not None else None,
        "industries": view.labels_of(node, TKG.specializesIn) or view.labels_of(node, TKG.concernsIndustry),
        "designations": view.designations(node),
        "issuer": next(iter(view.labels_of(node, TKG.issuedBy)), None),
        "scope": view.labels_of(node, TKG.appliesTo),
        "year": year,
        "period": {"start": start, "end": end} if start is not None or end is not None else None,
        "measures": view.labels_of(node, TKG.promotes),
        "aims": sorted({str(a) for a in view.graph.objects(node, TKG.aim)}, key=str.casefold),
        "part_of": view.labels_of(node, TKG.partOf),
        "mentions": sorted((view.mention(a) for a in annotations), key=lambda m: (m["start"], m["end"])),
        "confidence": max(confidences) if confidences else None,
    }


def fact_json(view: ArticleView, node: URIRef) -> dict[str, Any]:
    subject = view.graph.value(node, TKG.figureOf)
    numeric = as_number(view.value(node, TKG.value))
    year = as_int(view.value(node, TKG.year))
    if year is None:
        year = as_int(view.value(node, TKG.endYear)) or as_int(view.value(node, TKG.startYear))
    comparator = view.graph.value(node, TKG.comparator)
    kinds = set(view.graph.objects(node, RDF.type))
    annotations = view.annotations_of(node)
    return {
        "subject": str(subject) if subject is not None else None,
        "subject_label": view.label(subject) if isinstance(subject, URIRef) else "",
        "measure": view.text(node, TKG.measure) or "",
        "value": numeric if numeric is not None else view.text(node, TKG.valueText),
        "unit": view.text(node, TKG.unit),
        "year": year,
        "comparator": COMPARATORS.get(comparator) if isinstance(comparator, URIRef) else None,
        "kind": next((name for cls, name in FIGURE_KINDS.items() if cls in kinds), "observation"),
        "evidence": view.evidence(annotations[0]) if annotations else None,
    }


RDF_FORMATS = {"turtle": "turtle", "jsonld": "json-ld"}


def graph_text(graph: Graph, fmt: str) -> str:
    """The article graph as Turtle or JSON-LD, with the project's prefixes bound."""
    if fmt not in RDF_FORMATS:
        raise InputError(f"unknown RDF format {fmt!r} (expected one of {', '.join(sorted(RDF_FORMATS))})")
    return with_prefixes(graph).serialize(format=RDF_FORMATS[fmt])
