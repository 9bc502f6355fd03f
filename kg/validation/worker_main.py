"""One validation worker: ``python -m kg.validation.worker_main SHAPES ONTOLOGY DATA BASE_IRI IN OUT MEMORY``.

Loads the shapes and the ontology once (the loaders' resources at the first article), says
``("ready",)``, then answers one request at a time, in two steps:

1. ``("parse", body, media_type, name, limits)``: parse an RDF body (the limits of the request), or
   ``("article", Article)``: extract the article's graph with the loaders; keep the graph and answer
   ``("context", [IRI, ...])``: the IRIs it refers to but does not describe;
2. ``("validate", context_ntriples)``: validate the kept graph with that store context, answer
   ``("ok", ValidationReport, {focus node: evidence sentences found in the graph}, extra)`` where
   ``extra`` is None for an RDF body and, for an article, ``(extraction JSON, the graph as N-Triples)``.

Any project error is answered ``("error", KGError)``. The heap is bounded (RLIMIT_DATA = MEMORY bytes):
a body that needs more ends this process, not the API's.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg.curation.evidence import evidence_in_graph
from kg.errors import InputError, KGError, StoreError
from kg.extraction.document import extraction_json
from kg.namespaces import Ids
from kg.rdf.io import RDF_MEDIA_FORMATS, parse_dataset
from kg.rdf.limits import InputLimits, LimitExceeded, bound_heap
from kg.rdf.ontology import load_ontology
from kg.validation.shacl import load_shapes, referenced_iris, validate
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


def serve(inbox: Connection, outbox: Connection, shapes: Graph, ontology: Graph, loaders: Loaders) -> None:
    data: Graph | None = None
    article: Article | None = None
    while True:
        try:
            message: tuple[Any, ...] = inbox.recv()
        except EOFError:
            return
        try:
            if message[0] in ("parse", "article"):
                if message[0] == "parse":
                    _, body, media, name, limits = message
                    data, article = parse_body(body, media, name, limits), None
                else:
                    article = message[1]
                    data = loaders.extract(article)
                outbox.send(("context", sorted(str(iri) for iri in referenced_iris(data))))
            elif message[0] == "validate" and data is not None:
                context = Graph().parse(data=message[1], format="nt")
                focus = {s for s in data.subjects() if isinstance(s, URIRef)}
                report = validate(data, shapes, ontology=ontology, context=context, focus_nodes=focus)
                nodes = {r.focus_node for r in report.results}
                evidence = {node: evidence_in_graph(data, URIRef(node)) for node in nodes}
                extra = None
                if article is not None:
                    extra = (loaders.summary(data, article), data.serialize(format="nt", encoding="utf-8"))
                outbox.send(("ok", report, evidence, extra))
                data = article = None
            else:
                outbox.send(("error", KGError(f"validation worker: unexpected message {message[0]!r}")))
        except KGError as exc:
            data = None
            outbox.send(("error", exc))
        except MemoryError:
            data = None
            outbox.send(("error", LimitExceeded(TOO_BIG)))


def main(argv: list[str]) -> None:
    shapes_dir, ontology_dir, data_dir, base_iri, in_fd, out_fd, memory = argv
    shapes, ontology = load_shapes(Path(shapes_dir)), load_ontology(Path(ontology_dir))
    loaders = Loaders(Path(data_dir), Path(ontology_dir), Ids(base_iri))
    bound_heap(int(memory))
    inbox, outbox = Connection(int(in_fd), writable=False), Connection(int(out_fd), readable=False)
    outbox.send(("ready",))
    serve(inbox, outbox, shapes, ontology, loaders)


if __name__ == "__main__":
    main(sys.argv[1:])
