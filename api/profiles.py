"""Profiles assembled from several named queries: labels, place chain, statements with their sources."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef
from rdflib.namespace import SKOS

from api.listing import run_rows
from kg.namespaces import TKG, Ids
from kg.sparql.named import NamedQuery
from kg.store import Store

Queries = dict[str, NamedQuery]


def _rows(store: Store, queries: Queries, name: str, **params: str) -> list[dict[str, Any]]:
    return run_rows(store, queries[name], params, Ids())


def labels(store: Store, queries: Queries, iri: URIRef) -> dict[str, Any]:
    out: dict[str, Any] = {"en": None, "zh": None, "pinyin": None, "aliases": []}
    for row in _rows(store, queries, "entity_labels", entity=str(iri)):
        prop, value, lang = row["property"], row["value"], row.get("lang", "")
        if prop == str(TKG.pinyin):
            out["pinyin"] = value  # the tone-marked spelling wins over a pinyin alias
        elif lang.endswith("pinyin"):
            out["pinyin"] = out["pinyin"] or value
        if prop == str(SKOS.altLabel):
            out["aliases"].append(value)
        elif lang == "en":
            out["en"] = out["en"] or value
        elif lang == "zh":
            out["zh"] = out["zh"] or value
    return out


def base_profile(store: Store, queries: Queries, iri: URIRef, type_name: str) -> dict[str, Any]:
    """The parts every profile has; ``statements`` and ``sources`` tie each statement to its articles."""
    statements = _rows(store, queries, "entity_statements", entity=str(iri))
    places = [
        {
            "id": r["place"],
            "type": r["type_name"],
            **{k: r.get(k) for k in ("code", "label", "label_zh", "wkt")},
        }
        for r in _rows(store, queries, "place_chain", entity=str(iri))
    ]
    return {
        "id": str(iri),
        "type": type_name,
        "labels": labels(store, queries, iri),
        "places": places,
        "statements": _merge_statements(statements),
        "sources": sources(store, queries, iri),
    }


def _merge_statements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["property"], str(row["value"]))
        item = merged.setdefault(
            key,
            {
                **{k: row.get(k) for k in ("property", "value", "value_label")},
                "graph": row.get("graph"),
                "articles": [],
            },
        )
        if row.get("article") and row["article"] not in item["articles"]:
            item["articles"].append(row["article"])
    return list(merged.values())


def articles_of(profile: dict[str, Any], prop: URIRef, value: object) -> list[str]:
    """The articles a statement (this entity, ``prop``, ``value``) comes from."""
    for item in profile["statements"]:
        if item["property"] == str(prop) and item["value"] == value:
            return list(item["articles"])
    return []


def sources(store: Store, queries: Queries, iri: URIRef) -> list[dict[str, Any]]:
    by_article: dict[str, dict[str, Any]] = {}
    for row in _rows(store, queries, "entity_sources", entity=str(iri)):
        item = by_article.setdefault(
            row["article"],
            {
                "article": row["article"],
                **{k: row.get(k) for k in ("title", "date", "publisher")},
                "evidence": [],
            },
        )
        if row.get("sentence") and row["sentence"] not in item["evidence"]:
            item["evidence"].append(row["sentence"])
    return list(by_article.values())


def values_of(profile: dict[str, Any], prop: URIRef) -> list[dict[str, Any]]:
    return [
        {"id": s["value"], "label": s["value_label"]}
        for s in profile["statements"]
        if s["property"] == str(prop)
    ]


def figures(store: Store, queries: Queries, iri: URIRef) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}
    for row in _rows(store, queries, "entity_figures", entity=str(iri)):
        fig = grouped.setdefault(row["figure"], {"id": row["figure"], "articles": []})
        for key in ("kind", "measure", "unit", "year", "start_year", "end_year", "comparator"):
            fig.setdefault(key, row.get(key))
        fig.setdefault("value", row.get("value", row.get("value_text")))
        if row.get("article") and row["article"] not in fig["articles"]:
            fig["articles"].append(row["article"])
    return list(grouped.values())


def industry_parts(store: Store, queries: Queries, iri: URIRef, profile: dict[str, Any]) -> dict[str, Any]:
    """Industries, designations, members, figures and initiatives (clusters and parks)."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(store, queries, "entity_members", entity=str(iri)):
        if all(m["id"] != row["member"] for m in members[row["type_name"]]):
            members[row["type_name"]].append(
                {"id": row["member"], "label": row.get("label"), "type": row["type_name"]}
            )
    designations = [
        {
            "id": r["designation"],
            "title": {"id": r["title"], "label": r.get("title_label")} if r.get("title") else None,
            "conferred_by": {"id": r["body"], "label": r.get("body_label")} if r.get("body") else None,
            "year": r.get("year"),
            "articles": articles_of(profile, TKG.designatedAs, r["designation"]),
        }
        for r in _rows(store, queries, "entity_designations", entity=str(iri))
    ]
    initiatives: dict[str, dict[str, Any]] = {}
    for r in _rows(store, queries, "entity_initiatives", entity=str(iri)):
        initiatives.setdefault(
            r["initiative"],
            {
                "id": r["initiative"],
                **{k: r.get(k) for k in ("label", "year", "start_year", "end_year")},
                "via": {"id": r["via"], "label": r.get("via_label")},
            },
        )
    return {
        "industries": values_of(profile, TKG.specializesIn),
        "designations": designations,
        "parks": members["IndustrialPark"],
        "enterprises": members["Enterprise"],
        "figures": figures(store, queries, iri),
        "initiatives": list(initiatives.values()),
    }
