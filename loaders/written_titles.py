"""Titles the designation scheme does not hold, kept as written, and who holds them.

Articles record honours a place, market or firm received in words the vocabulary cannot foresee: "was
rewarded China Men's Wear Center, China Women's Wear Center and China Shoes Center by ...", "awarded the
title of "China's women's pants town"", "recognized as national 4A grade shopping tourist attraction",
"known as China's new silk capital", "the pilot town for the Guangdong provincial project of ...", and
memberships of numbered lists ("one of the first 35 key markets in China", "one of top 100 cities in
China as well as top 10 cities in Fujian Province"). Each becomes a tkg:Designation labelled with the
title as written (no tkg:title): conferring body ("by ...") and year as for vocabulary titles.

The holder is the nearest name before the cue in its sentence (a park, firm or cluster, or a place);
"we" is the article's main park, firm or cluster; "it" what the sentences before are about; "the
city/town/county" the place of that level named last, else the article's focus place; "the market/park"
the article's park. A park, firm or cluster "included in the list of" a selection the scheme has no
title for holds the selection's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.conferrals import conferrer, title_of_selection
from loaders.linking import Entity
from loaders.mentions.context import ArticleContext

_NUMBER = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred)"
)
# A verb of conferral and what introduces the title after it.
_CONFERRED = re.compile(
    r"(?i)\b(?:rewarded|awarded|granted|conferred|named|recogni[sz]ed|cited|honou?red|designated|rated|"
    r"titled|crowned|dubbed)\b(?:\s+(?:as|with|it|the\s+(?:honou?rary\s+)?(?:title|name|honou?r)s?\s+of))*"
    r"|(?i:\b(?:known|famed|hailed)\s+as\b|\breputation\s+(?:as|of)\b(?:\s+the\b)?)"
)
# Membership of a numbered list ("one of the first 35 key markets"), or of any list after "become".
_MEMBER = re.compile(
    rf"(?i)\b(?:one\s+of\s+(?:the\s+)?(?:first\s+|top\s+)?{_NUMBER}\s+(?!per\b|percent\b|times\b)"
    rf"|(?<=\bbecome\s)one\s+of\s+(?!the\s+(?:largest|biggest|most|leading|main|major)\b))"
)
# "the pilot town for ...", "one trial basis for comprehensive reform in ...".
_PILOT = re.compile(
    r"\b(?:a|an|the|one)\s+((?:national|provincial|[A-Z]\w+\s+provincial)?\s*"
    r"(?:pilot|demonstration|model|trial)\s+(?:town|county|city|district|park|zone|base|basis|enterprise|"
    r"market)s?\s+(?:for|of)\s)"
)
_QUOTED = re.compile(r"\s*[\"“]([^\"”]{3,120}?)\s*[\"”]")
# Where an unquoted title ends: punctuation, the conferring body, a year, a new clause.
_STOP = re.compile(
    r"\s*(?:[,;.:(]|\s-\s|\bby\b|\bin\s+(?:19|20)\d\d\b|\bsince\b|\bwhich\b|\bwhile\b|\bafter\b|"
    r"\bthanks\s+to\b|\bthis\s+year\b|\bfor\s+(?:its|their|the\s+past)\b)|$"
)
_TITLE_START = re.compile(r"\s*(?:the\s+)?[A-Z]|\s+(?:national|provincial)\b")
_NEXT_CAPITAL = re.compile(r",\s+(?:and\s+)?(?=[A-Z])")
_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+")
_SUPERLATIVE = re.compile(r"(?i)\b(?:largest|biggest|most|leading|best|main|major|\w+est)\b")
_PRONOUN = re.compile(r"(?i)\b(?:we|it|its|it['’]s|our|the\s+(city|town|county|district|market|park|zone))\b")
_PREPOSITION = re.compile(r"(?i)\b(?:in|of|from|to|across|into|near|around|with)\s+(?:the\s+)?$")
_THIS_YEAR = re.compile(r"(?i)\bthis\s+year\b")
_YEAR = re.compile(r"\b(?:in|since|from)\s+((?:19|20)\d\d)\b|\b(this\s+year)\b", re.I)
_LEVELS = {"city": ("city", "county"), "town": ("town",), "county": ("county",), "district": ("county",)}
_RANK = {"province": 1, "city": 2, "county": 3, "town": 4}


@dataclass(frozen=True)
class WrittenTitle:
    """A title as written, its holder (an entity, or a place by code), conferring body and year."""

    holder: Entity | str
    text: str
    body: Entity | None
    year: int | None


def find_written_titles(
    ctx: ArticleContext, entities: list[Entity], article_year: int | None, spans: list[tuple[int, int]]
) -> list[WrittenTitle]:
    """Titles outside the scheme that the article's sentences confer, each with its holder; ``spans``:
    :func:`title_spans`."""
    holders = [e for e in entities if e.kind in {"park", "cluster", "enterprise"}]
    orgs = [e for e in entities if e.kind == "org"]
    names = [(m.start, m.end) for e in entities for m in e.mentions]
    found: list[WrittenTitle] = []
    seen: set[tuple[str, str]] = set()
    for sentence in ctx.sentences:
        for start, _, texts in _titles_of(ctx, sentence.start, sentence.end, names):
            holder = _holder(ctx, holders, sentence.start, start, spans)
            if holder is None:
                continue
            body = conferrer(ctx, orgs, start, sentence.end)
            year = _year(ctx.text[sentence.start : start], article_year)
            if year is None and _THIS_YEAR.search(ctx.text, start, sentence.end):
                year = article_year  # "awarded the title of ... by ... this year"
            for text in texts:
                key = (holder if isinstance(holder, str) else holder.name, text.casefold())
                if key not in seen and ctx.resources.titles.lookup(text) is None:  # else designations.py
                    seen.add(key)
                    found.append(WrittenTitle(holder, text, body, year))
    return found + _headlined(ctx, seen) + _memberships(ctx, holders, entities, seen)


# "China Famous Town of Knitting Underwear - Gurao Town, Chaoyang District, Shantou": the heading of a
# base's profile page gives its title, then the place that holds it.
_HEADLINED = re.compile(
    r"^\s*(?P<title>(?:China|Chinese|National)['’]?s?(?:\s+(?:[A-Z][\w'’-]*|of|for|and|in)){1,10}?)"
    r"\s*[-–—:]\s*"
)
_TITLE_NOUN = re.compile(r"\b(?:Town|City|County|Base|Capital|Centre|Center|Market)\b")


def _headlined(ctx: ArticleContext, seen: set[tuple[str, str]]) -> list[WrittenTitle]:
    found = []
    for sentence in ctx.sentences:
        head = _HEADLINED.match(sentence.text)
        if not head or not _TITLE_NOUN.search(head.group("title")):
            continue
        at = sentence.start + head.end()
        place = next((p for p in ctx.places if p.kind == "place" and p.start == at and p.code), None)
        text = head.group("title")
        if place is None or ctx.resources.titles.lookup(text) is not None:  # (designations.py has those)
            continue
        key = (place.code or "", text.casefold())
        if key not in seen:
            seen.add(key)
            found.append(WrittenTitle(place.code or "", text, None, None))
    return found


# "X was included in the list of the first batch of "Guangxi Silk Parks"": X holds the selection.
_INCLUDED = re.compile(
    r"^\s*,?\s*(?:was|were|has\s+been|have\s+been|is|are)\s+(?:also\s+)?(?:included|listed|selected|"
    r"named|chosen)\s+(?:in|into|on|as|among)\s+(?:the\s+)?(?:list\s+of\s+(?:the\s+)?)?[“\"]?$",
    re.I,
)


def _memberships(
    ctx: ArticleContext, holders: list[Entity], entities: list[Entity], seen: set[tuple[str, str]]
) -> list[WrittenTitle]:
    """A selection whose title the scheme does not hold (conferrals.py gives those): the park, firm or
    cluster "included in" it holds the selection's name as its title."""
    found = []
    for selection in (e for e in entities if e.kind == "initiative" and e.sub == "official-selection"):
        if title_of_selection(ctx, selection.name) is not None:
            continue
        starts = [m.start for m in selection.mentions]
        for holder in holders:
            for m in holder.mentions:
                sentence = ctx.sentence_of(m.start)
                after = [s for s in starts if m.end < s < sentence.end]
                if after and _INCLUDED.match(ctx.text[m.end : after[0]]):
                    key = (holder.name, selection.name.casefold())
                    if key not in seen:
                        seen.add(key)
                        found.append(WrittenTitle(holder, selection.name, selection.issuer, selection.year))
    return found


def title_spans(ctx: ArticleContext) -> list[tuple[int, int]]:
    """The spans of the titles of all the article's sentences."""
    return [span for s in ctx.sentences for _, span, _ in _titles_of(ctx, s.start, s.end, [])]


def _titles_of(
    ctx: ArticleContext, start: int, end: int, names: list[tuple[int, int]]
) -> list[tuple[int, tuple[int, int], list[str]]]:
    """(offset of the cue, span of the titles, titles) of each conferral in a sentence; a cue inside an
    earlier title or a name is none."""
    text = ctx.text[start:end]
    cues = sorted((*_CONFERRED.finditer(text), *_MEMBER.finditer(text), *_PILOT.finditer(text)), key=_at)
    result: list[tuple[int, tuple[int, int], list[str]]] = []
    covered = 0
    for cue in cues:
        at = _at(cue)
        if at < covered or any(a <= start + cue.start() < b for a, b in names):
            continue  # inside a title found already, or a name ("... Demonstration Park")
        quoted = _QUOTED.match(text, at)
        if quoted:
            span = (start + quoted.start(1), start + quoted.end(1))
            result.append((start + cue.start(), span, [_clean(quoted.group(1))]))
            covered = quoted.end()
            continue
        if cue.re is _CONFERRED and not _TITLE_START.match(text, at):
            continue  # "named after", "awarded 3 million yuan": no title follows
        stop = _phrase_end(text, at)
        phrase = text[at:stop].strip()
        titles = [_clean(p) for p in _SPLIT.split(phrase)] if cue.re is not _PILOT else [_clean(phrase)]
        titles = [t for t in titles if _is_title(t)]
        if cue.re is _MEMBER and titles and _SUPERLATIVE.search(titles[0]):
            continue  # "one of the 10 largest": a ranking, not a list it belongs to
        if titles:
            result.append((start + cue.start(), (start + at, start + stop), titles))
            covered = stop
    return result


def _at(cue: re.Match[str]) -> int:
    """Where the title of a cue starts: after a verb, at "one of", at the pilot noun."""
    if cue.re is _CONFERRED:
        return cue.end()
    return cue.start(1) if cue.re is _PILOT else cue.start()


def _phrase_end(text: str, at: int) -> int:
    """The end of an unquoted title: the first stop, past commas and "and" between capitalised titles
    ("China Men's Wear Center, China Women's Wear Center and China Shoes Center by ...")."""
    capitalised = bool(re.match(r"\s*[A-Z]", text[at:]))
    stop = _STOP.search(text, at + 1)
    end = stop.start() if stop else len(text)
    while capitalised and stop and (more := _NEXT_CAPITAL.match(text, end)):
        stop = _STOP.search(text, more.end())
        end = stop.start() if stop else len(text)
    return end


def _clean(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip(" \"“”'’.,;").removeprefix("the ").removeprefix("The ")


def _is_title(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 18 and not re.match(r"(?i)(?:it|its|them|him|her|us|a|an|\d)\b", text)


def _holder(
    ctx: ArticleContext, holders: list[Entity], begin: int, at: int, spans: list[tuple[int, int]]
) -> Entity | str | None:
    """The nearest name or reference before ``at`` in the sentence (see the module docstring); a name
    after a preposition ("the largest ... area in Guangxi and is known as") only when there is no other."""
    named = _named_before(ctx, holders, begin, at, spans)
    pronouns = list(_PRONOUN.finditer(ctx.text, begin, at))
    pronoun = pronouns[-1] if pronouns else None
    if named and (pronoun is None or named[-1][0] > pronoun.start()):
        return named[-1][1]
    if pronoun is None:
        return None
    if pronoun.group(1):
        return _referent(ctx, holders, pronoun.group(1).casefold(), begin) or _main(holders, ctx)
    if pronoun.group(0).casefold() in {"we", "our"}:
        return _main(holders, ctx)
    return _previous(ctx, holders, begin, spans) or _main(holders, ctx)


def _named_before(
    ctx: ArticleContext, holders: list[Entity], begin: int, at: int, spans: list[tuple[int, int]]
) -> list[tuple[int, Entity | str]]:
    """Holders named in [begin, at) as (end, holder), by end."""
    named = sorted(_names(ctx, holders, begin, at, spans), key=lambda n: n[1])
    return [(end, holder) for _, end, holder in named]


def _names(
    ctx: ArticleContext, holders: list[Entity], begin: int, at: int, titles: list[tuple[int, int]]
) -> list[tuple[int, int, Entity | str]]:
    """(start, end, holder) of the names in [begin, at), by start; names after a preposition are left
    out unless they are all there is, and so are names inside a title ("was awarded Jiangsu Model
    Market"). A cluster named by its place alone ("Hechi is known as ...") is the place."""
    places = {(p.start, p.end): p.code for p in ctx.places_in(begin, at) if p.kind == "place" and p.code}
    inside = [(m.start, m.end) for e in holders for m in e.mentions if (m.start, m.end) not in places]
    spans: list[tuple[int, int, Entity | str]] = [
        (m.start, m.end, e)
        for e in holders
        for m in e.mentions
        if begin <= m.start and m.end <= at and (m.start, m.end) not in places
    ]
    spans += [(a, b, code) for (a, b), code in places.items() if not any(x <= a < y for x, y in inside)]
    spans = [s for s in spans if not any(a <= s[0] < b for a, b in titles)]
    spans.sort(key=lambda s: s[0])
    free = [s for s in spans if not _PREPOSITION.search(ctx.text[max(begin, s[0] - 12) : s[0]])]
    return free or spans


def _referent(ctx: ArticleContext, holders: list[Entity], noun: str, before: int) -> Entity | str | None:
    """ "the city/town/county": the place of that level named last, else the focus place if of that
    level; "the market/park/zone": the park named before that the article names most."""
    if noun in {"market", "park", "zone"}:
        parks = [e for e in holders if e.kind == "park" and e.first < before]
        return max(parks, key=lambda e: (len(e.mentions), -e.first), default=None)
    return _place_of_level(ctx, noun, before)


def _place_of_level(ctx: ArticleContext, noun: str, before: int) -> str | None:
    levels = _LEVELS.get(noun, ())
    near = [p for p in ctx.places if p.end <= before and p.code and p.attr("level") in levels]
    if near:
        return near[-1].code
    focus = ctx.focus_place
    division = ctx.resources.gazetteer.get(focus) if focus else None
    return focus if division is not None and division.level in levels else None


def _previous(
    ctx: ArticleContext, holders: list[Entity], begin: int, spans: list[tuple[int, int]]
) -> Entity | str | None:
    """What the sentences before ``begin`` (up to three) are about: "the city" when it comes before
    their names, else the first park, firm or cluster they name, else their most specific place."""
    index = next((i for i, s in enumerate(ctx.sentences) if s.start == begin), 0)
    for prior in reversed(ctx.sentences[max(0, index - 3) : index]):
        named = _names(ctx, holders, prior.start, prior.end, spans)
        noun = _PRONOUN.search(prior.text)
        level = noun.group(1) if noun else None
        if noun and level and (not named or prior.start + noun.start() < named[0][0]):
            return _referent(ctx, holders, level.casefold(), prior.start)
        entities = [holder for _, _, holder in named if not isinstance(holder, str)]
        if entities:
            return entities[0]
        places = [p for p in ctx.places_in(prior.start, prior.end) if p.kind == "place" and p.code]
        if places:
            return max(places, key=lambda p: (_RANK.get(p.attr("level") or "", 0), -p.start)).code
    return None


def _main(holders: list[Entity], ctx: ArticleContext) -> Entity | str | None:
    """The article's main park, firm or cluster (most mentioned, at least three times), else its focus."""
    best = max(holders, key=lambda e: (len(e.mentions), -e.first), default=None)
    if best is not None and len(best.mentions) >= 3:
        return best
    return ctx.focus_place


def _year(before: str, article_year: int | None) -> int | None:
    years = list(_YEAR.finditer(before))
    if not years:
        return None
    last = years[-1]
    return article_year if last.group(2) else int(last.group(1))
