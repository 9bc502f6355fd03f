"""Word tokens with offsets, and the name-shape tests the mention finders share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*(?:\.(?=com\b)[a-z]+)?|&|\+")
CONNECTORS = {"of", "and", "for", "the", "on", "&", "in"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return normalize(self.text)

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=65536)  # token keys repeat across sentences and finders
def normalize(text: str) -> str:
    """Lower-case, typographic apostrophes straightened, hyphens and spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").lower()
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)*|&|\+", text))


def title_case(text: str) -> str:
    """``"fashion design incubator base"`` -> ``"Fashion Design Incubator Base"`` (small words kept low)."""
    small = {"of", "and", "for", "the", "on", "in", "to", "a", "an", "with", "or"}
    words = re.split(r"(\s+)", text.replace("’", "'"))
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in small:
            out.append(word.lower())
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return "".join(out)


def adjacent(text: str, end: int, start: int, allowed: str = r"[\s,]*") -> bool:
    """Whether only ``allowed`` characters lie between offsets ``end`` and ``start``."""
    return 0 <= start - end <= 40 and re.fullmatch(allowed, text[end:start]) is not None


def capitalized_runs(
    tokens: list[Token], text: str, lower_ok: frozenset[str] = frozenset()
) -> list[list[Token]]:
    """Maximal runs of capitalised tokens, joined by connectors or allowed lower-case words, that no
    punctuation interrupts (commas, quotes, brackets end a run)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        gap = text[current[-1].end : token.start] if current else ""
        if current and gap.strip() and not (gap == "-" and current[-1].capitalized):
            runs.append(current)
            current = []
        if (
            (token.capitalized and token.text not in {"&", "+"})
            or (current and (token.key in CONNECTORS or token.key in lower_ok or token.text == "&"))
            or (current and gap == "-" and current[-1].capitalized)  # "High-quality", "Sino-foreign"
        ):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [_trim(run) for run in runs if _trim(run)]


def _trim(run: list[Token]) -> list[Token]:
    start, end = 0, len(run)
    while start < end and (not run[start].capitalized or run[start].key in {"the", "a", "an"}):
        start += 1
    while end > start and not run[end - 1].capitalized and run[end - 1].key in CONNECTORS:
        end -= 1
    return run[start:end]
