"""One validation worker: ``python -m kg.validation.worker_main SHAPES ONTOLOGY DATA BASE_IRI IN OUT MEMORY
ENGINE`` (ENGINE: the SHACL engine, ``turbo`` or ``pyshacl``).

Loads the shapes and the ontology once (the loaders' resources at the first article), says
``("ready",)``, then answers one request at a time, in two steps:

1. ``("parse", body, media_type, name, limits)``: parse an RDF body (the limits of the request), or
   ``("article", Article)``: extract the article's graph with the loaders; keep the graph and answer
   ``("context", [IRI, ...])``: the IRIs it refers to but does not describe;
2. ``("validate", context_ntriples)``: validate the kept graph with that store context, answer
   ``("ok", ValidationReport, {focus node: evidence sentences found in the graph}, extra)`` where
   ``extra`` is None for an RDF body and, for an article, ``(extraction JSON, the graph as N-Triples)``.

A curated-graph write (``PUT``/``POST /graphs``, kg.validation.workers.WriteSession) is three steps:

1. ``("body", body, media_type, name, limits)``: parse the request body and keep it; answer
   ``("parsed", triples)`` (before the API takes the store's write lock);
2. ``("merge", replace, old_ntriples)``: the graph's content as the store holds it now (under the lock);
   the new content is the body (``replace``: a PUT) or the old content and the body (a POST). Answer
   ``("context", [IRI, ...], old_hash, old_triples)``: the IRIs the changed nodes refer to, the old
   content's hash (the ETag If-Match is checked against) and size;
3. ``("validate", context_ntriples)`` as above; the nodes judged are those the write touches: all of a
   PUT; for a POST, the body's subjects and the nodes of the graph it points to, read with every node
   they lead to in the merged graph (the graph's other nodes stand in the store, so the store context
   has them where a judged node meets them, e.g. parks of one place). ``extra`` is ``(new content as
   N-Triples, its hash, triples added, removed, in all, the subjects of the statements added and removed
   or None when a blank node is among them)``.

Any project error is answered ``("error", KGError)``. The heap is bounded (RLIMIT_DATA = MEMORY bytes):
a body that needs more ends this process, not the API's.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, URIRef

from kg.curation.evidence import evidence_in_graph
from kg.curation.versions import content_hash
from kg.errors import InputError, KGError, StoreError
from kg.extraction.document import extraction_json
from kg.heap import settle
from kg.namespaces import TKG, Ids
from kg.rdf.io import RDF_MEDIA_FORMATS, parse_dataset
from kg.rdf.limits import InputLimits, LimitExceeded, bound_heap
from kg.rdf.ontology import load_ontology
from kg.rdf.terms import to_rdflib
from kg.validation.shacl import Engine, load_shapes, referenced_iris, validate
from loaders.article import Article
from loaders.pipeline import extract
from loaders.resources import Resources

TOO_BIG = (
    "the request body could not be validated: it needs more memory than a validation may use"
    " (TKG_VALIDATION_MEMORY_BYTES)"
)


def parse_body(body: bytes, media: str, name: str, limits: InputLimits) -> Graph:
    """The body's statements, all graphs merged (this process is the isolation: no child of its own)."""
    fmt = RDF_MEDIA_FORMATS.get(media)
    if fmt is None:
        raise InputError(f"{name}: unsupported media type {media!r}")
    own = InputLimits(
        max_bytes=limits.max_bytes,
        max_depth=limits.max_depth,
        deadline=limits.deadline,
        isolate_above=len(body) + 1,
        memory_bytes=limits.memory_bytes,
    )
    try:
        dataset = parse_dataset(body, fmt, name=name, limits=own)
    except StoreError as exc:  # raised by the term conversion for RDF-star triple terms
        raise InputError(f"{name}: {exc}") from None
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph


@dataclass
class Loaders:
    """What extracting an article needs, loaded at the first article (kg.ingest.pipeline's rule)."""

    data_dir: Path
    ontology_dir: Path
    ids: Ids
    resources: Resources | None = None

    def extract(self, article: Article) -> Graph:
        if self.resources is None:
            self.resources = Resources.load(self.data_dir, self.ontology_dir)
        return extract(article, self.resources, self.ids)

    def summary(self, data: Graph, article: Article) -> dict[str, Any]:
        assert self.resources is not None
        return extraction_json(
            data, self.ids.article(article.id), self.resources.gazetteer, labels=self.resources.vocabulary
        )


def stored_content(ntriples: bytes) -> Graph:
    """A graph's content as the store dumped it (N-Triples written by the store: trusted, no limits)."""
    graph = Graph()
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))  # type: ignore[arg-type]
    return graph


def touched(new: Graph, body: Graph) -> set[URIRef]:
    """The nodes a merge of ``body`` into a graph can change the verdict of: the body's subjects and the
    IRIs it points to that the merged graph describes (their incoming statements changed)."""
    described = set(new.subjects())
    nodes = {s for s in body.subjects() if isinstance(s, URIRef)}
    return nodes | {o for o in body.objects() if isinstance(o, URIRef) and o in described}


def reachable(data: Graph, start: set[URIRef]) -> Graph:
    """The statements of ``start`` and of every node of ``data`` their objects lead to: what SHACL may
    read from the judged nodes (the IRIs it refers to are fetched from the store as context)."""
    seen: set[URIRef | BNode] = set()
    frontier: list[URIRef | BNode] = list(start)
    part = Graph()
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for _, p, o in data.triples((node, None, None)):
            part.add((node, p, o))
            if isinstance(o, URIRef | BNode) and o not in seen:
                frontier.append(o)
    return part


@dataclass
class Pending:
    """What a worker holds between the steps of one request."""

    data: Graph | None = None  # the graph SHACL reads (with the store context)
    focus: set[URIRef] | None = None  # the nodes judged (None: every IRI subject of data)
    article: Article | None = None
    body: Graph | None = None  # a write's parsed body, before its merge
    old: Graph | None = None  # a write's old content
    new: Graph | None = None  # a write's new content (data is its part the write touches)


def _write_extra(new: Graph, old: Graph) -> tuple[bytes, str, int, int, int, list[str] | None]:
    """What the API writes: the new content as N-Triples, its hash, triples added, removed, in all, and
    the subjects of the added and removed statements (None when a blank node is among them)."""
    ntriples = new.serialize(format="nt", encoding="utf-8") if len(new) else b""
    added, removed = new - old, old - new
    changed = {s for s, _, _ in added} | {s for s, _, _ in removed}
    subjects = sorted(str(s) for s in changed) if all(isinstance(s, URIRef) for s in changed) else None
    return ntriples, content_hash(new), len(added), len(removed), len(new), subjects


def _subjects(data: Graph) -> set[URIRef]:
    return {s for s in data.subjects() if isinstance(s, URIRef)}


def _context(data: Graph) -> list[str]:
    return sorted(str(iri) for iri in referenced_iris(data))


Answer = tuple[tuple[Any, ...], Pending]


def step(
    message: tuple[Any, ...], pending: Pending, shapes: Graph, ontology: Graph, loaders: Loaders
) -> Answer:
    """The answer to one message, and what the next step of the request needs."""
    kind = message[0]
    if kind == "parse":
        _, body, media, name, limits = message
        data = parse_body(body, media, name, limits)
        return ("context", _context(data)), Pending(data=data)
    if kind == "article":
        data = loaders.extract(message[1])
        return ("context", _context(data)), Pending(data=data, article=message[1])
    if kind == "body":
        _, body, media, name, limits = message
        parsed = parse_body(body, media, name, limits)
        return ("parsed", len(parsed)), Pending(body=parsed)
    if kind == "merge" and pending.body is not None:
        _, replace, old_ntriples = message
        old = stored_content(old_ntriples)
        if replace:
            new, focus, judged = pending.body, _subjects(pending.body), pending.body
        else:  # the merged graph's other nodes were judged when written; they stand in the store
            new = old + pending.body
            focus = touched(new, pending.body)
            judged = reachable(new, focus)
        answer = ("context", _context(judged), content_hash(old), len(old))
        return answer, Pending(data=judged, focus=focus, old=old, new=new)
    if kind == "validate" and pending.data is not None:
        data = pending.data
        context = Graph().parse(data=message[1], format="nt")
        focus = pending.focus if pending.focus is not None else _subjects(data)
        report = validate(data, shapes, ontology=ontology, context=context, focus_nodes=focus)
        nodes = {r.focus_node for r in report.results}
        whole = pending.new if pending.new is not None else data
        evidence = {node: evidence_in_graph(whole, URIRef(node)) for node in nodes}
        extra: tuple[Any, ...] | None = None
        if pending.article is not None:
            extra = (loaders.summary(data, pending.article), data.serialize(format="nt", encoding="utf-8"))
        elif pending.old is not None:
            extra = _write_extra(whole, pending.old)
        return ("ok", report, evidence, extra), Pending()
    return ("error", KGError(f"validation worker: unexpected message {kind!r}")), Pending()


def serve(inbox: Connection, outbox: Connection, shapes: Graph, ontology: Graph, loaders: Loaders) -> None:
    pending = Pending()
    while True:
        try:
            message: tuple[Any, ...] = inbox.recv()
        except EOFError:
            return
        try:
            answer, pending = step(message, pending, shapes, ontology, loaders)
        except KGError as exc:
            answer, pending = ("error", exc), Pending()
        except MemoryError:
            answer, pending = ("error", LimitExceeded(TOO_BIG)), Pending()
        outbox.send(answer)


def warm_up(shapes: Graph, ontology: Graph) -> None:
    """One validation of a tiny graph, so that the engine's first-use costs (the shapes' SPARQL prepared,
    the graph copies set up) are paid before ``ready``, not by the first request."""
    sample = Graph()
    node = URIRef("urn:tkg:warm-up")
    sample.add((node, RDF.type, TKG.IndustrialPark))
    validate(sample, shapes, ontology=ontology, context=Graph(), focus_nodes={node})


def main(argv: list[str]) -> None:
    shapes_dir, ontology_dir, data_dir, base_iri, in_fd, out_fd, memory, engine = argv
    if engine not in ("turbo", "pyshacl"):
        raise SystemExit(f"unknown SHACL engine {engine!r}")
    shapes = load_shapes(Path(shapes_dir), engine=cast(Engine, engine))
    ontology = load_ontology(Path(ontology_dir))
    loaders = Loaders(Path(data_dir), Path(ontology_dir), Ids(base_iri))
    bound_heap(int(memory))
    inbox, outbox = Connection(int(in_fd), writable=False), Connection(int(out_fd), readable=False)
    warm_up(shapes, ontology)
    settle()  # shapes, ontology and loaders stay until exit: no full collection walks them (kg/heap.py)
    outbox.send(("ready",))
    serve(inbox, outbox, shapes, ontology, loaders)


if __name__ == "__main__":
    main(sys.argv[1:])
