"""Sentence splitting with offsets into the article text, over its content lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.furniture import is_heading

# A sentence ends at . ! ? ; (or the Chinese 。) followed by space and an upper-case letter, digit or quote.
_END = re.compile(r"(?<=[.!?。])[\"”’)]*\s+(?=[A-Z0-9“\"(‘])")
_ABBREV = re.compile(
    r"\b(Co|Ltd|Inc|No|Mr|Ms|Dr|St|vs|etc|i\.e|e\.g|Corp|Dept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)


# "HUZHOU, Oct. 9, 2023 (Xinhua) -- ": a news agency's dateline opens the first paragraph; it is no sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Z' .-]{2,30}(?:,\s*[A-Z][a-z]+)?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?"
    r"\s*(?:\([^)]{2,40}\))?\s*(?:--|—|–|-)\s*"
)  # ("WUHAN, Dec. 2 (Xinhua) --" without the year too)


@dataclass(frozen=True)
class Sentence:
    """A sentence: offsets into the text, its paragraph number and whether it is a heading line."""

    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


def split_sentences(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of every content span (a span is one paragraph)."""
    result: list[Sentence] = []
    for number, (start, end) in enumerate(spans):
        line = text[start:end]
        heading = is_heading(line)
        dateline = _DATELINE.match(line)
        cut = start + (dateline.end() if dateline else 0)
        for match in _END.finditer(line, dateline.end() if dateline else 0):
            piece_end = start + match.start()
            if _ABBREV.search(text[cut:piece_end]):
                continue
            result.append(_sentence(text, cut, piece_end, number, heading))
            cut = start + match.end()
        if cut < end:
            result.append(_sentence(text, cut, end, number, heading))
    return [s for s in result if s.text.strip()]


def _sentence(text: str, start: int, end: int, paragraph: int, heading: bool) -> Sentence:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end], paragraph, heading)
