"""Attributes of an entity from the text around its mentions: places, industries, issuer, scope,
measures, years and part-of."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.aims import aims_of
from loaders.linking import Entity
from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.sentences import Sentence

_ISSUE = re.compile(
    r"\b(released|issued|published|announced|unveiled|launched|formulated|printed|drawn\s+up|drew\s+up|"
    r"set\s+out|adopted|introduced|rolled\s+out)\b|['’]s\s*[“\"]?\s*$"
    r"|\bon\s+(?:[Ii]ssuing|[Pp]rinting\s+and\s+[Dd]istributing|[Pp]ublishing|[Rr]eleasing)\s+(?:the\s+)?$"
)  # the last: "Notice of the General Office of ... on Issuing the List of ..."
# "the X Plan, issued by the Y Government": the issuer named after the initiative.
_ISSUED_BY = re.compile(
    r"[\s,(]*(?:(?:which|that)\s+(?:was|were|has\s+been)\s+|(?:was|were|has\s+been)\s+)?"
    r"(?:issued|published|released|formulated|drawn\s+up|adopted|announced|unveiled|launched|jointly\s+issued|"
    r"approved)"
    r"\s+by\s+(?:the\s+)?$"
)
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–~～]\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def attach_attributes(
    ctx: ArticleContext, entity: Entity, entities: list[Entity], article_year: int | None
) -> None:
    first = min(entity.mentions, key=lambda m: m.start)
    if entity.kind in {"park", "enterprise", "org"}:
        entity.places = entity.places or _places_of(ctx, entity, first, entities)
    if entity.kind in {"park", "enterprise"}:
        inside = [t.concept for t in ctx.resources.industries.find(entity.name)] or _fashion(ctx, entity.name)
        entity.industries = inside or _maker_of(ctx, entity) or _context_industries(ctx, first)
        if entity.kind == "park":
            entity.industries = _serving(ctx, first) or _narrower_in_clause(ctx, first, entity.industries)
    if entity.kind == "park":
        entity.part_of = _zone_of(ctx, entity, first, entities)
    if entity.kind == "initiative":
        _initiative(ctx, entity, first, entities, article_year)


def _fashion(ctx: ArticleContext, name: str) -> list[URIRef]:
    """ "Tianhong Fashion Market", "X Fashion Co., Ltd": a market or firm named for fashion deals in
    clothing (时尚/服饰 in its Chinese name)."""
    if not re.search(r"\bFashions?\b", name):
        return []
    garments = ctx.resources.industries.lookup("garments")
    return [garments] if garments is not None else []


def _most_specific(ctx: ArticleContext, places: list[Mention]) -> list[str]:
    codes = [p.code for p in places if p.code]
    depth = {c: len(ctx.resources.places.ancestors(c)) for c in codes}
    deepest = max(depth.values(), default=0)
    return [c for c in dict.fromkeys(codes) if depth[c] == deepest]


def _same_chain(ctx: ArticleContext, a: Mention, b: Mention) -> bool:
    """One place contains the other (a county and its city), so the two spell one address."""
    if not (a.code and b.code):
        return False
    return a.code in ctx.resources.places.ancestors(b.code) or b.code in ctx.resources.places.ancestors(
        a.code
    )


def _places_of(
    ctx: ArticleContext, entity: Entity, first: Mention, entities: list[Entity] | None = None
) -> list[str]:
    others = [e for e in entities or [entity] if e.kind == "enterprise"]
    given = [m.attr("place") for m in entity.mentions if m.attr("place")]
    if entity.kind == "org" and given:  # "the city's ... bureau": the body of the place its name carries
        return [given[0] or ""]
    for mention in sorted(entity.mentions, key=lambda m: m.start):
        inside = ctx.places_in(mention.start, mention.end)
        if entity.kind == "park" and ctx.main_province:  # "Jinhua Garden" in Guangxi: a name, no address
            inside = [p for p in inside if _province(ctx, p.code) in {None, ctx.main_province}]
        if entity.kind == "enterprise":  # "Huitong Textile" in Wangjiang: a trade name, not an address
            inside = [p for p in inside if named_outside(ctx, p.code, others)]
            focus = ctx.focus_place
            codes = {p.code for p in inside}
            broad = bool(inside) and all(p.attr("level") == "province" for p in inside)
            if broad and focus and focus not in codes and _province(ctx, focus) in codes:
                return [focus]  # "Guangdong Sihai Group" in a story on Gurao Town: the town
        if inside:
            return _most_specific(ctx, inside)
    after = re.match(r"\s+(?:in|of)\s+(?:the\s+)?", ctx.text[first.end : first.end + 12])
    if after:
        start = first.end + after.end()
        near = [p for p in ctx.places if start <= p.start <= start + 2]
        if near:
            following = [p for p in ctx.places if near[0].start <= p.start < near[0].end + 30]
            # "in Qinghe County, Xingtai" is one address; "in Xiongan New Area, Shijiazhuang fashion
            # design base" is a list whose next item has its own place: keep only places in one chain.
            address = [near[0], *(p for p in following[1:2] if _same_chain(ctx, p, near[0]))]
            return _most_specific(ctx, address)
    if entity.kind == "park":
        clause = _clause(ctx, first)
        names = [(m.start, m.end) for e in entities or [] if e.kind == "park" for m in e.mentions]
        listed = [
            p
            for p in ctx.places_in(*clause)
            if p.kind == "place" and p.end <= first.start and not any(a <= p.start < b for a, b in names)
        ]
        if listed:
            return list(dict.fromkeys(p.code for p in listed if p.code))
    if entity.kind == "enterprise":  # "Changshu is also the home of Bosideng": the place before it
        sentence = ctx.sentence_of(first.start)
        local = [
            p
            for p in ctx.places_in(sentence.start, first.start)
            if p.attr("level") in {"county", "town"} and p.code and named_outside(ctx, p.code, others)
        ]
        if local:
            return [local[-1].code or ""]
    focus = ctx.focus_place if entity.kind != "org" else None
    return [focus] if focus else []


def _province(ctx: ArticleContext, code: str | None) -> str | None:
    province = ctx.resources.gazetteer.province_of(code or "")
    return province.code if province else None


def named_outside(ctx: ArticleContext, code: str | None, entities: list[Entity]) -> bool:
    """Whether the article names the place ``code`` outside the mentions of ``entities``."""
    spans = [(m.start, m.end) for e in entities for m in e.mentions]
    return any(p.code == code and not any(a <= p.start and p.end <= b for a, b in spans) for p in ctx.places)


def _clause(ctx: ArticleContext, mention: Mention) -> tuple[int, int]:
    sentence = ctx.sentence_of(mention.start)
    before = ctx.text[sentence.start : mention.start]
    cut = max(before.rfind(";"), before.rfind(". "))
    return (sentence.start + cut + 1 if cut >= 0 else sentence.start, mention.end)


_MAKER = re.compile(
    r"\s+(?:is|was|has\s+been|remains|became)\s+(?:one\s+of\s+)?(?:the|a|an|china['’]s)\s+[^.;]{0,60}?"
    r"\b(?:makers?|manufacturers?|producers?|suppliers?|exporters?)\s+of\s+(?P<what>[^.;]{3,80})",
    re.I,
)


def _serving(ctx: ArticleContext, mention: Mention) -> list[URIRef]:
    """ "Guanhua Garden for silk dyeing and printing, Jinhua Garden for ...": what the name is for."""
    found = re.match(r"\s+for\s+(?P<what>[^,;.]{3,80})", ctx.text[mention.end : mention.end + 90])
    if not found:
        return []
    at = mention.end + found.start("what")
    return [t.concept for t in ctx.resources.industries.find(found.group("what"), at)]


def _maker_of(ctx: ArticleContext, entity: Entity) -> list[URIRef]:
    """ "Jinchao Group is one of the largest makers of wedding and evening dresses": what it makes."""
    if entity.kind != "enterprise":
        return []
    for mention in sorted(entity.mentions, key=lambda m: m.start):
        found = _MAKER.match(ctx.text, mention.end)
        if found:
            terms = ctx.resources.industries.find(found.group("what"), found.start("what"))
            if terms:
                return list(dict.fromkeys(t.concept for t in terms))
    return []


def _context_industries(ctx: ArticleContext, mention: Mention) -> list:  # type: ignore[type-arg]
    sentence = ctx.sentence_of(mention.start)
    before = ctx.text[sentence.start : mention.start]
    listing = re.search(r"\b(?:including|such as|namely)\b", before)
    if listing:  # "five garment industrial innovation parks ..., including ... X": the list's industry
        head = ctx.resources.industries.find(before[: listing.start()], sentence.start)
        if head:
            return [head[0].concept]
    terms = ctx.resources.industries.find(before, sentence.start)
    if terms:  # the last run of terms: "the textile and apparel industry base was held in X Group"
        run = [terms[-1]]
        for term in reversed(terms[:-1]):
            if not re.fullmatch(r"\s*(?:,\s*)?(?:and|&)?\s*", ctx.text[term.end : run[0].start]):
                break
            run.insert(0, term)
        return list(dict.fromkeys(t.concept for t in run))
    apposition = re.match(r",\s+[^,;]{3,80}", ctx.text[mention.end : sentence.end])
    if apposition and not _named_at(ctx, mention.end + apposition.start() + 1):
        # "Bosideng, China's best-known maker of down jackets"; not "X Group, Hongchang Weaving Co., Ltd"
        after = ctx.resources.industries.find(apposition.group(0), mention.end)
        return [after[0].concept] if after else []
    return []


def _named_at(ctx: ArticleContext, offset: int) -> bool:
    """Whether a capitalised name (the next item of a list of firms) starts right after ``offset``."""
    return (
        re.match(
            r"\s*(?:and\s+)?[A-Z][\w'’-]*\s+(?:[A-Z][\w'’&-]*\s+){0,4}(?:Co\b|Company|Group|"
            r"Corporation|Ltd|Inc)",
            ctx.text[offset : offset + 120],
        )
        is not None
    )


def _narrower_in_clause(ctx: ArticleContext, mention: Mention, industries: list[URIRef]) -> list[URIRef]:
    """ "focusing on aramid, lyocell fiber, graphene fiber ... to create the high-end fiber material base":
    the clause's terms narrower than the name's industry say what the park makes."""
    start = _clause(ctx, mention)[0]
    sentence = ctx.sentence_of(mention.start)
    apposition = re.match(r",\s+[^,;]{3,80}", ctx.text[mention.end : sentence.end])
    stop = mention.end + apposition.end() if apposition else mention.start
    found = []
    for term in ctx.resources.industries.find(ctx.text[start:stop], start):
        if mention.start <= term.start < mention.end:
            continue
        ancestors = ctx.resources.vocabulary.ancestors(term.concept)
        if any(i in ancestors for i in industries) and term.concept not in found:
            found.append(term.concept)
    return found or industries


def _zone_of(ctx: ArticleContext, entity: Entity, first: Mention, entities: list[Entity]) -> list[Entity]:
    sentence = ctx.sentence_of(first.start)
    zones = [
        e for e in entities
        if e is not entity and e.kind == "park" and e.sub == "development-zone"
        and any(sentence.start <= m.start < first.start for m in e.mentions)
    ]  # fmt: skip
    if not zones and _CONSISTS.match(sentence.text):  # "It consists of four parks, namely X Garden, ..."
        wholes = [e for e in entities if e.kind == "park" and e is not entity and e.first < sentence.start]
        zones = sorted(wholes, key=lambda e: (-len(e.mentions), e.first))
    return zones[:1] if entity.sub != "development-zone" else []


_CONSISTS = re.compile(
    r"(?i)\s*(?:\w+,\s*)?(?:it|the\s+(?:industrial\s+)?(?:park|zone|base|market))\s+(?:consists\s+of|comprises|"
    r"is\s+made\s+up\s+of|is\s+divided\s+into|includes|has|hosts)\b[^.]*\b(?:namely|such\s+as|including)\b"
)


def _initiative(
    ctx: ArticleContext, entity: Entity, first: Mention, entities: list[Entity], year: int | None
) -> None:
    names = " ".join([entity.name, *entity.aliases])
    period = _PERIOD.search(names)
    if period:
        entity.period = (int(period.group(1)), int(period.group(2)))
    found = _YEAR.search(entity.name)
    entity.year = int(found.group(1)) if found and not period else (year if not period else None)
    stated = _stated_year(ctx, entity)
    if stated and not found and not period:
        entity.year = stated
    entity.issuer = _issuer(ctx, first, entities)
    entity.scope = _scope(ctx, entity, first, entities)
    about = _about(ctx, entity, entities)
    concepts = [t.concept for s in about for t in ctx.resources.measures.find(s.text, s.start)]
    entity.measures = list(dict.fromkeys(concepts))
    entity.aims = aims_of((s.text for s in about), ctx.resources.measures, ctx.resources.industries)
    # the industries it concerns: those its name names, and aims that are an industry ("clothing")
    named = [t.concept for t in ctx.resources.industries.find(entity.name)]
    listed = [c for c in map(ctx.resources.industries.lookup, entity.aims) if c is not None]
    entity.industries = list(dict.fromkeys([*named, *listed]))


# "(Guobanfa [2016] No. 40)": the document number after a policy's title carries its year.
_DOC_NUMBER = re.compile(
    r"[\s”\"’]*[(（][^()（）\[\]]{0,30}?[\[〔［]((?:19|20)\d\d)[\]〕］]\s*(?:No\.?\s*)?\d+"
)
_SELECTED_IN = re.compile(r"(?i)^\s*(?:in|since)\s+((?:19|20)\d\d)\b")


def _stated_year(ctx: ArticleContext, entity: Entity) -> int | None:
    """The year the text gives a policy: its document number, or for a selection the year its sentence
    opens with ("In 2019, X was included in the list of the first batch of ...")."""
    for mention in entity.mentions:
        number = _DOC_NUMBER.match(ctx.text, mention.end)
        if number:
            return int(number.group(1))
    if entity.sub == "official-selection":
        first = min(entity.mentions, key=lambda m: m.start)
        opening = _SELECTED_IN.match(ctx.sentence_of(first.start).text)
        return int(opening.group(1)) if opening else None
    return None


def _issuer(ctx: ArticleContext, mention: Mention, entities: list[Entity]) -> Entity | None:
    sentence = ctx.sentence_of(mention.start)
    best = None
    for org in (e for e in entities if e.kind == "org"):
        for m in org.mentions:
            if (
                sentence.start <= m.start
                and m.end <= mention.start
                and _ISSUE.search(ctx.text[m.end - 2 : mention.start])
            ):
                best = org if best is None or m.start > best.first else best
            if (
                best is None
                and mention.end <= m.start < sentence.end
                and _ISSUED_BY.fullmatch(ctx.text[mention.end : m.start])
            ):
                return org
    return best


def _scope(ctx: ArticleContext, entity: Entity, first: Mention, entities: list[Entity]) -> list[str]:
    inside = [p for m in entity.mentions for p in ctx.places_in(m.start, m.end)]
    if inside:
        codes = [p.code for p in inside if p.code]
        for code in list(codes):  # a region named in the title: its provinces are the scope too
            region = (
                ctx.resources.gazetteer.lookup_region(code.removeprefix("region/"))
                if code.startswith("region/")
                else None
            )
            codes += list(region.spans) if region and all(c.endswith("0000") for c in region.spans) else []
        return list(dict.fromkeys(codes))
    sentence = ctx.sentence_of(first.start)
    named = [(m.start, m.end) for e in entities for m in e.mentions if e is not entity]
    free = [
        p
        for p in ctx.places_in(sentence.start, sentence.end)
        if p.code and not any(s <= p.start and p.end <= e for s, e in named)
    ]
    if free:  # "the Federation's Tour was launched in Tianmen City": the place the sentence names
        return [free[0].code or ""]
    if entity.issuer is not None and entity.issuer.places:
        return entity.issuer.places[:1]
    if entity.issuer is not None and _NATIONAL.search(entity.issuer.name):
        return []  # a ministry's list or notice covers the country, which the gazetteer has no node for
    issuer_places = ctx.places_in(entity.issuer.first, entity.issuer.first + 120) if entity.issuer else []
    if issuer_places:
        return [issuer_places[0].code or ""]
    return [ctx.focus_place] if ctx.focus_place else []


_NATIONAL = re.compile(r"\b(?:Ministry|State\s+Council|Central\s+Government|Central\s+Committee|National)\b")


def _about(ctx: ArticleContext, entity: Entity, entities: list[Entity]) -> list[Sentence]:
    """The sentences about the initiative, whose measures and aims are its: its own, the ones that go
    on about it ("The plan promotes ...", "It also supports ..."), the rest of a paragraph it opens,
    and, for a plan the article leads with, the whole text after it (the article reports the plan's
    tasks) except sentences about another initiative and paragraphs another initiative opens."""
    others = [m for e in entities if e.kind == "initiative" and e is not entity for m in e.mentions]
    own = {ctx.sentence_of(m.start).start for m in entity.mentions}
    body = [s for s in ctx.sentences if not s.heading]
    first_of: dict[int, Sentence] = {}  # paragraph -> its first sentence
    for sentence in body:
        first_of.setdefault(sentence.paragraph, sentence)
    mine = sorted(entity.mentions, key=lambda m: m.start)
    opened = {p for p, s in first_of.items() if _opens(ctx, s, mine)}
    taken = {p for p, s in first_of.items() if _opens(ctx, s, others)} - opened
    lead = entity.sub in {"plan", "action-plan", "programme"} and any(
        s.start in own for s in body if s.paragraph <= _lead_paragraph(body)
    )
    found: list[Sentence] = []
    about = seen = False
    for sentence in body:
        other = any(sentence.start <= m.start < sentence.end for m in others)
        if sentence.start in own:
            about = seen = True
        elif sentence.paragraph in opened:  # "The General Plan of X was approved ... It aims at ...": its own
            about = about and not other
        elif sentence.paragraph in taken or (other and not lead):  # (a paragraph another one opens is its)
            about = False
            continue
        elif not lead:
            about = about and _ANAPHOR.match(sentence.text) is not None
        else:
            about = seen
        if about:
            found.append(sentence)
    return found


_OPENING = re.compile(r"(?i)\W*(?:(?:in|by|since|on)\s+[\w ,]{0,20}?(?:19|20)\d\d,?\s*)?(?:the\s+)?[“\"]?")


def _opens(ctx: ArticleContext, sentence: Sentence, mentions: list[Mention]) -> bool:
    """Whether one of ``mentions`` is the subject the sentence opens with ("The General Plan of X was
    approved ...", "In 2019, the X Programme ...")."""
    return any(
        sentence.start <= m.start < sentence.end and _OPENING.fullmatch(ctx.text, sentence.start, m.start)
        for m in mentions
    )


_ANAPHOR = re.compile(
    r"^(?:The|This|These|Its|It|They)\s+(?:(?:new|action|implementation|work)\s+)?"
    r"(?:plan|programme|program|measures|scheme|notice|opinions|policy|policies|initiative|project|also|"
    r"supports?|promotes?|encourages?|calls|aims|focuses|proposes|requires)\b"
)


def _lead_paragraph(body: list[Sentence]) -> int:
    """The paragraph number of the article's lead: its first paragraph of prose."""
    prose = (s.paragraph for s in body if len(s.text.split()) > 8 and s.text.rstrip().endswith((".", "。")))
    return min(prose, default=0)
