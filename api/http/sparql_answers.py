"""The formats of ``/sparql`` answers: chosen by ``?format=`` or ``Accept``, and a cut at the row cap said
in every format (docs/sparql.md, "Formats" and "Row cap").

``format=`` takes a short name (``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``ntriples``, ``jsonld``,
``nquads``, ``trig``, ``rdfxml``) or a media type, and wins over ``Accept``. ``json`` and ``xml`` name the
SPARQL results format for SELECT/ASK and JSON-LD / RDF/XML for CONSTRUCT/DESCRIBE.

A truncated answer says so where its format has room for it: a ``"truncated": true`` member in SPARQL
JSON, a comment in SPARQL XML, RDF/XML, Turtle, TriG, N-Triples and N-Quads. CSV, TSV and JSON-LD have no
comment syntax and no member a reader would not take for data, so a truncated answer in those formats is
refused (422) with a message that points to paging and to ``/dump``. Every truncated answer also carries
the header ``X-TKG-Truncated: true``.
"""

from __future__ import annotations

from fastapi import HTTPException
from fastapi.responses import Response

from api.http.negotiation import choose
from kg.store.protocol import RawResult

RESULTS_OFFERS = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/json": "application/sparql-results+json",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_OFFERS = {
    "text/turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/ld+json": "application/ld+json",
    "application/json": "application/ld+json",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/plain": "application/n-triples",
}
# format= short names -> (media type of SELECT/ASK answers, media type of CONSTRUCT/DESCRIBE answers)
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "nquads": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
    "rdfxml": (None, "application/rdf+xml"),
}
# the formats in which a cut cannot be said without changing the data a reader gets
REFUSED_WHEN_TRUNCATED = frozenset({"text/csv", "text/tab-separated-values", "application/ld+json"})
_HASH_COMMENT = frozenset({"text/turtle", "application/n-triples", "application/n-quads", "application/trig"})
_XML = frozenset({"application/sparql-results+xml", "application/rdf+xml"})


def wanted_formats(fmt: str | None, accept: str | None) -> tuple[str | None, str | None]:
    """(media type for SELECT/ASK, media type for CONSTRUCT/DESCRIBE): from ``format=`` if given (406 for
    a name or type we do not offer), else the best offers of ``Accept``; None where nothing fits."""
    if fmt is None or not fmt.strip():
        return choose(accept, RESULTS_OFFERS), choose(accept, GRAPH_OFFERS)
    key = fmt.strip().lower()
    if key in FORMAT_NAMES:
        return FORMAT_NAMES[key]
    media = key.split(";", 1)[0].strip()
    if media in RESULTS_OFFERS or media in GRAPH_OFFERS:
        return RESULTS_OFFERS.get(media), GRAPH_OFFERS.get(media)
    names = ", ".join(FORMAT_NAMES)
    raise HTTPException(406, f"format {fmt[:40]!r} is not offered; use one of {names} or a media type")


def cut_note(max_rows: int) -> str:
    return (
        f"truncated: the answer was cut at the row cap of {max_rows:,} rows (TKG_MAX_ROWS); "
        "page with ORDER BY + LIMIT/OFFSET, or download the whole dataset from /dump"
    )


def to_response(result: RawResult, max_rows: int) -> Response:
    """The answer as an HTTP response, its truncation stated in the format (or refused, see above)."""
    body, media, headers = result.body, result.media_type, {"Vary": "Accept"}
    if result.truncated:
        note = cut_note(max_rows)
        if media in REFUSED_WHEN_TRUNCATED:
            raise HTTPException(
                422,
                f"the answer has more than {max_rows:,} rows (TKG_MAX_ROWS) and {media} cannot say it was "
                "cut; page with ORDER BY + LIMIT/OFFSET, ask for SPARQL JSON or XML (which mark the cut), "
                "or download the whole dataset from /dump",
            )
        headers["X-TKG-Truncated"] = "true"
        if media == "application/sparql-results+json" and body.startswith(b"{"):
            body = b'{"truncated":true,' + body[1:]  # an extra member: still valid SPARQL JSON
        elif media in _HASH_COMMENT:
            body = f"# {note}\n".encode() + body
        elif media in _XML:
            body = body.rstrip(b"\n") + f"\n<!-- {note} -->\n".encode()  # a comment after the root element
    return Response(body, media_type=media, headers=headers)
