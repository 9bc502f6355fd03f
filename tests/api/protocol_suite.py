"""A runner of the W3C SPARQL 1.1 Protocol test manifest (tests/data/w3c-sparql11-protocol) against a live
``/sparql`` over real HTTP; see that directory's README for the two adaptations (graph IRIs renamed into
the endpoint's namespace, updates expected to be refused)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.store import Store
from tests.paths import DATA

SUITE = DATA / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SUITE_DATA = "http://kasei.us/2009/09/sparql/data/"
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml")


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]  # acceptable status classes: 2, 3, 4, 5
    boolean: bool | None
    result_format: str | None  # "boolean", "tabular", "RDF"


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the manifest's local name, e.g. query_post_form
    title: str
    graphs: tuple[tuple[str, Path], ...]  # graph IRI (as in the suite) -> data file
    requests: tuple[ProtocolRequest, ...]

    @property
    def kind(self) -> str:
        """``query``, ``update`` (refused here) or ``negative`` (``bad_*``)."""
        return "negative" if self.name.startswith("bad_") else self.name.split("_", 1)[0]


def load_suite(directory: Path = SUITE) -> list[ProtocolTest]:
    """The manifest's tests in its order."""
    manifest = directory / "manifest.ttl"
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    top = next(iter(graph.subjects(MF.entries, None)))
    entries = Collection(graph, graph.value(top, MF.entries))  # type: ignore[arg-type]
    return [_test(graph, entry, directory) for entry in entries]


def _test(graph: Graph, entry: Node, directory: Path) -> ProtocolTest:
    graphs = []
    for data in graph.objects(entry, UT.graphData):
        file = str(graph.value(data, UT.graph)).rsplit("/", 1)[-1]
        graphs.append((str(graph.value(data, RDFS.label)), directory / file))
    action = graph.value(entry, MF.action)
    requests = Collection(graph, graph.value(action, HT.requests))  # type: ignore[arg-type]
    name = str(entry).rsplit("#", 1)[-1]
    return ProtocolTest(
        name=name,
        title=str(graph.value(entry, MF.name)),
        graphs=tuple(sorted(graphs)),
        requests=tuple(_request(graph, r) for r in requests),
    )


def _request(graph: Graph, node: Node) -> ProtocolRequest:
    headers = []
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):  # type: ignore[arg-type]
            headers.append((str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue))))
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = frozenset(
        int(str(s).rsplit("StatusCode", 1)[-1][0]) for s in graph.objects(response, MF.expectedStatus)
    )
    boolean = graph.value(response, MF.expectedBoolean)
    result_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        boolean=None if boolean is None else bool(boolean.toPython()),
        result_format=None if result_format is None else str(result_format),
    )


class Renaming:
    """The suite's data IRIs renamed into the endpoint's graph namespace, in every spelling they have."""

    def __init__(self, graph_namespace: str) -> None:
        self.target = graph_namespace + "w3c/"
        self.pairs = [
            (SUITE_DATA.encode(), self.target.encode()),
            (quote(SUITE_DATA, safe="").encode(), quote(self.target, safe="").encode()),
        ]

    def text(self, value: str) -> str:
        return self.bytes(value.encode()).decode()

    def bytes(self, value: bytes) -> bytes:
        for old, new in self.pairs:
            value = value.replace(old, new)
        return value

    def utf16(self, value: bytes) -> bytes:
        """A UTF-16 body (the non-UTF-8 negative tests): renamed in its own encoding."""
        return value.decode("utf-16").replace(SUITE_DATA, self.target).encode("utf-16")


def load_data(store: Store, tests: list[ProtocolTest], renaming: Renaming) -> None:
    """Every data file of the suite into the graph its tests name (renamed)."""
    files = {name: path for test in tests for name, path in test.graphs}
    for name, path in sorted(files.items()):
        data = Graph().parse(data=renaming.text(path.read_text()), format="nt")
        store.replace_graph(URIRef(renaming.text(name)), data)


@dataclass(frozen=True)
class Outcome:
    passed: bool
    detail: str


def run(test: ProtocolTest, base: str, renaming: Renaming) -> Outcome:
    """Send the test's requests in order; an update test passes when its update is refused (403)."""
    with httpx.Client(base_url=base, timeout=30) as client:
        for step, request in enumerate(test.requests):
            body = request.body
            if body is not None:
                body = (
                    renaming.utf16(body)
                    if body.startswith((b"\xff\xfe", b"\xfe\xff"))
                    else renaming.bytes(body)
                )
            path = renaming.text(request.path).replace("/sparql/", "/sparql", 1)
            answer = client.request(request.method, path, headers=dict(request.headers), content=body)
            if test.kind == "update" and step == 0:
                if answer.status_code == 403:
                    return Outcome(True, "update refused (403): the endpoint is read-only")
                return Outcome(False, f"update not refused: {answer.status_code} {answer.text[:200]}")
            problem = _check(request, answer)
            if problem:
                return Outcome(False, f"request {step + 1} ({request.method} {path[:80]}): {problem}")
    return Outcome(True, "as expected")


def _check(request: ProtocolRequest, answer: httpx.Response) -> str | None:
    if answer.status_code // 100 not in request.statuses:
        return f"status {answer.status_code}, expected {sorted(request.statuses)}xx: {answer.text[:200]}"
    media = answer.headers.get("content-type", "").split(";", 1)[0].strip()
    if request.result_format == "boolean" and media not in BOOLEAN_TYPES:
        return f"a boolean answer as {media}"
    if request.result_format == "tabular" and media not in TABULAR_TYPES:
        return f"a tabular answer as {media}"
    if request.result_format == "RDF":
        if media not in RDF_TYPES:
            return f"an RDF answer as {media}"
        syntax = ox.RdfFormat.from_media_type(media)
        if syntax is not None:
            list(ox.parse(answer.content, format=syntax))  # it parses
    if request.boolean is not None:
        found = _boolean(media, answer.content)
        if found is not request.boolean:
            return f"boolean {found}, expected {request.boolean}"
    return None


def _boolean(media: str, body: bytes) -> bool | None:
    if media == "application/sparql-results+json":
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    element = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return None if element is None or element.text is None else element.text.strip() == "true"
