"""``GET /dump``: the dataset as N-Quads or TriG, streamed; ``GET /.well-known/void``: its VoID/DCAT
description (docs/api.md, "Dump and dataset description").

``/dump`` takes ``layer=sources|consolidated`` or ``graph=`` (repeatable: an IRI under ``<base>graph/``
or the path after it, e.g. ``ontology``); without either, every graph. The syntax is N-Quads (default)
or TriG, by ``format=nquads|trig`` or ``Accept``. ``Accept-Encoding: gzip`` compresses the transfer
(``Content-Encoding: gzip``); ``compress=gzip`` sends a gzip file instead (``application/gzip``, a
``.nq.gz``/``.trig.gz`` download).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Literal

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from api.deps import SettingsDep, StoreDep
from api.http.negotiation import choose
from api.http.service_description import (
    SD,
    description_media,
    not_acceptable,
    rdf_response,
    remembered,
)
from kg.namespaces import PREFIXES, Ids
from kg.settings import Settings
from kg.store.dump import (
    LAYERS,
    Emit,
    Layer,
    dump_graphs,
    graph_iri,
    gzipped,
    layer_graphs,
    store_graphs,
)

router = APIRouter(tags=["Dataset"])

DUMP_FORMATS = {"nquads": "application/n-quads", "trig": "application/trig"}
DUMP_OFFERS = {"application/n-quads": "application/n-quads", "application/trig": "application/trig"}
_OX_FORMATS = {"application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}
_EXTENSIONS = {"application/n-quads": "nq", "application/trig": "trig"}
IANA = Namespace("https://www.iana.org/assignments/media-types/")
TITLE = "textile-kg: an open knowledge graph of China's textile and garment industry"
VOCABULARIES = (
    "tkg",
    "ind",
    "policy",
    "title",
    "kind",
    "oa",
    "rdfs",
    "skos",
    "dcterms",
    "prov",
    "org",
    "geo",
)


def _dump_media(request: Request, fmt: str | None) -> str:
    if fmt:
        media = DUMP_FORMATS.get(fmt.strip().lower()) or DUMP_OFFERS.get(fmt.strip().lower())
        if media is None:
            raise HTTPException(406, f"format {fmt[:40]!r} is not offered; use nquads or trig")
        return media
    media = choose(request.headers.get("accept"), DUMP_OFFERS)
    if media is None:
        raise HTTPException(406, "the dump is available as: application/n-quads, application/trig")
    return media


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, *options = (f.strip().lower() for f in part.split(";"))
        if coding in ("gzip", "x-gzip") and not any(o.replace(" ", "") in ("q=0", "q=0.0") for o in options):
            return True
    return False


@router.get(
    "/dump",
    summary="The dataset (or a layer or graphs of it) as N-Quads or TriG, streamed",
    response_class=Response,
    responses={
        200: {"content": {"application/n-quads": {}, "application/trig": {}, "application/gzip": {}}},
        400: {"description": "both layer and graph, or a graph that is not this store's"},
        404: {"description": "a named graph that does not exist"},
        406: {"description": "no acceptable format"},
    },
)
def dump(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    layer: Annotated[Layer | None, Query(description="sources or consolidated; default: every graph")] = None,
    graph: Annotated[list[str] | None, Query(description="graph IRI or its path under graph/")] = None,
    format: Annotated[str | None, Query(description="nquads (default) or trig")] = None,
    compress: Annotated[Literal["gzip"] | None, Query(description="gzip: send a .gz file")] = None,
) -> Response:
    media = _dump_media(request, format)
    if layer is not None and graph:
        raise HTTPException(400, "give either layer or graph, not both")
    available = store_graphs(store)
    if graph:
        names = [graph_iri(name, settings.ids) for name in graph]
        missing = [str(g) for g in names if g not in set(available)]
        if missing:
            raise HTTPException(404, f"no graph <{missing[0]}> in this store")
    else:
        names = layer_graphs(available, settings.ids, layer)
    packed = compress == "gzip" or _accepts_gzip(request)
    syntax = _OX_FORMATS[media]

    def produce(emit: Emit) -> None:
        if not packed:
            dump_graphs(store, names, syntax, emit)
            return
        packing, finish = gzipped(emit)
        dump_graphs(store, names, syntax, packing)
        finish()

    stem = f"textile-kg-{layer or ('graphs' if graph else 'all')}.{_EXTENSIONS[media]}"
    headers = {"Vary": "Accept, Accept-Encoding", "Cache-Control": "no-store"}
    if compress == "gzip":
        headers["Content-Disposition"] = f'attachment; filename="{stem}.gz"'
        media = "application/gzip"
    else:
        headers["Content-Disposition"] = f'attachment; filename="{stem}"'
        if packed:
            headers["Content-Encoding"] = "gzip"
    return StreamingResponse(produced(produce), media_type=media, headers=headers)


class _Stopped(Exception):
    """Internal: the client went away; the producer thread ends."""


async def produced(run: Callable[[Emit], None], depth: int = 4) -> AsyncIterator[bytes]:
    """The chunks ``run`` emits, made on ONE thread of its own (pyoxigraph's ``Store.dump`` writes from
    the thread that calls it, and StreamingResponse must not block the event loop). At most ``depth``
    chunks wait (back-pressure); when the client goes away the thread stops at its next chunk."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue(depth)
    stop = threading.Event()

    def put(item: bytes | BaseException | None) -> None:
        if stop.is_set():
            raise _Stopped
        asyncio.run_coroutine_threadsafe(queue.put(item), loop).result()

    def work() -> None:
        try:
            run(put)
            put(None)
        except _Stopped:
            return
        except Exception as exc:  # handed to the response, which aborts the stream
            with contextlib.suppress(_Stopped):
                put(exc)

    threading.Thread(target=work, name="dump", daemon=True).start()
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while not queue.empty():  # unblock a producer waiting to put
            queue.get_nowait()


def void_description(root: str, settings: Settings, sizes: dict[URIRef, int]) -> Graph:
    """VoID and DCAT of the dataset served at ``root``: licence, endpoint, dumps, sources, counts."""
    ids = settings.ids
    graph = Graph()
    dataset = URIRef(f"{root}/.well-known/void#dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, RdfLiteral(TITLE, lang="en")))
    graph.add((dataset, DCTERMS.license, URIRef(settings.data_license)))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{root}/sparql")))
    graph.add((dataset, VOID.uriSpace, RdfLiteral(ids.base)))
    graph.add((dataset, VOID.triples, RdfLiteral(sum(sizes.values()))))
    graph.add((dataset, VOID.dataDump, URIRef(f"{root}/dump")))
    for prefix in VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[prefix])))
    for media in DUMP_OFFERS:
        distribution = BNode()
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, URIRef(f"{root}/dump?format={_fmt_name(media)}")))
        graph.add((distribution, DCAT.mediaType, IANA[media]))
        graph.add((distribution, DCTERMS.license, URIRef(settings.data_license)))
    for layer in LAYERS:
        subset = URIRef(f"{root}/.well-known/void#{layer}")
        members = layer_graphs(sorted(sizes), ids, layer)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, DCTERMS.title, RdfLiteral(f"the {layer} layer", lang="en")))
        graph.add((subset, VOID.dataDump, URIRef(f"{root}/dump?layer={layer}")))
        graph.add((subset, VOID.triples, RdfLiteral(sum(sizes[g] for g in members))))
        for name in members:
            _graph_subset(graph, subset, name, sizes[name], root, ids)
    sources = URIRef(f"{root}/.well-known/void#sources")
    graph.add((URIRef(f"{root}/.well-known/void#consolidated"), DCTERMS.source, sources))
    return graph


def _graph_subset(graph: Graph, parent: URIRef, name: URIRef, triples: int, root: str, ids: Ids) -> None:
    """One named graph as a subset: its name, triple count, dump, and the article it is made from."""
    subset = BNode()
    graph.add((parent, VOID.subset, subset))
    graph.add((subset, RDF.type, VOID.Dataset))
    graph.add((subset, SD.name, name))
    graph.add((subset, VOID.triples, RdfLiteral(triples, datatype=XSD.integer)))
    path = ids.local_path(str(name)) or ""
    graph.add((subset, VOID.dataDump, URIRef(f"{root}/dump?graph={path.removeprefix('graph/')}")))
    if path.startswith("graph/article/"):
        graph.add((subset, DCTERMS.source, ids.article(path.removeprefix("graph/article/"))))


def _fmt_name(media: str) -> str:
    return next(name for name, value in DUMP_FORMATS.items() if value == media)


@router.get(
    "/.well-known/void",
    summary="VoID/DCAT description of the dataset: licence, endpoint, dumps, sources, triples per graph",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}, "application/rdf+xml": {}}}},
)
def void(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    media = description_media(request.query_params.get("format"), request.headers.get("accept"))
    if media is None:
        raise not_acceptable("the dataset description")
    root = str(request.base_url).rstrip("/")

    def make() -> Response:
        return rdf_response(void_description(root, settings, store.graph_sizes()), media)

    return remembered(request, f"void {root} {media}", make)
