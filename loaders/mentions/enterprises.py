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
    r"\b(?:enterprises|companies|firms|brands|manufacturers|leaders)(?:,)?\s+(?:such as|like|including)\s+"
    r"((?:[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and))*)(?:\s*(?:,|and)\s*[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)*)"
)
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
            for part in re.finditer(r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of))*", m.group(1)):
                if len(part.group(0).split()) >= 2:
                    found.append(_mention(base + m.start(1) + part.start(), part.group(0)))
        for m in _APPOSED.finditer(text):
            if (
                not ctx.places_in(base + m.start("name"), base + m.end("name"))
                and _not_common(m["name"])
                and not _ROLE.search(m.group(0))
            ):
                found.append(_mention(base + m.start("name"), m.group("name")))
        for m in _PLATFORM.finditer(text):
            found.append(_mention(base + m.start(), m.group(0), platform=True))
    return found


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
