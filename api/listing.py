"""Named-query answers as JSON-ready rows, and paged lists with a ``next`` link."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated

from fastapi import Query, Request
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.namespaces import Ids
from kg.sparql.named import NamedQuery, run_query
from kg.store import SelectResult, Store

DEFAULT_LIMIT = 50
MAX_PAGE = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip", examples=[0])]

_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.gYear}


def python_value(term: Identifier) -> object:
    """A JSON value for an RDF term: IRIs and strings as text, numbers and years as numbers."""
    if isinstance(term, Literal):
        if term.datatype in _INTEGER_TYPES and str(term).lstrip("-").isdigit():
            return int(str(term))
        if term.datatype in (XSD.decimal, XSD.double, XSD.float):
            number = Decimal(str(term))
            return int(number) if number == number.to_integral_value() else float(number)
        return str(term)
    return str(term) if isinstance(term, URIRef) else None


def to_rows(result: SelectResult, drop: frozenset[str] = frozenset()) -> list[dict[str, object]]:
    """Rows as dicts, unbound and dropped variables left out, the first variable renamed ``id``."""
    first = result.variables[0] if result.variables else ""
    return [
        {("id" if k == first else k): python_value(v) for k, v in row.items() if k not in drop}
        for row in result
    ]


def run_rows(
    store: Store, query: NamedQuery, params: Mapping[str, str], ids: Ids, *, keep_id: bool = False
) -> list[dict[str, object]]:
    """All rows of a named query, parameters bound as RDF terms (parameter echo columns dropped)."""
    result = run_query(store, query, params, ids)
    drop = frozenset(p.name for p in query.params)
    rows = (
        to_rows(result, drop) if not keep_id else [{k: python_value(v) for k, v in r.items()} for r in result]
    )
    return rows


def page(
    request: Request,
    store: Store,
    query: NamedQuery,
    params: Mapping[str, str],
    ids: Ids,
    *,
    limit: int,
    offset: int,
) -> dict[str, object]:
    """One page of a list query: fetches one row more than asked to know whether a next page exists."""
    result = run_query(store, query, params, ids, limit=limit + 1, offset=offset)
    return page_of(request, result, query, limit=limit, offset=offset)


def page_of(
    request: Request, result: SelectResult, query: NamedQuery, *, limit: int, offset: int
) -> dict[str, object]:
    """The page for ``result``, the answer of ``query`` with LIMIT ``limit + 1`` and OFFSET ``offset``."""
    items = to_rows(result, frozenset(p.name for p in query.params))
    following = None
    if len(items) > limit:
        items = items[:limit]
        following = str(request.url.include_query_params(limit=limit, offset=offset + limit))
    return {"items": items, "limit": limit, "offset": offset, "next": following}
