"""Read-only policy of /sparql: refuse updates, SERVICE, FROM of graphs that are not ours, deep nesting.

Decided on tokens (kg.sparql.lexer), never on raw substrings: a keyword inside a comment, a string or an
IRI does not count. No parser runs here: the check is one linear pass over the tokens, so a long query
costs milliseconds (rdflib's parser, used before, took 56 s of CPU for a 95 KB FILTER with a FROM, all
holding the API process's GIL). The query itself is parsed by the store, in a worker under a deadline.

What the pass knows of SPARQL's grammar: ``FROM`` [``NAMED``] is followed by an IRI or a prefixed name
(SourceSelector); prefixed names expand by the ``PREFIX`` declarations before them, relative IRIs resolve
against the ``BASE`` before them (RFC 3986, as the store does). Anything else after ``FROM`` is refused.
``SERVICE`` cannot be anything but the keyword outside strings, IRIs and comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.errors import InputError
from kg.sparql.lexer import Kind, Token, tokenize

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
# SERVICE/FROM not glued to a name: `?from`, `tkg:fromYear`, `from:` are not keywords. Conservative: a
# false hit only costs the scan for FROM clauses.
_KEYWORD = re.compile(r"(?<![\w:?$])(?:service|from)(?![\w:])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
MAX_QUERY_CHARS = 100_000  # longest query text checked (TKG_MAX_QUERY_CHARS); longer ones are refused
MAX_NESTING = 128  # deepest nesting of { ( [ in a query: the store's parser recurses once per level
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")
_PN_ESCAPE = re.compile(r"\\(.)")


class QueryRefused(InputError):
    """The query asks for something this read-only endpoint does not do (answered with 400)."""


class UpdateRefused(InputError):
    """A SPARQL update sent to the read-only endpoint (answered with 403)."""


@dataclass(frozen=True)
class QueryCheck:
    """What the guard learnt: the query form and whether the query names its own dataset (FROM)."""

    form: str
    has_dataset: bool


def expand_escapes(text: str) -> str:
    """SPARQL's codepoint escapes (``\\u0053ERVICE`` is SERVICE), expanded before any check; an escape
    of no Unicode character (``\\U00110000``, a surrogate) is refused."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryRefused(f"invalid SPARQL: the escape {match.group(0)} is not a Unicode character")
        return chr(code)

    return _ESCAPE.sub(char, text)


_OPAQUE = (Kind.COMMENT, Kind.STRING, Kind.IRI)  # no keyword can stand inside these


def may_name_dataset_or_service(text: str | list[Token]) -> bool:
    """Whether a SERVICE or FROM keyword may occur outside comments, strings and IRIs (of the text, or
    of its tokens when the caller has them)."""
    tokens = tokenize(text) if isinstance(text, str) else text
    code = "".join(" " if t.kind in _OPAQUE else t.text for t in tokens)
    return _KEYWORD.search(code) is not None


def query_form(text: str) -> str | None:
    """The first query or update keyword outside comments, strings and IRIs (``SELECT``, ``INSERT``...)."""
    for token in tokenize(text):
        if token.kind is Kind.WORD and (token.upper in FORMS or token.upper in UPDATES):
            return token.upper
    return None


def check_query(text: str, *, graph_namespace: str, max_chars: int = MAX_QUERY_CHARS) -> QueryCheck:
    """Refuse updates, SERVICE and FROM outside ``graph_namespace``; otherwise the query's form.

    Refused too (400, never 500): text over ``max_chars``, escapes of no character, nesting deeper than
    MAX_NESTING."""
    if len(text) > max_chars:
        raise QueryRefused(f"the query has {len(text):,} characters; the limit is {max_chars:,}")
    expanded = expand_escapes(text)
    form = query_form(expanded)
    if form in UPDATES:
        raise UpdateRefused(f"this endpoint is read-only: SPARQL updates ({form}) are refused")
    every = list(tokenize(expanded))
    tokens = [t for t in every if t.kind not in (Kind.COMMENT, Kind.SPACE)]
    _check_nesting(tokens)
    if not may_name_dataset_or_service(every):
        return QueryCheck(form or "SELECT", has_dataset=False)
    if any(t.kind is Kind.WORD and t.upper == "SERVICE" for t in tokens):
        raise QueryRefused("SERVICE (federated queries) is refused: this endpoint only queries its own store")
    graphs = list(_dataset_graphs(tokens))
    for graph in graphs:
        if not graph.startswith(graph_namespace):
            raise QueryRefused(
                f"FROM <{graph}> is refused: only this store's graphs "
                f"(under <{graph_namespace}>) can be named"
            )
    return QueryCheck(form or "SELECT", has_dataset=bool(graphs))


def _check_nesting(tokens: list[Token]) -> None:
    depth = deepest = 0
    for token in tokens:
        if token.kind is Kind.PUNCT and token.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind is Kind.PUNCT and token.text in _CLOSE:
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryRefused(f"the query is too deeply nested ({deepest} levels; the limit is {MAX_NESTING})")


def _dataset_graphs(tokens: list[Token]) -> Iterator[str]:
    """The IRIs of the FROM and FROM NAMED clauses, absolute, in order."""
    base = ""
    prefixes: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        word = tokens[i].upper if tokens[i].kind is Kind.WORD else ""
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind is Kind.IRI:
            base = urljoin(base, tokens[i + 1].text[1:-1])
            i += 2
        elif word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind is Kind.IRI:
            prefixes[tokens[i + 1].text.rstrip(":")] = urljoin(base, tokens[i + 2].text[1:-1])
            i += 3
        elif word == "FROM":
            i += 1
            if i < len(tokens) and tokens[i].kind is Kind.WORD and tokens[i].upper == "NAMED":
                i += 1
            yield _source(tokens[i] if i < len(tokens) else None, base, prefixes)
            i += 1
        else:
            i += 1


def _source(token: Token | None, base: str, prefixes: dict[str, str]) -> str:
    """The absolute IRI a SourceSelector names (an IRI or a prefixed name)."""
    if token is not None and token.kind is Kind.IRI:
        return urljoin(base, token.text[1:-1])
    if token is not None and token.kind is Kind.WORD and ":" in token.text:
        prefix, local = token.text.split(":", 1)
        if prefix not in prefixes:
            raise QueryRefused(f"invalid SPARQL: the prefix {prefix}: of FROM {token.text} is not declared")
        # a local name with escapes lexes short (``ex:a\/b`` as ``ex:a``): a prefix of the real IRI,
        # so the namespace check below stays sound
        return prefixes[prefix] + _PN_ESCAPE.sub(r"\1", local)
    found = token.text if token is not None else "the end of the query"
    raise QueryRefused(f"invalid SPARQL: FROM must be followed by a graph IRI, not {found!r}")
