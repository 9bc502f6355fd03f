"""Cluster mentions: "<Place> <Industry> Cluster", "<Place>('s) <industry> industry", "the <industry>
industry in <Place>", and a bare "<County> <industry>" ("Qinghe cashmere"). Clusters are local: a
province's whole industry is not a cluster."""

from __future__ import annotations

import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.terms import Term

_LOCAL = {"city", "county", "town"}
_JOIN = re.compile(r"\s*(?:,|and|&|,\s*and)?\s*")


def find_clusters(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    terms = ctx.resources.industries
    for sentence in ctx.sentences:
        industries = terms.find(sentence.text, sentence.start)
        for place in ctx.places_in(sentence.start, sentence.end):
            if place.attr("level") not in _LOCAL:
                continue
            mention = _after_place(ctx, place, industries) or _before_place(ctx, place, industries)
            if mention:
                found.append(mention)
        found.extend(_listed(ctx, sentence.start, sentence.end, industries))
    return found


# "fostering six specialized clusters: wool spinning, cotton core-spun yarn, ... and knitwear"
_LIST_HEAD = re.compile(r"(?i)\bclusters\s*(?::|,?\s+(?:namely|including|such\s+as|in|of)\b)\s*")


def _listed(ctx: ArticleContext, start: int, end: int, industries: list[Term]) -> list[Mention]:
    """One cluster per industry a sentence lists after "clusters:", at the sentence's local place."""
    head = _LIST_HEAD.search(ctx.text, start, end)
    if not head:
        return []
    local = [p for p in ctx.places_in(start, head.start()) if p.attr("level") in _LOCAL and p.code]
    code = local[0].code if local else ctx.focus_place
    if not code:
        return []
    listed: list[Term] = []
    at = head.end()
    for term in industries:
        if term.start < at:
            continue
        if not _LIST_GAP.fullmatch(ctx.text[at : term.start]):
            break
        listed.append(term)
        at = term.end
    if len(listed) < 2:
        return []
    items: list[list[Term]] = []  # "chemical and specialty fibers" is one item of two industries
    for term in listed:
        if items and ctx.resources.industries.lookup(items[-1][-1].text) is None:
            items[-1].append(term)
        else:
            items.append([term])
    return [
        Mention(
            "cluster",
            item[0].start,
            item[-1].end,
            ctx.text[item[0].start : item[-1].end],
            "",
            code,
            (("place", code), ("listed", "yes"), *(("industry", str(t.concept)) for t in item)),
        )
        for item in items
    ]


# between two listed terms: separators and the words of a term the vocabulary does not hold whole
_LIST_GAP = re.compile(r"(?i)(?:\s*(?:,|and|&|,\s*and)?\s*(?:[a-z-]+\s+){0,2}?)?\s*")


def _after_place(ctx: ArticleContext, place: Mention, industries: list[Term]) -> Mention | None:
    """ "Qinghe Cashmere Cluster", "Tianmen's textile and garment industry", "Qinghe cashmere in ..."."""
    at = place.end
    possessive = re.match(r"['’]s", ctx.text[at : at + 2])
    at += 2 if possessive else 0
    chain = _chain(ctx.text, at, industries)
    named = re.match(r"\s+(?:[A-Z][\w'’]*\s+){1,3}Cluster\b", ctx.text[at : at + 60])
    if named and not possessive:
        inside = [t for t in industries if at <= t.start and t.end <= at + named.end()]
        return _mention(ctx, place, place.start, at + named.end(), inside)
    if not chain:
        return None
    end = chain[-1].end
    tail = re.match(r"\s+(?:[Ii]ndustr(?:y|ial)\s+)?(?:[Cc]luster|[Ii]ndustry)\b", ctx.text[end : end + 30])
    if tail:
        end += tail.end()
    elif chain[-1].text.lower().endswith("industry"):
        pass
    elif possessive or not re.match(r"\s+(?:in|is|has|was|of)\b", ctx.text[end : end + 5]):
        return None
    return _mention(ctx, place, place.start, end, chain)


def _before_place(ctx: ArticleContext, place: Mention, industries: list[Term]) -> Mention | None:
    """ "the textile industry in Tianmen" (one place, not a list of them)."""
    window = ctx.text[max(0, place.start - 60) : place.start]
    m = re.search(r"(?i)the\s+([\w'’ ,&-]+?)\s+industry\s+(?:in|of)\s+$", window)
    if not m or re.match(r"\s*(?:,|and)\s*[A-Z]", ctx.text[place.end : place.end + 8]):
        return None
    start = place.start - len(window) + m.start(1)
    chain = [t for t in industries if start <= t.start and t.end <= place.start]
    return _mention(ctx, place, start, place.end, chain) if chain else None


def _chain(text: str, at: int, industries: list[Term]) -> list[Term]:
    chain: list[Term] = []
    for term in industries:
        if term.start < at:
            continue
        gap = text[at : term.start]
        if (not chain and gap.strip()) or (chain and not _JOIN.fullmatch(gap)):
            break
        chain.append(term)
        at = term.end
    return chain


def _mention(ctx: ArticleContext, place: Mention, start: int, end: int, chain: list[Term]) -> Mention:
    attrs = (("place", place.code or ""), *(("industry", str(t.concept)) for t in chain))
    return Mention("cluster", start, end, ctx.text[start:end], "", place.code, attrs)
