"""Curator checks before anything enters the graph: ``POST /validate`` (RDF -> SHACL report) and
``POST /articles`` (an article -> extraction JSON + SHACL report; ``?dry_run=false`` stores it).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from api.auth import require_writer
from api.body import media_type, read_body
from api.curation_deps import OntologyDep, PipelineDep, ShapesDep
from api.deps import SettingsDep, StoreDep
from api.rdf_input import merged, read_rdf
from kg.curation.changelog import Change, now, record
from kg.curation.evidence import report_json
from kg.extraction.document import extraction_json
from kg.namespaces import slugify
from kg.validation.context import validate_increment
from loaders.article import parse_article

router = APIRouter(tags=["Curators"])
TEXT_TYPES = ("text/plain", "text/html", "text/markdown")
EXAMPLE_PARK = (
    "@prefix tkg: <https://w3id.org/textile-kg/ontology#> .\n"
    "<https://w3id.org/textile-kg/id/park/example-park> a tkg:IndustrialPark ;\n"
    '    rdfs:label "Example Park"@en ; tkg:locatedIn <https://w3id.org/textile-kg/id/place/130534> .'
)


class ArticleIn(BaseModel):
    """An article for extraction; ``media_type`` is text/plain, text/html or text/markdown."""

    text: str
    title: str | None = None
    date: datetime.date | None = Field(default=None, description="ISO yyyy-mm-dd")
    publisher: str | None = None
    url: str | None = None
    media_type: str = "text/plain"
    id: str | None = None


@router.post(
    "/validate",
    summary="Validate RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD) against the shapes",
    openapi_extra={"requestBody": {"content": {"text/turtle": {"example": EXAMPLE_PARK}}}},
)
async def post_validate(
    request: Request, store: StoreDep, settings: SettingsDep, shapes: ShapesDep, ontology: OntologyDep
) -> dict[str, Any]:
    data = merged(await read_rdf(request, settings.max_body_bytes))

    def run() -> dict[str, Any]:
        return report_json(validate_increment(store, data, shapes, ontology), store, data)

    return await run_in_threadpool(run)


async def read_article(request: Request, limit: int) -> ArticleIn:
    """A JSON body, or a text/plain, text/html or text/markdown body with metadata in query parameters."""
    kind = media_type(request)
    if kind != "application/json" and kind not in TEXT_TYPES:
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use application/json or text"
        )
    body = await read_body(request, limit)
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


@router.post("/articles", summary="Extract an article; with dry_run=false (and a token) store it")
async def post_article(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    pipeline: PipelineDep,
    dry_run: Annotated[bool, Query(description="false: store the article graph (needs a token)")] = True,
) -> JSONResponse:
    writer = None if dry_run else require_writer(request, settings)
    given = await read_article(request, settings.max_body_bytes)
    if given.media_type not in TEXT_TYPES:
        raise HTTPException(
            415, f"unsupported article media_type {given.media_type!r}; use {', '.join(TEXT_TYPES)}"
        )
    if not given.text.strip():
        raise HTTPException(400, "the article text is empty")
    article_id = slugify(given.id or given.title or "") if (given.id or given.title) else _text_id(given.text)
    metadata = {
        k: v for k, v in given.model_dump().items() if k in ("title", "date", "publisher", "url") and v
    }
    article = parse_article(given.text, article_id=article_id, media_type=given.media_type, metadata=metadata)

    def run() -> JSONResponse:
        before = len(store.get_graph(settings.ids.article_graph(article.id)))
        result = pipeline.ingest(article, dry_run=dry_run)
        document = {
            "graph": str(result.graph_iri),
            "stored": result.written,
            "extraction": extraction_json(
                result.data,
                result.article_iri,
                pipeline.resources.gazetteer,
                labels=pipeline.resources.vocabulary,
            ),
            "report": report_json(result.report, store, result.data),
        }
        if not dry_run and not result.written:
            document["detail"] = "the article's graph does not conform to the shapes; nothing was written"
            return JSONResponse(document, status_code=422)
        if result.written and writer is not None:
            change = Change(now(), str(result.graph_iri), "INGEST", len(result.data), before, writer)
            record(store, settings.ids, change)
        return JSONResponse(document)

    return await run_in_threadpool(run)


def _text_id(text: str) -> str:
    return "article-" + hashlib.sha256(text.encode()).hexdigest()[:12]
