"""Content negotiation: JSON (default), JSON-LD with the published context, Turtle, CSV for lists.

An ``Accept`` header that names none of the offered types gets 406 with the list of those it could have.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

import pyoxigraph as ox
from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response
from rdflib import Graph

from kg.namespaces import PREFIXES
from kg.rdf.io import with_prefixes
from kg.rdf.terms import to_oxigraph, to_rdflib

MEDIA_TYPES = {
    "json": "application/json",
    "jsonld": "application/ld+json",
    "turtle": "text/turtle",
    "csv": "text/csv",
    "html": "text/html",
}
LIST_FORMATS = ("json", "jsonld", "turtle", "csv")
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


def jsonld_context() -> dict[str, object]:
    """The context published at ``/context.jsonld``: JSON keys -> ontology and standard terms."""
    context: dict[str, object] = {"@vocab": PREFIXES["tkg"], **PREFIXES}
    for key in _IRI_KEYS:
        context[key] = {"@id": PREFIXES["tkg"] + key, "@type": "@id"}
    context.update(_TERMS)
    context["id"] = "@id"
    return context


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        quality = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return sorted(ranked)


def choose_format(request: Request, offered: Sequence[str]) -> str:
    """The first offered format the client accepts (``?format=`` wins over ``Accept``); 406 if none."""
    wanted = request.query_params.get("format")
    if wanted:
        if wanted in offered:
            return wanted
        raise HTTPException(
            406, f"format {wanted[:20]!r} is not offered here; try one of: {', '.join(offered)}"
        )
    accept = request.headers.get("accept") or "*/*"
    for _, _, media in _accepted(accept):
        for name in offered:
            full = MEDIA_TYPES[name]
            if media in ("*/*", full) or (media.endswith("/*") and full.startswith(media[:-1])):
                return name
    types = ", ".join(MEDIA_TYPES[name] for name in offered)
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


def to_csv(items: Sequence[Mapping[str, object]]) -> str:
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(item))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in item.items()})
    return out.getvalue()


def render(
    request: Request, data: Mapping[str, object], offered: Sequence[str] = DOCUMENT_FORMATS
) -> Response:
    """``data`` (the JSON answer) in the negotiated format; CSV renders ``data["items"]``."""
    fmt = choose_format(request, offered)
    if fmt == "jsonld":
        return JSONResponse(with_context(data, request), media_type=MEDIA_TYPES["jsonld"])
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
