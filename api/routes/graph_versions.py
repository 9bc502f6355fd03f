"""``/graphs/versions``: the history of a curated graph, what each version changed, and undo.

``GET /graphs/versions?graph=`` lists the versions (who, when, added/removed, content hash);
``GET /graphs/versions/{n}/diff?graph=`` gives the triples version n added and removed;
``POST /graphs/versions/{n}/restore?graph=`` makes version n current again, as a new version.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from api.deps import SettingsDep, StoreDep
from api.http.auth import PublisherDep
from api.http.preconditions import check_if_match
from api.routes.graphs import CuratedGraph
from kg.curation.versions import diff, restore, state, versions
from kg.errors import NotFoundError

router = APIRouter(prefix="/graphs/versions", tags=["Curators"])
VersionPath = Annotated[int, Path(ge=1, description="a version number, 1, 2, ...")]
Against = Annotated[int | None, Query(ge=0, description="the version to compare with (n-1)")]


@router.get("", summary="The versions of a curated graph: who, when, added/removed triples")
def graph_versions(store: StoreDep, settings: SettingsDep, iri: CuratedGraph) -> dict[str, Any]:
    found = versions(store, settings.ids, iri)
    if not found and not len(store.get_graph(iri)):
        raise NotFoundError(f"graph <{iri}> has no versions")
    return {"graph": str(iri), "versions": [v.to_dict() for v in found]}


@router.get("/{number}/diff", summary="The triples version n of a curated graph added and removed")
def graph_diff(
    store: StoreDep,
    settings: SettingsDep,
    iri: CuratedGraph,
    number: VersionPath,
    against: Against = None,
) -> dict[str, object]:
    return diff(store, settings.ids, iri, number - 1 if against is None else against, number)


@router.post("/{number}/restore", summary="Make version n of a curated graph current (a new version)")
def graph_restore(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    writer: PublisherDep,
    iri: CuratedGraph,
    number: VersionPath,
) -> JSONResponse:
    with store.writing():
        current = state(store, settings.ids, iri)
        check_if_match(request, current, exists=current.exists, required=False, what=f"graph <{iri}>")
        written = restore(store, settings.ids, iri, number, by=writer.name)
    return JSONResponse(written.to_dict(), headers={"ETag": written.etag})
