"""``/graphs``: the SPARQL 1.1 Graph Store Protocol for curated named graphs (``graph/curated/...``).

GET answers Turtle, N-Triples or JSON-LD; PUT replaces, POST merges, DELETE drops. Writes need a bearer
token, are validated (422 with the SHACL report, nothing written), are atomic (one store transaction,
which also appends the change-log entry), and are listed at ``GET /graphs/changes``.

PUT and POST bodies are parsed, merged, hashed and validated in a validation process
(kg.validation.workers.WriteSession), killed at ``TKG_HEAVY_DEADLINE`` (504): this process only reads the
body, holds the store's write lock and writes. The merged result is validated under that lock, so no
other write of this process slips between the read of the graph and the write.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from rdflib import Graph, URIRef

from api.deps import SettingsDep, StoreDep, ValidatorsDep
from api.http.auth import WriterDep
from api.http.bodies import RawRdf, RawRdfBody
from api.http.limits import rdf_limits
from api.http.negotiation import choose, to_csv
from api.http.preconditions import check_if_match
from kg.curation.changelog import read_changes
from kg.curation.evidence import report_json
from kg.curation.versions import Content, Tag, state, versions, write_content, write_version
from kg.rdf.io import with_prefixes
from kg.settings import Settings
from kg.store import Store
from kg.store.dump import graph_ntriples
from kg.validation.workers import ValidationWorkers

router = APIRouter(prefix="/graphs", tags=["Curators"])
FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
GraphParam = Annotated[
    str | None,
    Query(
        description="IRI of a curated graph", examples=["https://w3id.org/textile-kg/id/graph/curated/parks"]
    ),
]
DefaultParam = Annotated[
    str | None, Query(description="the default graph: refused (it is the union of all graphs)")
]


def curated_graph(settings: Settings, graph: str | None, default: str | None) -> URIRef:
    """The graph a request names; 400 for the default graph or a graph outside ``graph/curated/``."""
    namespace = settings.ids.graph("curated/")
    if default is not None:
        raise HTTPException(
            400, f"the default graph is read-only (the union of all graphs); name a graph under <{namespace}>"
        )
    if not graph:
        raise HTTPException(400, f"name the graph: ?graph=<IRI under {namespace}>")
    if (
        not graph.startswith(namespace)
        or len(graph) == len(namespace)
        or any(c in graph for c in ' <>"{}|\\^`')
    ):
        raise HTTPException(
            400, f"graph <{graph}> is not a curated graph: curated graphs are under <{namespace}>"
        )
    return URIRef(graph)


def named_graph(settings: SettingsDep, graph: GraphParam = None, default: DefaultParam = None) -> URIRef:
    """The curated graph of ``?graph=`` (checked before any body is read)."""
    return curated_graph(settings, graph, default)


CuratedGraph = Annotated[URIRef, Depends(named_graph)]


class Operation(StrEnum):
    """The writes of the Graph Store Protocol, as recorded in the change log."""

    PUT = "PUT"
    POST = "POST"
    DELETE = "DELETE"


def version_link(settings: Settings, graph: str, number: int | None) -> str | None:
    """The API path that shows what version ``number`` of ``graph`` changed (its diff)."""
    if number is None:
        return None
    article = str(settings.ids.graph("article/"))
    if graph.startswith(article):
        return f"/articles/{quote(graph[len(article) :], safe='')}/versions/{number}/diff"
    return f"/graphs/versions/{number}/diff?graph={quote(graph, safe='')}"


@router.get(
    "/changes",
    summary="The change log of curated writes, latest first (JSON, or CSV by Accept: text/csv)",
    responses={200: {"content": {"text/csv": {}}}},
)
def get_changes(
    request: Request, store: StoreDep, settings: SettingsDep, graph: GraphParam = None
) -> Response:
    media = choose(request.headers.get("accept"), {"application/json": "json", "text/csv": "csv"})
    if media is None:
        raise HTTPException(406, "the change log is served as application/json or text/csv")
    rows = read_changes(store, settings.ids, graph=URIRef(graph) if graph else None)
    items: list[dict[str, Any]] = [
        {
            "at": c.at,
            "graph": c.graph,
            "operation": c.operation,
            "added": c.added,
            "removed": c.removed,
            "by": c.by,
            "version": c.version,
            "hash": c.hash,
            "version_graph": c.version_graph,
            "diff": version_link(settings, c.graph, c.version),
        }
        for c in rows
    ]
    if media == "csv":
        return Response(to_csv(items), media_type="text/csv; charset=utf-8", headers={"Vary": "Accept"})
    return JSONResponse(items, headers={"Vary": "Accept"})


@router.get(
    "", summary="Get a curated graph (Turtle, N-Triples or JSON-LD by Accept)", response_class=Response
)
def get_graph(request: Request, store: StoreDep, settings: SettingsDep, iri: CuratedGraph) -> Response:
    media = choose(request.headers.get("accept"), {m: m for m in FORMATS})
    if media is None:
        raise HTTPException(406, f"graphs are served as {', '.join(FORMATS)}")
    current = state(store, settings.ids, iri)
    if len(current.data) == 0:
        raise HTTPException(404, f"graph <{iri}> does not exist")
    return Response(
        with_prefixes(current.data).serialize(format=FORMATS[media]),
        media_type=media,
        headers={"Vary": "Accept", "ETag": current.etag},
    )


def nonconforming(iri: URIRef, report: dict[str, Any]) -> JSONResponse:
    return JSONResponse(
        {"detail": f"graph <{iri}> does not conform to the shapes; nothing was written", "report": report},
        status_code=422,
    )


def write_body(
    request: Request,
    store: Store,
    settings: Settings,
    validators: ValidationWorkers,
    iri: URIRef,
    given: RawRdf,
    operation: Operation,
    by: str,
) -> JSONResponse:
    """PUT (``replace``) or POST: the body is parsed by a validation process before the write lock;
    under it, the process merges it with the graph as the store holds it and validates the merged
    result, If-Match is checked (a PUT over existing content needs it), and the new content is written
    as the graph's next version with the log entry and the refresh of the consolidated graph, in one
    transaction (kg.curation.versions)."""
    replace = operation is Operation.PUT
    with validators.write_session(settings.heavy_deadline) as session:
        session.parse(given.body, given.media_type, name="request body", limits=rdf_limits(settings))
        with store.writing():
            history = versions(store, settings.ids, iri)
            old = graph_ntriples(store, iri)
            old_hash = session.merge(old, replace=replace)
            number = history[-1].number if history else 0
            exists = bool(old.strip())
            check_if_match(
                request, Tag(number, old_hash), exists=exists, required=replace, what=f"graph <{iri}>"
            )
            checked, merged = session.validate(store)
            if not checked.report.conforms:
                return nonconforming(iri, report_json(checked.report, store, found=checked.evidence))
            baseline = None
            if exists and not history:
                baseline = Content(old.decode(), old_hash, merged.old_triples)
            written = write_content(
                store,
                settings.ids,
                iri,
                number,
                baseline,
                Content(merged.ntriples.decode(), merged.hash, merged.triples),
                changed=(merged.added, merged.removed),
                operation=operation.value,
                by=by,
                subjects=None if merged.subjects is None else [URIRef(s) for s in merged.subjects],
            )
    status = 201 if replace and not exists else 200
    return JSONResponse(written.to_dict(), status_code=status, headers={"ETag": written.etag})


def write(
    request: Request,
    store: Store,
    settings: Settings,
    iri: URIRef,
    compose: Callable[[Graph], Graph],
    operation: Operation,
    by: str,
) -> JSONResponse:
    """Under the store's write lock: read the graph, check If-Match, compose the new content, then
    write it as the graph's next version (a DELETE: no body, nothing to validate)."""
    with store.writing():
        current = state(store, settings.ids, iri)
        old = current.data
        if operation is Operation.DELETE and len(old) == 0:
            raise HTTPException(404, f"graph <{iri}> does not exist")
        check_if_match(request, current, exists=len(old) > 0, required=False, what=f"graph <{iri}>")
        written = write_version(store, settings.ids, current, compose(old), operation=operation.value, by=by)
        return JSONResponse(written.to_dict(), headers={"ETag": written.etag})


@router.put("", summary="Replace a curated graph (validated; needs a bearer token)", status_code=200)
def put_graph(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    by: WriterDep,
    validators: ValidatorsDep,
    iri: CuratedGraph,
    data: RawRdfBody,
) -> JSONResponse:
    return write_body(request, store, settings, validators, iri, data, Operation.PUT, by)


@router.post("", summary="Merge triples into a curated graph (validated; needs a bearer token)")
def post_graph(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    by: WriterDep,
    validators: ValidatorsDep,
    iri: CuratedGraph,
    data: RawRdfBody,
) -> JSONResponse:
    return write_body(request, store, settings, validators, iri, data, Operation.POST, by)


@router.delete("", summary="Delete a curated graph (needs a bearer token)")
def delete_graph(
    request: Request, store: StoreDep, settings: SettingsDep, by: WriterDep, iri: CuratedGraph
) -> JSONResponse:
    return write(request, store, settings, iri, lambda _old: Graph(), Operation.DELETE, by)
