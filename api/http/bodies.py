"""Request bodies: read under a size limit (TKG_MAX_BODY_BYTES, 413), RDF by Content-Type (415), parse
errors with their position (400).

The readers are async dependencies (``RawRdfBody``): FastAPI awaits them, then runs the plain ``def`` route
in its threadpool, so the blocking store and SHACL work never runs on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from rdflib import Dataset, Graph

from api.deps import SettingsDep
from kg.errors import StoreError
from kg.rdf.io import RDF_MEDIA_FORMATS, parse_dataset_async

GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
DATASET_TYPES = (*GRAPH_TYPES, "application/trig", "application/n-quads", "application/rdf+xml")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as more than ``limit`` bytes have arrived (or are announced)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body of {int(declared)} bytes is over the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower-cased ('' when absent)."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_rdf(request: Request, limit: int, *, allowed: tuple[str, ...] = DATASET_TYPES) -> Dataset:
    """The body as a dataset; quads of several graphs are kept apart (see :func:`merged`)."""
    kind = media_type(request)
    if kind not in allowed or kind not in RDF_MEDIA_FORMATS:
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use one of {', '.join(allowed)}"
        )
    body = await read_body(request, limit)
    try:
        return await parse_dataset_async(body, RDF_MEDIA_FORMATS[kind], name="request body")
    except StoreError as exc:  # raised by the term conversion for RDF-star triple terms
        raise HTTPException(400, f"request body: {exc}") from None


@dataclass(frozen=True)
class RawRdf:
    """An RDF body read but not parsed (it is parsed where it can be killed: kg.validation.workers)."""

    body: bytes
    media_type: str


async def raw_rdf_body(request: Request, settings: SettingsDep) -> RawRdf:
    """The body of an RDF Content-Type the API reads (415 otherwise), under the size limit (413)."""
    kind = media_type(request)
    if kind not in DATASET_TYPES or kind not in RDF_MEDIA_FORMATS:
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use one of {', '.join(DATASET_TYPES)}"
        )
    return RawRdf(await read_body(request, settings.max_body_bytes), kind)


def merged(dataset: Dataset) -> Graph:
    """All triples of a dataset as one graph (a curator's data may come as TriG or N-Quads)."""
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph


RawRdfBody = Annotated[RawRdf, Depends(raw_rdf_body)]
