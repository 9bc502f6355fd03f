"""Read-only policy of /sparql: refuse updates, SERVICE, and FROM of graphs that are not ours.

Decided on tokens and on rdflib's SPARQL parse tree, never on raw substrings: a keyword inside a
comment, a string or an IRI does not count. Queries in which no SERVICE or FROM keyword can stand
(outside comments, strings and IRIs, after SPARQL's ``\\u`` escape expansion) skip the rdflib parse,
which costs tens of milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import InputError
from kg.sparql.lexer import Kind, tokenize

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
# SERVICE/FROM not glued to a name: `?from`, `tkg:fromYear`, `from:` are not keywords. Conservative: a
# false hit only costs the full parse.
_KEYWORD = re.compile(r"(?<![\w:?$])(?:service|from)(?![\w:])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
SERVICE_REFUSED = "SERVICE (federated queries) is refused: this endpoint only queries its own store"
MAX_QUERY_CHARS = 100_000  # longest query text checked (TKG_MAX_QUERY_CHARS); longer ones are refused


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


def may_name_dataset_or_service(text: str) -> bool:
    """Whether a SERVICE or FROM keyword may occur outside comments, strings and IRIs."""
    code = "".join(" " if t.kind in _OPAQUE else t.text for t in tokenize(text))
    return _KEYWORD.search(code) is not None


def names_service(text: str) -> bool:
    """Whether a SERVICE keyword stands outside comments, strings and IRIs. Decided on tokens, not by
    rdflib: its SERVICE rule re-scans the whole text and fails on a ``#`` inside an earlier IRI on the
    same line (``PREFIX tkg: <...ontology#> SELECT * { SERVICE ...`` was "Expected SelectQuery")."""
    return any(t.kind is Kind.WORD and t.upper == "SERVICE" for t in tokenize(text))


def query_form(text: str) -> str | None:
    """The first query or update keyword outside comments, strings and IRIs (``SELECT``, ``INSERT``...)."""
    for token in tokenize(text):
        if token.kind is Kind.WORD and (token.upper in FORMS or token.upper in UPDATES):
            return token.upper
    return None


def check_query(text: str, *, graph_namespace: str, max_chars: int = MAX_QUERY_CHARS) -> QueryCheck:
    """Refuse updates, SERVICE and FROM outside ``graph_namespace``; otherwise the query's form.

    Refused too (400, never 500): text over ``max_chars``, escapes of no character, and queries too
    deeply nested or too long for rdflib's recursive parser (it recurses once per triple pattern)."""
    if len(text) > max_chars:
        raise QueryRefused(f"the query has {len(text):,} characters; the limit is {max_chars:,}")
    expanded = expand_escapes(text)
    form = query_form(expanded)
    if form in UPDATES:
        raise UpdateRefused(f"this endpoint is read-only: SPARQL updates ({form}) are refused")
    if names_service(expanded):
        raise QueryRefused(SERVICE_REFUSED)
    if not may_name_dataset_or_service(expanded):
        return QueryCheck(form or "SELECT", has_dataset=False)
    try:
        parsed = parseQuery(expanded)
    except ParseException as exc:
        raise QueryRefused(f"invalid SPARQL at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except RecursionError:
        raise QueryRefused(
            "the query is too deeply nested or has too many patterns to check with FROM or SERVICE"
        ) from None
    prologue = translatePrologue(parsed[0], None)
    query = parsed[1]
    if any(_walk(query, "ServiceGraphPattern")):
        raise QueryRefused(SERVICE_REFUSED)
    clauses = query["datasetClause"] if "datasetClause" in query else []  # noqa: SIM401 (CompValue.get)
    graphs = [str(prologue.absolutize(c["default"] if "default" in c else c["named"])) for c in clauses]
    for graph in graphs:
        if not graph.startswith(graph_namespace):
            raise QueryRefused(
                f"FROM <{graph}> is refused: only this store's graphs "
                f"(under <{graph_namespace}>) can be named"
            )
    return QueryCheck(form or "SELECT", has_dataset=bool(graphs))


def _walk(node: object, name: str) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        if node.name == name:
            yield node
        for value in node.values():
            yield from _walk(value, name)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for item in node:  # type: ignore[attr-defined]
            yield from _walk(item, name)
