"""A remote server's answers read with pyoxigraph's parsers into the project's types, quirks evened out.

Virtuoso answers ASK as a one-row SELECT of ``?__ASK_RETVAL`` (1/0): read as a boolean; it stores
``geo:wktLiteral`` as its own ``virtrdf:Geometry`` (coordinates in single precision): the datatype is
given back as geo:wktLiteral, the lost digits cannot be. Oxigraph keeps every type derived from
xsd:integer (nonNegativeInteger, int...) as xsd:integer, Virtuoso keeps the derived type: remote answers
are given Oxigraph's spelling, so that every backend answers the same. Anything that
is not what was asked for (an HTML error page, truncated JSON, rows where a boolean was asked) is a
RemoteStoreError (502) with our own message: the media type that came back, never the parser's or the
server's text (that goes to the log). Query results are read as SPARQL JSON only.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import NotAcceptableError, RemoteStoreError
from kg.rdf.terms import to_rdflib
from kg.store.base import SelectResult
from kg.store.protocol import GRAPH_FORMATS, RESULTS_FORMATS, RawQuery, RawResult, serialize_answer
from kg.store.remote.http import Answer

log = logging.getLogger(__name__)

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_VIRTUOSO_ASK = "__ASK_RETVAL"
_VIRTUOSO_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry"
_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in [
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_TRIPLE_MEDIA = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def parse_results(answer: Answer) -> ox.QuerySolutions | ox.QueryBoolean:
    """SPARQL JSON results; Virtuoso's ASK-as-SELECT becomes a boolean."""
    if answer.media_type not in (RESULTS_JSON, "application/json"):
        raise _garbage(answer, "SPARQL JSON results")
    try:
        parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QuerySolutions) and [v.value for v in parsed.variables] == [_VIRTUOSO_ASK]:
            rows = list(parsed)
            truth = bool(rows) and rows[0][0] is not None and rows[0][0].value not in ("0", "false")
            parsed = ox.parse_query_results(
                b'{"head":{},"boolean":%s}' % (b"true" if truth else b"false"),
                format=ox.QueryResultsFormat.JSON,
            )
        return parsed
    except (SyntaxError, ValueError) as exc:
        raise _garbage(answer, "SPARQL JSON results", exc) from exc


def to_select(answer: Answer) -> SelectResult:
    parsed = parse_results(answer)
    if not isinstance(parsed, ox.QuerySolutions):
        raise RemoteStoreError("the SPARQL server answered a boolean to a SELECT query")
    variables = tuple(v.value for v in parsed.variables)
    try:
        rows = tuple(tuple(_term(s[i]) for i in range(len(variables))) for s in parsed)
    except (SyntaxError, ValueError) as exc:
        raise _garbage(answer, "SPARQL JSON results", exc) from exc
    return SelectResult(variables, rows)


def to_bool(answer: Answer) -> bool:
    parsed = parse_results(answer)
    if not isinstance(parsed, ox.QueryBoolean):
        raise RemoteStoreError("the SPARQL server answered rows to an ASK query")
    return bool(parsed)


def parse_triples(answer: Answer) -> list[ox.Triple]:
    fmt = _TRIPLE_MEDIA.get(answer.media_type)
    if fmt is None:
        raise _garbage(answer, "N-Triples")
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(answer.body, format=fmt)]
    except (SyntaxError, ValueError) as exc:
        raise _garbage(answer, "N-Triples", exc) from exc


def to_graph(answer: Answer) -> Graph:
    graph = Graph()
    for t in parse_triples(answer):
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), _term(t.object)))  # type: ignore[arg-type]
    return graph


def to_raw(answer: Answer, raw: RawQuery, deadline: float) -> RawResult:
    """Re-serialise a remote answer as ``raw`` asks (the same serialisers and row cap as embedded);
    results are parsed lazily, so a truncated answer fails while serialising: still our 502."""
    if answer.media_type in _TRIPLE_MEDIA:
        media = raw.graph_format
        if media is None or media not in GRAPH_FORMATS:
            raise NotAcceptableError(
                "none of the accepted media types can represent a graph (CONSTRUCT/DESCRIBE)"
            )
        triples = parse_triples(answer)
        body = ox.serialize(triples[: raw.max_rows], format=GRAPH_FORMATS[media]) or b""
        return RawResult(body, media, len(triples) > raw.max_rows)
    if raw.results_format is not None and raw.results_format not in RESULTS_FORMATS:
        raise RemoteStoreError(f"cannot serialise results as {raw.results_format}")
    try:
        return serialize_answer(parse_results(answer), raw, deadline)
    except (SyntaxError, ValueError) as exc:
        raise _garbage(answer, "SPARQL JSON results", exc) from exc


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Identifier | None:
    if isinstance(term, ox.Literal) and term.datatype.value == _VIRTUOSO_GEOMETRY:
        return Literal(term.value, datatype=_WKT)
    if isinstance(term, ox.Literal) and term.datatype.value in _INTEGERS:
        return Literal(term.value, datatype=URIRef(_XSD + "integer"))
    return to_rdflib(term)


def _garbage(answer: Answer, expected: str, exc: Exception | None = None) -> RemoteStoreError:
    what = answer.media_type or "no media type"
    if exc is not None:
        log.warning("unreadable %s from the SPARQL server: %s", what, exc)
        return RemoteStoreError(f"the SPARQL server answered {what} that is not valid {expected}")
    return RemoteStoreError(f"the SPARQL server answered {what} instead of {expected}")
