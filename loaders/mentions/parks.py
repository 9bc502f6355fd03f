"""Park names: capitalised phrases ending in Park, Zone, District, Base, Town, City or Market that are
not just a place name; mixed-case ones ("Qinghe cashmere town"); and described bases in policy texts
("build an important bedding industry base", "the ... garments industrial park in Xiongan New Area")."""

from __future__ import annotations

import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.tokens import Token, normalize, title_case, tokenize

HEADS = {
    "park",
    "parks",
    "zone",
    "zones",
    "district",
    "base",
    "bases",
    "town",
    "towns",
    "city",
    "market",
    "incubator",
    "garden",
}
_COMMON = set(
    [
        "national",
        "provincial",
        "international",
        "industrial",
        "textile",
        "textiles",
        "garment",
        "garments",
        "clothing",
        "china",
        "chinese",
        "modern",
        "creative",
        "fashion",
        "new",
        "smart",
        "digital",
        "demonstration",
        "pilot",
        "key",
        "the",
    ]
)
_NEEDS_INDUSTRY = {"town", "towns", "city"}
_STOP = set(
    [
        "has",
        "have",
        "is",
        "are",
        "was",
        "were",
        "will",
        "be",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "its",
        "their",
        "this",
        "that",
        "which",
        "one",
        "two",
        "three",
        "each",
        "every",
        "more",
        "most",
        "all",
        "as",
        "into",
        "become",
        "becomes",
        "became",
        "builds",
        "build",
    ]
)
_QUALIFIERS = re.compile(
    r"^(?:(?:the|an?|country's|country’s|nation's|nationally|national|leading|important|renowned|key|"
    r"benchmark|century-old|major|large|new|modern|famous|well-known)\s+)+",
    re.I,
)
_DESCRIBED = re.compile(
    r"(?:\b(?:build|create|construct|building|creating|constructing|establish|develop)\s+|\bincluding\s+)"
    r"(?P<phrase>(?:(?:the|an?)\s+)?(?:[“\"][^”\"]{3,60}[”\"]\s+)?(?:[\w'’&+-]+,?\s+){1,12}?"
    r"(?:base|park|zone))(?P<place>\s+in\s+(?:the\s+)?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})?\b"
)


_AIM_OF_PARK = re.compile(
    r"(?i)\b(?:the|this)\s+(?:industrial\s+)?(?:park|zone|base)\s+(?:aims|plans|strives|is\s+set|"
    r"is\s+expected)\s+to\s+$"
)


def find_parks(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        tokens = ctx.tokens(sentence)
        found.extend(_named(ctx, tokens))
        found.extend(_described(ctx, sentence.text, sentence.start))
    return found


def _named(ctx: ArticleContext, tokens: list[Token]) -> list[Mention]:
    """Names whose head closes a run of capitalised words (and a few lower-case ones)."""
    found = []
    for i, token in enumerate(tokens):
        if token.key not in HEADS or (i + 1 < len(tokens) and tokens[i + 1].key in HEADS):
            continue
        j = i
        while (
            j > 0
            and i - j < 8
            and tokens[j - 1].key not in HEADS
            and _joins(ctx.text, tokens[j - 1], tokens[j])
        ):
            j -= 1
        while j < i and not tokens[j].capitalized:
            j += 1
        words = tokens[j : i + 1]
        if (token.key.endswith("s") and token.key != "towns") or (j > 0 and _is_number(tokens[j - 1])):
            continue
        if len(words) < 2 or not words[0].capitalized or not _is_park(ctx, words):
            continue
        text = ctx.text[words[0].start : words[-1].end]
        name = title_case(re.sub(r"(?i)(town|park|base|zone)s$", r"\1", text))
        found.append(_mention(ctx, words[0].start, words[-1].end, name))
    return found


def _is_number(token: Token) -> bool:
    """A count before the name ("5 Garment Parks"); a year ("In 2019, Guangxi ... Park") is none."""
    if re.fullmatch(r"(?:19|20)\d\d", token.text):
        return False
    return token.text[:1].isdigit() or token.key in {
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    }


def _joins(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    return (
        gap.strip() == ""
        and (left.key not in _STOP or (left.key == "and" and not right.capitalized))
        and not left.text[:1].isdigit()
    )


def _is_park(ctx: ArticleContext, words: list[Token]) -> bool:
    start, end = words[0].start, words[-1].end
    places = ctx.places_in(start, end)
    covered = sum(p.end - p.start for p in places)
    if words[-1].key == "garden":  # "four parks ..., namely Guanhua Garden for silk dyeing": a sub-park
        sentence = ctx.sentence_of(start)
        return len(words) == 2 and bool(re.search(r"\bparks\b", ctx.text[sentence.start : start]))
    if covered >= words[-2].end - start:  # "Tianmen City", "Jimo District": a place, not a park
        return False
    if re.search(r"['’]s$", words[0].text) and not all(w.capitalized for w in words[1:]):
        return False  # "Zhejiang's textile towns": a description of a place's towns, not a name
    if words[-1].key == "market":
        return True  # "China Oriental Silk Market": markets are named like this
    if words[-1].key == "garden":  # "four parks ..., namely Guanhua Garden for silk dyeing": a sub-park
        sentence = ctx.sentence_of(start)
        return len(words) == 2 and bool(re.search(r"\bparks\b", ctx.text[sentence.start : start]))
    if not places and words[0].key in _COMMON:
        return False  # "National Textile and Clothing ... Demonstration Park": a title, not a name
    if re.fullmatch(r"(?:largest|biggest|greatest|most|leading|main|major)", words[0].key):
        return False  # "Ningbo Has Become the Largest Garment Production Base": a rank, not a name
    has_industry = bool(ctx.resources.industries.find(ctx.text[start:end], start))
    lower = [w for w in words if not w.capitalized]
    if places and places[0].start == start and 0 < len(lower) <= 2 and words[-1].key == "town":
        return True  # "Langfang Yongqing yunshang town"
    if words[-1].key in _NEEDS_INDUSTRY or lower:
        return has_industry or any(
            w.key in {"characteristic", "industrial", "creative", "design"} for w in words
        )
    return True


# "the garment industrial park in Maozui covers ...": the one park of that industry in the place.
_LOCATED = re.compile(
    r"\bthe\s+(?P<phrase>(?:[a-z][\w'’-]*\s+){1,3}?industrial\s+(?:park|zone|base))\s+in\s+"
    r"(?=[A-Z])"
)


def _located(ctx: ArticleContext, text: str, base: int) -> list[Mention]:
    found = []
    for m in _LOCATED.finditer(text):
        phrase = m.group("phrase")
        place = next((p for p in ctx.places if p.start == base + m.end() and p.kind == "place"), None)
        if place is None or place.attr("level") not in {"county", "town"}:
            continue
        if not ctx.resources.industries.find(phrase):
            continue
        where = _short(re.sub(r"\s+(?:Town|Subdistrict)$", "", place.name))
        name = f"{where} {title_case(phrase)}"
        found.append(_mention(ctx, base + m.start("phrase"), place.end, name))
    return found


def _described(ctx: ArticleContext, text: str, base: int) -> list[Mention]:
    found = _located(ctx, text, base)
    for m in _DESCRIBED.finditer(text):
        if _AIM_OF_PARK.search(text[: m.start()]):
            continue  # "The industrial park aims to build a ... demonstration park": its aim, no new park
        phrase = m.group("phrase")
        stripped = _QUALIFIERS.sub("", phrase)
        proper = re.search(r"(?<=\s)[A-Z](?=[a-z])", stripped)
        if proper and stripped[: proper.start()].islower():
            stripped = stripped[proper.start() :]
        start = base + m.start("phrase") + (len(phrase) - len(stripped))
        if not ctx.resources.industries.find(stripped) or re.search(r"\b(and|or)\s*$", stripped):
            continue
        if any(t.key in _STOP and t.key not in {"and", "of"} for t in tokenize(stripped)):
            continue
        name = title_case(re.sub(r"[“”\"]", "", stripped))
        place = m.group("place")
        if place:
            places = ctx.places_in(base + m.start("place"), base + m.end("place"))
            if not places:
                continue
            name = f"{_short(places[0].name)} {name}"
        found.append(_mention(ctx, start, base + m.end("phrase"), name))
    return found


def _short(name: str) -> str:
    return re.sub(r"\s+(Province|City|County|District|New Area)$", "", name)


def _mention(ctx: ArticleContext, start: int, end: int, name: str) -> Mention:
    head = normalize(name).split()
    kind = None
    for n in (3, 2, 1):
        kind = ctx.resources.park_kinds.lookup(" ".join(head[-n:]))
        if kind is not None:
            break
    slug = (
        str(kind).rsplit("/", 1)[-1] if kind else ("development-zone" if head[-1] == "district" else "park")
    )
    return Mention("park", start, end, ctx.text[start:end], name, attrs=(("kind", slug),))
