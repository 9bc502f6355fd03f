"""Enterprise names: legal suffixes ("Co., Ltd.", "Group", "Corporation"), names after "enterprises such
as", and well-known platforms."""

from __future__ import annotations

import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext

_CAP = r"(?:[A-Z][\w'’&.-]*|of|and|&)"
_SUFFIX = re.compile(
    rf"\b[A-Z][\w'’&.-]*(?:\s+{_CAP}){{0,8}}?\s+(?:Co\.,?\s*Ltd\.?|Company(?:\s+Limited)?|Corporation|Corp\."
    rf"|Group(?:\s+Co\.,?\s*Ltd\.?)?|Inc\.|Limited|Holdings)"
)
_SUCH_AS = re.compile(
    r"\b(?:[Ee]nterprises|[Cc]ompanies|[Ff]irms|[Bb]rands|[Mm]anufacturers|[Mm]akers|[Pp]roducers|[Ll]eaders)"
    r"(?:,)?\s+(?:such as|like|including)\s+"
    r"((?:[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and))*)(?:\s*(?:,\s*and|,|and)\s*[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)*)"
)
# "Huitong Textile", "Hongli Cotton Industry", "Shenzhou Knitting (Anhui)": a trade name and what the firm
# does, capitalised, with no longer name after it ("Xinjiang Textile Industry Zone" is no firm).
_TRADE = re.compile(
    r"\b(?P<name>(?P<first>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s+(?:Cotton\s+Industry|Textiles?|Knitting|"
    r"Clothing|Garments?|Apparel|Weaving|Spinning|Printing\s+and\s+Dyeing|Dyeing|Knitwear|Silk|Fashion|"
    r"Hosiery|Cashmere|Home\s+Textiles?)(?:\s+\((?:[A-Z][a-z]+)\))?)(?!\s+[A-Z&(]|\s+(?:industry|base|"
    r"park|zone|city|town)\b|['’]s)"
)
_NOT_TRADE = {"China", "Chinese", "The", "This", "National", "International", "Global", "World", "Asia",
              "Modern", "Traditional", "Smart", "Green", "High", "New", "In", "With", "And",
              "Its"}  # fmt: skip
# Platforms every reader of Chinese trade news knows; general knowledge, not article-specific.
PLATFORMS = (
    "Tmall",
    "Taobao",
    "JD.com",
    "Pinduoduo",
    "Alibaba",
    "Douyin",
    "Kuaishou",
    "Amazon",
    "Shein",
    "Vipshop",
)
# "Bosideng, China's best-known maker of down jackets": a name that an apposition calls a company.
_APPOSED = re.compile(
    r"\b(?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3}),\s+(?:(?:China|the\s+country|the\s+world|"
    r"Asia|the\s+region)['’]s|the|a|an|one\s+of\s+the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:company|companies|maker|makers|brand|brands|manufacturer|manufacturers|producer|producers|"
    r"enterprise|enterprises|firm|firms|group|retailer|exporter|supplier)\b"
)
# "Chen Hui, the general manager of a shoe company": a person's role, not an enterprise's apposition.
_ROLE = re.compile(
    r"(?i)\b(?:manager|director|chairman|chairwoman|head|president|founder|ceo|owner|secretary|mayor|official|"
    r"spokesperson|spokesman|reporter|engineer|designer|worker|employee|boss|partner|member|deputy)\b"
)
_PLATFORM = re.compile(r"\b(" + "|".join(re.escape(p) for p in PLATFORMS) + r")\b")


def find_enterprises(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        text, base = sentence.text, sentence.start
        for m in _SUFFIX.finditer(text):
            found.append(_mention(base + m.start(), m.group(0)))
        for m in _SUCH_AS.finditer(text):
            parts = list(re.finditer(r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of))*", m.group(1)))
            for part in parts:  # one-word names only in a list of several ("like Huafu, Youngor, and Grace")
                start = base + m.start(1) + part.start()
                if len(part.group(0).split()) >= 2 or len(parts) >= 2:
                    found.append(_mention(start, part.group(0)))
        for m in _APPOSED.finditer(text):
            if (
                not ctx.places_in(base + m.start("name"), base + m.end("name"))
                and _not_common(m["name"])
                and not _ROLE.search(m.group(0))
            ):
                found.append(_mention(base + m.start("name"), m.group("name")))
        for m in _trade_matches(text):
            if _trade_name(ctx, base + m.start(), m):
                found.append(_mention(base + m.start(), m.group("name")))
        for m in _PLATFORM.finditer(text):
            found.append(_mention(base + m.start(), m.group(0), platform=True))
    return found


def _trade_matches(text: str) -> list[re.Match[str]]:
    """Trade names, also right after a generic capitalised word ("With Shenzhou Knitting (Anhui)")."""
    found = []
    for m in _TRADE.finditer(text):
        if m["first"] in _NOT_TRADE:
            again = _TRADE.match(text, m.end("first") + 1)
            if again:
                found.append(again)
        elif not re.search(r"(?:\bof|['‘“\"])\s*$", text[: m.start()]) and not _joined_title(text, m.start()):
            found.append(m)  # "Exhibition of European Fashion": part of a longer title
    return found


def _joined_title(text: str, at: int) -> bool:
    """ "Wedding and Evening Fashion": the second half of a title, unless the first ends a trade name
    ("Huitong Textile and Lixin Printing and Dyeing")."""
    before = re.search(r"([A-Z][a-z]+)\s+and\s+$", text[:at])
    return (
        before is not None
        and _TRADE.search(before.group(1) + " ") is None
        and not re.fullmatch(
            r"Textiles?|Knitting|Clothing|Garments?|Apparel|Weaving|Spinning|Dyeing|Knitwear|Silk|Fashion|"
            r"Hosiery|Cashmere|Industry|Group",
            before.group(1),
        )
    )


def _trade_name(ctx: ArticleContext, start: int, match: re.Match[str]) -> bool:
    """Not a place and its industry ("Xinjiang Textile"), not a generic word, not inside a quote."""
    if match["first"] in _NOT_TRADE or not _not_common(match["first"]):
        return False
    words = match["name"].split()
    places = ctx.places_in(start, start + len(match["name"]))
    return not (places and places[0].start == start and len(places[0].text.split()) >= len(words) - 1)


def _not_common(name: str) -> bool:
    """Sentence-initial words and generic heads are not names ("Today, the ...", "Officials, the ...")."""
    first = name.split()[0].lower()
    return first not in {
        "today",
        "officials",
        "analysts",
        "experts",
        "however",
        "meanwhile",
        "also",
        "it",
        "this",
        "that",
        "these",
        "they",
        "we",
        "he",
        "she",
        "the",
        "in",
        "for",
    }


def _mention(start: int, text: str, *, platform: bool = False) -> Mention:
    name = text.rstrip(" .,").replace("’", "'")
    attrs = (("platform", "yes"),) if platform else ()
    return Mention("enterprise", start, start + len(text.rstrip(" ,")), text.rstrip(" ,"), name, attrs=attrs)
