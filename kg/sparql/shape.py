"""Where a named query first uses each parameter: the static check behind fast substitutions.

pyoxigraph joins substituted parameters late (like a VALUES block): a parameter first met as the end of a
property path, or inside UNION/OPTIONAL/a subquery/EXISTS, is not pushed into that pattern, and the engine
scans every match before filtering (docs/benchmarks.md). A required parameter
must first appear in a plain triple pattern of the top-level group (GRAPH and plain groups count as top
level); paths continue from the variable that pattern binds.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.sparql.lexer import Kind, code

_PUNCT = frozenset("{}().;,|/^*+!=<>&-")  # the punctuation the shape check reads; others are skipped
_PATH_OPS = {"|", "/", "^", "*", "+", "!"}
_LEADING_OPS = {"|", "/", "^", "!"}  # expect a path element after them (not the postfix * and +)
_GROUP_KINDS = {
    "OPTIONAL": "an OPTIONAL",
    "MINUS": "a MINUS",
    "EXISTS": "a FILTER EXISTS",
    "SERVICE": "a SERVICE",
}


@dataclass(frozen=True)
class _Frame:
    kind: str  # "top" or the reason this group evaluates late ("an OPTIONAL", "a UNION branch", ...)
    parens: int  # parenthesis depth when the group opened


def tokens(text: str) -> list[str]:
    """SPARQL text as tokens, comments and whitespace dropped (IRIs and strings kept whole)."""
    return [t.text for t in code(text) if t.kind is not Kind.PUNCT or t.text in _PUNCT]


def _matching(toks: list[str], start: int) -> int:
    depth = 0
    for i in range(start, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[i], 0)
        if depth == 0:
            return i
    return len(toks) - 1


def _group_kind(toks: list[str], i: int, outer: str) -> str:
    """Why the group opened at ``toks[i]`` (a ``{``) is evaluated late, or ``outer`` if it is not."""
    before = toks[i - 1].upper() if i else ""
    after = toks[i + 1].upper() if i + 1 < len(toks) else ""
    close = _matching(toks, i)
    if after == "SELECT":
        return "a subquery"
    if before in _GROUP_KINDS:
        return _GROUP_KINDS[before]
    if before == "UNION" or (close + 1 < len(toks) and toks[close + 1].upper() == "UNION"):
        return "a UNION branch"
    if before == "VALUES" or (i >= 2 and toks[i - 2].upper() == "VALUES"):
        return "a VALUES block"
    return outer  # GRAPH ?g { }, a plain group, the WHERE group itself


def _parse_statement(statement: list[str]) -> list[tuple[str, list[str], str]]:
    """``s p o ; p o , o`` as (subject, verb tokens, object) triples; a verb may be a property path."""
    triples: list[tuple[str, list[str], str]] = []
    verb: list[str] = []
    for tok in statement[1:]:
        if tok == ";":
            verb = []
        elif tok == ",":
            continue
        elif not verb or tok in _PATH_OPS or verb[-1] in _LEADING_OPS:
            verb = [*verb, tok]
        else:
            triples.append((statement[0], verb, tok))
    return triples


def _statement_use(statement: list[str], var: str) -> str | None:
    """How ``var`` is first used in one triple statement: None if in a plain triple pattern."""
    for subject, verb, obj in _parse_statement(statement):
        path = "".join(verb)
        if var in (subject, obj) and any(t in _PATH_OPS for t in verb):
            role = "subject" if subject == var else "object"
            return f"the {role} of the property path {path}"
        if var in (subject, obj) or var in verb:
            return None
    return None


def first_use(text: str, var: str) -> str | None:
    """Why the first use of ``var`` (``?name``) in the WHERE clause is late, or None if it is a plain
    triple pattern of the top-level group (or a plain FILTER/BIND there)."""
    toks = tokens(text)
    upper = [t.upper() for t in toks]
    start = upper.index("WHERE") + 1 if "WHERE" in upper else next(i for i, t in enumerate(toks) if t == "{")
    frames: list[_Frame] = []
    parens = 0
    statement: list[str] = []
    for i in range(start, len(toks)):
        tok = toks[i]
        if tok == "{":
            outer = frames[-1].kind if frames else "top"
            kind = "top" if not frames else _group_kind(toks, i, outer)
            frames.append(_Frame(kind, parens))
            statement = []
        elif tok == "}":
            frames.pop()
            statement = []
            if not frames:
                return None
        elif tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif parens > frames[-1].parens or upper[i] in ("FILTER", "BIND"):
            if tok == var:
                return None if frames[-1].kind == "top" else f"inside {frames[-1].kind}"
        elif tok == ".":
            statement = []
        else:
            statement.append(tok)
            if tok == var:
                if frames[-1].kind != "top":
                    return f"inside {frames[-1].kind}"
                rest = _statement_rest(toks, i + 1)
                return _statement_use(statement + rest, var)
    return None


def _statement_rest(toks: list[str], i: int) -> list[str]:
    rest: list[str] = []
    while i < len(toks) and toks[i] not in (".", "{", "}"):
        rest.append(toks[i])
        i += 1
    return rest
