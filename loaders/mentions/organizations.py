"""Organization names: capitalised phrases around an organization head ("Ministry of ...",
"... Provincial Department of ...", "... Federation of ...", "... Research Institute", "... University")."""

from __future__ import annotations

import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.tokens import Token, capitalized_runs, title_case

HEADS = {
    "government": "government-body", "ministry": "government-body", "department": "government-body",
    "bureau": "government-body", "commission": "government-body", "office": "government-body",
    "committee": "government-body", "administration": "government-body", "council": "industry-association",
    "federation": "industry-association", "association": "industry-association",
    "chamber": "industry-association",
    "society": "industry-association", "academy": "research-institute", "institute": "research-institute",
    "university": "university", "college": "university", "alliance": "alliance",
    "center": "research-institute", "centre": "research-institute", "corps": "government-body",
}  # fmt: skip
# Lower-case words that official English names of ministries keep ("Ministry of industry and ...").
_LOWER_OK = frozenset(
    [
        "industry",
        "information",
        "technology",
        "commerce",
        "science",
        "sciences",
        "social",
        "education",
        "culture",
        "finance",
        "human",
        "resources",
        "security",
        "ecology",
        "environment",
        "natural",
        "agriculture",
        "rural",
        "affairs",
        "development",
        "reform",
        "textile",
        "textiles",
        "apparel",
        "clothing",
        "garment",
    ]
)
_MARKERS = {
    "provincial",
    "municipal",
    "national",
    "state",
    "china",
    "chinese",
    "ministry",
    "people's",
    "general",
    "central",
}


def find_organizations(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        tokens = ctx.tokens(sentence)
        found.extend(_lowercase_bodies(ctx, sentence.text, sentence.start))
        for whole in capitalized_runs(tokens, ctx.text, _LOWER_OK):
            for run in _split(_after_notice(whole)):
                mention = _organization(ctx, run)
                if (
                    mention
                    and not _awarded(ctx.text, sentence.start, mention.start)
                    and not _UNDER.search(ctx.text, max(0, mention.start - 24), mention.start)
                ):
                    found.append(mention)
    return found


# "municipalities directly under the Central Government": a kind of place, not a body the article names.
_UNDER = re.compile(r"\bdirectly\s+under\s+(?:the\s+)?$")
# "the management commission of Aksu textile industry zone": the zone's own body.
_PARK_BODY = re.compile(
    r"(?i)\b(?P<head>management\s+(?:committee|commission)|administrative\s+committee)\s+of\s+(?:the\s+)?"
    r"(?P<park>(?:[A-Za-z][\w'’-]*\s+){0,6}?(?:zone|park|district|base|area))\b"
)
# "the city's foreign trade and economic cooperation bureau": a body of the place named before.
_LOCAL_BODY = re.compile(
    r"\bthe\s+(?P<level>city|county|province|town)['’]s\s+(?P<body>(?:[a-z]+\s+){1,7}?"
    r"(?:bureau|commission|department|committee|office|administration))\b"
)


# "approved by the autonomous district government": the government of the article's province or city.
_GOVERNMENT = re.compile(
    r"\bthe\s+(?P<level>autonomous\s+(?:region|district)|provincial|municipal|city|county)\s+government\b"
)
_GOVERNMENT_NAME = {"provincial": "{} Provincial Government", "autonomous": "{} Autonomous Region Government",
                    "municipal": "{} Municipal Government", "city": "{} Municipal Government",
                    "county": "{} County Government"}  # fmt: skip


def _government(ctx: ArticleContext, m: re.Match[str], base: int) -> Mention | None:
    level = m["level"].split()[0]
    code = ctx.main_province if level in {"provincial", "autonomous"} else ctx.focus_place
    division = ctx.resources.gazetteer.get(code or "")
    wanted = {"provincial": "province", "autonomous": "province", "municipal": "city", "city": "city"}
    if division is None or division.level != wanted.get(level, "county"):
        return None
    place = re.sub(r"\s+(?:City|County|Province)$", "", division.name_en)
    name = _GOVERNMENT_NAME[level].format(place)
    start = base + m.start() + len("the ")
    attrs = (("kind", "government-body"), ("place", division.code))  # the body sits in its place
    return Mention("org", start, base + m.end(), m.group(0)[4:], name, attrs=attrs)


# "Zhejiang Province, the Government has recently formulated ...": a word-for-word translation of
# 浙江省政府, the government of the place named just before.
_PLACE_GOVERNMENT = re.compile(r"\s*,\s*the\s+(?:People['’]s\s+)?Government\b")


def _place_government(ctx: ArticleContext, m: re.Match[str], place: Mention) -> Mention | None:
    division = ctx.resources.gazetteer.get(place.code or "")
    level = {"province": "provincial", "city": "municipal", "county": "county"}.get(
        division.level if division else ""
    )
    if division is None or level is None:
        return None
    name = _GOVERNMENT_NAME[level].format(re.sub(r"\s+(?:City|County|Province)$", "", division.name_en))
    start = m.end() - len("Government")
    attrs = (("kind", "government-body"), ("place", division.code))
    return Mention("org", start, m.end(), "Government", name, attrs=attrs)


def _lowercase_bodies(ctx: ArticleContext, text: str, base: int) -> list[Mention]:
    found = []
    for m in _GOVERNMENT.finditer(text):
        body = _government(ctx, m, base)
        if body is not None:
            found.append(body)
    for named_place in ctx.places_in(base, base + len(text)):
        after = _PLACE_GOVERNMENT.match(ctx.text, named_place.end)
        body = _place_government(ctx, after, named_place) if after and named_place.kind == "place" else None
        if body is not None:
            found.append(body)
    for m in _PARK_BODY.finditer(text):
        if not ctx.places_in(base + m.start("park"), base + m.end("park")):
            continue
        name = title_case(f"{m['park']} {m['head']}".lower())
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
        # the mention covers the head only, so that the zone's own name stays a park mention
        found.append(Mention("org", base + m.start(), base + m.end("head"), m["head"], name,
                             attrs=(("kind", "government-body"),)))  # fmt: skip
    for m in _LOCAL_BODY.finditer(text):
        level = m["level"]
        named = [p for p in ctx.places if p.end <= base + m.start() and p.attr("level") == level]
        if not named:
            continue
        place = re.sub(r"\s+(?:City|County|Province|Town)$", "", named[-1].name)
        name = " ".join(
            w[:1].upper() + w[1:] if w not in {"and", "of", "for"} else w for w in m["body"].split()
        )
        start, end = base + m.start("body"), base + m.end("body")
        attrs = (("kind", "government-body"), ("place", named[-1].code or ""))
        found.append(Mention("org", start, end, m["body"], f"{place} {name}", attrs=attrs))
    return found


def _after_notice(run: list[Token]) -> list[Token]:
    """ "Notice of the General Office of the Ministry ... on Issuing the List of ...": the issuing body."""
    keys = [t.key for t in run]
    if len(keys) > 3 and keys[0] in {"notice", "circular", "announcement"} and keys[1] in {"of", "from"}:
        run = run[2:]
        keys = keys[2:]
    cut = next((i for i in range(1, len(keys) - 1) if keys[i] == "on" and keys[i + 1].endswith("ing")), None)
    return run[:cut] if cut else run


def _split(run: list[Token]) -> list[list[Token]]:
    """ "China Textile Industry Federation and China Commercial Federation": two organizations."""
    for i, token in enumerate(run):
        if (
            token.key == "and"
            and 0 < i < len(run) - 1
            and any(t.key in HEADS for t in run[:i])
            and any(t.key in HEADS for t in run[i + 1 :])
            and run[i + 1].capitalized
            and run[i + 1].key in _MARKERS | {"ministry", "state"}
        ):
            return [run[:i], *_split(run[i + 1 :])]
    return [run]


_AWARD = re.compile(
    r"(?i)\b(?:rewarded|awarded|granted|named|honou?red|titled|recogni[sz]ed\s+as|designated)\b"
)


def _awarded(text: str, sentence_start: int, at: int) -> bool:
    """ "was rewarded China Men's Wear Center, ... by the Federation": titles, not organizations."""
    before = text[sentence_start:at]
    verbs = list(_AWARD.finditer(before))
    return bool(verbs) and not re.search(r"\bby\b", before[verbs[-1].end() :])


def _head(token: Token) -> str:
    """The head word a token is, a possessive included ("Central Government's Support Xinjiang Policy")."""
    return re.sub(r"'s$", "", token.key)


def _organization(ctx: ArticleContext, run: list[Token]) -> Mention | None:
    heads = [i for i, t in enumerate(run) if _head(t) in HEADS and t.capitalized]
    if not heads:
        return None
    last = heads[-1]
    end = len(run)
    if last < len(run) - 1 and run[last + 1].key != "of":
        end = last + 1
    tokens = run[:end]
    while tokens and tokens[-1].key in {"of", "and", "for", "the", "on", "in", "&"}:
        tokens = tokens[:-1]
    start = next((i for i, t in enumerate(tokens) if t.key not in {"the", "a", "an"}), 0)
    tokens = tokens[start:]
    if len(tokens) < 2:
        return None
    at = heads[-1] - start
    kind = HEADS[_head(tokens[at])] if at < len(tokens) else HEADS[_head(run[last])]
    text = ctx.text[tokens[0].start : tokens[-1].end]
    has_place = bool(ctx.places_in(tokens[0].start, tokens[-1].end))
    keys = {t.key for t in tokens}
    if (
        not has_place
        and not keys & _MARKERS
        and (kind == "government-body" or ("of" not in keys and len(tokens) < 3))
    ):
        return None  # "Academic Affairs Department", "Exhibition Center": units of something unnamed
    return Mention(
        "org", tokens[0].start, tokens[-1].end, text, _canonical(ctx, text), attrs=(("kind", kind),)
    )


def _canonical(ctx: ArticleContext, text: str) -> str:
    name = title_case(re.sub(r"['’]s$", "", text).replace("’", "'"))
    if name.startswith(("Provincial ", "Province ")) and ctx.main_province:
        province = ctx.resources.gazetteer.get(ctx.main_province)
        if province:
            name = f"{province.name_en} {name}"
    return name
