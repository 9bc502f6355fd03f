"""Who conferred a designation and when, and designations that come from selections: "X was named China
Shoe Capital in 2001", "MIIT announced the second batch of ... demonstration parks ..., including X", "one
national pilot park (X)"."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.linking import Entity
from loaders.mentions.context import ArticleContext

_YEAR = re.compile(r"\b(?:in|since|from)\s+((?:19|20)\d\d)\b")
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_BATCH = re.compile(rf"(?i)^(?:the\s+)?{_ORDINAL}\s+batch\s+of\s+")
_LISTED = re.compile(r"(?i)\b(?:including|such as|among them|namely)\b|\bselected\s+(?:into|as|in|for)\b")
_SIBLING = re.compile(r"(?i)\bnational\s+(demonstration|pilot)\s+(park|base|zone)s?\s*\(\s*$")


def attach_conferrals(ctx: ArticleContext, entities: list[Entity], article_year: int | None) -> None:
    """Fill ``Entity.conferrals`` (title -> (conferring body, year)) and add designations of selections."""
    orgs = [e for e in entities if e.kind == "org"]
    for entity in entities:
        for mention in (m for m in entity.mentions if m.kind == "designation"):
            title = URIRef(mention.attr("title") or "")
            sentence = ctx.sentence_of(mention.start)
            year = _YEAR.search(sentence.text)
            body = conferrer(ctx, orgs, sentence.start, sentence.end)
            entity.conferrals[title] = (body, int(year.group(1)) if year else None)
    for selection in (e for e in entities if e.kind == "initiative" and e.sub == "official-selection"):
        _selected(ctx, selection, entities, article_year)


def conferrer(ctx: ArticleContext, orgs: list[Entity], start: int, end: int) -> Entity | None:
    """An organization the sentence names after "by" ("named ... by the China Leather Association")."""
    for org in orgs:
        for m in org.mentions:
            if start <= m.start < end and _BY.search(ctx.text[max(start, m.start - 12) : m.start]):
                return org
    return None


def _selected(ctx: ArticleContext, selection: Entity, entities: list[Entity], year: int | None) -> None:
    title = title_of_selection(ctx, selection.name)
    if title is None:
        return
    when = selection.year or year
    sentences = set()
    for m in selection.mentions:  # the announcing sentence and the one after it ("..., including X")
        index = ctx.sentences.index(ctx.sentence_of(m.start))
        sentences |= {s.start for s in ctx.sentences[index : index + 2]}
    for entity in entities:
        if entity.kind not in {"park", "cluster"}:
            continue
        for m in entity.mentions:
            sentence = ctx.sentence_of(m.start)
            before = ctx.text[sentence.start : m.start]
            sibling = _SIBLING.search(before)
            if sibling:
                found = _sibling_title(ctx, title, sibling.group(1))
                if found is not None:
                    _add(entity, found, selection.issuer, when)
            elif _LISTED.search(before) and (sentence.start in sentences or _mentions_title(ctx, before)):
                _add(entity, title, selection.issuer, when)


def title_of_selection(ctx: ArticleContext, name: str) -> URIRef | None:
    """ "Second Batch of Textile and Garment Creative Design Demonstration Parks (Platforms)" -> the
    title "National Textile and Garment Creative Design Demonstration Park"."""
    core = _BATCH.sub("", re.sub(r"\s*\([^)]*\)\s*$", "", name)).strip()
    core = re.sub(r"(?i)(park|base|zone|cluster|town|city|enterprise|factor)(?:s|ies)$", r"\1", core)
    core = re.sub(r"(?i)factor$", "Factory", core)
    for candidate in (core, f"National {core}", f"China {core}"):
        concept = ctx.resources.titles.lookup(candidate)
        if concept is not None:
            return concept
    return None


def _sibling_title(ctx: ArticleContext, title: URIRef, kind: str) -> URIRef | None:
    """The pilot title beside a demonstration title of the same programme, and the other way round."""
    label = ctx.resources.label(title)
    swapped = re.sub(r"(?i)\b(demonstration|pilot)\b", kind.title(), label)
    return ctx.resources.titles.lookup(swapped)


def _mentions_title(ctx: ArticleContext, text: str) -> bool:
    return bool(ctx.resources.titles.find(text))


def _add(entity: Entity, title: URIRef, body: Entity | None, year: int | None) -> None:
    if title not in entity.designations:
        entity.designations.append(title)
    entity.conferrals.setdefault(title, (body, year))
