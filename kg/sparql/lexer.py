"""The one SPARQL lexer: text as tokens, so that no check mistakes a comment, a string or an IRI for code.

Used by the named-query shape check (kg.sparql.shape), the /sparql guard (kg.sparql.guard), the remote
store's VALUES injection (kg.store.remote.values) and the named-query header reader (kg.sparql.named).
It is a lexer, not a parser: every character of the text lands in exactly one token, and a character
that starts nothing else (an unterminated quote, ``@``, ``<`` used as an operator) is one PUNCT token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """What a token is."""

    COMMENT = "comment"  # ``# ...`` to the end of the line
    IRI = "iri"  # ``<...>``
    STRING = "string"  # short or long, single or double quoted, with its language tag
    VAR = "var"  # ``?name`` or ``$name``
    WORD = "word"  # a keyword, a prefixed name (``tkg:Cluster``, ``:x``, ``tkg:``) or ``a``
    NUMBER = "number"
    PUNCT = "punct"  # any other single character
    SPACE = "space"


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\r\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>(?:'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*)?)
    | (?P<var>[?$]\w+)
    | (?P<word>(?:[A-Za-z_](?:[\w.-]*[\w-])?)?:(?:[\w:%-](?:[\w.:%-]*[\w:%-])?)?|[A-Za-z_][\w-]*)
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<space>\s+)
    | (?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)
_SKIPPED = (Kind.COMMENT, Kind.SPACE)
_KINDS = {kind.value: kind for kind in Kind}


class Token(NamedTuple):
    """One token: its kind, its text and where it starts in the query text (a tuple: a 100 KB query
    has ~50,000 tokens, and a frozen dataclass took 3x as long to make them)."""

    kind: Kind
    text: str
    start: int

    @property
    def upper(self) -> str:
        """The text in upper case (SPARQL keywords are case-insensitive)."""
        return self.text.upper()


def tokenize(text: str) -> Iterator[Token]:
    """Every token of ``text``, comments and white space included (their texts join back to ``text``)."""
    kinds = _KINDS
    for match in _TOKEN.finditer(text):
        yield Token(kinds[match.lastgroup], match.group(), match.start())  # type: ignore[index]


def code(text: str) -> list[Token]:
    """The tokens of ``text`` without comments and white space."""
    return [t for t in tokenize(text) if t.kind not in _SKIPPED]


def without_comments(text: str) -> str:
    """``text`` with each comment replaced by a space (a ``#`` inside an IRI or a string stays)."""
    return "".join(" " if t.kind is Kind.COMMENT else t.text for t in tokenize(text))
