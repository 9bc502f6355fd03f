"""Aims of an initiative as the article words them (tkg:aim): the objects of a plan's verbs of focus
and development, one item of a list each.

"Focus on the development of high-quality fabrics, high-end silk products, expand the application of
industrial textiles" gives "high-quality fabrics", "high-end silk products" and "industrial textiles";
"the zone is oriented by cotton processing" gives "cotton processing"; "with functions including
spinning, dyeing & printing and logistics" gives each function; "the textile, leather, chemical fibre
and other 10 manufacturing upgrading" (a word-for-word list of sectors) gives each sector. An item the
measure scheme names is left to tkg:promotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.mentions.terms import TermMatcher

_OF = (
    r"(?:\s+the)?(?:\s+(?:development|construction|building|cultivation|application|promotion|upgrading)"
    r"(?:\s+and\s+(?:development|application|promotion|upgrading|construction))?\s+of)?"
)
# A verb (phrase) whose object is an aim of the plan. Nominal forms ("the development of") are folded in.
_VERB_OF = r"(?:speed(?:s|ing)?\s+up|accelerat(?:e|es|ing)|expand(?:s|ing)?)"
_GROW = r"(?:to\s+)?(?:strengthen(?:s|ing)?|cultivat(?:e|es|ing)|foster(?:s|ing)?|promot(?:e|es|ing))"
_CUE = re.compile(
    r"(?i)\b(?:"
    r"focus(?:es|ed|ing)?\s+on(?:\s+the)?(?:\s+(?:development|construction|building|cultivation)\s+of|"
    r"\s+developing|\s+building)?"
    rf"|{_VERB_OF}{_OF}"
    r"|(?:is|are|be|being)\s+oriented\s+(?:by|to|towards?)"
    r"|aim(?:s|ed|ing)?\s+(?:at|to)\s+(?:construct(?:ing)?|build(?:ing)?|develop(?:ing)?|creat(?:e|ing)|"
    r"establish(?:ing)?|form(?:ing)?)"
    rf"|{_GROW}{_OF}(?:\s+more\s+than)?"
    r"|(?:and\s+)?forming"
    r"|\bwith\s+(?:[\w-]+\s+){1,2}?(?:including|such\s+as)"
    r")\s+"
)
# "the A, B, C and other 10 manufacturing upgrading": a listed run of sectors with "and other".
_OTHER = re.compile(
    r"(?i)\b(?:the\s+)?((?:[\w&'’-]+(?:\s+[\w&'’-]+){0,2},\s*){2,}[\w&'’ -]+?)\s+and\s+other\s+(?:\d+\s+)?"
    r"(?:industries|sectors|manufacturing|fields|trades|products|categories)\b"
)
_END = re.compile(
    r"[.;:!?。；()\[\]“”\"]|\s+(?:so\s+that|in\s+order\s+to|to|which|where|while)\s|\s+by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d"
    r"|,\s*(?:upon|by|through|according|under|via|after|before|when|while|as|so|thus|which|where)\b"
)
_CLAUSE = re.compile(r"(?i)\b(?:is|are|was|were|has|have|had|will|would|can|could)\b")
_LEAD = re.compile(
    r"(?i)^(?:and|or|the|a|an|its|their|new|more|more\s+than|other|various|a\s+number\s+of|including|such\s+as|"
    r"namely)\s+"
)
# A capitalised word inside an item (not an acronym such as R&D): a name, whose place is elsewhere.
_PROPER = re.compile(r"\b[A-Z][a-z’'][\w’'-]*")
_TAIL = re.compile(r"(?i)(?:\s+(?:\d[\d,.]*|and\s+other\b.*|etc\.?|and\s+so\s+on|and|or))+$")
_VERBS = (
    r"is|are|was|were|be|has|have|will|should|to|expand|speed|accelerate|promote|strengthen|build|develop|"
    r"cultivate|focus|form|forming|create|establish|improve|enhance|support|encourage|carry|make|deepen|"
    r"integrate|open|give|strive|implement|guide|increase|achieve|realize|realise|ensure|adhere|insist|take|"
    r"play|rely|relying|drive|boost|optimize|optimise|upgrade|launch|set|help|use|explore|innovate"
)
_VERB_START = re.compile(rf"(?i)^(?:{_VERBS}|from|in|at|on|by|with|for|of|into|through)\b")
_VERB_TAIL = re.compile(
    rf"(?i)\s+(?:and|to)\s+(?:{_VERBS})\b.*$|\s+(?:of|for|to|in|on|with|by|from|at|and|or)$"
)
_STOP = re.compile(r"(?i)^(?:it|this|that|these|those|them|which|industry|industries|development)$")
MAX_WORDS = 8


def _items(span: str, industries: TermMatcher, run: bool) -> list[str]:
    """The list items of an object span: split at commas (and an Oxford ", and"), cleaned. One word is
    an aim only in a run of sectors or when it names an industry ("clothes", not "green")."""
    out = []
    for raw in re.split(r"\s*(?<!\d),(?!\d{3})\s*(?:and\s+)?|\s*、\s*", span):
        item = raw.strip(" -–")
        for _ in range(3):
            item = _LEAD.sub("", item).strip()
        for _ in range(3):  # "50 brand enterprises by 2026": the year, then "by"
            item = _TAIL.sub("", _VERB_TAIL.sub("", item)).strip(" -–")
        if not item or _VERB_START.match(item) or _STOP.match(item) or not re.search(r"[A-Za-z]{3}", item):
            continue
        if _CLAUSE.search(item) or _PROPER.search(item):  # a clause of its own; a name, not an aim
            continue
        if len(item.split()) > MAX_WORDS or (" " not in item and not run and industries.lookup(item) is None):
            continue
        out.append(re.sub(r"\s*&\s*", " and ", item))
    return out


def _spans(sentence: str) -> Iterable[tuple[bool, str]]:
    """(whether a run of sectors, the span) for each aim cue of the sentence and each listed run."""
    cues = list(_CUE.finditer(sentence))
    for i, cue in enumerate(cues):
        stop = cues[i + 1].start() if i + 1 < len(cues) else len(sentence)
        text = sentence[cue.end() : stop]
        end = _END.search(text)
        text = text[: end.start()] if end else text
        # "... including A, B and C": the list after it is the aim, not the thing before
        yield False, re.sub(r",\s*(?:and\s+)?(?:expand|speed|accelerate)\b.*$", "", text)
    for run in _OTHER.finditer(sentence):  # "start the textile, clothing, ...": the run after "the"
        yield True, re.sub(r"(?i)^.*?\bthe\s+", "", run.group(1))


def aims_of(sentences: Iterable[str], measures: TermMatcher, industries: TermMatcher) -> list[str]:
    """The aims the sentences give a plan, in text order, without duplicates and without items that
    are measure concepts (those are tkg:promotes)."""
    found: dict[str, str] = {}
    for sentence in sentences:
        for run, span in _spans(sentence):
            for item in _items(span, industries, run):
                if measures.lookup(item) is not None:
                    continue
                found.setdefault(item.casefold(), item)
    return list(found.values())
