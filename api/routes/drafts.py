"""``/drafts``: review before publishing (kg.curation.drafts).

``POST /drafts`` takes an article (JSON or text, like ``POST /articles``) or RDF for a curated graph
(``?graph=``), extracts and validates it and keeps it with its SHACL report as a pending draft: nothing
reaches the consolidated graph. ``GET /drafts[?status=]``, ``GET /drafts/{id}``; a reviewer
``POST /drafts/{id}/approve`` (written as the target's next version) or ``POST /drafts/{id}/reject``
with a reason. With TKG_DISTINCT_APPROVER (default) the author cannot approve their own draft.
"""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from rdflib import Graph, URIRef

from api.deps import OntologyDep, SettingsDep, ShapesDep, StoreDep, ValidatorsDep
from api.http.auth import AnyWriterDep, ReviewerDep
from api.http.bodies import media_type, merged, read_rdf
from api.models import ArticleIn
from api.routes.curator import read_article
from api.routes.graphs import GraphParam, curated_graph
from kg.curation.articles import TEXT_TYPES, curated_article
from kg.curation.drafts import STATUSES, approve, check_review, create, draft, drafts, reject
from kg.curation.evidence import report_json
from kg.validation.context import validate_increment

router = APIRouter(prefix="/drafts", tags=["Curators"])


async def draft_body(request: Request, settings: SettingsDep) -> ArticleIn | Graph:
    """An article (JSON, or text with its metadata as query parameters) or RDF (a curated graph)."""
    kind = media_type(request)
    if kind == "application/json" or kind in TEXT_TYPES:
        return await read_article(request, settings)
    dataset = await read_rdf(request, settings.max_body_bytes)
    # one rdflib graph of all its statements: O(body) of Python, so not on the event loop
    return await anyio.to_thread.run_sync(merged, dataset)


DraftBody = Annotated[ArticleIn | Graph, Depends(draft_body)]


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000, description="why the draft is rejected")


@router.post(
    "", summary="Keep an article or a curated graph as a draft, with its SHACL report", status_code=201
)
def post_draft(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    writer: AnyWriterDep,
    shapes: ShapesDep,
    ontology: OntologyDep,
    body: DraftBody,
    validators: ValidatorsDep,
    graph: GraphParam = None,
) -> JSONResponse:
    document: dict[str, Any] = {}
    if isinstance(body, Graph):
        target = curated_graph(settings, graph, None)
        data = body
        report = report_json(validate_increment(store, data, shapes, ontology), store, data)
    else:
        if graph is not None:
            raise HTTPException(400, "an article draft names no graph: its graph follows from its id")
        if body.media_type not in TEXT_TYPES:
            raise HTTPException(415, f"unsupported article media_type {body.media_type!r}")
        if not body.text.strip():
            raise HTTPException(400, "the article text is empty")
        article = curated_article(
            body.text,
            media_type=body.media_type,
            given_id=body.id,
            title=body.title,
            date=body.date,
            publisher=body.publisher,
            url=body.url,
        )
        # extraction and SHACL in a validation process, killed at the deadline (kg.validation.workers)
        checked = validators.check_article(store, article, timeout=settings.heavy_deadline)
        assert checked.ntriples is not None
        target = settings.ids.article_graph(article.id)
        data = Graph().parse(data=checked.ntriples, format="nt")
        report = report_json(checked.report, store, found=checked.evidence)
        document["extraction"] = checked.extraction
    made = create(store, settings.ids, URIRef(target), data, report, by=writer.name)
    return JSONResponse({**made.to_dict(full=True), **document}, status_code=201)


@router.get("", summary="The drafts, latest first")
def list_drafts(
    store: StoreDep,
    settings: SettingsDep,
    status: Annotated[str | None, Query(pattern="^(" + "|".join(STATUSES) + ")$")] = None,
) -> dict[str, Any]:
    found = drafts(store, settings.ids, status=status)
    return {"total": len(found), "items": [d.to_dict() for d in found]}


@router.get("/{draft_id}", summary="One draft: its report and its content (N-Triples lines)")
def get_draft(store: StoreDep, settings: SettingsDep, draft_id: str) -> dict[str, object]:
    found, data = draft(store, settings.ids, draft_id)
    lines = sorted(line for line in data.serialize(format="nt").splitlines() if line.strip())
    return {**found.to_dict(full=True), "content": lines}


@router.post("/{draft_id}/approve", summary="Publish a draft as its target's next version (reviewers)")
def approve_draft(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    writer: ReviewerDep,
    shapes: ShapesDep,
    ontology: OntologyDep,
    draft_id: str,
) -> JSONResponse:
    found, data = draft(store, settings.ids, draft_id)
    check_review(found, writer.name, distinct=settings.distinct_approver)  # again under the lock, below
    report = validate_increment(store, data, shapes, ontology)  # the store may have changed since
    if not report.conforms:
        return JSONResponse(
            {
                "detail": f"draft {draft_id} does not conform to the shapes now; nothing was written",
                "report": report_json(report, store, data),
            },
            status_code=422,
        )
    done, written = approve(
        store,
        settings.ids,
        draft_id,
        by=writer.name,
        distinct=settings.distinct_approver,
        current_etag=request.headers.get("if-match"),
    )
    return JSONResponse({**done.to_dict(), "version": written.to_dict()}, headers={"ETag": written.etag})


@router.post("/{draft_id}/reject", summary="Reject a draft with a reason (reviewers)")
def reject_draft(
    store: StoreDep, settings: SettingsDep, writer: ReviewerDep, draft_id: str, review: Review
) -> dict[str, object]:
    return reject(store, settings.ids, draft_id, by=writer.name, reason=review.reason).to_dict()
