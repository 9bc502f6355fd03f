"""Bound values for a remote SPARQL server: RDF terms serialised safely, as a VALUES block in the query.

Remote servers do not take pyoxigraph's substitutions, so ``bindings`` become
``VALUES (?a ?b) { (<iri> "lit"@en) }`` placed at the START of the outermost WHERE group. Joined with
everything after it, the block binds each variable everywhere in that group (BIND, FILTER, EXISTS,
OPTIONAL, aggregates of the outer query): for queries that project their bound variables, as every
named query must, the rows are those of pyoxigraph's substitution. The same block opens the WHERE group
of every sub-SELECT, which is evaluated before the outer join (a sub-SELECT that projects the variable
is restricted as with substitution; one that does not gains one harmless row of bindings). One
difference is left: ``BOUND(?v)`` is true here, false with pyoxigraph; named queries never use it.
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.rdf.terms import serialize_term
from kg.sparql.lexer import Kind, tokenize
from kg.store.base import Bindings

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOT_WORDS = (Kind.COMMENT, Kind.SPACE, Kind.STRING, Kind.IRI)  # skipped: they leave the last word as it was


def values_block(bindings: Bindings) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` for ``bindings`` (variable names checked)."""
    names = list(bindings)
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise InputError(f"{name!r} is not a SPARQL variable name")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(serialize_term(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def with_values(query: str, bindings: Bindings | None) -> str:
    """``query`` with ``bindings`` as a VALUES block at the start of its WHERE group and of the WHERE
    group of every sub-SELECT (so that a sub-SELECT sees the value too, as with substitution)."""
    if not bindings:
        return query
    block = f" {values_block(bindings)}\n"
    text = query
    for at in sorted(_where_groups(query), reverse=True):
        text = f"{text[: at + 1]}{block}{text[at + 1 :]}"
    return text


def _where_groups(query: str) -> list[int]:
    """Offsets of the ``{`` opening the query pattern and each sub-SELECT's pattern (not a CONSTRUCT
    template)."""
    groups: list[int] = []
    pending: list[tuple[int, str]] = []  # (depth, form) of query forms whose WHERE group is still ahead
    last_word, depth = "", 0
    for token in tokenize(query):
        if token.kind in _NOT_WORDS:
            continue
        if token.text == "{":
            if pending and pending[-1][0] == depth:
                form = pending.pop()[1]
                if form == "CONSTRUCT" and last_word == "WHERE":
                    raise InputError("parameters cannot be bound in the short form CONSTRUCT WHERE { ... }")
                if form == "CONSTRUCT":  # the template: the pattern is the next group
                    pending.append((depth, "WHERE"))
                else:
                    groups.append(token.start)
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif token.text in ("'", '"'):
            raise InputError("the query has an unterminated string")
        elif token.kind is Kind.PUNCT:
            last_word = ""
        else:
            last_word = token.upper
            if last_word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                pending.append((depth, last_word))
    if not groups:
        raise InputError("parameters need a query with a WHERE group")
    return groups
