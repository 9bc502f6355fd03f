"""The prefixes every ``/sparql`` query may use without declaring them (``tkg:``, ``rdfs:``, ``skos:`` ...).

They are :data:`kg.namespaces.PREFIXES`, the one list the project spells (docs/sparql.md lists it).
A query that uses one of them without a ``PREFIX`` line gets the declaration prepended as text, before the
guard sees it, so that the guard, pyoxigraph and any remote SPARQL server read the same
query. Only prefixes the query uses and does not declare itself are added, on the query's first line, so
that the line numbers of error messages stay those of the client's text. Relative IRIs resolve against
the instance namespace (``TKG_BASE_IRI``: ``<place/130534>`` is a place) unless the query has a BASE.
"""

from __future__ import annotations

import re

from kg.namespaces import PREFIXES
from kg.sparql.lexer import Kind, code

_SCHEME = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
_POSITION = re.compile(r"(line |at )(\d+)([,:] ?(?:column )?)(\d+)")


def used_prefixes(query: str) -> set[str]:
    """The prefixes of the prefixed names in ``query`` (outside comments, strings and IRIs)."""
    used = set()
    for token in code(query):
        if token.kind is Kind.WORD and ":" in token.text:
            used.add(token.text.split(":", 1)[0])
    return used


def declared_prefixes(query: str) -> set[str]:
    """The prefixes ``query`` declares with ``PREFIX p: <...>``."""
    tokens = code(query)
    return {
        tokens[i + 1].text.split(":", 1)[0]
        for i, token in enumerate(tokens[:-1])
        if token.kind is Kind.WORD and token.upper == "PREFIX" and tokens[i + 1].kind is Kind.WORD
    }


def missing_declarations(query: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``PREFIX`` declarations of the predefined prefixes ``query`` uses but does not declare ('' if none)."""
    missing = sorted((used_prefixes(query) - declared_prefixes(query)) & prefixes.keys())
    return "".join(f"PREFIX {p}: <{prefixes[p]}> " for p in missing)


def has_relative_iris(query: str) -> bool:
    """Whether an IRI of ``query`` has no scheme (``<s>``, ``<place/130534>``)."""
    return any(t.kind is Kind.IRI and not _SCHEME.match(t.text) for t in code(query))


def with_predefined_prefixes(query: str, base: str | None = None) -> tuple[str, int]:
    """``query`` with the declarations it lacks prepended on its first line; and how many characters were
    prepended (to subtract from column numbers on line 1 of an error message).

    With ``base``, a query that has relative IRIs gets ``BASE <base>`` first (its own BASE, later in
    its text, still wins)."""
    declarations = missing_declarations(query)
    if base is not None and has_relative_iris(query):
        declarations = f"BASE <{base}> " + declarations
    return declarations + query, len(declarations)


def shift_columns(message: str, added: int) -> str:
    """An error message about the prepended text, with the positions on line 1 moved back by ``added``
    characters (rdflib says ``line 1, column 70``, pyoxigraph ``at 1:70``)."""
    if not added:
        return message

    def fix(match: re.Match[str]) -> str:
        line, column = int(match.group(2)), int(match.group(4))
        if line == 1:
            column = max(column - added, 1)
        return f"{match.group(1)}{line}{match.group(3)}{column}"

    return _POSITION.sub(fix, message)
