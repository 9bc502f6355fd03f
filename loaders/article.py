"""The article value type and its parsing: HTML, Markdown or plain text in, plain text and metadata out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.namespaces import slugify
from loaders.furniture import content_spans
from loaders.markup import html_to_text, markdown_to_text

# Month names and their usual abbreviations ("2 September 2024", "Sept. 2, 2024", "14 Mar 2024").
_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(20\d\d|19\d\d)[/.-](\d{1,2})[/.-](\d{1,2})\b"), "ymd"),
    (
        re.compile(
            r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
            r"\s+(\d{1,2}),?\s+(20\d\d|19\d\d)\b"
        ),
        "mdy",
    ),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(20\d\d|19\d\d)\b"), "dmy"),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d|19\d\d)\b"), "mdy"),
    (re.compile(r"(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    )
}
_PUBLISHER = re.compile(
    r"^\s*[(（]?\s*(?:source|Source|SOURCE)\s*[:：]\s*([^()（）\n]{2,80}?)\s*[)）]?\s*$", re.M
)
_TITLE_NOISE = re.compile(r"^(Home\s*>.*|.*\d{4}/\d{1,2}/\d{1,2}.*|\W*)$")


@dataclass(frozen=True)
class Article:
    """One source document; every evidence offset indexes into ``text``."""

    id: str
    text: str
    title: str | None
    date: str | None  # ISO yyyy-mm-dd
    publisher: str | None
    url: str | None
    source: str | None  # file name
    media_type: str = "text/plain"


def article_id_for(name: str) -> str:
    """A stable id from a file name or stem: ``"003_e3ad.txt"`` -> ``"003-e3ad"``."""
    stem = re.sub(r"\.(txt|md|markdown|html?|text)$", "", name.rsplit("/", 1)[-1], flags=re.I)
    return slugify(stem)


def parse_article(
    raw: str,
    *,
    article_id: str,
    media_type: str = "text/plain",
    metadata: Mapping[str, object] | None = None,
    source: str | None = None,
) -> Article:
    """Plain text of ``raw`` with title, date and publisher from ``metadata`` or detected in the text."""
    meta = metadata or {}
    if "html" in media_type:
        text = html_to_text(raw)
    elif "markdown" in media_type:
        text = markdown_to_text(raw)
    else:
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        id=article_id,
        text=text,
        title=_meta_str(meta, "title") or detect_title(text),
        date=_meta_date(meta) or detect_date(text),
        publisher=_meta_str(meta, "publisher") or detect_publisher(text),
        url=_meta_str(meta, "url"),
        source=source or _meta_str(meta, "source"),
        media_type=media_type,
    )


def detect_title(text: str) -> str | None:
    """The first substantial line of the content (not a menu, date line or tag line)."""
    spans = content_spans(text)
    for start, end in spans[:3]:
        line = text[start:end].strip()
        if len(line.split()) >= 3 and not _TITLE_NOISE.match(line):
            return line[:300]
    return None


def detect_date(text: str) -> str | None:
    """The first date in the first ~30 lines or the content head, as ISO ``yyyy-mm-dd``."""
    spans = content_spans(text)
    head = text[: spans[0][1] + 600] if spans else text[:1500]
    found: list[tuple[int, str]] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(head):
            iso = _iso(match, order)
            if iso and _dateline(head, match.start()):
                found.append((match.start(), iso))
    return min(found)[1] if found else None


def _dateline(text: str, at: int) -> bool:
    """A date on a line of its own, a byline or a dateline ("HUZHOU, Oct. 9, 2023 (Xinhua) --"); a
    date inside prose ("was promoted to a city on Feb. 18th, 1994") is an event, not the article's."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line) <= _BYLINE_LENGTH or at - start <= _DATELINE_OFFSET


_BYLINE_LENGTH = 120
_DATELINE_OFFSET = 40


def detect_publisher(text: str) -> str | None:
    """The publisher named in a "(source: Hebei Daily)" or "Source: Xinhua" line."""
    match = _PUBLISHER.search(text)
    return match.group(1).strip() if match else None


def _iso(match: re.Match[str], order: str) -> str | None:
    if order == "ymd":
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif order == "dmy":
        day, month, year = int(match.group(1)), _month(match.group(2)), int(match.group(3))
    else:
        month, day, year = _month(match.group(1)), int(match.group(2)), int(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str) -> int:
    return next(number for full, number in _MONTHS.items() if full.lower().startswith(name.lower()[:3]))


def _meta_str(meta: Mapping[str, object], key: str) -> str | None:
    value = meta.get(key)
    return str(value).strip() or None if value is not None else None


def _meta_date(meta: Mapping[str, object]) -> str | None:
    value = _meta_str(meta, "date")
    if value is None:
        return None
    match = _DATE_PATTERNS[0][0].search(value)
    return _iso(match, "ymd") if match else value
