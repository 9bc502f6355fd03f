"""Facts: each figure attached to the entity it is about (the plan whose targets are listed, the cluster
or place the sentence is about), one fact per subject, value and unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.figures import FigureMention
from loaders.linking import Entity
from loaders.mentions.context import ArticleContext

_DEPTH = {"province": 1, "city": 2, "county": 3, "town": 4}
_IN_PLACE = re.compile(r"\s+in\s+(?:the\s+)?")


@dataclass(frozen=True)
class Fact:
    subject: str  # "entity:<index>" or "place:<code>"
    figure: FigureMention


def attach_facts(
    ctx: ArticleContext, figures: list[FigureMention], entities: list[Entity], article_year: int | None
) -> list[tuple[Entity | str, FigureMention]]:
    """(subject entity or place code, figure) pairs; observations without a year take the article's."""
    result: list[tuple[Entity | str, FigureMention]] = []
    seen: set[tuple[str, str, str]] = set()
    expanded: list[tuple[FigureMention, Entity | str | None]] = []
    for figure in figures:
        each = _each_of(ctx, figure, entities)
        expanded += [(figure, e) for e in each] if each else [(figure, _subject(ctx, figure, entities))]
    for figure, subject in expanded:
        if subject is None:
            continue
        period = subject.period if isinstance(subject, Entity) and subject.kind == "initiative" else None
        if period and figure.year is None and figure.end_year is None:  # a plan's: its period's targets
            figure = replace(figure, kind="target", year=period[1])
        if figure.kind == "observation" and figure.year is None and figure.end_year is None and article_year:
            figure = replace(figure, year=article_year)
        key = (subject if isinstance(subject, str) else subject.name, str(figure.value), figure.unit)
        if key not in seen:
            seen.add(key)
            result.append((subject, figure))
    return result


_OF_THE_CLUSTER = re.compile(r"(?i)\bof\s+the\s+cluster\b")
_CONSISTS = re.compile(r"(?i)\s*it\s+(?:consists\s+of|comprises|is\s+made\s+up\s+of|is\s+divided\s+into)\b")
_EACH = re.compile(r"(?i)\beach\b[^,;]{0,40}$")


def _each_of(ctx: ArticleContext, figure: FigureMention, entities: list[Entity]) -> list[Entity]:
    """ "six clusters: wool spinning, ..., and knitwear, each expected to exceed 10 billion yuan": the
    figure holds for every listed cluster or park of the sentence."""
    if not _EACH.search(ctx.text[figure.sentence.start : figure.start]):
        return []
    listed = _mentioned_before(entities, {"cluster", "park"}, figure.sentence.start, figure.start)
    members: list[Entity] = []
    for _, entity in listed:
        if all(entity is not m for m in members):
            members.append(entity)
    return members if len(members) >= 2 else []


def _qualified(ctx: ArticleContext, figure: FigureMention, entities: list[Entity]) -> Entity | None:
    """ "build a 100-billion-yuan high-end textile cluster": the figure sizes the name right after it."""
    for entity in entities:
        if entity.kind in {"cluster", "park"}:
            for mention in entity.mentions:
                gap = ctx.text[figure.end : mention.start]
                if 0 <= mention.start - figure.end <= 40 and re.fullmatch(r"(?:\s*\([^)]*\))?\s*", gap):
                    return entity
    return None


def _subject(ctx: ArticleContext, figure: FigureMention, entities: list[Entity]) -> Entity | str | None:
    sentence = figure.sentence
    sized = _qualified(ctx, figure, entities)
    if sized is not None:
        return sized
    if figure.kind == "target":
        initiatives = _mentioned_before(entities, {"initiative"}, 0, figure.start)
        if initiatives:
            return initiatives[-1][1]
    after = _IN_PLACE.match(ctx.text[figure.end : figure.end + 10])
    if after:
        place = ctx.place_at(figure.end + after.end())
        if place and place.code:
            return place.code
    kinds = {"cluster", "initiative", "park", "enterprise"}
    if _OF_THE_CLUSTER.search(ctx.text[max(sentence.start, figure.start - 60) : figure.start]):
        cluster = _the_industry(ctx, sentence.start, figure.start, entities)
        if cluster is not None:  # "..., and the annual sales revenue of the cluster exceeds ..."
            return cluster
    if _CONSISTS.match(sentence.text):
        park = _definite_park("the park", entities)
        if park is not None:  # "It consists of four parks ...": the park the article is about
            return park
    here = [
        (at, e)
        for at, e in _mentioned_before(entities, kinds, sentence.start, figure.start)
        if not (e.kind == "enterprise" and figure.unit == "enterprises")  # a firm counts no firms
        and not _framing(ctx.text, at)
    ]
    if here:
        last = max(m.end for m in here[-1][1].mentions if m.start == here[-1][0])
        park = _definite_park(ctx.text[last : figure.start], entities)  # "..., etc. The market total ..."
        return park or _bare_place(ctx, *here[-1]) or here[-1][1]
    park = _definite_park(sentence.text, entities)
    if park is not None:
        return park
    industry = _the_industry(ctx, sentence.start, figure.start, entities)  # the sentence's subject first
    if industry is not None:
        return industry
    referred = _referred_place(ctx, sentence.start, sentence.text, entities)
    if referred is not None:
        return referred
    paragraph_start = min(s.start for s in ctx.sentences if s.paragraph == sentence.paragraph)
    aimed = _aims_of_plan(ctx, figure, entities, paragraph_start)
    if aimed is not None:
        return aimed
    # an earlier sentence's plan, park or cluster goes on; an enterprise's figures stay in its sentence
    # (a policy named at the paragraph's start does not own the observations reported after it; a
    # selection does: "... the second batch of parks. Seven parks were selected")
    earlier = [
        (at, e)
        for at, e in _mentioned_before(entities, kinds - {"enterprise"}, paragraph_start, sentence.start)
        if not (figure.kind == "observation" and e.kind == "initiative" and e.sub != "official-selection")
        and not _framing(ctx.text, at)
    ]
    if earlier:
        return _bare_place(ctx, *earlier[-1]) or earlier[-1][1]
    # "Zhili Town in Wuxing District of Huzhou City produces ...": the most specific place before the
    # figure; a place after it frames a comparison ("..., top 10 cities in Fujian Province") unless the
    # sentence names no subject ("It"/"Its" go back to the paragraph's place).
    spans = [(sentence.start, figure.start), (paragraph_start, figure.start)]
    named = [(m.start, m.end) for e in entities if e.kind != "cluster" for m in e.mentions]
    if not _PRONOUN.match(sentence.text):
        spans.insert(1, (sentence.start, sentence.end))
    listed = _enumerated(ctx)
    for start, end in spans:
        places = [
            p
            for p in ctx.places_in(start, end)
            if p.kind == "place"
            and p.code
            and not any(a <= p.start < b for a, b in named)
            and not (p.start > figure.end and _EXAMPLES.search(ctx.text[figure.end : p.start]))
            and (p.start not in listed or (start, end) == spans[0])
        ]
        if places:
            return max(places, key=lambda p: (_DEPTH.get(p.attr("level") or "", 0), -p.start)).code
    return ctx.focus_place


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|、)\s*")


def _enumerated(ctx: ArticleContext) -> set[int]:
    """Starts of places named in a list of three or more ("a belt focusing on Yudu, Ningdu, Shicheng,
    Ruijin and Xingguo"): members of a list are no paragraph's subject."""
    runs: list[list[int]] = []
    previous = None
    for place in ctx.places:
        if previous is not None and _LIST_GAP.fullmatch(ctx.text[previous.end : place.start]):
            runs[-1].append(place.start)
        else:
            runs.append([place.start])
        previous = place
    return {start for run in runs if len(run) >= 3 for start in run}


# "sold to over 30 countries and regions such as USA, France and Hong Kong": examples, not the subject
_EXAMPLES = re.compile(r"(?i)\b(?:such\s+as|as|including|like|namely|e\.g\.)\s")
_PRONOUN = re.compile(
    r"\s*(?:its?|their|they|here|the\s+(?:city|county|town|district|region|province))\b", re.I
)


def _bare_place(ctx: ArticleContext, start: int, entity: Entity) -> str | None:
    """A cluster the article names only through its place ("Datang Subdistrict ... is the largest
    hosiery production base"): the sentence's figures are the place's, as the text gives them."""
    if entity.kind != "cluster":
        return None
    place = ctx.place_at(start)
    if place is None or place.kind != "place" or not place.code:
        return None
    after = ctx.text[place.end : place.end + 40]
    terms = ctx.resources.industries.find(after, place.end)
    if terms and not ctx.text[place.end : terms[0].start].strip():
        return None  # "Qinghe cashmere": the place and what it makes name the cluster
    return place.code


_DEFINITE_PARK = re.compile(
    r"(?i)\b(?:the|this)\s+(?:industrial\s+|garment\s+|textile\s+)?(?:park|zone|market|garment\s+city)\b"
)


_THE_INDUSTRY = re.compile(
    r"(?i)^(?:\s*(?:in|by|during)\s+[^,]{2,30},)?\s*the\s+(?:[\w'’-]+\s+){0,3}(?:industry|sector)\b"
    r"|\bof\s+the\s+cluster\b"
    r"|^\s*the\s+(?:[\w'’-]+\s+){1,3}of\s+(?:the\s+)?(?:related|whole|entire)[\s-]+(?:industry|industries|sector)\b"
)


def _the_industry(ctx: ArticleContext, start: int, end: int, entities: list[Entity]) -> Entity | None:
    """ "In 2022, the textile sector achieved ...", "The output value of related-industry is ...": the
    cluster of the place named last before."""
    if not _THE_INDUSTRY.search(ctx.text[start:end]):
        return None
    clusters = [e for e in entities if e.kind == "cluster" and e.places]
    named = [p for p in ctx.places if p.end <= start and p.code]
    for place in reversed(named):
        here = [c for c in clusters if c.places[0] == place.code]
        if here:
            return here[0]
    return clusters[0] if len(clusters) == 1 else None


def _definite_park(text: str, entities: list[Entity]) -> Entity | None:
    """ "more than 60 enterprises in the industrial park", "The market total business area": the park
    the article is about (the one named most often)."""
    if not _DEFINITE_PARK.search(text):
        return None
    parks = [e for e in entities if e.kind == "park"]
    return max(parks, key=lambda e: (len(e.mentions), -e.first)) if parks else None


_REFERENCE = re.compile(
    r"(?i)\bthe\s+(county|city|town|subdistrict|district|prefecture)(?P<own>['’]s)?\b"
    r"(?P<industry>(?:\s+[\w'’-]+){0,3}\s+(?:industry|industries|sector|cluster))?"
)


def _referred_place(
    ctx: ArticleContext, start: int, text: str, entities: list[Entity]
) -> Entity | str | None:
    """ "the county's textile industry": the county last named before, or its cluster."""
    match = _REFERENCE.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    level = {"district": "county", "prefecture": "city", "subdistrict": "town"}.get(word, word)
    named = [p for p in ctx.places if p.end <= start and p.attr("level") == level and p.code]
    if not named:
        return None
    code = named[-1].code
    if not match.group("industry"):  # "the city has 178 enterprises": the place itself
        return code
    clusters = [e for e in entities if e.kind == "cluster" and e.places[:1] == [code]]
    return clusters[0] if clusters else code


_THE_PLAN = re.compile(
    r"(?i)\s*(?:the|this)\s+(?:[\w-]+\s+)?(?:plan|programme|program|guidelines?|opinions?|outline)\b"
)
_AIMS = re.compile(r"(?i)\b(?:strives?|striving|aims?|aiming|goals?|targets?|objectives?|by\s+20\d\d)\b")


def _aims_of_plan(
    ctx: ArticleContext, figure: FigureMention, entities: list[Entity], paragraph_start: int
) -> Entity | None:
    """ "The plan strives to ... within four years. New product output rate reaches 35%.": after a
    sentence of the paragraph that gives a plan of a period its aims, figures without a year are the
    plan's targets."""
    if figure.year is not None or figure.end_year is not None:
        return None
    before = [s for s in ctx.sentences if paragraph_start <= s.start < figure.sentence.start]
    for sentence in reversed(before):
        if not _AIMS.search(sentence.text):
            continue
        plans = _mentioned_before(entities, {"initiative"}, sentence.start, sentence.end)
        if not plans and _THE_PLAN.match(sentence.text):  # "The action plan strives to ...": the last named
            plans = _mentioned_before(entities, {"initiative"}, 0, sentence.start)[::-1]
        return next((e for _, e in plans if e.period), None)
    return None


# "With Wangjiang Economic Development Zone as the core ..., it has formed ...": the framed name is the
# means, the sentence's subject comes after it.
_WITH = re.compile(r"(?i)(?:^|[\s,.;])with\s+(?:the\s+)?$")
_AS_THE = re.compile(
    r"[^,;.]{0,80}?\s+as\s+(?:the|its|a|an)\s+(?:core|leader|lead|support|centre|center|carrier|"
    r"backbone|engine|platform|base|hub|main\s+body)\b"
)


def _framing(text: str, at: int) -> bool:
    return _WITH.search(text, max(0, at - 12), at) is not None and _AS_THE.match(text, at) is not None


def _mentioned_before(
    entities: list[Entity], kinds: set[str], start: int, end: int
) -> list[tuple[int, Entity]]:
    found = [(m.start, e) for e in entities if e.kind in kinds for m in e.mentions if start <= m.start < end]
    return sorted(found, key=lambda pair: pair[0])
