"""Industries of places that are hubs: a place the text presents as the seat of an industry ("Ningbo has
become the largest garment production base"), the place of a cluster, and a place whose industry the text
names ("Wangjiang County's textile and garment industry", "Xinjiang textile industry")."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.linking import Entity
from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext

_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and|&)\s*")
_HEAD = re.compile(
    r"\s*(?:industry|industries|sector|cluster|clusters|base|bases|production|manufacturing|hub|capital)\b",
    re.I,
)
_OWNER = re.compile(r"(?:\s+(?:City|County|District|Town|Province))?(?:['’]s)?\s+")


def hub_industries(
    ctx: ArticleContext, mentions: list[Mention], entities: list[Entity]
) -> dict[str, list[URIRef]]:
    """Place code -> the industry concepts the article gives that place, in text order."""
    found: dict[str, list[URIRef]] = {}

    def add(code: str | None, concepts: list[URIRef]) -> None:
        if not code or code.startswith("region/"):
            return
        known = found.setdefault(code, [])
        known += [c for c in concepts if c not in known]

    for mention in mentions:
        if mention.kind == "cluster" and mention.attr("described"):
            add(mention.code, [URIRef(v) for v in mention.attr_all("industry")])
    for entity in entities:
        if entity.kind == "cluster" and entity.places:
            add(entity.places[0], entity.industries)
    for place in ctx.places:
        if place.kind == "place" and place.code:
            add(place.code, _named_industry(ctx, place))
    for sentence in ctx.sentences:
        chain = _CHAIN.search(sentence.text)
        if chain and not sentence.heading:
            at = sentence.start + chain.end()
            terms = ctx.resources.industries.find(ctx.text[at : sentence.end], at)
            add(_subject_place(ctx, sentence.start, at), [t.concept for t in terms])
    return {code: concepts for code, concepts in found.items() if concepts}


# "an integrated textile industry system composed of spinning, knitting, dyeing & printing, ...", "a
# textile and garment industry chain integrating ... ginning, viscose, spinning, weaving ...".
_CHAIN = re.compile(
    r"\b(?:chain|system|clusters?|structure)\b[^.;]{0,30}?\b(?:integrating|composed\s+of|consisting\s+of|"
    r"covering|including|comprising|made\s+up\s+of)\b",
    re.I,
)
_LEVELS = {"province": 1, "city": 2, "county": 3, "town": 4}


def _subject_place(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The place a sentence is about: the most specific named before ``end`` in it, else the paragraph's."""
    for begin in (start, max(0, start - 600)):
        places = [p for p in ctx.places_in(begin, end) if p.kind == "place" and p.code]
        if places:
            return max(places, key=lambda p: (_LEVELS.get(p.attr("level") or "", 0), p.start)).code
    return ctx.focus_place


def _named_industry(ctx: ArticleContext, place: Mention) -> list[URIRef]:
    """ "Wangjiang County's textile and garment industry": the terms between the place and the head."""
    owner = _OWNER.match(ctx.text, place.end)
    if not owner:
        return []
    at = owner.end()
    terms = ctx.resources.industries.find(ctx.text[at : at + 80], at)
    listed: list[URIRef] = []
    for term in terms:
        if term.start != at and not _JOIN.fullmatch(ctx.text[at : term.start]):
            break
        listed.append(term.concept)
        at = term.end
    return listed if listed and _HEAD.match(ctx.text, at) else []
