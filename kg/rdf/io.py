"""Reading RDF that users give us: formats by media type or file suffix, errors with line and column.

pyoxigraph parses (fast, exact error positions, no network: JSON-LD remote contexts are refused);
the result is an rdflib graph. RDF/XML with a DOCTYPE is refused before parsing (entity expansion).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, RDFSyntaxError
from kg.namespaces import PREFIXES
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


def parse_dataset(data: bytes | str, fmt: ox.RdfFormat, *, name: str = "input") -> Dataset:
    """Parse RDF into a dataset (triples without a graph go to the default graph)."""
    raw = data.encode() if isinstance(data, str) else data
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(raw):
        raise InputError(f"{name}: RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    dataset = Dataset()
    try:
        for quad in ox.parse(raw, format=fmt):
            graph = quad.graph_name
            context = DATASET_DEFAULT_GRAPH_ID if isinstance(graph, ox.DefaultGraph) else to_rdflib(graph)
            dataset.add(
                (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), context)  # type: ignore[arg-type]
            )
    except SyntaxError as exc:
        message = str(exc).split(" (line", 1)[0]
        raise RDFSyntaxError(f"{name}: {message}", line=exc.lineno, column=exc.offset) from exc
    return dataset


def parse_graph(data: bytes | str, fmt: ox.RdfFormat, *, name: str = "input") -> Graph:
    """Parse RDF that must be one graph (named graphs in the input are an error)."""
    dataset = parse_dataset(data, fmt, name=name)
    graph = Graph()
    for s, p, o, g in dataset.quads():
        if g is not None and g != DATASET_DEFAULT_GRAPH_ID and isinstance(g, URIRef):
            raise InputError(f"{name}: expected a single graph, found named graph <{g}>")
        graph.add((s, p, o))
    return graph


def parse_rdf_file(path: Path) -> Graph:
    """Read one RDF file as a graph; InputError if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    return parse_graph(data, format_for_path(path), name=path.name)


def with_prefixes(graph: Graph) -> Graph:
    """A copy of ``graph`` with the project's prefixes bound, for readable Turtle (tkg:, not ns1:)."""
    out = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    out += graph
    return out
