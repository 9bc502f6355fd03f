"""``/id/...`` dereferences every entity IRI: HTML for browsers, JSON-LD or Turtle for clients.

``/context.jsonld`` publishes the JSON-LD context of every JSON answer.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import FORMAT_MEDIA, choose_format, graph_to_jsonld, jsonld_context
from api.services.resolve import EntityKind, PlaceLevel, resolve_entity, resolve_place
from api.web import entity_page
from kg.errors import NotFoundError
from kg.rdf.io import with_prefixes
from kg.sparql.catalog import Catalog

router = APIRouter(tags=["identifiers"])


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context of every JSON answer",
    responses={200: {"content": {"application/ld+json": {"example": {"@context": {"id": "@id"}}}}}},
)
def context() -> JSONResponse:
    return JSONResponse({"@context": jsonld_context()}, media_type=FORMAT_MEDIA["jsonld"])


_IRI = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@/%-]{1,400}")  # what may follow the base in an IRI path
KINDS = {k.value: k for k in EntityKind}


def _resolved(catalog: Catalog, path: str) -> URIRef | None:
    """The entity ``{kind}/{name}`` names the way the REST routes take it (a name in English, Chinese or
    pinyin; a place also by code or name), or None."""
    kind, _, key = path.partition("/")
    if not key or "/" in key:
        return None
    try:
        if kind in KINDS:
            return resolve_entity(catalog, key, KINDS[kind])
        if kind == "place":
            return resolve_place(catalog, key, PlaceLevel.PLACE)
    except NotFoundError:
        return None
    return None


@router.get(
    "/id/{path:path}",
    summary="Dereference an entity IRI: an HTML page, JSON-LD or Turtle by Accept; a name the REST routes "
    "take (/id/cluster/Qinghe Cashmere Cluster, /id/place/河北) redirects (303) to the entity's IRI",
    responses={
        200: {"content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {}}},
        303: {"description": "the path names an entity by name: its IRI is in Location"},
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
    fmt = choose_format(request, ("html", "jsonld", "turtle", "json"))
    iri = URIRef(catalog.ids.base + path) if _IRI.fullmatch(path) else None  # else: a name, not an IRI
    graph = catalog.store.construct(catalog.query("describe").text, {"entity": iri}) if iri else None
    if not graph:
        canonical = _resolved(catalog, path)
        if canonical is not None and canonical != iri:
            local = catalog.ids.local_path(str(canonical)) or ""
            return RedirectResponse(str(request.url_for("dereference", path=local)), status_code=303)
        raise NotFoundError(f"nothing is known about {path[:120]!r}")
    if fmt == "turtle":
        return Response(
            with_prefixes(graph).serialize(format="turtle"), media_type="text/turtle; charset=utf-8"
        )
    if fmt in ("jsonld", "json"):
        return Response(graph_to_jsonld(graph), media_type=FORMAT_MEDIA["jsonld"])
    return entity_page(request, str(iri))
