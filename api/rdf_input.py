"""RDF request bodies: format by Content-Type (415), size limit (413), parse errors with position (400)."""

from __future__ import annotations

from fastapi import HTTPException, Request
from rdflib import Dataset, Graph

from api.body import media_type, read_body
from kg.errors import StoreError
from kg.rdf.io import RDF_MEDIA_FORMATS, parse_dataset

GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
DATASET_TYPES = (*GRAPH_TYPES, "application/trig", "application/n-quads", "application/rdf+xml")


async def read_rdf(request: Request, limit: int, *, allowed: tuple[str, ...] = DATASET_TYPES) -> Dataset:
    """The body as a dataset; quads of several graphs are kept apart (see :func:`merged`)."""
    kind = media_type(request)
    if kind not in allowed or kind not in RDF_MEDIA_FORMATS:
        raise HTTPException(
            415, f"unsupported Content-Type {kind or '(none)'!r}; use one of {', '.join(allowed)}"
        )
    body = await read_body(request, limit)
    try:
        return parse_dataset(body, RDF_MEDIA_FORMATS[kind], name="request body")
    except StoreError as exc:  # raised by the term conversion for RDF-star triple terms
        raise HTTPException(400, f"request body: {exc}") from None


def merged(dataset: Dataset) -> Graph:
    """All triples of a dataset as one graph (a curator's data may come as TriG or N-Quads)."""
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph
