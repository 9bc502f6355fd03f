"""``/id/...`` dereferences every entity IRI: HTML for browsers, JSON-LD or Turtle for clients.

``/context.jsonld`` publishes the JSON-LD context of every JSON answer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import FORMAT_MEDIA, choose_format, graph_to_jsonld, jsonld_context
from api.web import entity_page
from kg.errors import NotFoundError
from kg.rdf.io import with_prefixes

router = APIRouter(tags=["identifiers"])


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
    return entity_page(request, str(iri))
