"""The whole dataset, or one layer or graph of it, as N-Quads or TriG chunks (``GET /dump``).

Graphs are read one at a time: on the embedded store serialised by pyoxigraph's ``Store.dump`` (never
held in Python), on a remote store with ``Store.get_graph``. Each graph is one consistent read; the dump as a
whole is not one transaction (a write between two graphs shows in the later one).

Layers (docs/consolidation.md): ``sources`` is every graph as written (articles, curated sets, the
gazetteer, the ontology, metadata, change log); ``consolidated`` is what the store derives from them,
graph/current and graph/conflicts.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Literal, cast

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import InputError, StoreError
from kg.namespaces import PREFIXES, Ids
from kg.rdf.terms import to_oxigraph
from kg.store.base import Store
from kg.store.embedded import EmbeddedStore

Layer = Literal["sources", "consolidated"]
LAYERS: tuple[Layer, ...] = ("sources", "consolidated")
CHUNK = 20_000  # quads per serialised chunk of a remote store's graph
CHUNK_BYTES = 256 * 1024  # bytes per chunk handed on


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


Emit = Callable[[bytes], None]


def dump_graphs(store: Store, graphs: Iterable[URIRef], fmt: ox.RdfFormat, emit: Emit) -> None:
    """Write ``graphs`` as N-Quads or TriG through ``emit`` (called with chunks of about
    :data:`CHUNK_BYTES`; it may block). TriG: the project's prefixes once, then a block per graph.

    The embedded store serialises in Rust (``Store.dump`` of each graph as N-Triples, or Turtle inside
    the TriG block), never holding a graph in Python: ~10x faster than Python quads (docs/api.md).
    Other stores: ``get_graph`` per graph, serialised by pyoxigraph."""
    trig = fmt == ox.RdfFormat.TRIG
    out = _Sink(emit)
    if trig:
        out.write(_TURTLE_HEADER)
    for graph in graphs:
        name = ox.NamedNode(str(graph))
        if isinstance(store, EmbeddedStore):
            if trig:
                out.write(f"{name} {{\n".encode())
                turtle = cast(IO[bytes], _Skip(out, _TURTLE_HEADER))
                store.oxigraph.dump(turtle, format=ox.RdfFormat.TURTLE, from_graph=name, prefixes=PREFIXES)
                out.write(b"}\n")
            else:
                named = cast(IO[bytes], _Named(out, name))
                store.oxigraph.dump(named, format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        else:
            for chunk in quad_chunks(store, [graph]):
                body = ox.serialize(chunk, format=fmt, prefixes=PREFIXES if trig else None) or b""
                out.write(_without_prefixes(body) if trig else body)
    out.close()


def quad_chunks(store: Store, graphs: Iterable[URIRef], size: int = CHUNK) -> Iterator[list[ox.Quad]]:
    """The quads of ``graphs`` (through ``get_graph``), graph after graph, in lists of at most ``size``."""
    for graph in graphs:
        name = ox.NamedNode(str(graph))
        chunk: list[ox.Quad] = []
        for s, p, o in store.get_graph(graph):
            chunk.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name))  # type: ignore[arg-type]
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _without_prefixes(body: bytes) -> bytes:
    return b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix"))


def _turtle_header() -> bytes:
    probe = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))
    body = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return body[: len(body) - len(_without_prefixes(body))]


_TURTLE_HEADER = _turtle_header()  # the @prefix lines pyoxigraph writes before a graph's Turtle


class _Sink:
    """A file for ``Store.dump``: bytes gathered into chunks of :data:`CHUNK_BYTES` for ``emit``."""

    def __init__(self, emit: Emit) -> None:
        self.emit = emit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        if self.size >= CHUNK_BYTES:
            self.flush_out()
        return len(data)

    def flush(self) -> None:
        """Called by pyoxigraph at the end of a dump: chunks stay gathered across graphs."""

    def flush_out(self) -> None:
        if self.size:
            self.emit(b"".join(self.parts))
        self.parts, self.size = [], 0

    def close(self) -> None:
        self.flush_out()


class _Named(io.RawIOBase):
    """N-Triples of one graph written as N-Quads in it: each line's `` .\n`` gets the graph name (every
    line ends so; newlines inside literals are escaped)."""

    def __init__(self, out: _Sink, graph: ox.NamedNode) -> None:
        self.out = out
        self.end = f" {graph} .\n".encode()
        self.tail = b""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        text = self.tail + bytes(data)
        cut = text.rfind(b"\n") + 1
        self.tail = text[cut:]
        if cut:
            self.out.write(text[:cut].replace(b" .\n", self.end))
        return len(data)

    def flush(self) -> None:
        if self.tail:  # not reached: pyoxigraph ends every line
            raise StoreError("an N-Triples line without its end")


class _Skip(io.RawIOBase):
    """Turtle of one graph without the @prefix lines it starts with (TriG has them once, at the top)."""

    def __init__(self, out: _Sink, header: bytes) -> None:
        self.out = out
        self.header = header
        self.head = b""
        self.skipping = True

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if not self.skipping:
            return self.out.write(data)
        self.head += bytes(data)
        if len(self.head) >= len(self.header):
            if not self.head.startswith(self.header):
                raise StoreError("unexpected Turtle header from the store")
            self.skipping = False
            self.out.write(self.head[len(self.header) :])
        return len(data)

    def flush(self) -> None:
        if self.skipping and self.head:
            raise StoreError("unexpected Turtle header from the store")


def gzipped(emit: Emit, level: int = 6) -> tuple[Emit, Callable[[], None]]:
    """An ``emit`` that gzips into ``emit``, and the function that ends the gzip stream."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)  # wbits 31: gzip header and trailer

    def packed(chunk: bytes) -> None:
        data = packer.compress(chunk)
        if data:
            emit(data)

    return packed, lambda: emit(packer.flush())


def graph_ntriples(store: Store, graph: URIRef) -> bytes:
    """One graph's content as N-Triples: on the embedded store written by pyoxigraph in Rust (the
    curated-graph writes hand it to a validation process without holding it in Python)."""
    if isinstance(store, EmbeddedStore):
        written = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph)))
        return written or b""
    return store.get_graph(graph).serialize(format="nt", encoding="utf-8")
