"""Reading RDF that users give us: formats by media type or file suffix, errors with line and column.

pyoxigraph parses (fast, exact error positions, no network: JSON-LD remote contexts are refused);
the result is an rdflib graph. RDF/XML with a DOCTYPE is refused before parsing (entity expansion).
Every parse is held to limits (kg.rdf.limits): nesting depth, before the parser and on the statements;
for request bodies also size and a deadline, a large body's parse then running in a child process that
is killed at the deadline. :func:`parse_dataset_async` keeps an event loop free while it parses.
"""

from __future__ import annotations

import re
import time
from functools import partial
from pathlib import Path

import anyio.to_thread
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, RDFSyntaxError
from kg.namespaces import PREFIXES
from kg.rdf.limits import (
    DEFAULT_LIMITS,
    DepthCounter,
    InputLimits,
    ParseTimeout,
    check_syntax,
    current_limits,
    parse_isolated,
)
from kg.rdf.terms import to_rdflib

RDF_MEDIA_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def format_for_media_type(content_type: str) -> ox.RdfFormat:
    """The RDF format of a Content-Type header value; InputError names the type if unsupported."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    try:
        return RDF_MEDIA_FORMATS[media_type]
    except KeyError:
        supported = ", ".join(sorted(RDF_MEDIA_FORMATS))
        raise InputError(f"unsupported RDF media type {media_type!r}; use one of {supported}") from None


def format_for_path(path: Path) -> ox.RdfFormat:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise InputError(f"{path.name}: unknown RDF file type {path.suffix!r}") from None


def parse_dataset(
    data: bytes | str, fmt: ox.RdfFormat, *, name: str = "input", limits: InputLimits | None = None
) -> Dataset:
    """Parse RDF into a dataset (triples without a graph go to the default graph).

    ``limits`` default to those of the request being served, else to a nesting limit only (see
    :func:`kg.rdf.limits.current_limits`); over a limit is a LimitExceeded (an InputError)."""
    raw = data.encode() if isinstance(data, str) else data
    limits = current_limits(limits)
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(raw):
        raise InputError(f"{name}: RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    check_syntax(raw, fmt, limits, name=name)
    end = None if limits.deadline is None else time.monotonic() + limits.deadline
    if limits.deadline is not None and len(raw) > limits.isolate_above:
        raw, fmt = parse_isolated(raw, fmt, limits, name=name), ox.RdfFormat.N_QUADS
    dataset = Dataset()
    nesting = DepthCounter()
    try:
        for count, quad in enumerate(ox.parse(raw, format=fmt)):
            if end is not None and count % 4096 == 0 and time.monotonic() > end:
                raise ParseTimeout(f"{name}: reading the statements took longer than {limits.deadline:g} s")
            nesting.add(quad.subject, quad.predicate, quad.object)
            graph = quad.graph_name
            context = DATASET_DEFAULT_GRAPH_ID if isinstance(graph, ox.DefaultGraph) else to_rdflib(graph)
            dataset.add(
                (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), context)  # type: ignore[arg-type]
            )
    except SyntaxError as exc:
        message = str(exc).split(" (line", 1)[0]
        raise RDFSyntaxError(f"{name}: {message}", line=exc.lineno, column=exc.offset) from exc
    nesting.check(limits, name=name)
    return dataset


async def parse_dataset_async(
    data: bytes | str, fmt: ox.RdfFormat, *, name: str = "input", limits: InputLimits | None = None
) -> Dataset:
    """:func:`parse_dataset` on a worker thread (the caller's limits travel with it): for async code."""
    return await anyio.to_thread.run_sync(partial(parse_dataset, data, fmt, name=name, limits=limits))


def parse_graph(
    data: bytes | str, fmt: ox.RdfFormat, *, name: str = "input", limits: InputLimits | None = None
) -> Graph:
    """Parse RDF that must be one graph (named graphs in the input are an error)."""
    dataset = parse_dataset(data, fmt, name=name, limits=limits)
    graph = Graph()
    for s, p, o, g in dataset.quads():
        if g is not None and g != DATASET_DEFAULT_GRAPH_ID and isinstance(g, URIRef):
            raise InputError(f"{name}: expected a single graph, found named graph <{g}>")
        graph.add((s, p, o))
    return graph


def parse_rdf_file(path: Path) -> Graph:
    """Read one RDF file as a graph; InputError if it cannot be read. The project's files are held to the
    nesting limit only, even when read while a request is served (the request's size limit is not theirs)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    return parse_graph(data, format_for_path(path), name=path.name, limits=DEFAULT_LIMITS)


def with_prefixes(graph: Graph) -> Graph:
    """A copy of ``graph`` with the project's prefixes bound, for readable Turtle (tkg:, not ns1:)."""
    out = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    out += graph
    return out
