"""The one text folding of search: both the label index and ``queries/search.rq`` compare folded text.

``fold(text)`` lowercases (Unicode, as SPARQL ``LCASE``), maps each accented or full-width Latin letter
and digit to its base letters (NFKD with the combining marks dropped: ``Qīnghé`` -> ``qinghe``, ``Ｈｅｂｅｉ``
-> ``hebei``), and deletes spaces, apostrophes of every kind (``'`` ``’`` ``‘`` `````` ``´``), hyphens and
dashes, middle dots and combining marks (``Xiong’an`` = ``Xiong'an`` = ``xiongan``). Chinese characters are
kept as they are.

The mapping is a fixed table over named Unicode blocks, not ``unicodedata.normalize`` at run time, so that
the SPARQL text can do exactly the same with ``REPLACE`` (:func:`sparql_fold`; queries/search.rq holds its
output, and tests/kg/store/test_labels.py checks both that and that both paths give the same rows).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache

# Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional, full-width letters
_BLOCKS = ((0x00C0, 0x024F), (0x1E00, 0x1EFF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
# deleted: whitespace, apostrophes and primes, hyphens and dashes, middle dots, combining marks
DELETED = (
    " \t\n\r\u3000"
    "'\u2019\u2018\u0060\u00b4\u02bc\u2032"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
    "\u00b7\u30fb"
)
_COMBINING = (0x0300, 0x036F)


@cache
def table() -> dict[str, str]:
    """Each character of the blocks whose NFKD form, combining marks dropped, is other ASCII letters or
    digits -> those (lowercase: the table applies after lowercasing)."""
    out: dict[str, str] = {}
    for start, end in _BLOCKS:
        for point in range(start, end + 1):
            char = chr(point)
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            base = base.lower()
            if base and base != char and base.isascii() and base.isalnum():
                out[char] = base
    return out


@cache
def _translation() -> dict[int, str | None]:
    mapping: dict[int, str | None] = {ord(c): base for c, base in table().items()}
    mapping.update({ord(c): None for c in DELETED})
    mapping.update({point: None for point in range(_COMBINING[0], _COMBINING[1] + 1)})
    return mapping


def fold(text: str) -> str:
    """``text`` as search compares it (see the module docstring)."""
    return text.lower().translate(_translation())


def _escape(char: str) -> str:
    """A character inside a SPARQL string in a regex character class (whitespace: see sparql_fold)."""
    if char in "\\]^-[":
        return "\\\\" + char
    if char.isprintable() and not char.isspace() and ord(char) < 0x2000 and not unicodedata.combining(char):
        return char
    return f"\\u{ord(char):04X}"


def sparql_fold(source: str, target: str) -> str:
    """SPARQL ``BIND`` lines that set the variable ``target`` to the string ``source`` folded exactly as
    :func:`fold` folds: ``LCASE``, one ``REPLACE`` per base letter, then one that deletes. A chain of
    ``BIND``s over ``?target_1``, ``?target_2`` ... rather than nested calls: Oxigraph's parser takes
    time exponential in the nesting depth of function calls."""
    by_base: defaultdict[str, list[str]] = defaultdict(list)
    for char, base in table().items():
        by_base[base].append(char)
    steps = [f"LCASE({source})"]
    for base in sorted(by_base):
        chars = "".join(_escape(c) for c in sorted(by_base[base]))
        steps.append(f'REPLACE(%s, "[{chars}]", "{base}")')
    # the XPath class \s is exactly space, tab, newline and carriage return (no control characters in
    # the query text: some parsers unescape \u before they read strings)
    others = "".join(_escape(c) for c in DELETED if c not in " \t\n\r")
    deleted = "\\\\s" + others + f"\\u{_COMBINING[0]:04X}-\\u{_COMBINING[1]:04X}"
    steps.append(f'REPLACE(%s, "[{deleted}]", "")')
    lines = []
    for i, step in enumerate(steps):
        name = f"{target}_{i}" if i < len(steps) - 1 else target
        expression = step if i == 0 else step % f"{target}_{i - 1}"
        lines.append(f"BIND({expression} AS {name})")
    return "\n".join(lines)
