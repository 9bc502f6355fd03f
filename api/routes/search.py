"""``/search?q=``: entities by English, Chinese or pinyin label or alias (case, tone marks, apostrophes and
spaces folded), exact matches first, each with its type, its place and a GB code to tell namesakes apart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib import URIRef

from api.deps import CatalogDep
from api.http.negotiation import LIST_FORMATS, LIST_RESPONSES, render
from api.models import Page, Ref, SearchHit
from api.services.lists import DEFAULT_LIMIT, Limit, Offset, page_json
from kg.errors import InputError
from kg.sparql.catalog import Catalog, Row, page_of
from kg.sparql.search import search_entities
from kg.store.labels.fold import fold

router = APIRouter(tags=["search"])


def hit(catalog: Catalog, row: Row) -> SearchHit:
    """A search row with the entity's parent place and a code: the entity's own GB code (a place), else
    its parent's."""
    code = parent = None
    context = catalog.rows("place_context", entity=URIRef(row["id"])) if isinstance(row["id"], str) else []
    if context:
        code = context[0].get("code")
        if context[0].get("parent"):
            place = URIRef(str(context[0]["parent"]))
            about = catalog.rows("place_label", place=place)
            label = about[0].get("label") if about else None
            parent = Ref(id=str(place), label=None if label is None else str(label))
            code = code or (about[0].get("code") if about else None)
    return SearchHit.model_validate(
        {
            "id": row["id"],
            "type": row["type_name"],
            "label": row.get("label"),
            "match": row["match"],
            "score": row["score"],
            "parent": parent,
            "code": None if code is None else str(code),
        }
    )


@router.get(
    "/search",
    summary="Search entities by English, Chinese or pinyin label or alias; exact matches first",
    response_model=Page[SearchHit],
    responses={**LIST_RESPONSES, 400: {"description": "q missing, too long, or nothing left after folding"}},
)
def search(
    request: Request,
    catalog: CatalogDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="text to find", examples=["羊绒"])],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    if not fold(q):
        raise InputError("q has nothing to search for once spaces and punctuation are left out")
    query = catalog.query("search")  # answered from the embedded store's label index when there is one
    result = search_entities(catalog.store, query, q, catalog.ids, limit=limit + 1, offset=offset)
    data = page_json(
        request, page_of(query, result, limit), limit=limit, offset=offset, item=lambda row: hit(catalog, row)
    )
    return render(request, data, LIST_FORMATS)
