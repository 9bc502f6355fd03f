"""Designation titles ("China's Famous Sweater City", "famous Chinese home textile cities") and the place
they are given to: "<Place>, <Title>" or "<Title> in <Place>"."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext

_PATTERN = re.compile(
    r"(?:China['’]s|Chinese|China|National|national)\s+(?:[Ff]amous\s+)?(?:[\w'’-]+\s+){1,5}?"
    r"(?:[Cc]ity|[Cc]ities|[Tt]own|[Tt]owns|[Cc]apital|[Bb]ase [Cc]ity|[Bb]ase [Cc]ounty)"
    r"|(?:famous|Famous)\s+(?:Chinese|China)\s+(?:[\w'’-]+\s+){1,5}?(?:cities|city|towns|town)"
)


def find_designations(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        for m in _PATTERN.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            title = _title(ctx, m.group(0))
            if title is None:
                continue
            market = _market(ctx, start, end)
            if market:
                found.append(market)
                continue
            place = _place_of(ctx, start, end)
            attrs = (("title", title),) + ((("place", place.code),) if place and place.code else ())
            found.append(
                Mention("designation", start, end, m.group(0), ctx.resources.label(_uri(title)), attrs=attrs)
            )
    return found


_MARKET_AFTER = re.compile(
    r"\s+(?:market|mall|wholesale market)\b|,\s+(?:one\s+of\s+)?(?:the|a|an|its|China['’]s|Asia['’]s)\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:markets?|malls?|trading\s+(?:centres?|centers?|hubs?))\b",
    re.I,
)


def _market(ctx: ArticleContext, start: int, end: int) -> Mention | None:
    """ "home to China Textile City, one of the largest fabric markets", "the Haining China Leather City
    market": a market that carries a title-like name is a place of trade (a park), not a designation."""
    home = re.search(r"\bhome\s+to\s+(?:the\s+)?$", ctx.text[max(0, start - 16) : start])
    if not (home or _MARKET_AFTER.match(ctx.text, end)):
        return None
    before = [p for p in ctx.places if p.kind == "place" and p.end == start - 1 and ctx.text[p.end] == " "]
    begin = before[-1].start if before else start
    name = re.sub(r"\s+", " ", ctx.text[begin:end]).replace("’", "'")
    return Mention("park", begin, end, ctx.text[begin:end], name, attrs=(("kind", "professional-market"),))


def _title(ctx: ArticleContext, text: str) -> str | None:
    words = re.sub(r"(?i)\b(china['’]s|chinese|china|famous)\b", " ", text).split()
    core = " ".join(words)
    core = re.sub(r"(?i)\bcities\b", "City", re.sub(r"(?i)\btowns\b", "Town", core))
    for candidate in (text, f"China Famous {core}", f"China {core}", f"China Famous {_rope(core)}"):
        concept = ctx.resources.titles.lookup(candidate)
        if concept is not None:
            return str(concept)
    return None


def _rope(core: str) -> str:
    return re.sub(r"(?i)\brope mesh\b", "Rope and Net", core)


def _uri(value: str) -> URIRef:
    return URIRef(value)


def _place_of(ctx: ArticleContext, start: int, end: int) -> Mention | None:
    after = re.match(r"\s+(?:in|of)\s+", ctx.text[end : end + 8])
    if after:
        place = next((p for p in ctx.places if p.start == end + after.end() and p.kind == "place"), None)
        if place:
            return _most_specific(ctx, place)
    before = [
        p
        for p in ctx.places
        if p.kind == "place" and 0 <= start - p.end <= 3 and re.fullmatch(r",?\s*", ctx.text[p.end : start])
    ]
    return before[-1] if before else _sentence_subject(ctx, start)


def _most_specific(ctx: ArticleContext, place: Mention) -> Mention:
    """In "Jimo District, Qingdao City" the district is the place, whatever follows."""
    return place


def _sentence_subject(ctx: ArticleContext, at: int) -> Mention | None:
    """ "Humen Town ... It holds the title of ...": the local place this or the previous sentence is about."""
    sentence = ctx.sentence_of(at)
    index = ctx.sentences.index(sentence)
    for candidate in (sentence, ctx.sentences[index - 1] if index else None):
        if candidate is None or candidate.paragraph != sentence.paragraph:
            continue
        local = [
            p for p in ctx.places_in(candidate.start, candidate.end) if p.attr("level") in {"county", "town"}
        ]
        if local and local[0].start < at:
            return local[0]
    return None
