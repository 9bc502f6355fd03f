"""``/id/...`` dereferences every entity IRI: HTML for browsers, JSON-LD or Turtle for clients.

``/context.jsonld`` publishes the JSON-LD context of every JSON answer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, select_autoescape
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import FORMAT_MEDIA, choose_format, graph_to_jsonld, jsonld_context
from kg.errors import NotFoundError
from kg.rdf.io import with_prefixes

router = APIRouter(tags=["identifiers"])
_PAGE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ label }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td{padding:.2em .6em}</style>
</head><body><h1>{{ label }}</h1><p><code>{{ iri }}</code></p>
<table>{% for s in statements %}<tr><td><code>{{ s.property }}</code></td><td>{% if s.link %}
<a href="{{ s.link }}">{{ s.value_label or s.value }}</a>{% else %}{{ s.value }}{% endif %}</td></tr>
{% endfor %}</table>
<p>Also as <a href="?format=jsonld">JSON-LD</a> and <a href="?format=turtle">Turtle</a>.</p></body></html>"""
)


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context of every JSON answer",
    responses={200: {"content": {"application/ld+json": {"example": {"@context": {"id": "@id"}}}}}},
)
def context() -> JSONResponse:
    return JSONResponse({"@context": jsonld_context()}, media_type=FORMAT_MEDIA["jsonld"])


@router.get(
    "/id/{path:path}",
    summary="Dereference an entity IRI: an HTML page, JSON-LD or Turtle by Accept",
    responses={
        200: {"content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {}}},
        404: {"description": "nothing is said about this IRI"},
    },
)
def dereference(
    request: Request,
    path: Annotated[
        str, Path(description="the IRI after the base", examples=["cluster/qinghe-cashmere-cluster"])
    ],
    catalog: CatalogDep,
) -> Response:
    iri = URIRef(catalog.ids.base + path)
    fmt = choose_format(request, ("html", "jsonld", "turtle", "json"))
    graph = catalog.store.construct(catalog.query("describe").text, {"entity": iri})
    if len(graph) == 0:
        raise NotFoundError(f"nothing is known about {path[:120]!r}")
    if fmt == "turtle":
        return Response(
            with_prefixes(graph).serialize(format="turtle"), media_type="text/turtle; charset=utf-8"
        )
    if fmt in ("jsonld", "json"):
        return Response(graph_to_jsonld(graph), media_type=FORMAT_MEDIA["jsonld"])
    statements = catalog.rows("entity_statements", entity=iri)
    for s in statements:
        local = catalog.ids.local_path(str(s["value"]))
        s["link"] = f"/id/{local}" if local is not None else None
    labels = [s["value"] for s in statements if str(s["property"]).endswith("#label")]
    html = _PAGE.render(iri=str(iri), label=labels[0] if labels else path, statements=statements)
    return HTMLResponse(html)
