"""Content negotiation: the one ``Accept`` parser, and the REST renderings (JSON by default, JSON-LD with
the published context, Turtle, CSV for lists).

An ``Accept`` header that names none of the offered types gets 406 with the list of those it could have.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response
from rdflib import Graph

from kg.namespaces import PREFIXES
from kg.rdf.io import with_prefixes
from kg.rdf.terms import to_oxigraph, to_rdflib

FORMAT_MEDIA = {
    "json": "application/json",
    "jsonld": "application/ld+json",
    "turtle": "text/turtle",
    "csv": "text/csv",
    "html": "text/html",
}
LIST_FORMATS = ("json", "jsonld", "turtle", "csv")
# The OpenAPI ``responses`` of every list route: the formats of LIST_FORMATS besides JSON.
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}, "text/turtle": {}, "application/ld+json": {}}}
}
DOCUMENT_FORMATS = ("json", "jsonld", "turtle")
CONTEXT_PATH = "/context.jsonld"

_IRI_KEYS = [
    "id",
    "article",
    "cluster",
    "park",
    "enterprise",
    "initiative",
    "place",
    "province",
    "city",
    "industry",
    "specialty",
    "designation",
    "holder",
    "title_concept",
    "body",
    "issuer",
    "member",
    "relation",
    "kind",
    "park_kind",
    "initiative_kind",
    "part_of",
    "via",
    "entity",
    "subject",
    "target",
    "comparator",
    "property",
    "graph",
    "measure_concept",
]
_TERMS = {
    "label": PREFIXES["rdfs"] + "label",
    "label_zh": {"@id": PREFIXES["skos"] + "prefLabel", "@language": "zh"},
    "aliases": PREFIXES["skos"] + "altLabel",
    "code": PREFIXES["tkg"] + "gbCode",
    "wkt": PREFIXES["geo"] + "asWKT",
    "title": PREFIXES["dcterms"] + "title",
    "date": PREFIXES["dcterms"] + "date",
    "publisher": PREFIXES["dcterms"] + "publisher",
    "items": {"@id": PREFIXES["rdfs"] + "member", "@container": "@set"},
    "type": "@type",
}


@dataclass(frozen=True, order=True)
class MediaRange:
    """One range of an ``Accept`` header; sorting puts the client's favourite first (q, then position)."""

    neg_q: float
    position: int
    media: str

    @property
    def q(self) -> float:
        return -self.neg_q

    def matches(self, media: str) -> bool:
        return self.media in ("*/*", media) or (
            self.media.endswith("/*") and media.startswith(self.media[:-1])
        )

    def specificity(self, media: str) -> int:
        """2: exact match, 1: ``type/*``, 0: ``*/*``, -1: the range does not cover ``media``."""
        kind = media.split("/", 1)[0]
        return (
            2 if self.media == media else 1 if self.media == f"{kind}/*" else 0 if self.media == "*/*" else -1
        )


def parse_accept(header: str | None) -> list[MediaRange]:
    """``"text/csv;q=0.5, */*;q=0.1"`` -> its ranges in header order; no header means ``*/*``.

    A range without ``/`` is dropped; an unreadable q counts as 0.
    """
    if not header or not header.strip():
        return [MediaRange(-1.0, 0, "*/*")]
    ranges = []
    for position, part in enumerate(header.split(",")):
        media, *options = (f.strip() for f in part.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(-q, position, media.lower()))
    return ranges


def _covering_q(offer: str, ranges: list[MediaRange]) -> float:
    """The q of the first most specific range covering ``offer`` (exact, then ``type/*``, then ``*/*``)."""
    best: tuple[int, float] | None = None
    for media_range in ranges:
        specificity = media_range.specificity(offer)
        if specificity >= 0 and (best is None or specificity > best[0]):
            best = (specificity, media_range.q)
    return best[1] if best else 0.0


def choose(header: str | None, offers: Mapping[str, str]) -> str | None:
    """The canonical media type of the best offer, or None when the client accepts none of them.

    ``offers`` maps what a client may ask for to what we send, in OUR order of preference: each offer gets
    the q (clamped to 0..1) of the most specific range covering it, and among equal q our order decides.
    Used where RDF syntaxes are interchangeable (``/sparql``, ``/graphs``); :func:`choose_format` follows
    the client's order instead, for the REST answers.
    """
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer, canonical in offers.items():
        q = min(max(_covering_q(offer, ranges), 0.0), 1.0)
        if q > best_q:
            best, best_q = canonical, q
    return best


def jsonld_context() -> dict[str, object]:
    """The context published at ``/context.jsonld``: JSON keys -> ontology and standard terms."""
    context: dict[str, object] = {"@vocab": PREFIXES["tkg"], **PREFIXES}
    for key in _IRI_KEYS:
        context[key] = {"@id": PREFIXES["tkg"] + key, "@type": "@id"}
    context.update(_TERMS)
    context["id"] = "@id"
    return context


def choose_format(request: Request, offered: Sequence[str]) -> str:
    """The first offered format the client accepts (``?format=`` wins over ``Accept``); 406 if none.

    The client's order decides: ranges by q, then by their position in the header.
    """
    wanted = request.query_params.get("format")
    if wanted:
        if wanted in offered:
            return wanted
        raise HTTPException(
            406, f"format {wanted[:20]!r} is not offered here; try one of: {', '.join(offered)}"
        )
    accept = request.headers.get("accept") or "*/*"
    for media_range in sorted(r for r in parse_accept(accept) if r.q > 0):
        for name in offered:
            if media_range.matches(FORMAT_MEDIA[name]):
                return name
    types = ", ".join(FORMAT_MEDIA[name] for name in offered)
    raise HTTPException(406, f"cannot answer with {accept[:100]!r}; this resource is available as: {types}")


def with_context(data: Mapping[str, object], request: Request) -> dict[str, object]:
    return {"@context": str(request.base_url).rstrip("/") + CONTEXT_PATH, **data}


def to_graph(data: Mapping[str, object]) -> Graph:
    """The RDF reading of a JSON answer under the published context (no remote context is fetched)."""
    # pyoxigraph's JSON-LD parser: rdflib's emits a DeprecationWarning (ConjunctiveGraph) on every call
    document = json.dumps({"@context": jsonld_context(), **data}).encode()
    graph = Graph()
    for quad in ox.parse(document, format=ox.RdfFormat.JSON_LD):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def _cell(value: object) -> str:
    """One value of a list in a CSV cell: a linked value (``{"id", "label"}``) as its IRI."""
    return str(value["id"]) if isinstance(value, dict) and "id" in value else str(value)


def to_csv(items: Sequence[Mapping[str, object]]) -> str:
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(item))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow({k: "; ".join(map(_cell, v)) if isinstance(v, list) else v for k, v in item.items()})
    return out.getvalue()


def render(
    request: Request, data: Mapping[str, object], offered: Sequence[str] = DOCUMENT_FORMATS
) -> Response:
    """``data`` (the JSON answer) in the negotiated format; CSV renders ``data["items"]``."""
    fmt = choose_format(request, offered)
    if fmt == "jsonld":
        return JSONResponse(with_context(data, request), media_type=FORMAT_MEDIA["jsonld"])
    if fmt == "turtle":
        return Response(
            with_prefixes(to_graph(data)).serialize(format="turtle"), media_type="text/turtle; charset=utf-8"
        )
    if fmt == "csv":
        items = data.get("items", [])
        assert isinstance(items, list)  # only lists offer CSV
        return Response(to_csv(items), media_type="text/csv; charset=utf-8")
    return JSONResponse(data)


def graph_to_jsonld(graph: Graph) -> bytes:
    """Expanded JSON-LD of ``graph`` (pyoxigraph's serializer, for the same reason as :func:`to_graph`)."""
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]  # type: ignore[arg-type]
    return ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"
