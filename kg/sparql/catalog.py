"""The one object between callers and the named queries: a store, its queries, and the ids they mint under.

``catalog.select("entity_labels", entity=iri)`` binds an already-made RDF term as is; a plain string goes
through the parameter's declared type (``kg.sparql.params.to_term``), so user text is checked exactly as
``GET /queries/{name}`` checks it. Rows come back JSON-ready (:func:`json_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import InputError, QueryTimeout
from kg.namespaces import Ids
from kg.sparql.named import NamedQuery, anchor_count_text, bind_params, has_scan, query_text, values_text
from kg.sparql.ranges import key_range
from kg.store.base import SelectResult, Store
from kg.store.cache import term_key

Value = str | Identifier  # a term is bound as is, a string by the parameter's declared type
Row = dict[str, object]

Call = tuple[str, Mapping[str, Value]]  # a named query and its values, as ``rows`` takes them
# Threads that run prefetched queries (Catalog.prefetched): each waits on a query worker process or a
# remote server, so a profile's independent queries overlap instead of queueing one after another.
_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tkg-prefetch")

# A filtered list reads its class's sort keys in one pass when its filter keeps more than 1/SCAN_RATIO
# of the class (Catalog._scan). At 10^7 triples, /enterprises?province= (79,094 enterprises): a lookup
# per entity took ~12 + 0.029 n ms for n kept, one pass ~42 + 0.0064 n ms: even at n ~ 1,330, 1/60.
SCAN_RATIO = 60

_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.gYear}


def json_value(term: Identifier) -> object:
    """A JSON value for an RDF term: IRIs and strings as text, numbers and years as numbers."""
    if isinstance(term, Literal):
        if term.datatype in _INTEGER_TYPES and str(term).lstrip("-").isdigit():
            return int(str(term))
        if term.datatype in (XSD.decimal, XSD.double, XSD.float):
            number = Decimal(str(term))
            return int(number) if number == number.to_integral_value() else float(number)
        return str(term)
    return str(term) if isinstance(term, URIRef) else None


def json_rows(result: SelectResult, drop: frozenset[str] = frozenset()) -> list[Row]:
    """Rows as dicts, unbound and dropped variables left out, the first variable renamed ``id``."""
    first = result.variables[0] if result.variables else ""
    return [
        {("id" if k == first else k): json_value(v) for k, v in row.items() if k not in drop}
        for row in result
    ]


@dataclass(frozen=True)
class RowPage:
    """At most ``limit`` rows of a list query, and whether more follow."""

    items: list[Row]
    more: bool


@dataclass(frozen=True)
class Catalog:
    """Named queries over one store; every method runs a SELECT and raises InputError for bad values,
    QueryTimeout when ``timeout`` is given and passed (kg.store.base.Store.select: on disk the query's
    worker process is killed)."""

    store: Store
    queries: Mapping[str, NamedQuery]
    ids: Ids
    # seconds a query may run (the API's TKG_QUERY_TIMEOUT, as for /sparql): past it QueryTimeout (504),
    # and on disk its worker is killed; None: no limit (the CLI, tests)
    timeout: float | None = None
    # answers already asked for (prefetched): run() takes them instead of asking again
    ahead: Mapping[tuple[object, ...], Future[SelectResult]] = field(default_factory=dict, compare=False)

    def prefetched(self, calls: Iterable[Call]) -> Catalog:
        """This catalog, with ``calls`` (whole answers, no LIMIT) started at once, side by side: a
        profile asks for its parts this way (the store's two query workers each take one) and reads
        them as before with :meth:`rows`. Use the returned catalog for one request; an error of a
        prefetched query is raised where its rows are read."""
        ahead = dict(self.ahead)
        for name, values in calls:
            key = _key(name, values, None, 0)
            if key not in ahead:
                ahead[key] = _AHEAD.submit(self._run, self.query(name), values, None, 0)
        return replace(self, ahead=ahead)

    def cancel_pending(self) -> None:
        """Drop the prefetched queries no thread has started (a request that failed, or did not read
        them all): they would hold the store's query workers for nothing."""
        for started in self.ahead.values():
            started.cancel()

    def query(self, name: str) -> NamedQuery:
        """The named query ``name`` (a KeyError is a bug: callers name queries that ship with the code)."""
        return self.queries[name]

    def select(
        self, name: str, *, limit: int | None = None, offset: int = 0, **values: Value
    ) -> SelectResult:
        """The answer of ``name`` with ``values`` bound."""
        return self.run(self.query(name), values, limit=limit, offset=offset)

    def run(
        self,
        query: NamedQuery,
        values: Mapping[str, Value],
        *,
        limit: int | None = None,
        offset: int = 0,
        scan: bool | None = None,
    ) -> SelectResult:
        """The answer of ``query`` (a SELECT) with ``values`` bound; LIMIT and OFFSET from checked ints."""
        started = self.ahead.get(_key(query.name, values, limit, offset))
        if started is not None:
            # the time limit counts from the read as for a query run here: a prefetch still queued
            # behind other requests' ones does not wait longer than the query itself may run
            try:
                return started.result(timeout=self.timeout)
            except FutureTimeout:
                started.cancel()
                raise QueryTimeout(
                    f"the query {query.name!r} did not finish within {self.timeout:g} s; try again later"
                ) from None
        return self._run(query, values, limit, offset, scan)

    def _run(
        self,
        query: NamedQuery,
        values: Mapping[str, Value],
        limit: int | None,
        offset: int,
        scan: bool | None = None,
    ) -> SelectResult:
        if query.form != "select":
            raise InputError(f"query {query.name!r} is a {query.form.upper()} query, not a SELECT")
        bindings = bind_params(query, values, self.ids)
        text = query_text(query, bindings, limit, offset, scan=scan)
        return self.store.select(text, bindings, timeout=self.timeout)

    def rows(self, name: str, **values: Value) -> list[Row]:
        """All rows of ``name`` as JSON values, without the parameter echo columns (:func:`json_rows`)."""
        query = self.query(name)
        return json_rows(self.run(query, values), params_of(query))

    def rows_for(self, name: str, param: str, terms: Iterable[URIRef]) -> list[Row]:
        """The rows of ``name`` for each IRI of ``terms`` bound to ``param``, in one query (a ``VALUES``
        block, :func:`kg.sparql.named.values_text`: flat queries whose first column is ``param``)
        instead of one per IRI: the rows of a search page's hits. Each row names its IRI as ``id``; no
        rows for no terms."""
        query = self.query(name)
        if query.form != "select":
            raise InputError(f"query {query.name!r} is a {query.form.upper()} query, not a SELECT")
        terms = sorted(set(terms))
        if not terms:
            return []
        result = self.store.select(values_text(query, param, terms), timeout=self.timeout)
        return json_rows(result, params_of(query) - {param})

    def page(
        self,
        name: str,
        values: Mapping[str, Value],
        *,
        limit: int,
        offset: int,
        sort_key: URIRef | None = None,
    ) -> RowPage:
        """One page of a list query (one row more is fetched to know whether a next page exists).

        With ``sort_key`` (the list's sort-key property; the query takes ``?sort_from`` and
        ``?sort_to``) and no value given, the page is cut from a range of keys (kg.sparql.ranges), so
        that the engine sorts that range only, not the whole list: the same rows."""
        query = self.query(name)
        # Both shortcuts read a count first (the list's buckets, a filter's matches), which the answer
        # cache keeps until the next write; a store without one (a remote server: others may write it)
        # would pay that query on every page, so it sorts as the query is written.
        if self.store.generation is None:
            sort_key = None
        if sort_key is not None and not values:
            buckets = self.run(self.query("sort_buckets"), {"key": sort_key})
            sizes = ((str(row["bucket"]), int(row["size"])) for row in buckets)
            span = key_range(sizes, offset, limit + 1)
            if span is None:  # the list ends before the page
                return RowPage([], False)
            # bound as terms: a prefix from the data is not user text (its spaces and tabs count)
            values = {"sort_from": Literal(span.start)}
            if span.end is not None:
                values["sort_to"] = Literal(span.end)
            offset = span.offset
        scan = self._scan(query, values, sort_key) if sort_key is not None and has_scan(query) else None
        return page_of(query, self.run(query, values, limit=limit + 1, offset=offset, scan=scan), limit)

    def _scan(self, query: NamedQuery, values: Mapping[str, Value], sort_key: URIRef) -> bool | None:
        """Whether the filtered list ``query`` should read its class's sort keys in one pass (its
        ``#@scan`` block) rather than look up the key of each entity its anchors select: yes when the
        most selective given anchor that is not declared broad keeps more than 1/SCAN_RATIO of the
        class. None (the declared rule: scan with broad anchors only) when no such anchor is given."""
        bindings = bind_params(query, values, self.ids)
        narrow = [p.name for p in query.params if p.anchor and not p.broad and p.name in bindings]
        if not narrow:
            return None
        size = sum(int(str(row["size"])) for row in self.run(self.query("sort_buckets"), {"key": sort_key}))
        kept = min(
            sum(
                int(str(row["n"]))
                for row in self.store.select(
                    anchor_count_text(query, name), {name: bindings[name]}, timeout=self.timeout
                )
            )
            for name in narrow
        )
        return kept * SCAN_RATIO > size


def _key(name: str, values: Mapping[str, Value], limit: int | None, offset: int) -> tuple[object, ...]:
    """What identifies an answer: the query, its values (as the answer cache keys them,
    ``kg.store.cache.term_key``: a string is bound by the parameter's type, a term as is), LIMIT and
    OFFSET."""
    bound = tuple(sorted(term_key(k, v) for k, v in values.items()))
    return (name, bound, limit, offset)


def params_of(query: NamedQuery) -> frozenset[str]:
    return frozenset(p.name for p in query.params)


def page_of(query: NamedQuery, result: SelectResult, limit: int) -> RowPage:
    """The page in ``result``, the answer of ``query`` with LIMIT ``limit + 1``."""
    items = json_rows(result, params_of(query))
    return RowPage(items[:limit], len(items) > limit)
