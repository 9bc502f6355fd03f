"""The whole dataset, or one layer or graph of it, as N-Quads or TriG chunks (``GET /dump``).

Graphs are read one at a time: on the embedded store with pyoxigraph's quad iterator (never held whole
in Python), on a remote store with ``Store.get_graph``. Each graph is one consistent read; the dump as a
whole is not one transaction (a write between two graphs shows in the later one).

Layers (docs/consolidation.md): ``sources`` is every graph as written (articles, curated sets, the
gazetteer, the ontology, metadata, change log); ``consolidated`` is what the store derives from them,
graph/current and graph/conflicts.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Literal

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import InputError
from kg.namespaces import PREFIXES, Ids
from kg.rdf.terms import to_oxigraph
from kg.store.base import Store
from kg.store.embedded import EmbeddedStore

Layer = Literal["sources", "consolidated"]
LAYERS: tuple[Layer, ...] = ("sources", "consolidated")
CHUNK = 20_000  # quads per serialised chunk


def derived_graphs(ids: Ids) -> tuple[URIRef, ...]:
    """The graphs of the consolidated layer."""
    return (ids.current_graph, ids.conflicts_graph)


def store_graphs(store: Store) -> list[URIRef]:
    """Every named graph of the store, sorted (the embedded store lists them without counting)."""
    if isinstance(store, EmbeddedStore):
        names = (g for g in store.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(URIRef(g.value) for g in names)
    return sorted(store.graph_sizes())


def layer_graphs(graphs: Iterable[URIRef], ids: Ids, layer: Layer | None) -> list[URIRef]:
    """The graphs of ``layer`` among ``graphs`` (all of them for None)."""
    derived = set(derived_graphs(ids))
    if layer is None:
        return list(graphs)
    return [g for g in graphs if (g in derived) == (layer == "consolidated")]


def graph_iri(name: str, ids: Ids) -> URIRef:
    """A graph named by its IRI or by its path under ``<base>graph/`` (``ontology``, ``article/001``)."""
    namespace = str(ids.graph(""))
    iri = name if name.startswith(namespace) else namespace + name.lstrip("/")
    if ":" in name and not name.startswith(namespace):
        raise InputError(f"graph <{name[:200]}> is not one of this store's graphs (under <{namespace}>)")
    return URIRef(iri)


def quad_chunks(store: Store, graphs: Iterable[URIRef], size: int = CHUNK) -> Iterator[list[ox.Quad]]:
    """The quads of ``graphs``, graph after graph, in lists of at most ``size``."""
    for graph in graphs:
        name = ox.NamedNode(str(graph))
        if isinstance(store, EmbeddedStore):
            quads: Iterable[ox.Quad] = store.oxigraph.quads_for_pattern(None, None, None, name)
        else:
            quads = (
                ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)  # type: ignore[arg-type]
                for s, p, o in store.get_graph(graph)
            )
        chunk: list[ox.Quad] = []
        for quad in quads:
            chunk.append(quad)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def serialized(chunks: Iterable[list[ox.Quad]], fmt: ox.RdfFormat) -> Iterator[bytes]:
    """Each chunk as N-Quads or TriG (TriG: a block per graph and chunk, the project's prefixes once)."""
    prefixes = PREFIXES if fmt == ox.RdfFormat.TRIG else None
    first = True
    for chunk in chunks:
        body = ox.serialize(chunk, format=fmt, prefixes=prefixes) or b""
        if prefixes and not first:  # repeated @prefix lines are valid TriG, but noise
            body = b"".join(
                line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix")
            )
        first = False
        yield body


def gzipped(chunks: Iterable[bytes], level: int = 6) -> Iterator[bytes]:
    """The chunks as one gzip stream."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)  # wbits 31: gzip header and trailer
    for chunk in chunks:
        packed = packer.compress(chunk)
        if packed:
            yield packed
    yield packer.flush()
