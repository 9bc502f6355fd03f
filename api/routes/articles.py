"""``/articles``: the curator's catalogue of articles and their history.

``GET /articles`` (paged), ``GET /articles/{id}`` (metadata, extraction summary, SHACL status, ETag),
``DELETE /articles/{id}`` (retract: the statements leave the consolidated graph in the same transaction;
the content stays in its versions), ``POST /articles/{id}/restore``, ``GET /articles/{id}/versions``,
``GET /articles/{id}/versions/{n}/diff``, ``POST /articles/{id}/versions/{n}/restore``.
``POST /articles`` (extract and store) is in :mod:`api.routes.curator`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from rdflib import Graph, URIRef

from api.deps import OntologyDep, SettingsDep, ShapesDep, StoreDep
from api.http.auth import PublisherDep
from api.http.preconditions import check_if_match
from api.routes.graph_versions import Against, VersionPath
from kg.curation.catalog import article, articles, checked_id, extraction_summary, with_counts
from kg.curation.versions import diff, restore, state, unretract, versions, write_version
from kg.errors import NotFoundError, StateConflict
from kg.settings import Settings
from kg.validation.context import validate_increment

router = APIRouter(prefix="/articles", tags=["Curators"])


def article_graph(settings: Settings, article_id: str) -> URIRef:
    return settings.ids.article_graph(checked_id(article_id))


@router.get("", summary="The articles, published and retracted (paged, by id)")
def list_articles(
    store: StoreDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    status: Annotated[str | None, Query(pattern="^(published|retracted)$")] = None,
) -> dict[str, Any]:
    found = articles(store, settings.ids, status=status)
    page = with_counts(store, found[offset : offset + limit])
    return {"total": len(found), "limit": limit, "offset": offset, "items": [a.to_dict() for a in page]}


@router.get("/{article_id}", summary="One article: metadata, extraction summary, SHACL status, versions")
def get_article(
    store: StoreDep,
    settings: SettingsDep,
    shapes: ShapesDep,
    ontology: OntologyDep,
    article_id: str,
    validate: Annotated[bool, Query(description="run SHACL on the article's graph now")] = True,
) -> JSONResponse:
    info = article(store, settings.ids, article_id)
    current = state(store, settings.ids, URIRef(info.graph))
    shacl: dict[str, object] | None = None
    if validate and len(current.data):
        report = validate_increment(store, current.data, shapes, ontology)
        shacl = {
            "conforms": report.conforms,
            "violations": sum(1 for r in report.results if r.severity == "Violation"),
            "results": len(report.results),
        }
    document = {
        **info.to_dict(),
        "etag": current.etag,
        "extraction": extraction_summary(current.data),
        "shacl": shacl,
        "versions": len(current.versions),
    }
    return JSONResponse(document, headers={"ETag": current.etag})


@router.delete("/{article_id}", summary="Retract an article (its content stays in its versions)")
def retract_article(
    request: Request, store: StoreDep, settings: SettingsDep, writer: PublisherDep, article_id: str
) -> JSONResponse:
    graph = article_graph(settings, article_id)
    with store.writing():
        current = state(store, settings.ids, graph)
        if not current.exists:
            raise NotFoundError(f"no article {article_id!r}")
        check_if_match(request, current, exists=True, required=False, what=f"article {article_id!r}")
        if not len(current.data):
            raise StateConflict(f"article {article_id!r} is already retracted")
        written = write_version(store, settings.ids, current, Graph(), operation="RETRACT", by=writer.name)
    return JSONResponse({**written.to_dict(), "status": "retracted"}, headers={"ETag": written.etag})


@router.post("/{article_id}/restore", summary="Publish a retracted article again (its last content)")
def restore_article(
    store: StoreDep, settings: SettingsDep, writer: PublisherDep, article_id: str
) -> JSONResponse:
    graph = article_graph(settings, article_id)
    if not state(store, settings.ids, graph).exists:
        raise NotFoundError(f"no article {article_id!r}")
    written = unretract(store, settings.ids, graph, by=writer.name)
    return JSONResponse({**written.to_dict(), "status": "published"}, headers={"ETag": written.etag})


@router.get("/{article_id}/versions", summary="The versions of an article: who, when, added/removed")
def article_versions(store: StoreDep, settings: SettingsDep, article_id: str) -> dict[str, Any]:
    graph = article_graph(settings, article_id)
    found = versions(store, settings.ids, graph)
    if not found and not len(store.get_graph(graph)):
        raise NotFoundError(f"no article {article_id!r}")
    return {"graph": str(graph), "versions": [v.to_dict() for v in found]}


@router.get("/{article_id}/versions/{number}/diff", summary="What version n added and removed")
def article_diff(
    store: StoreDep,
    settings: SettingsDep,
    article_id: str,
    number: VersionPath,
    against: Against = None,
) -> dict[str, object]:
    graph = article_graph(settings, article_id)
    return diff(store, settings.ids, graph, number - 1 if against is None else against, number)


@router.post("/{article_id}/versions/{number}/restore", summary="Make version n of an article current")
def article_restore_version(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    writer: PublisherDep,
    article_id: str,
    number: VersionPath,
) -> JSONResponse:
    graph = article_graph(settings, article_id)
    with store.writing():
        current = state(store, settings.ids, graph)
        check_if_match(
            request, current, exists=current.exists, required=False, what=f"article {article_id!r}"
        )
        written = restore(store, settings.ids, graph, number, by=writer.name)
    return JSONResponse(written.to_dict(), headers={"ETag": written.etag})
