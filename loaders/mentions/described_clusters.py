"""Clusters described in prose rather than named: a county or town that a clause presents as a place of
an industry ("Datang Town ... has grown into the country's best-known sock-making base", "Changshu ... is
a garment city", "Humen Town is known across China for women's wear", "Xintang Town ..., a major base of
denim jeans")."""

from __future__ import annotations

import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.terms import Term
from loaders.sentences import Sentence

_LOCAL = {"county", "town"}
# Words that, in the clause about a place, say the place is a seat of an industry.
_CUE_BEFORE = re.compile(
    r"\b(?:bases?|centres?|centers?|hubs?|capitals?|home|cradle|heartland|city|town|county|systems?|chains?|"
    r"sectors?|marketing|suppliers?|makers?|producers?|exporters?|manufacturers?)\s+(?:of|for|covering)\s+"
    r"(?:[\w'’-]+\s+){0,3}$"
    r"|\b(?:known|famous|renowned|noted|celebrated)\b[^,;]{0,40}\bfor\s+(?:its\s+)?(?:[\w'’-]+\s+){0,2}$"
    r"|\b(?:specializes|specialises|specializing|specialising)\s+in\s+(?:[\w'’-]+\s+){0,2}$"
    r"|\b(?:history|tradition)\s+of\s+(?:[\w'’-]+\s+){0,2}$"
    r"|\b(?:produces|makes|manufactures|turns\s+out|supplies|exports)\s+(?:(?:more|less)\s+than\s+)?"
    r"(?:half|a\s+third|a\s+quarter|\w+\s+percent|most|much|many|a\s+large\s+share|a\s+fifth)\s+of\s+"
    r"(?:(?:the|its|all|china['’]s|the\s+world['’]s)\s+)?(?:[\w'’-]+\s+){0,2}$"
    r"|\b(?:rests|relies|depends|is\s+built|centres|centers|thrives)\s+on\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_CUE_AFTER = re.compile(
    r"^[\s-]*(?:(?:making|manufacturing|processing|production|producing|trading|knitting|weaving)[\s-]+)?"
    r"(?:industry|industries|industrial\s+(?:clusters?|bases?|chains?)|clusters?|bases?|city|cities|towns?|"
    r"capitals?|hubs?|centres?|centers?|county)\b"
    r"|^\s+(?:for\s+(?:centuries|decades|generations|over\s+\w+\s+years)|since\s+the\s+\d{4}s)\b",
    re.I,
)
_INDUSTRY_HEAD = re.compile(r"(?i)\b(?:industry|industries|cluster)$")
# What may stand between a place and its predicate: "Town", "in Zhuji", "of Zhoukou City", ", a county-
# level city administered by Shaoxing,", "Guangzhou,".
_APPOSITION = re.compile(
    r"(?:\s+(?:Town|County|District))?"
    r"(?:\s+(?:in|of|under)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}){0,2}"
    r"(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?=,))?"
    r"(?:,\s*(?:a|an)\s+(?:county-level|prefecture-level|county|town|district|city)[^,]{0,60},)?"
    r"(?:,\s*(?:famous|known|renowned|long\s+known|once\s+known)\b[^,]{0,60},)?"
)
_PREDICATE = re.compile(
    r"[\s,]*(?:(?:also\s+|now\s+|still\s+)?(?:is|was|has|have|remains|became|becomes|hosts|boasts|"
    r"[a-z]{3,}s)\b|(?:a|an|the|one)\s)"
)
# Cues strong enough to make a prefecture-level city's industry a cluster of its own.
_STRONG = re.compile(
    r"(?i)\b(?:one\s+of\s+(?:the|china['’]s)\s+(?:country['’]s\s+)?(?:largest|biggest|main|major|leading|most\s+important)"
    r"\s+(?:[\w'’-]+\s+){0,3}(?:bases|centres|centers|clusters|hubs)|capital\s+of|known\s+as\s+(?:the\s+)?china)\b"
)
_LIST_JOIN = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
_CLAUSE_END = re.compile(r";|\.\s|\bwhile\b|\bwhereas\b|\bbut\b|,\s+and\s+(?:the|its|it)\b")


def find_described_clusters(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        if sentence.heading:
            continue
        industries = ctx.industry_terms(sentence)
        if not industries:
            continue
        for place in ctx.places_in(sentence.start, sentence.end):
            level = place.attr("level")
            if level not in _LOCAL and level != "city":
                continue
            terms = _described(ctx, sentence, place, industries)
            if terms:
                attrs: tuple[tuple[str, str], ...] = (("place", place.code or ""), ("described", "yes"))
                if level == "city" and not _STRONG.search(sentence.text):
                    attrs += (("merge_only", "yes"),)  # a city's industry: a cluster if the article names one
                attrs += tuple(("industry", str(t.concept)) for t in terms)
                found.append(Mention("cluster", place.start, place.end, place.text, "", place.code, attrs))
                break  # the sentence's subject; the places after it only locate it
        else:
            found += _cluster_in_place(ctx, sentence, industries)
    return found


# "a women's pants production cluster was taking shape in Maozui": the cluster before its place.
_CLUSTER_IN = re.compile(
    r"[\s-]*(?:(?:production|manufacturing|processing|industrial|industry)\s+)?cluster\s+"
    r"(?:(?:has|have|had|is|was|were)\s+)?(?:(?:been\s+)?(?:taking|took|taken|formed|forming|emerged|emerging|"
    r"grown|growing|developed|developing|built|shape)\s+){0,3}(?:shape\s+)?in\s+(?:the\s+)?",
    re.I,
)


def _cluster_in_place(ctx: ArticleContext, sentence: Sentence, industries: list[Term]) -> list[Mention]:
    """The cluster of an industry named before its county or town ("... cluster took shape in X")."""
    for term in industries:
        cue = _CLUSTER_IN.match(ctx.text, term.end, sentence.end)
        place = ctx.place_at(cue.end()) if cue and term.text[:1].islower() else None
        if place is not None and place.attr("level") in _LOCAL:
            attrs = (("place", place.code or ""), ("described", "yes"), ("industry", str(term.concept)))
            return [Mention("cluster", place.start, place.end, place.text, "", place.code, attrs)]
    return []


def _described(ctx: ArticleContext, sentence: Sentence, place: Mention, industries: list[Term]) -> list[Term]:
    """The industry terms of the clause that presents ``place`` as their seat, if it does."""
    text = ctx.text
    at = place.end
    skip = _APPOSITION.match(text, at, sentence.end)
    at = skip.end() if skip else at
    predicate = _PREDICATE.match(text[at : sentence.end])
    if not predicate or _other_name_follows(text, place.end):
        return []
    end = sentence.end
    cut = _CLAUSE_END.search(text, at, sentence.end)
    end = cut.start() if cut else end
    clause = [t for t in industries if at <= t.start and t.end <= end and t.text[:1].islower()]
    cued = next((i for i, t in enumerate(clause) if _cued(text, at, t)), None)
    if cued is None:
        return []
    listed = [clause[cued]]
    for term in clause[cued + 1 :]:  # "for cotton spinning, chemical fiber, non-woven fabrics and ..."
        if not _LIST_JOIN.fullmatch(text[listed[-1].end : term.start]):
            break
        listed.append(term)
    return listed[:6]


def _cued(text: str, clause_start: int, term: Term) -> bool:
    before = text[max(clause_start, term.start - 80) : term.start]
    after = text[term.end : term.end + 40]
    return bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(after) or _INDUSTRY_HEAD.search(term.text))


def _other_name_follows(text: str, end: int) -> bool:
    """ "Haining Warp Knitting ...": the place begins a longer name, it is not the clause's subject."""
    return re.match(r"\s+[A-Z][a-z]", text[end : end + 3]) is not None and not re.match(
        r"\s+(?:Town|County|District|City)\b", text[end : end + 10]
    )
