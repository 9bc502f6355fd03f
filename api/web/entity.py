"""The entity page of ``/id/...`` for browsers: the JSON profile's content, laid out for a person.

Labels in English, Chinese and pinyin; statements grouped by property (named by their label in the
ontology) with linked values and, for each, where it comes from: the articles (numbered, with title,
date and every evidence sentence with the quoted span highlighted), the gazetteer or a curated graph.
Then what points at the entity, its designations, initiatives, figures (a table, and a chart for a
measure with several years) and a small map of its place. Every part comes from a named query.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef

from api.services.lists import comparator_iri
from api.services.profiles import figures
from kg.namespaces import PREFIXES, TKG, Ids
from kg.sparql.catalog import Catalog

LABEL_PROPERTIES = {
    PREFIXES["rdfs"] + "label",
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["skos"] + "altLabel",
    str(TKG.pinyin),
}
INCOMING_SHOWN = 100  # subjects per incoming property; the page says how many more there are


def _rows(catalog: Catalog, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a named query, IRI parameters bound as IRIs."""
    return [dict(row) for row in catalog.rows(name, **{k: URIRef(v) for k, v in params.items()})]


def split_evidence(sentence: str, exact: str) -> dict[str, str]:
    """The sentence cut around the quoted span: ``before``, ``exact`` (to highlight), ``after``."""
    at = sentence.find(exact) if exact else -1
    if at < 0:
        return {"before": sentence, "exact": "", "after": ""}
    return {"before": sentence[:at], "exact": exact, "after": sentence[at + len(exact) :]}


def evidence(catalog: Catalog, iri: str) -> list[dict[str, Any]]:
    """The articles ``iri`` comes from, newest first, each with its evidence sentences split for display."""
    by_article: dict[str, dict[str, Any]] = {}
    for row in _rows(catalog, "entity_sources", entity=iri):
        item = by_article.setdefault(
            row["article"],
            {
                "article": row["article"],
                **{k: row.get(k) for k in ("title", "date", "publisher")},
                "quotes": [],
            },
        )
        if row.get("sentence"):
            quote = {
                **split_evidence(str(row["sentence"]), str(row.get("exact") or "")),
                "start": row.get("start"),
            }
            quote["confidence"] = row.get("confidence")
            if quote not in item["quotes"]:
                item["quotes"].append(quote)
    return list(by_article.values())


def _graph_source(ids: Ids, graph: str) -> str:
    local = ids.local_path(graph) or graph
    if local.startswith("graph/curated/"):
        return "curated: " + local.removeprefix("graph/curated/")
    return local.removeprefix("graph/")


def statements(catalog: Catalog, iri: str, sources: list[dict[str, Any]]) -> list[Any]:
    """[(property, [value dicts])] in the query's order; each value names its sources (footnote numbers or
    graph names). Articles a statement cites that carry no evidence of the entity are appended to
    ``sources`` so that every footnote resolves."""
    numbers = {s["article"]: n for n, s in enumerate(sources, start=1)}
    grouped: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in _rows(catalog, "entity_statements", entity=iri):
        prop, value = str(row["property"]), row["value"]
        item = grouped[prop].setdefault(
            str(value), {"value": value, "label": row.get("value_label"), "notes": [], "graphs": []}
        )
        article = row.get("article")
        for source in sources:  # an article as a value is named by its title
            if source["article"] == value and source.get("title"):
                item["label"] = item["label"] or source["title"]
        if article:
            if article not in numbers:
                sources.append(
                    {"article": article, "title": None, "date": None, "publisher": None, "quotes": []}
                )
                numbers[article] = len(sources)
            if numbers[article] not in item["notes"]:
                item["notes"].append(numbers[article])
        elif row.get("graph"):
            name = _graph_source(catalog.ids, str(row["graph"]))
            if name not in item["graphs"]:
                item["graphs"].append(name)
    for values in grouped.values():
        for item in values.values():
            item["notes"].sort()
    return [(prop, list(values.values())) for prop, values in grouped.items()]


def labels(catalog: Catalog, iri: str) -> dict[str, Any]:
    out: dict[str, Any] = {"en": None, "zh": None, "pinyin": None, "aliases": []}
    for row in _rows(catalog, "entity_labels", entity=iri):
        prop, value, lang = row["property"], str(row["value"]), str(row.get("lang") or "")
        if prop == str(TKG.pinyin):
            out["pinyin"] = value
        elif lang.endswith("pinyin"):
            out["pinyin"] = out["pinyin"] or value
            if prop == PREFIXES["skos"] + "altLabel" and value not in out["aliases"]:
                out["aliases"].append(value)
        elif prop == PREFIXES["skos"] + "altLabel":
            if value not in out["aliases"]:
                out["aliases"].append(value)
        elif lang == "en":
            out["en"] = out["en"] or value
        elif lang.startswith("zh"):
            out["zh"] = out["zh"] or value
        elif not lang:
            out["en"] = out["en"] or value
    return out


def incoming(catalog: Catalog, iri: str) -> list[dict[str, Any]]:
    """Subjects pointing at the entity, by property (figures and designations have their own tables)."""
    groups: dict[str, dict[str, Any]] = {}
    for row in _rows(catalog, "entity_incoming", entity=iri):
        prop = str(row["property"])
        if prop in (str(TKG.figureOf), str(TKG.designationOf)):  # shown as figures and designations
            continue
        group = groups.setdefault(prop, {"property": prop, "subjects": [], "more": 0, "seen": set()})
        if row["subject"] in group["seen"]:
            continue
        group["seen"].add(row["subject"])
        if len(group["subjects"]) < INCOMING_SHOWN:
            group["subjects"].append(row)
        else:
            group["more"] += 1
    for group in groups.values():
        del group["seen"]
    return list(groups.values())


def figure_table(catalog: Catalog, iri: str) -> dict[str, Any]:
    """The figures with their evidence, and a chart series for every measure stated for several years."""
    rows = [fig.model_dump(mode="json") for fig in figures(catalog, URIRef(iri))]
    for fig in rows:
        fig["comparator"] = comparator_iri(fig["comparator"])  # the page names it by the ontology's label
    series: dict[tuple[str, str], dict[int, object]] = defaultdict(dict)
    for fig in rows:
        fig["evidence"] = evidence(catalog, str(fig["id"]))
        if isinstance(fig.get("value"), int | float) and isinstance(fig.get("year"), int):
            series[(str(fig.get("measure") or ""), str(fig.get("unit") or ""))][fig["year"]] = fig["value"]
    charts = [
        {"measure": measure, "unit": unit, "points": sorted(points.items())}
        for (measure, unit), points in series.items()
        if len(points) >= 2
    ]
    return {"rows": rows, "charts": charts}


def map_point(catalog: Catalog, iri: str, places: list[dict[str, Any]]) -> Any:
    """[lon, lat] of the entity's own geometry, else of the most specific place it lies in, or None."""
    candidates = [r.get("wkt") for r in _rows(catalog, "entity_geometry", entity=iri)]
    candidates += [p.get("wkt") for p in places]
    for wkt in candidates:
        point = parse_point(str(wkt)) if wkt else None
        if point:
            return point
    return None


def parse_point(wkt: str) -> list[float] | None:
    """``POINT(115.66 37.04)`` -> ``[115.66, 37.04]`` (None for anything else)."""
    text = wkt.strip()
    if text.startswith("<"):  # a CRS IRI may precede the geometry
        text = text.split(">", 1)[-1].strip()
    if not text.upper().startswith("POINT"):
        return None
    inner = text[text.find("(") + 1 : text.rfind(")")].split()
    try:
        return [float(inner[0]), float(inner[1])] if len(inner) >= 2 else None
    except ValueError:
        return None


def _members(catalog: Catalog, iri: str) -> list[dict[str, Any]]:
    """Parks and enterprises of a cluster or park (part of it, in it, or in one of its parks), once each."""
    seen: dict[str, dict[str, Any]] = {}
    for row in _rows(catalog, "entity_members", entity=iri):
        seen.setdefault(str(row["member"]), row)
    return list(seen.values())


def _name_designations(view: dict[str, Any]) -> None:
    """Name designations by their title (or the title as written) and year where they appear as values."""
    names = {
        d["designation"]: f"{d.get('title_label') or d.get('label') or 'designation'} ({d['year']})"
        if d.get("year")
        else None
        for d in view["designations"]
    }
    for _, values in view["statements"]:
        for item in values:
            item["label"] = item["label"] or names.get(item["value"])
    for group in view["incoming"]:
        for subject in group["subjects"]:
            subject["label"] = subject.get("label") or names.get(subject["subject"])


def entity_view(catalog: Catalog, iri: str) -> dict[str, Any]:
    """Everything the entity template shows."""
    types = [str(r["type"]) for r in _rows(catalog, "entity_types", entity=iri)]
    sources = evidence(catalog, iri)
    places = _rows(catalog, "place_chain", entity=iri)
    view: dict[str, Any] = {
        "iri": iri,
        "types": types,
        "labels": labels(catalog, iri),
        "sources": sources,
        "statements": statements(catalog, iri, sources),
        "places": places,
        "members": _members(catalog, iri),
        "incoming": incoming(catalog, iri),
        "designations": _rows(catalog, "entity_designations", entity=iri),
        "initiatives": [],
        "figures": figure_table(catalog, iri),
        "point": map_point(catalog, iri, places),
        "mentions": [],
    }
    _name_designations(view)
    members = {m["member"] for m in view["members"]}
    for group in view["incoming"]:  # the members have their own list
        group["subjects"] = [s for s in group["subjects"] if s["subject"] not in members]
    view["incoming"] = [g for g in view["incoming"] if g["subjects"] or g["more"]]
    if not set(types) & {str(TKG.Article), str(TKG.Initiative), str(TKG.Designation)}:
        seen: set[str] = set()
        for row in _rows(catalog, "entity_initiatives", entity=iri):
            if row["initiative"] not in seen:
                seen.add(row["initiative"])
                view["initiatives"].append(row)
    if str(TKG.Article) in types:
        view["mentions"] = _rows(catalog, "article_entities", article=iri)
    return view
