"""Industries of places that are hubs: a place the text presents as the seat of an industry ("Ningbo has
become the largest garment production base"), the place of a cluster, a place whose industry the text
names ("Wangjiang County's textile and garment industry", "Xinjiang textile industry") and what a place
produces ("Its production of garment, knitted goods and home-textiles")."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.linking import Entity
from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.terms import Term
from loaders.sentences import Sentence

_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and|&)\s*")
_HEAD = re.compile(
    r"\s*(?:industry|industries|industrial|sector|cluster|clusters|base|bases|production|manufacturing|hub|"
    r"capital|exports?|products|enterprises|companies|firms|factories)\b",
    re.I,
)  # "Chaozhou's garment and textile exports", "Ningbo garment enterprises"
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
    parks = [e for e in entities if e.kind == "park"]
    firms = [m.start for e in entities if e.kind == "enterprise" for m in e.mentions]
    # trade names: "Shenzhou Knitting (Anhui)" is no address (a park's name is: "Tianmen ... Zone")
    names = [(m.start, m.end) for e in entities if e.kind == "enterprise" for m in e.mentions]
    for sentence in ctx.sentences:
        if sentence.heading:
            continue
        for owner, listed in _referred_industries(ctx, sentence, names):
            add(owner, listed)
        cues = [m for m in (_CHAIN.search(sentence.text), _PARK_CHAIN.search(sentence.text)) if m]
        chain = min(cues, key=lambda m: m.start()) if cues else None  # the first cue lists the most
        if chain:
            at = sentence.start + chain.end()
            concepts = [t.concept for t in ctx.resources.industries.find(ctx.text[at : sentence.end], at)]
            park = _subject_park(ctx, sentence.start, at, parks)
            if park is not None:  # "The industrial park ... consists of four parks, namely ..."
                park.industries += [c for c in concepts if c not in park.industries]
            else:
                code = _subject_place(ctx, sentence.start, at, names)
                add(code, concepts)
                # "forming an industrial cluster integrating ...": the place's cluster too (the terms after
                # "cluster", when "the industrial chain of ..." came first in the sentence)
                clustered = next((m for m in _CHAIN.finditer(sentence.text) if m.group("cluster")), None)
                if clustered is not None:
                    at = sentence.start + clustered.end()
                    terms = ctx.resources.industries.find(ctx.text[at : sentence.end], at)
                    for cluster in (e for e in entities if e.kind == "cluster" and e.places[:1] == [code]):
                        cluster.industries += [
                            t.concept for t in terms if t.concept not in cluster.industries
                        ]
        for at, concepts in _produced(ctx, sentence):
            if not any(sentence.start <= f < at for f in firms):  # "Huafu's production of yarn": the firm's
                add(_subject_place(ctx, sentence.start, at, names), concepts)
        referred = _REFERRED.match(sentence.text)
        if referred and _SUPPLIER.search(sentence.text):  # "The city ... is a leading supplier of ..."
            level = referred.group(1).lower()
            before = [p for p in ctx.places if p.end <= sentence.start and p.attr("level") == level]
            terms = ctx.resources.industries.find(sentence.text, sentence.start)
            if before:
                add(before[-1].code, [t.concept for t in terms])
    return {code: concepts for code, concepts in found.items() if concepts}


# "an integrated textile industry system composed of spinning, knitting, dyeing & printing, ...", "a
# textile and garment industry chain integrating ... ginning, viscose, spinning, weaving ...".
_CHAIN = re.compile(
    r"\b(?:chain|system|(?P<cluster>clusters?)|structure)\b[^.;]{0,30}?\b(?:integrat(?:ing|es)|"
    r"compos(?:ed|es)\s+of|consist(?:ing|s)\s+of|cover(?:ing|s)|includ(?:ing|es)|compris(?:ing|es)|"
    r"made\s+up\s+of)\b"
    r"|\b(?:production|processing)\s+lines?\s+(?:of|for)\b|\bindustr(?:y|ial)\s+chains?\s+of\b",
    re.I,
)
_PARK_CHAIN = re.compile(
    r"\b(?:consists?\s+of|made\s+up\s+of|divided\s+into|oriented\s+by|multi-?functions?|production\s+base\s+for)"
    r"\b|\b(?:market|trading)\s+(?:areas?|zones?|halls?|sections?)\s*,?\s*(?:including|such\s+as|namely)\b",
    re.I,
)  # the last: "... covers 3.7 square kilometres with 8 market areas, including a textile market, ..."
# "Its production of garment, knitted goods and home-textiles", "the largest suits and shirt production
# enterprises", "annual output of men's trousers": what a place makes.
_PRODUCTION_OF = re.compile(
    r"\b(?:production|output|manufacturing|processing)\s+of\s+(?:the\s+)?$"
    r"|\b(?:produc|manufactur|turn)(?:es|ed|ing|s)?(?:\s+out)?\s+(?:(?:about|around|nearly|over|more\s+than|"
    r"some)\s+)?[\d.,]+\s*(?:[a-z]+\s+){0,2}?(?:pairs|pieces|sets|tons|tonnes|metres|meters|units)\s+of\s+$",
    re.I,
)  # the second: "which produces 25 billion pairs of socks every year"
_AREA = re.compile(r"(?i)\s*(?:areas?|regions?|bases?|zones?)\b")  # "the largest silkworm production area"
_PRODUCTION_WORD = re.compile(
    r"(?i)\b(?:production|output|manufacturing|processing|produc\w*|manufactur\w*|"
    r"enterprises|companies|firms|factories)\b"
)
_PRODUCTION_AFTER = re.compile(
    r"\s*(?:production|manufacturing|processing)\s+(?:enterprises|companies|firms|bases?|capacity|lines?)\b",
    re.I,
)
# "the town has 396 knitting companies", "178 textile and garment enterprises": counted firms of the
# industry (a count right before the terms; "spinning mills in coastal provinces" counts none)
_FIRMS_AFTER = re.compile(r"\s*(?:enterprises|companies|firms|factories|mills)\b", re.I)
_COUNT_BEFORE = re.compile(
    r"(?i)(?:\b\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands))"
    r"(?:\s+(?:thousand|hundred|million))?\s+(?:of\s+)?$"
)


def _produced(ctx: ArticleContext, sentence: Sentence) -> list[tuple[int, list[URIRef]]]:
    """(offset, industries) of each run of industry terms after "production of" or before "production
    enterprises" in the sentence."""
    start = sentence.start
    if not _PRODUCTION_WORD.search(sentence.text):
        return []
    terms = ctx.industry_terms(sentence)
    runs: list[list[int]] = []
    for i, term in enumerate(terms):
        if runs and _JOIN.fullmatch(ctx.text[terms[runs[-1][-1]].end : term.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    found = []
    for run in runs:
        first, last = terms[run[0]], terms[run[-1]]
        before = ctx.text[max(start, first.start - 40) : first.start]
        area = last.text.casefold().endswith("production") and _AREA.match(ctx.text, last.end)
        counted = _FIRMS_AFTER.match(ctx.text, last.end) and _COUNT_BEFORE.search(before)
        if _PRODUCTION_OF.search(before) or _PRODUCTION_AFTER.match(ctx.text, last.end) or area or counted:
            found.append((first.start, [terms[i].concept for i in run]))
    return found


_REFERRED = re.compile(r"\s*(?:The|This)\s+(city|county|town)\b")
_SUPPLIER = re.compile(
    r"\b(?:supplier|maker|manufacturer|producer|exporter|base|centre|center|capital|hub)s?\s+(?:for|of)\b",
    re.I,
)
_PARK_REFERENCE = re.compile(r"(?i)^\s*(?:the\s+(?:industrial\s+)?(?:park|zone)|it)\b")


def _subject_park(ctx: ArticleContext, start: int, end: int, parks: list[Entity]) -> Entity | None:
    """The park a sentence is about: named before ``end`` in it, or "The industrial park"/"It" when the
    article is about one park."""
    named = [(m.start, e) for e in parks for m in e.mentions if start <= m.start < end]
    if named:
        return max(named, key=lambda pair: pair[0])[1]
    if parks and _PARK_REFERENCE.match(ctx.text[start:end]):
        return max(parks, key=lambda e: (len(e.mentions), -e.first))
    return None


_LEVELS = {"province": 1, "city": 2, "county": 3, "town": 4}
_THE_LEVEL = re.compile(r"(?i)\bthe\s+(city|county|town|district|province)\b(?!\s+of\b)")
_LEVEL_OF = {"district": "county"}


def _subject_place(
    ctx: ArticleContext, start: int, end: int, names: list[tuple[int, int]] | None = None
) -> str | None:
    """The place a sentence is about: the most specific named before ``end`` in it, else in its paragraph,
    else in the 600 characters before; places inside names ("Shenzhou Knitting (Anhui)") are no subject."""
    paragraph = ctx.sentence_of(start).paragraph
    opening = min((s.start for s in ctx.sentences if s.paragraph == paragraph), default=start)
    referred = _THE_LEVEL.search(ctx.text, start, end)
    named_here = [p for p in ctx.places_in(start, end) if p.kind == "place" and p.code]
    if referred and not named_here:  # "By 2025, the city aims to have 20 textile enterprises"
        level = _LEVEL_OF.get(referred.group(1).lower(), referred.group(1).lower())
        before = [p for p in ctx.places if p.end <= start and p.attr("level") == level and p.code]
        if before:
            return before[-1].code
    for begin in (start, opening, max(0, start - 600)):
        places = [
            p
            for p in ctx.places_in(begin, end)
            if p.kind == "place" and p.code and not any(a <= p.start and p.end <= b for a, b in names or [])
        ]
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
    headed = listed and re.search(r"(?i)(?:industry|industries|sector)$", ctx.text[place.end : at])
    return listed if listed and (headed or _HEAD.match(ctx.text, at)) else []


# "the city's textile and garment industry", "the knitting industry is ... the mainstay of the town": the
# industries of the place of that level named last.
_REFERRED_OWNER = re.compile(r"(?i)\bthe\s+(city|county|town|district|province)['’]s\s+$")
_MAINSTAY = re.compile(
    r"(?i)\b(?:mainstay|pillar|backbone|leading\s+industry|dominant\s+industry)\s+of\s+the\s+"
    r"(city|county|town|district|province)\b"
)
_INDUSTRY_HEAD = re.compile(r"(?i)\s*(?:industry|industries|sector)\b")


def _referred_industries(
    ctx: ArticleContext, sentence: Sentence, names: list[tuple[int, int]]
) -> list[tuple[str, list[URIRef]]]:
    """(place code, industries) of the runs of industry terms headed by "industry"/"sector" that the
    sentence gives to "the city"/"the town" ("the city's ... industry", "... the mainstay of the town")."""
    if "the " not in sentence.text:
        return []
    mainstay = _MAINSTAY.search(sentence.text)
    found = []
    for run in _runs(ctx, sentence):
        first, last = run[0], run[-1]
        headed = _INDUSTRY_HEAD.match(ctx.text, last.end) or re.search(r"(?i)(?:industry|sector)$", last.text)
        if any(a <= first.start < b for a, b in names) or not headed:
            continue
        owner = _REFERRED_OWNER.search(ctx.text, max(sentence.start, first.start - 24), first.start)
        level = owner.group(1) if owner else (mainstay.group(1) if mainstay else None)
        if level is None:
            continue
        level = "county" if level.lower() == "district" else level.lower()
        before = [p for p in ctx.places if p.end <= first.start and p.attr("level") == level and p.code]
        if before:
            found.append((before[-1].code or "", [t.concept for t in run]))
    return found


def _runs(ctx: ArticleContext, sentence: Sentence) -> list[list[Term]]:
    """The sentence's industry terms in runs joined by commas and "and" ("textile and garment")."""
    terms = ctx.industry_terms(sentence)
    runs: list[list[Term]] = []
    for term in terms:
        if runs and _JOIN.fullmatch(ctx.text[runs[-1][-1].end : term.start]):
            runs[-1].append(term)
        else:
            runs.append([term])
    return runs
