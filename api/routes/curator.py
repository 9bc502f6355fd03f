"""Curator checks before anything enters the graph: ``POST /validate`` (RDF -> SHACL report) and
``POST /articles`` (an article -> extraction JSON + SHACL report; ``?dry_run=false`` stores it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from rdflib import Graph

from api.deps import SettingsDep, StoreDep, ValidatorsDep
from api.http.auth import require_writer
from api.http.bodies import RawRdfBody, media_type, read_body
from api.http.limits import rdf_limits
from api.http.preconditions import check_if_match
from api.models import ArticleIn
from kg.curation.articles import TEXT_TYPES, curated_article
from kg.curation.evidence import report_json
from kg.curation.publish import publish_article
from kg.curation.versions import state

router = APIRouter(tags=["Curators"])
EXAMPLE_PARK = (
    "@prefix tkg: <https://w3id.org/textile-kg/ontology#> .\n"
    "<https://w3id.org/textile-kg/id/park/example-park> a tkg:IndustrialPark ;\n"
    '    rdfs:label "Example Park"@en ; tkg:locatedIn <https://w3id.org/textile-kg/id/place/130534> .'
)


@dataclass(frozen=True)
class ArticleWrite:
    """Whether to store the article, and the name of the token that allows it (None for a dry run)."""

    dry_run: bool
    writer: str | None


def article_write(
    request: Request,
    settings: SettingsDep,
    dry_run: Annotated[bool, Query(description="false: store the article graph (needs a token)")] = True,
) -> ArticleWrite:
    """A token is checked (401/403) before the body is read, and only when the article is to be stored."""
    return ArticleWrite(dry_run, None if dry_run else require_writer(request, settings))


async def read_article(request: Request, settings: SettingsDep) -> ArticleIn:
    """A JSON body, or a text/plain, text/html or text/markdown body with metadata in query parameters."""
    kind = media_type(request)
    if kind != "application/json" and kind not in TEXT_TYPES:
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use application/json or text"
        )
    body = await read_body(request, settings.max_body_bytes)
    try:
        if kind == "application/json":
            return ArticleIn.model_validate(json.loads(body))
        fields = {k: v for k, v in request.query_params.items() if k in ArticleIn.model_fields}
        return ArticleIn.model_validate({**fields, "text": body.decode("utf-8"), "media_type": kind})
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(400, f"the request body is not valid {kind}: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(400, f"invalid article: {problems}") from None


ArticleWriteDep = Annotated[ArticleWrite, Depends(article_write)]
ArticleBody = Annotated[ArticleIn, Depends(read_article)]


@router.post(
    "/validate",
    summary="Validate RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD) against the shapes",
    openapi_extra={"requestBody": {"content": {"text/turtle": {"example": EXAMPLE_PARK}}}},
)
def post_validate(
    store: StoreDep, settings: SettingsDep, validators: ValidatorsDep, given: RawRdfBody
) -> dict[str, Any]:
    """Parsed and validated in a validation process (kg.validation.workers), killed at the deadline."""
    checked = validators.check(
        store,
        given.body,
        given.media_type,
        name="request body",
        limits=rdf_limits(settings),
        timeout=settings.heavy_deadline,
    )
    return report_json(checked.report, store, found=checked.evidence)


@router.post("/articles", summary="Extract an article; with dry_run=false (and a token) store it")
def post_article(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    write: ArticleWriteDep,
    given: ArticleBody,
    validators: ValidatorsDep,
) -> JSONResponse:
    """A new article, or (with ``If-Match``) a new version of an existing one: 409 without If-Match for an
    id that exists (published or retracted), 412 with a stale one."""
    if given.media_type not in TEXT_TYPES:
        raise HTTPException(
            415, f"unsupported article media_type {given.media_type!r}; use {', '.join(TEXT_TYPES)}"
        )
    if not given.text.strip():
        raise HTTPException(400, "the article text is empty")
    article = curated_article(
        given.text,
        media_type=given.media_type,
        given_id=given.id,
        title=given.title,
        date=given.date,
        publisher=given.publisher,
        url=given.url,
    )
    started = datetime.now(UTC)
    # extraction and SHACL run in a validation process, killed at the deadline (kg.validation.workers)
    checked = validators.check_article(store, article, timeout=settings.heavy_deadline)
    document: dict[str, Any] = {
        "id": article.id,
        "graph": str(settings.ids.article_graph(article.id)),
        "stored": False,
        "extraction": checked.extraction,
        "report": report_json(checked.report, store, found=checked.evidence),
    }
    if write.dry_run or write.writer is None:
        return JSONResponse(document)
    if not checked.report.conforms:
        document["detail"] = "the article's graph does not conform to the shapes; nothing was written"
        return JSONResponse(document, status_code=422)
    assert checked.ntriples is not None
    data = Graph().parse(data=checked.ntriples, format="nt")
    graph_iri = settings.ids.article_graph(article.id)
    with store.writing():
        current = state(store, settings.ids, graph_iri)
        check_if_match(request, current, exists=current.exists, required=True, what=f"article {article.id!r}")
        written = publish_article(
            store,
            settings.ids,
            current,
            article.id,
            data,
            operation="INGEST",
            by=write.writer,
            started=started,
        )
    document["stored"] = True
    document["version"] = written.to_dict()
    return JSONResponse(document, headers={"ETag": written.etag})
