"""The SKOS schemes for browsers: ``/vocab`` (every scheme as a tree), ``/vocab/{scheme}`` and the concept
pages. Concept IRIs (``https://w3id.org/textile-kg/industry/cashmere`` ...) dereference here at
``/industry/...``, ``/policy/...``, ``/title/...`` and ``/kind/...``: HTML for a browser, Turtle or
JSON-LD by ``Accept`` or ``?format=``, like ``/id/...``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import FORMAT_MEDIA, choose_format, graph_to_jsonld
from api.web.entity import labels, statements
from api.web.render import CONCEPT_NAMESPACES, page
from kg.errors import NotFoundError
from kg.namespaces import TKG
from kg.rdf.io import with_prefixes
from kg.sparql.catalog import Catalog, json_rows

router = APIRouter(include_in_schema=False)
USERS_SHOWN = 500
Slug = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]


def concept_rows(catalog: Catalog, scheme: str | None) -> list[dict[str, Any]]:
    """Rows of concepts.rq (``id`` the concept) with the ``scheme`` column, which rows() would drop."""
    params = {"scheme": URIRef(scheme)} if scheme else {}
    return [dict(row) for row in json_rows(catalog.run(catalog.query("concepts"), params))]


def trees(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Schemes, each with its concepts as a tree (``children``) by skos:broader, sorted by label."""
    schemes: dict[str, dict[str, Any]] = {}
    for row in rows:
        scheme = schemes.setdefault(
            str(row["scheme"]), {"iri": str(row["scheme"]), "label": row.get("scheme_label"), "nodes": {}}
        )
        node = scheme["nodes"].setdefault(
            str(row["id"]),
            {
                "iri": str(row["id"]),
                "label": row.get("label"),
                "label_zh": row.get("label_zh"),
                "users": row.get("users", 0),
                "broader": [],
                "children": [],
            },
        )
        if row.get("broader") and row["broader"] not in node["broader"]:
            node["broader"].append(str(row["broader"]))
    out = []
    for scheme in schemes.values():
        nodes = scheme.pop("nodes")
        roots = []
        for node in nodes.values():
            parents = [nodes[b] for b in node["broader"] if b in nodes]
            for parent in parents:
                parent["children"].append(node)
            if not parents:
                roots.append(node)
        for node in nodes.values():
            node["children"].sort(key=lambda n: (n["label"] or n["iri"]).lower())
        roots.sort(key=lambda n: (n["label"] or n["iri"]).lower())
        out.append({**scheme, "roots": roots, "size": len(nodes)})
    return sorted(out, key=lambda s: s["label"] or s["iri"])


@router.get("/vocab")
def vocabularies(request: Request, catalog: CatalogDep) -> Response:
    return page(request, "vocab.html", schemes=trees(concept_rows(catalog, None)), one=False)


@router.get("/vocab/{name}")
def scheme_page(request: Request, name: Slug, catalog: CatalogDep) -> Response:
    iri = str(TKG._NS) + name
    negotiated = _document(request, catalog, iri)
    if negotiated is not None:
        return negotiated
    schemes = trees(concept_rows(catalog, iri))
    if not schemes:
        raise NotFoundError(f"no concept scheme {name[:80]!r}")
    return page(request, "vocab.html", schemes=schemes, one=True)


def _document(request: Request, catalog: Catalog, iri: str) -> Response | None:
    """Turtle or JSON-LD of the resource's description when the client asks for one; None for HTML."""
    fmt = choose_format(request, ("html", "turtle", "jsonld", "json"))
    if fmt == "html":
        return None
    graph = catalog.store.construct(catalog.query("describe").text, {"entity": URIRef(iri)})
    if len(graph) == 0:
        raise NotFoundError(f"nothing is known about {iri[:120]!r}")
    if fmt == "turtle":
        return Response(
            with_prefixes(graph).serialize(format="turtle"), media_type="text/turtle; charset=utf-8"
        )
    return Response(graph_to_jsonld(graph), media_type=FORMAT_MEDIA["jsonld"])


def concept_page(request: Request, catalog: Catalog, iri: str) -> Response:
    negotiated = _document(request, catalog, iri)
    if negotiated is not None:
        return negotiated
    found = statements(catalog, iri, [])
    if not found:
        raise NotFoundError(f"no concept {iri[:120]!r}")
    users = catalog.rows("concept_users", concept=URIRef(iri))
    rows = concept_rows(catalog, None)
    schemes = {str(r["scheme"]) for r in rows if str(r["id"]) == iri}
    by_iri = {str(r["id"]): r for r in rows}
    broader = sorted({str(r["broader"]) for r in rows if str(r["id"]) == iri and r.get("broader")})
    narrower = sorted({str(r["id"]) for r in rows if r.get("broader") == iri})
    return page(
        request,
        "concept.html",
        iri=iri,
        labels=labels(catalog, iri),
        statements=found,
        schemes=sorted(schemes),
        broader=[(b, by_iri.get(b, {}).get("label")) for b in broader],
        narrower=[(n, by_iri.get(n, {}).get("label")) for n in narrower],
        users=users[:USERS_SHOWN],
        more=max(0, len(users) - USERS_SHOWN),
    )


def _concept_route(prefix: str, namespace: str) -> None:
    def dereference(request: Request, slug: Slug, catalog: CatalogDep) -> Response:
        return concept_page(request, catalog, namespace + slug)

    dereference.__name__ = f"concept_{prefix}"
    router.add_api_route(f"/{prefix}/{{slug}}", dereference, methods=["GET"])


for _prefix, _namespace in CONCEPT_NAMESPACES.items():
    _concept_route(_prefix, _namespace)
