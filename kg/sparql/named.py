"""Named SPARQL queries (``queries/**.rq``): header parsing, start-up checks, parameter binding, running.

The folder of a file is its role (:class:`QueryRole`): ``queries/*.rq`` are public (``GET /queries``),
``queries/profile/`` are parts of the REST profiles, ``queries/internal/`` are lookups of the code; names
are unique across the folders. A query file starts with ``# <summary>`` and one ``# param ?name: meaning
[type: T] [ns: N] [default: x] [optional]`` line per parameter (``queries/README.md``). Parameters reach
the engine only as RDF terms (store ``bindings``); LIMIT and OFFSET are appended from validated
integers, never from request text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Identifier, URIRef

from kg.errors import InputError
from kg.namespaces import Ids
from kg.rdf.terms import serialize_term, to_oxigraph
from kg.sparql.lexer import without_comments
from kg.sparql.params import PARAM_TYPES, probe_term, to_term
from kg.store.base import SelectResult, Store

_PARAM_LINE = re.compile(r"#\s*param\s+\?(?P<name>\w+)\s*:\s*(?P<rest>.*)")
_OPTION = re.compile(r"\[(?P<key>type|ns|default|optional|anchor|broad)(?::\s*(?P<value>[^\]]*))?\]")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# a line of its own where anchors go, if not at the start of the first WHERE group
ANCHORS_MARK = re.compile(r"^[ \t]*#@anchors[ \t]*$", re.MULTILINE)
# a line of its own where LIMIT / OFFSET go, if not at the end (a sub-SELECT that picks the page)
PAGE_MARK = re.compile(r"^[ \t]*#@page[ \t]*$", re.MULTILINE)
# `#@if ?a ?b` ... `#@end` (lines of their own): lines kept only when one of the named parameters is bound,
# so that an optional filter costs nothing when it is not asked for. `#@filter ?a` ... `#@end`: the FILTER
# of an optional parameter, kept only when the parameter is bound and has no anchor (its anchor says the
# same as a first pattern, so the FILTER would only test again, per row, what the anchor chose). Both
# lines are comments: the file as written runs with every block.
IF_BLOCK = re.compile(
    r"^[ \t]*#@(?P<kind>if|filter)(?P<names>(?:[ \t]+\?\w+)+)[ \t]*\n(?P<body>.*?)^[ \t]*#@end[ \t]*\n",
    re.M | re.S,
)
_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)
MAX_LIMIT = 10_000


class QueryRole(StrEnum):
    """Who may call a named query; the folder of its file under ``queries/``."""

    PUBLIC = "public"  # queries/*.rq: listed by GET /queries, for analysts and the list routes
    PROFILE = "profile"  # queries/profile/: parts of the REST profiles
    INTERNAL = "internal"  # queries/internal/: lookups the code makes (types, labels, describe, counts)


ROLE_FOLDERS = {(): QueryRole.PUBLIC, ("profile",): QueryRole.PROFILE, ("internal",): QueryRole.INTERNAL}


@dataclass(frozen=True)
class Param:
    """A declared parameter: its SPARQL variable name, meaning, value type, and whether it is needed."""

    name: str
    description: str
    type: str = "string"
    required: bool = True
    default: str | None = None
    ns: str | None = (
        None  # for iri params: the kind a bare slug is minted under (cluster, place, industry...)
    )
    # triple patterns that start the WHERE clause when the (optional) parameter is given: the query then
    # begins at the few rows the parameter selects instead of testing its FILTER on every entity
    anchor: str | None = None
    # the anchor selects a large share of the class (a park kind, a broad industry): when only such
    # anchors are given, the query's #@scan block is read in one pass and joined, not looked up per row
    broad: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """One ``queries/<name>.rq``: its header and text, and its form (select, construct, ask, describe)."""

    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    form: str
    role: QueryRole = QueryRole.PUBLIC

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_param(line: str, source: str) -> Param:
    match = _PARAM_LINE.match(line.strip())
    if not match:
        raise InputError(f"{source}: malformed parameter line {line.strip()!r}")
    options = {m["key"]: (m["value"] or "").strip() for m in _OPTION.finditer(match["rest"])}
    ptype = options.get("type", "string")
    if ptype not in PARAM_TYPES:
        raise InputError(f"{source}: parameter ?{match['name']} has unknown type {ptype!r}")
    default = options.get("default") or None
    return Param(
        name=match["name"],
        description=_OPTION.sub("", match["rest"]).strip(),
        type=ptype,
        required="optional" not in options and default is None,
        default=default,
        ns=options.get("ns") or None,
        anchor=options.get("anchor") or None,
        broad="broad" in options,
    )


def parse_query(name: str, text: str, source: str) -> NamedQuery:
    """Read the header of one query file (no check that the SPARQL is valid: see :func:`check_query`)."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or not lines[0].lstrip("# ").strip():
        raise InputError(f"{source}: the first line must be '# <one-line summary>'")
    params = tuple(parse_param(line, source) for line in lines if _PARAM_LINE.match(line.strip()))
    form = _FORM.search(without_comments(text))
    if form is None:
        raise InputError(f"{source}: no SELECT, CONSTRUCT, ASK or DESCRIBE found")
    return NamedQuery(name, lines[0].lstrip("# ").strip(), params, text, form[1].lower())


_ANSWERS = {"select": ox.QuerySolutions, "ask": ox.QueryBoolean}


def check_query(query: NamedQuery, source: str) -> None:
    """Run the query on an empty store with every parameter bound: syntax and projection are checked."""
    probe: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(p.name): to_oxigraph(probe_term(p)) for p in query.params
    }
    text = query.text
    unknown = block_params(text) - {p.name for p in query.params}
    if unknown:
        raise InputError(
            f"{source}: an #@if or #@filter block names no parameter of the query: "
            + ", ".join(f"?{n}" for n in sorted(unknown))
        )
    if any(p.anchor for p in query.params):
        if _WHERE.search(text) is None and ANCHORS_MARK.search(text) is None:
            raise InputError(f"{source}: a parameter has an anchor but the query has no 'WHERE {{'")
        text = anchored(query, {p.name for p in query.params})
    try:
        answer = ox.Store().query(text, substitutions=probe, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InputError(f"{source}: invalid SPARQL: {exc}") from exc
    except RuntimeError as exc:  # e.g. a substituted variable that the query does not project
        raise InputError(f"{source}: cannot run the query: {exc}") from exc
    if not isinstance(answer, _ANSWERS.get(query.form, ox.QueryTriples)):
        raise InputError(f"{source}: expected a {query.form.upper()} query")


def load_queries(queries_dir: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of ``queries_dir`` and its role folders by name, parsed and checked once, with its
    role; InputError names a bad file, a folder that is no role, or a name used twice."""
    if not queries_dir.is_dir():
        raise InputError(f"the queries directory {queries_dir.name!r} does not exist")
    queries: dict[str, NamedQuery] = {}
    for path in sorted(queries_dir.rglob("*.rq")):
        source = path.relative_to(queries_dir).as_posix()
        role = ROLE_FOLDERS.get(path.relative_to(queries_dir).parent.parts)
        if role is None:
            folders = ", ".join(f"{'/'.join(f) or '.'}" for f in ROLE_FOLDERS)
            raise InputError(f"{source}: not in a role folder of queries/ ({folders})")
        query = replace(parse_query(path.stem, path.read_text(encoding="utf-8"), source), role=role)
        if query.name in queries:
            raise InputError(f"{source}: the name {query.name!r} is used by another query file")
        check_query(query, source)
        queries[query.name] = query
    return queries


def bind_params(query: NamedQuery, raw: Mapping[str, str | Identifier], ids: Ids) -> dict[str, Identifier]:
    """Terms for the query's parameters: terms as given, user strings by declared type (empty = absent),
    defaults for the absent ones; InputError for an unknown, missing or malformed parameter."""
    unknown = sorted(set(raw) - {p.name for p in query.params})
    if unknown:
        expected = ", ".join(p.name for p in query.params) or "none"
        raise InputError(f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {expected})")
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        given = raw.get(param.name)
        if isinstance(given, Identifier):
            bindings[param.name] = given
            continue
        value = (given or "").strip() or param.default
        if value is None:
            if param.required:
                raise InputError(f"query {query.name!r} needs parameter {param.name!r}: {param.description}")
            continue
        bindings[param.name] = to_term(param, value, ids)
    return bindings


def check_page(limit: int | None, offset: int) -> None:
    """InputError unless ``limit`` (1 to MAX_LIMIT + 1, or None) and ``offset`` (>= 0) are integers."""
    if isinstance(limit, bool) or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InputError(f"offset must be a non-negative integer, not {offset!r}")
    if limit is not None and (not isinstance(limit, int) or not 0 < limit <= MAX_LIMIT + 1):
        raise InputError(f"limit must be an integer from 1 to {MAX_LIMIT}, not {limit!r}")


def page_clause(limit: int | None, offset: int) -> str:
    """``LIMIT n OFFSET m`` from checked integers (SPARQL cannot take them as bound terms)."""
    check_page(limit, offset)
    return (f"\nLIMIT {int(limit)}" if limit is not None else "") + (
        f"\nOFFSET {int(offset)}" if offset else ""
    )


def anchored(query: NamedQuery, given: Iterable[str]) -> str:
    """The query text with the anchors of the ``given`` parameters at the start of its first WHERE group.

    An anchor repeats, as plain triple patterns, what the parameter's FILTER requires, so the rows are
    the same; the list queries aggregate per entity with duplicate-insensitive aggregates (GROUP BY,
    MIN, GROUP_CONCAT DISTINCT) and pick their page with SELECT DISTINCT, so an anchor that matches
    twice changes no answer either."""
    names = set(given)
    anchors = [p.anchor for p in query.params if p.anchor and p.name in names]
    text = query.text
    if not anchors:
        return text
    match = ANCHORS_MARK.search(text) or _WHERE.search(text)
    if match is None:
        return text
    at = match.start() if match.re is ANCHORS_MARK else match.end()
    lines = "".join(f"\n  {a.strip().rstrip('.')} ." for a in anchors)
    return text[:at] + lines + "\n" + text[at:]


# `#@scan` ... `#@end` (lines of their own): plain triple patterns that a query with broad anchors only
# reads in one pass (as a sub-SELECT of their variables, which the engine evaluates on its own and
# hash-joins) instead of looking them up once per anchored row (~13 us per lookup on disk)
SCAN_BLOCK = re.compile(r"^([ \t]*)#@scan[ \t]*\n(.*?)^[ \t]*#@end[ \t]*\n", re.M | re.S)
_VARIABLE = re.compile(r"\?\w+")


def scanned(text: str, scan: bool) -> str:
    """``text`` with each ``#@scan`` block as a sub-SELECT of its variables (``scan``) or as written."""

    def block(match: re.Match[str]) -> str:
        if not scan:
            return match[2]
        body = without_comments(match[2])
        variables = " ".join(dict.fromkeys(_VARIABLE.findall(body)))
        patterns = " ".join(body.split())
        return f"{match[1]}{{ SELECT {variables} WHERE {{ {patterns} }} }}\n"

    return SCAN_BLOCK.sub(block, text)


def broad_only(query: NamedQuery, given: Iterable[str]) -> bool:
    """Whether every given anchored parameter is broad, and one is given."""
    names = set(given)
    anchored = [p for p in query.params if p.anchor and p.name in names]
    return bool(anchored) and all(p.broad for p in anchored)


def has_scan(query: NamedQuery) -> bool:
    return SCAN_BLOCK.search(query.text) is not None


def anchor_count_text(query: NamedQuery, name: str) -> str:
    """A query counting the rows the anchor of parameter ``name`` selects (projecting the parameter,
    which is bound as a term): how many entities a filter value keeps, to choose between a lookup per
    entity and one pass over the class's sort keys."""
    param = query.param(name)
    if param is None or param.anchor is None:
        raise ValueError(f"{query.name}: ?{name} has no anchor")
    prefixes = "".join(f"{line}\n" for line in query.text.splitlines() if line.upper().startswith("PREFIX "))
    patterns = param.anchor.strip().rstrip(".")
    return f"{prefixes}SELECT (COUNT(*) AS ?n) ?{name} WHERE {{ {patterns} }} GROUP BY ?{name}"


WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def values_text(query: NamedQuery, name: str, terms: Iterable[URIRef]) -> str:
    """``query`` for several values of its IRI parameter ``name`` at once: a ``VALUES`` block opens its
    WHERE clause. One query instead of one per value, for callers that hold the values already (terms
    from the store, each spelled by :func:`kg.rdf.terms.serialize_term`, which refuses an unsafe IRI).

    For flat queries only, where a block of values means what one bound value does: ``name`` is the
    query's only parameter and its first projected variable (so each row names its value), and the query
    has no sub-``SELECT`` and no ``#@`` marks (those are for :func:`query_text`). Others: ValueError."""
    param = query.param(name)
    if param is None or param.type != "iri":
        raise ValueError(f"{query.name}: ?{name} is not an IRI parameter")
    if [p.name for p in query.params] != [name]:
        raise ValueError(f"{query.name}: ?{name} is not the query's only parameter")
    body = without_comments(query.text)
    selects = list(re.finditer(r"\bSELECT\b", body, re.IGNORECASE))
    if len(selects) != 1 or re.search(r"^[ \t]*#@", query.text, re.MULTILINE):
        raise ValueError(f"{query.name}: not a flat query (a sub-SELECT or #@ marks)")
    if not re.match(rf"\s*(DISTINCT\s+|REDUCED\s+)?\?{name}\b", body[selects[0].end() :], re.IGNORECASE):
        raise ValueError(f"{query.name}: ?{name} is not the first projected variable")
    opening = WHERE_OPEN.search(body, selects[0].end())
    if opening is None:
        raise ValueError(f"{query.name}: no WHERE clause")
    block = f" VALUES ?{name} {{ {' '.join(serialize_term(term) for term in terms)} }}"
    return body[: opening.end()] + block + body[opening.end() :]


def conditional(text: str, given: Iterable[str], anchors: Iterable[str] = ()) -> str:
    """``text`` without the ``#@if ?p ...`` / ``#@end`` blocks none of whose parameters is ``given``, and
    without the ``#@filter ?p ...`` blocks none of whose parameters is given without an anchor (in
    ``anchors``); the kept blocks lose their two marker lines."""
    names, anchored_names = set(given), set(anchors)

    def keep(block: re.Match[str]) -> str:
        wanted = {name.lstrip("?") for name in block["names"].split()}
        if block["kind"] == "filter":
            wanted -= anchored_names
        return block["body"] if wanted & names else ""

    return IF_BLOCK.sub(keep, text)


def block_params(text: str) -> set[str]:
    """The parameters the ``#@if`` and ``#@filter`` blocks of ``text`` name."""
    return {name.lstrip("?") for block in IF_BLOCK.finditer(text) for name in block["names"].split()}


def query_text(
    query: NamedQuery,
    bindings: Mapping[str, object],
    limit: int | None,
    offset: int,
    *,
    scan: bool | None = None,
) -> str:
    """What runs for ``query`` with ``bindings``: anchors of the bound parameters, the ``#@if`` blocks
    of the bound parameters only, the ``#@scan`` blocks read in one pass when ``scan`` (None: when only
    broad anchors are given), LIMIT and OFFSET (appended, or at the ``#@page`` mark of a query that
    pages in a sub-SELECT)."""
    anchors = {p.name for p in query.params if p.anchor}
    scan = broad_only(query, bindings) if scan is None else scan
    text = scanned(anchored(query, bindings), scan)
    text, page = conditional(text, bindings, anchors), page_clause(limit, offset)
    mark = PAGE_MARK.search(text)
    return text[: mark.start()] + page + "\n" + text[mark.start() :] if mark else text + page


def run_query(
    store: Store,
    query: NamedQuery,
    raw_params: Mapping[str, str],
    ids: Ids,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> SelectResult:
    """Bind ``raw_params``, page, and run a SELECT named query."""
    if query.form != "select":
        raise InputError(f"query {query.name!r} is a {query.form.upper()} query, not a SELECT")
    bindings = bind_params(query, raw_params, ids)
    return store.select(query_text(query, bindings, limit, offset), bindings)
