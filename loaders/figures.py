"""Figures in sentences: value, unit, year or period, comparator, kind and the words of the measure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from loaders.numbers import WORDS, Quantity, find_quantities
from loaders.sentences import Sentence

_FUTURE = re.compile(
    r"\b(will|shall|strive|striving|aims?|aiming|target(s|ed)?|goals?|plans? to|is to|are to|expected|"
    r"propose[sd]?|to (reach|build|create|cultivate)|by (the end of )?20\d\d)\b",
    re.I,
)
_LIST_SIZE = re.compile(r"(?i)(?:\btop|\bone\s+of\s+(?:the\s+)?(?:first|top))\s*$")
_PAST = re.compile(
    r"\b(was|were|had|has been|have been|reached|achieved|totall?ed|amounted|rose|grew)\b", re.I
)
_YEAR = re.compile(
    r"\b(?:(?P<by>by|until|before|till)\s+(?:the end of\s+)?)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.I
)
_PERIOD = re.compile(r"\b(?:from\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|to)\s*(?P<b>(?:19|20)\d\d)\b", re.I)
_TARGET_YEAR = re.compile(r"(?:^|\bthat\s+|,\s*)by\s+(?:the end of\s+)?(?P<year>20\d\d)\b", re.I)
_NOUN_TOKEN = re.compile(r"\s+(\([^)]{1,40}\)|[A-Za-z][\w'’&-]*)")
_STOP = set(
    [
        "in",
        "of",
        "for",
        "from",
        "to",
        "at",
        "by",
        "with",
        "on",
        "per",
        "will",
        "would",
        "are",
        "is",
        "were",
        "was",
        "have",
        "has",
        "be",
        "been",
        "that",
        "which",
        "including",
        "such",
        "as",
        "each",
        "every",
        "the",
        "a",
        "an",
        "this",
        "these",
        "their",
        "its",
        "than",
        "or",
        "into",
        "among",
        "within",
        "across",
        "about",
        "over",
    ]
)
_LIST_AFTER = re.compile(r",\s+(?:[\w-]+\s+){0,2}[\w-]+s,?\s+(?:and|or)\s+")
_SKIP_UNITS = {
    "times",
    "time",
    "years",
    "year",
    "days",
    "day",
    "months",
    "month",
    "hours",
    "minutes",
    "weeks",
    "th",
    # what a text enumerates, not what it counts ("has three characteristics", "the two sessions",
    # "more than 2000 kinds of ...")
    "characteristics",
    "features",
    "aspects",
    "kinds",
    "types",
    "ways",
    "steps",
    "sessions",
    "points",
    "principles",
}
_UNIT_ALIASES = {
    "companies": "enterprises", "firms": "enterprises", "enterprises": "enterprises", "people": "persons",
    "persons": "persons", "talents": "persons", "experts": "persons", "scholars": "persons",
    "workers": "persons", "employees": "persons", "designers": "persons", "professionals": "persons",
    "staff": "persons", "entrepreneurs": "persons", "students": "persons", "centres": "centers",
    "producers": "enterprises", "manufacturers": "enterprises", "makers": "enterprises",
    "non-locals": "persons",
    "residents": "persons", "inhabitants": "persons", "tailors": "persons", "visitors": "persons",
    "tourists": "persons", "emigrants": "persons", "migrants": "persons",
}  # fmt: skip
_UNIT_WORDS = {
    "ton": "tons",
    "tonne": "tons",
    "tonnes": "tons",
    "piece": "pieces",
    "pair": "pairs",
    "mu": "mu",
}
# Measure words: the first word says the unit whatever follows ("3000 tons cargos", "50 pairs socks").
_MEASURE_WORDS = {"ton", "tons", "tonne", "tonnes", "pieces", "pairs", "sets", "spindles", "hectares", "mu",
                  "metres", "meters", "kilometres", "kilometers"}  # fmt: skip


@dataclass(frozen=True)
class FigureMention:
    """A figure as the text gives it; ``start``/``end`` are offsets into the article text."""

    start: int
    end: int
    sentence: Sentence
    value: Decimal
    unit: str
    measure: str
    kind: str  # "target" | "observation" | "event"
    comparator: str | None = None
    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    uncertain: bool = False
    text: str | None = None  # a date as written in ISO form ("1994-02-18"): the value of an event


def find_figures(
    sentences: Sequence[Sentence], article_year: int | None, excluded: Sequence[tuple[int, int]] = ()
) -> list[FigureMention]:
    """Figures of the body sentences; a sentence without its own year continues the previous target's."""
    result: list[FigureMention] = []
    carry: FigureMention | None = None
    paragraph, paragraph_year = -1, None
    for sentence in sentences:
        if sentence.heading:
            carry = None
            continue
        if sentence.paragraph != paragraph:
            paragraph, paragraph_year = sentence.paragraph, None
        found = sentence_figures(sentence, article_year, excluded)
        if carry and carry.sentence.paragraph == sentence.paragraph and not _PAST.search(sentence.text):
            found = [_inherit(f, carry) for f in found]
        own = _years(sentence.text)[0] or (article_year and _relative_year(sentence.text, article_year))
        past = own and (own < article_year if article_year else not _FUTURE.search(sentence.text))
        if own and (past or (own == article_year and not _FUTURE.search(sentence.text))):
            paragraph_year = own
        elif _NOW.search(sentence.text):
            paragraph_year = None
        else:
            found = _carry_year(found, paragraph_year)
        result.extend(found)
        targets = [f for f in found if f.kind == "target" and (f.year or f.end_year)]
        carry = targets[-1] if targets else (carry if not found else None)
    return result


def sentence_figures(
    sentence: Sentence, article_year: int | None, excluded: Sequence[tuple[int, int]] = ()
) -> list[FigureMention]:
    text = _mask(sentence, excluded)
    year, period, by_year = _years(text)
    if year is None and period is None and article_year:
        year = _relative_year(text, article_year)
    future = bool(_FUTURE.search(text))
    result: list[FigureMention] = []
    for q in find_quantities(text):
        absolute = (sentence.start + q.start, sentence.start + q.end)
        if _is_year(q, text) or text[max(0, q.start - 1) : q.start] in {"“", '"', "‘"}:
            continue
        if _LIST_SIZE.search(text, max(0, q.start - 30), q.start):
            continue  # "one of the first 35 key markets", "top 100 cities": a ranked list, no count
        unit, measure, end = _unit_and_measure(text, q)
        counted = _COUNT_AFTER.match(text, q.end)
        if counted and _unit_of(counted.group(1).split()[-1]) and not _is_year_text(counted.group(2)):
            # "ultra-100 billion industrial clusters 10, ... more than 10 billion yuan leading enterprises
            # 30": a word-for-word translation puts the count after the things it counts
            amount = text[q.start : q.end].strip()
            unit, measure = _unit_of(counted.group(1).split()[-1]), f"{counted.group(1)} over {amount}"
            q = Quantity(q.start, q.end, Decimal(counted.group(2)), None, None)
            end = counted.end()
        if unit is None or _qualifier(text, q.start, end, result):
            continue
        kind = _kind(future, year or (period[1] if period else None), article_year)
        result.append(
            FigureMention(
                absolute[0],
                sentence.start + end,
                sentence,
                q.value,
                unit,
                measure,
                kind,
                q.comparator,
                year,
                period[0] if period else None,
                period[1] if period else None,
                q.uncertain,
            )
        )
    for ranked in _RANK.finditer(text):
        place = ranked.group("n") or ranked.group("n2")
        order = _ORDINALS.get(place.lower()) if place else None
        if order is None and place:
            order = int(re.sub(r"\D", "", place) or 0) or None
        if order:
            result.append(
                FigureMention(
                    sentence.start + ranked.start(),
                    sentence.start + ranked.end(),
                    sentence,
                    Decimal(order),
                    "rank",
                    "rank",
                    "observation",
                    year=year,
                )
            )
    result += _events(sentence, text)
    if not result and by_year and future:
        match = _TARGET_YEAR.search(text)
        if match:
            span = (sentence.start + match.start("year"), sentence.start + match.end("year"))
            result.append(
                FigureMention(
                    *span, sentence, Decimal(by_year), "year", "target year", "target", year=by_year
                )
            )
    return result


_COUNT_AFTER = re.compile(
    r"\s+((?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]{2,}s)\s+(\d{1,5})(?=\s*[,;]|\.(?!\d)|\s*$)"
)


def _is_year_text(digits: str) -> bool:
    return len(digits) == 4 and digits[:2] in {"19", "20"}


_THRESHOLD = re.compile(
    r"\bwith\s+(?:an?\s+)?(?:annual\s+|yearly\s+)?(?:revenue|sales|output(?:\s+value)?|income|turnover|"
    r"investment|assets|capacity)\s+(?:of\s+)?(?:more\s+than|over|above|at\s+least|exceeding)?\s*$"
)


def _qualifier(text: str, start: int, end: int, earlier: list[FigureMention]) -> bool:
    """ "20 enterprises with annual revenue of more than 1 billion yuan each": the amount is a threshold
    of the counted things, not a figure of its own."""
    if re.match(r"\s*each\b", text[end:]):
        return True
    return bool(earlier) and _THRESHOLD.search(text[max(0, start - 80) : start]) is not None


def _mask(sentence: Sentence, excluded: Sequence[tuple[int, int]]) -> str:
    """The sentence with the named entities in it blanked out (their numbers and years are names)."""
    chars = list(sentence.text)
    for start, end in excluded:
        for i in range(max(start, sentence.start), min(end, sentence.end)):
            chars[i - sentence.start] = " "
    return "".join(chars)


def _inherit(figure: FigureMention, carry: FigureMention) -> FigureMention:
    if figure.year or figure.end_year:
        return figure
    return replace(
        figure, kind="target", year=carry.year, start_year=carry.start_year, end_year=carry.end_year
    )


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
# "ranked first in the country", "ranks No. 3", "In second place", "the second largest": an order.
_RANK = re.compile(
    r"\b(?:rank(?:s|ed|ing)?\s+(?:the\s+)?(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|No\.\s*\d+|\d+(?:st|nd|rd|th))|in\s+(?P<n2>first|second|third)\s+place)\b",
    re.I,
)
_RELATIVE_YEAR = re.compile(
    r"\b(?:(?P<last>last\s+year|the\s+previous\s+year|a\s+year\s+earlier)|(?P<this>this\s+year))\b", re.I
)


def _relative_year(text: str, article_year: int) -> int | None:
    """ "Last year" is the year before the article's, "this year" its own."""
    match = _RELATIVE_YEAR.search(text)
    if not match:
        return None
    return article_year - 1 if match.group("last") else article_year


_NOW = re.compile(r"\b(?:at present|currently|now|today|to date|so far|up to date)\b", re.I)


def _carry_year(found: list[FigureMention], year: int | None) -> list[FigureMention]:
    """Observations of a sentence without a year of its own continue the year its paragraph set
    ("In 2004, the industry achieved ... Among these enterprises, 138 ...")."""
    if year is None:
        return found
    return [
        replace(f, year=year) if f.kind == "observation" and f.year is None and f.end_year is None else f
        for f in found
    ]


def _years(text: str) -> tuple[int | None, tuple[int, int] | None, int | None]:
    period_match = _PERIOD.search(text)
    period = (int(period_match.group("a")), int(period_match.group("b"))) if period_match else None
    year = by_year = None
    for match in _YEAR.finditer(text):
        if period_match and period_match.start() <= match.start() < period_match.end():
            continue
        year = year or int(match.group("year"))
        if match.group("by"):
            by_year = by_year or int(match.group("year"))
    return (by_year or year), period, by_year


def _kind(future: bool, year: int | None, article_year: int | None) -> str:
    if future and not (year and article_year and year < article_year):
        return "target"
    return "observation"


def _is_year(q: Quantity, text: str) -> bool:
    raw = text[q.start : q.end]
    return q.unit is None and bool(re.fullmatch(r"(19|20)\d\d", raw.strip()))


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_DATE = (
    r"(?:(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+)?)?(?P<year>(?:19|20)\d\d)\b"
)
_FOUNDED = (
    r"(?P<verb>established|founded|set\s+up|opened|inaugurated|launched|put\s+into\s+operation|"
    r"promoted\s+(?:from\s+an?\s+\w+\s+)?to\s+an?\s+(?:city|county|district))"
)
# "X was established in December 2020", "Changle was promoted ... to a city ... on Feb. 18th, 1994",
# "In December 2020, X was established", "Since its establishment in May, 1985, X ...": one-off events.
_EVENT_AFTER = re.compile(rf"\b{_FOUNDED}\b[^.;]{{0,60}}?\b(?:in|on)\s+{_DATE}")
_EVENT_BEFORE = re.compile(
    rf"\b(?:In|On|in|on)\s+{_DATE},?\s+[^.;]{{0,80}}?\b(?:was|were|has\s+been)\s+{_FOUNDED}\b"
)
_SINCE_FOUNDED = re.compile(
    rf"\b(?:[Ss]ince|[Aa]fter)\s+its\s+(?P<verb>establishment|founding|opening)\s+in\s+{_DATE}"
)
_NAME_AFTER = re.compile(r",\s*(?:the\s+)?(?:[A-Z][\w'’-]*\s*)+")


def _events(sentence: Sentence, masked: str) -> list[FigureMention]:
    """Foundings, openings and promotions with their date: value the date ("1985-05", "1994-02-18", unit
    date) or the year (unit year); the figure sits where its subject is found before it."""
    found = []
    for pattern in (_EVENT_AFTER, _EVENT_BEFORE, _SINCE_FOUNDED):
        for m in pattern.finditer(masked):
            at = m.start("verb")
            if pattern is _SINCE_FOUNDED:  # the subject follows: "..., Changshu Garments Town has ..."
                name = _NAME_AFTER.match(sentence.text, m.end())
                if name is None:
                    continue
                at = name.end()
            year = int(m.group("year"))
            month = _MONTHS.get((m.group("month") or "")[:3].lower())
            day = int(m.group("day")) if m.group("day") else None
            text = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "") if month else None
            verb = re.sub(r"\s+", " ", m.group("verb").lower())
            measure = (
                "establishment"
                if verb in {"established", "founded", "set up", "establishment", "founding"}
                else verb
            )
            start = sentence.start + at
            found.append(
                FigureMention(
                    start,
                    start + 1,
                    sentence,
                    Decimal(year),
                    "date" if text else "year",
                    measure,
                    "event",
                    year=year,
                    text=text,
                )
            )
    return found


def _unit_and_measure(text: str, q: Quantity) -> tuple[str | None, str, int]:
    if q.unit:
        return q.unit, _measure_before(text, q.start), q.end
    population = _POPULATION.search(text[max(0, q.start - 40) : q.start])
    if population:  # "the permanent population of 133,500": people, though no noun follows
        return "persons", population.group(1) or "population", q.end
    counted = _NUMBER_OF.search(text[max(0, q.start - 80) : q.start])
    if counted and not _NOUN_AFTER.match(text, q.end):  # "the number of studios rises to 200."
        noun = counted.group(1).split()
        return _unit_of(noun[-1]), f"number of {counted.group(1)}", q.end
    among = _AMONG.search(text[max(0, q.start - 60) : q.start])
    ones = _ARE_ONES.match(text, q.end)
    if among and ones:  # "Among these enterprises, 138 are large-scale ones"
        noun = among.group(1)
        return _unit_of(noun.split()[-1]), f"{ones.group(1)} {noun}", q.end
    totalled = _AMOUNTED.search(text[max(0, q.start - 100) : q.start])
    if totalled and not _NOUN_AFTER.match(text, q.end) and _unit_of(totalled.group(1).split()[-1]):
        # "the textile and garment enterprises above designated size amounted to 251."
        measure = re.sub(r"(?i)^(?:the|its|their)\s+", "", totalled.group(0).split(" amount")[0].strip())
        return _unit_of(totalled.group(1).split()[-1]), measure, q.end
    if q.value == 1 or (q.end < len(text) and not text[q.end].isspace()):
        return None, "", q.end
    words: list[str] = []
    end = q.end
    for match in _NOUN_TOKEN.finditer(text, q.end):
        if match.start() != end:
            break
        token = match.group(1)
        low = token.lower()
        if low in _STOP or low in WORDS or (low == "and" and not _plural_ahead(text, match.end())):
            break
        end = match.end()
        if not token.startswith("("):
            words.append(token)
        if len(words) >= 7:
            break
    plural = [i for i, w in enumerate(words) if w.lower().endswith("s") and not w.lower().endswith("ss")]
    words = words[: plural[-1] + 1] if plural else words
    if not words or re.search(r"\bthe\s+$", text[max(0, q.start - 5) : q.start], re.I):
        return None, "", q.end  # "the three regions": a reference, not a figure
    if _LIST_AFTER.match(text, end):
        return "items", " ".join(words), end
    if len(words) >= 2 and words[0].lower() == "square":  # "5 square kilometres": an area
        return f"square {words[1].lower()}", " ".join(words), end
    if " ".join(words[-3:]).lower() == "countries and regions":
        return "countries and regions", " ".join(words), end
    if len(words) >= 2 and words[0].lower() in _MEASURE_WORDS:
        return _unit_of(words[0]), " ".join(words), end
    return _unit_of(words[-1]), " ".join(words), end


_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+s)\s+(?:has\s+|have\s+|will\s+)?"
    r"(?:rises|rose|risen|rise|reaches|reached|reach|grows|grew|grown|grow|increases|increased|increase|"
    r"hits|hit|stands|stood|is|was)\s+(?:to\s+|at\s+)?(?:more\s+than\s+|over\s+|about\s+|nearly\s+)?$",
    re.I,
)
_AMONG = re.compile(
    r"(?i)\bamong\s+(?:these|those|them|the|its|their)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+s)\s*,\s*$"
)
_ARE_ONES = re.compile(r"\s+(?:are|were)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+ones\b")
_AMOUNTED = re.compile(
    r"\b((?:[\w'’-]+\s+){0,4}?(?:enterprises|companies|firms|factories|workers|employees|people|"
    r"households|merchants|stalls|shops|brands|projects))(?:\s+above\s+designated\s+size)?\s+"
    r"(?:amounted|amount|amounts|totaled|totalled|totals|numbered|numbers)\s+(?:to\s+)?"
    r"(?:more\s+than\s+|over\s+|about\s+|nearly\s+)?$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s+(?!(?:in|by|at|on|as|and|or|last|this|each|a|per)\b)[a-z]")
_POPULATION = re.compile(
    r"\b((?:permanent\s+|registered\s+|resident\s+)?population)\s+(?:of|is|was|reached)\s+$", re.I
)


def _plural_ahead(text: str, at: int) -> bool:
    """Whether the words after an "and" reach a plural noun before a stop word.

    ("textile and apparel companies": yes; "universities and empower 500": no.)"""
    for match in _NOUN_TOKEN.finditer(text, at):
        if match.start() != at:
            return False
        low = match.group(1).lower()
        if low in _STOP or low in WORDS:
            return False
        if low.endswith("s") and not low.endswith("ss"):
            return True
        at = match.end()
    return False


def _unit_of(head: str) -> str | None:
    low = head.lower().strip("’'")
    if low in _SKIP_UNITS:
        return None
    if low in _UNIT_WORDS:
        return _UNIT_WORDS[low]
    for suffix, unit in _UNIT_ALIASES.items():
        if low.endswith(suffix):
            return unit
    return low if low.endswith("s") else None


def _measure_before(text: str, at: int) -> str:
    parts = [p for p in re.split(r"[,;:]|\band\b", text[:at]) if p.strip()]
    for part in [*parts[-1:], *parts[:1]]:
        cleaned = _TIME_LEAD.sub("", part).strip()
        if cleaned and not _VERB.match(cleaned) and cleaned.lower() not in {"etc", "etc."}:
            head = _VERB_SPLIT.split(cleaned, maxsplit=1)[0]
            head = re.sub(r"^(the|an?|its|their|with an?|with)\s+", "", head.strip(), flags=re.I)
            if head:
                return head
    return "value"


_TIME_LEAD = re.compile(
    r"^\s*(with|while|of which|it is expected that|by (the end of )?\d{4}|in \d{4})\b", re.I
)
_VERB = re.compile(r"(will|would|is|are|was|were|has|have|had|reach\w*|hit|total\w*|amount\w*)\b", re.I)
_VERB_SPLIT = re.compile(
    r"\s+(?:will|would|is|are|was|were|has|have|had|reached|reach|reaching|hit|totall?ed|amounted|rose|"
    r"increased|grew|exceeded|accounted|of about|of)\b"
)
