"""Quantities in English text: "CNY 180 billion", "31.78 billion yuan", "10%", "one-fourth", "seven"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "one thousand": 1000,
}  # fmt: skip
SCALES = {
    "trillion": Decimal(10) ** 12,
    "hundred million": Decimal(10) ** 8,
    "billion": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "ten thousand": Decimal(10) ** 4,
    "thousand": Decimal(10) ** 3,
}
FRACTIONS: dict[str, int | Decimal] = {
    "half": 50, "one-half": 50, "one half": 50, "one-third": Decimal("33.3"), "one third": Decimal("33.3"),
    "two-thirds": Decimal("66.7"), "two thirds": Decimal("66.7"), "one-fourth": 25, "one fourth": 25,
    "one-quarter": 25, "one quarter": 25, "a quarter": 25, "three-quarters": 75, "three quarters": 75,
    "one-fifth": 20, "one fifth": 20, "one-tenth": 10, "one tenth": 10, "a third": Decimal("33.3"),
    "a fifth": 20, "a tenth": 10, "one-sixth": Decimal("16.7"), "one sixth": Decimal("16.7"),
    "two-fifths": 40, "two fifths": 40, "three-fifths": 60, "three fifths": 60,
}  # fmt: skip
COMPARATORS = {
    "more than": "MoreThan", "over": "MoreThan", "above": "MoreThan", "exceeding": "MoreThan",
    "exceed": "MoreThan", "in excess of": "MoreThan", "at least": "AtLeast", "no less than": "AtLeast",
    "not less than": "AtLeast", "about": "About", "around": "About", "approximately": "About",
    "nearly": "About", "almost": "About", "close to": "About", "roughly": "About", "some": "About",
    "less than": "LessThan", "under": "LessThan", "below": "LessThan", "fewer than": "LessThan",
    "up to": "AtMost", "at most": "AtMost", "no more than": "AtMost", "not more than": "AtMost",
}  # fmt: skip

_WORD_ALT = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\s000)+\b|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORD_ALT})\b)"
_CURRENCY_BEFORE = r"(?:CNY|RMB|USD|US\$|\$|¥|￥|yuan)"
_CURRENCY_AFTER = r"(?:yuan|RMB|CNY|US dollars|dollars|USD)"
_COMPARATOR = r"(?:" + "|".join(sorted(COMPARATORS, key=len, reverse=True)) + r")"

QUANTITY = re.compile(
    rf"(?:(?P<cmp>{_COMPARATOR})\s+)?"
    rf"(?:(?P<low>{NUMBER})\s*(?:to|-|–|or)\s*)?"
    rf"(?:(?P<cur1>{_CURRENCY_BEFORE})\s*)?"
    rf"(?P<num>{NUMBER})"
    rf"(?:(?:\s*|-)(?P<scale>{_SCALE_ALT})\b)?"
    r"(?:\s+(?P<num2>\d{1,3})\s+(?P<scale2>million|thousand)\b)?"
    r"(?P<plus>-plus\b|\+)?"
    rf"(?:\s*(?P<pct>%|percent\b|per cent\b)|(?:\s+|-)(?P<cur2>{_CURRENCY_AFTER})\b)?",
    re.I,
)
FRACTION = re.compile(
    rf"(?:(?P<cmp>{_COMPARATOR})\s+)?\b(?P<frac>"
    + "|".join(sorted(FRACTIONS, key=len, reverse=True))
    + r")\b",
    re.I,
)


_PART_OF_TIME = re.compile(r"(?i)\b(?:first|second|latter|former|last|next)\s+$")
_OF_TIME = re.compile(r"(?i)\s+(?:of\s+(?:the\s+)?)?(?:a\s+)?(?:year|month|century|decade|day)s?\b")


@dataclass(frozen=True)
class Quantity:
    """A number found in text: normalised value, unit when the expression carries one, comparator."""

    start: int
    end: int
    value: Decimal
    unit: str | None  # "CNY", "USD", "percent", or None (a count; the noun after it says what)
    comparator: str | None  # a local name of a tkg:Comparator
    uncertain: bool = False
    is_word: bool = False


def parse_number(token: str) -> Decimal | None:
    """``"10,000"`` -> 10000, ``"seven"`` -> 7, ``"31.78"`` -> 31.78."""
    token = token.strip().lower()
    if token in WORDS:
        return Decimal(WORDS[token])
    try:
        return Decimal(re.sub(r"[,\s]", "", token))  # "100, 000" as some pages space it
    except ArithmeticError:
        return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` (offsets relative to it), money and percentages normalised."""
    found: list[Quantity] = []
    for m in FRACTION.finditer(text):
        if _PART_OF_TIME.search(text, max(0, m.start() - 12), m.start("frac")) or _OF_TIME.match(
            text, m.end()
        ):
            continue  # "in the first half of 2022", "half a year": a stretch of time, not a share
        cmp_ = COMPARATORS.get((m.group("cmp") or "").lower())
        value = Decimal(FRACTIONS[m.group("frac").lower()])
        found.append(Quantity(m.start(), m.end(), value, "percent", cmp_))
    taken = [(q.start, q.end) for q in found]
    money_end = -1
    for m in QUANTITY.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken) and (q := _quantity(m)):
            if q.unit in {"CNY", "USD"} and _CONVERSION.fullmatch(text[money_end : q.start]):
                continue  # "100 billion yuan ($13.92 billion)": the same amount converted
            found.append(q)
            money_end = q.end if q.unit in {"CNY", "USD"} else -1
    return sorted(found, key=lambda q: q.start)


_CONVERSION = re.compile(r"\s*[(（]\s*(?:about|around|approximately|roughly|or)?\s*")


def _quantity(m: re.Match[str]) -> Quantity | None:
    value = parse_number(m.group("num"))
    if value is None:
        return None
    scale = (m.group("scale") or "").lower()
    if scale:
        value *= SCALES[re.sub(r"\s+", " ", scale)]
    if m.group("num2") and scale in {"billion", "million"}:  # "24 billion 522 million yuan"
        value += Decimal(m.group("num2")) * SCALES[m.group("scale2").lower()]
    currency = (m.group("cur1") or m.group("cur2") or "").lower()
    unit = None
    if m.group("pct"):
        unit = "percent"
    elif currency:
        unit = "USD" if currency in {"usd", "us$", "$", "us dollars", "dollars"} else "CNY"
    cmp_ = COMPARATORS.get(re.sub(r"\s+", " ", (m.group("cmp") or "").lower()))
    if m.group("plus"):  # "380-plus textile companies"
        cmp_ = "MoreThan"
    is_word = not m.group("num")[0].isdigit()
    return Quantity(m.start(), m.end(), value, unit, cmp_, bool(m.group("low")), is_word)
