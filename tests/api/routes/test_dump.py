"""``GET /dump`` and ``GET /.well-known/void`` over real HTTP, on the fixture store."""

from __future__ import annotations

import gzip
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from api.http.service_description import SD
from kg.namespaces import Ids
from kg.rdf.terms import to_rdflib
from kg.store import EmbeddedStore

IDS = Ids()
DERIVED = {str(IDS.current_graph), str(IDS.conflicts_graph)}


def per_graph(body: bytes, syntax: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> Counter[str]:
    return Counter(str(q.graph_name.value) for q in ox.parse(body, format=syntax))  # type: ignore[union-attr]


def sizes(store: EmbeddedStore) -> dict[str, int]:
    return {str(g): n for g, n in store.graph_sizes().items()}


def test_whole_dump_as_nquads(client: httpx.Client, fixture_store: EmbeddedStore) -> None:
    with client.stream("GET", "/dump", headers={"Accept-Encoding": "identity"}) as answer:
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/n-quads")
        assert "content-length" not in answer.headers  # streamed
        assert answer.headers["content-disposition"] == 'attachment; filename="textile-kg-all.nq"'
        body = answer.read()
    assert per_graph(body) == sizes(fixture_store)


@pytest.mark.parametrize(
    ("params", "graphs"),
    [
        pytest.param({"layer": "consolidated"}, lambda g: g in DERIVED, id="consolidated"),
        pytest.param({"layer": "sources"}, lambda g: g not in DERIVED, id="sources"),
        pytest.param({"graph": "ontology"}, lambda g: g == str(IDS.ontology_graph), id="graph-by-path"),
        pytest.param(
            {"graph": str(IDS.gazetteer_graph)}, lambda g: g == str(IDS.gazetteer_graph), id="graph-iri"
        ),
    ],
)
def test_layers_and_graphs(
    client: httpx.Client, fixture_store: EmbeddedStore, params: dict[str, str], graphs: object
) -> None:
    answer = client.get("/dump", params=params)
    assert answer.status_code == 200
    wanted = {g: n for g, n in sizes(fixture_store).items() if graphs(g)}  # type: ignore[operator]
    assert wanted and per_graph(answer.content) == wanted


def test_trig_is_the_same_dataset(client: httpx.Client, fixture_store: EmbeddedStore) -> None:
    trig = client.get("/dump", params={"format": "trig"})
    assert trig.headers["content-type"].startswith("application/trig")
    assert trig.content.count(b"@prefix tkg:") == 1
    by_accept = client.get("/dump", headers={"Accept": "application/trig"})
    assert by_accept.content == trig.content
    quads = client.get("/dump").content
    assert set(ox.parse(trig.content, format=ox.RdfFormat.TRIG)) == set(
        ox.parse(quads, format=ox.RdfFormat.N_QUADS)
    )


def test_gzip_by_accept_encoding(server: str, fixture_store: EmbeddedStore) -> None:
    # iter_raw: the bytes as sent (no transparent decoding)
    with httpx.stream("GET", server + "/dump", headers={"Accept-Encoding": "gzip"}) as answer:
        assert answer.headers["content-encoding"] == "gzip"
        packed = b"".join(answer.iter_raw())
    assert per_graph(gzip.decompress(packed)) == sizes(fixture_store)


def test_gzip_file_by_parameter(client: httpx.Client, fixture_store: EmbeddedStore) -> None:
    answer = client.get("/dump", params={"compress": "gzip", "layer": "sources"})
    assert answer.headers["content-type"] == "application/gzip"
    assert "content-encoding" not in answer.headers
    assert answer.headers["content-disposition"].endswith('textile-kg-sources.nq.gz"')
    wanted = {g: n for g, n in sizes(fixture_store).items() if g not in DERIVED}
    assert per_graph(gzip.decompress(answer.content)) == wanted


@pytest.mark.parametrize(
    ("params", "headers", "status"),
    [
        pytest.param({"layer": "sources", "graph": "ontology"}, {}, 400, id="layer-and-graph"),
        pytest.param({"graph": "http://example.org/g"}, {}, 400, id="foreign-graph"),
        pytest.param({"graph": "no-such-graph"}, {}, 404, id="missing-graph"),
        pytest.param({"layer": "everything"}, {}, 400, id="unknown-layer"),
        pytest.param({"format": "turtle"}, {}, 406, id="unknown-format"),
        pytest.param({}, {"Accept": "text/csv"}, 406, id="not-acceptable"),
    ],
)
def test_refused(client: httpx.Client, params: dict[str, str], headers: dict[str, str], status: int) -> None:
    assert client.get("/dump", params=params, headers=headers).status_code == status


def void(client: httpx.Client, accept: str = "text/turtle") -> Graph:
    answer = client.get("/.well-known/void", headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    syntax = ox.RdfFormat.from_media_type(answer.headers["content-type"].split(";")[0])
    assert syntax is not None
    graph = Graph()
    for quad in ox.parse(answer.content, format=syntax):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def test_void_description(client: httpx.Client, server: str, fixture_store: EmbeddedStore) -> None:
    graph = void(client)
    dataset = URIRef(server + "/.well-known/void#dataset")
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(server + "/sparql")
    assert graph.value(dataset, VOID.triples) == Literal(sum(fixture_store.graph_sizes().values()))
    downloads = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
    assert downloads == {server + "/dump?format=nquads", server + "/dump?format=trig"}
    counts = {
        str(graph.value(s, SD.name)): int(graph.value(s, VOID.triples))  # type: ignore[arg-type]
        for layer in graph.objects(dataset, VOID.subset)
        for s in graph.objects(layer, VOID.subset)
    }
    assert counts == sizes(fixture_store)
    articles = {str(o) for o in graph.objects(None, DCTERMS.source) if "/article/" in str(o)}
    assert articles and all(a.startswith(IDS.base + "article/") for a in articles)


def test_void_dumps_answer(client: httpx.Client, server: str) -> None:
    """Every dump link of the description works."""
    graph = void(client)
    links = {str(o) for o in graph.objects(None, VOID.dataDump)}
    assert len(links) > 3
    for link in links:
        assert client.get(link.removeprefix(server)).status_code == 200, link


def test_void_syntaxes_agree(client: httpx.Client) -> None:
    from rdflib.compare import isomorphic

    assert isomorphic(void(client), void(client, "application/ld+json"))
    assert client.get("/.well-known/void", headers={"Accept": "text/csv"}).status_code == 406


def test_a_graph_larger_than_a_chunk_streams_whole(api_settings: object) -> None:
    """A graph of several chunks: pyoxigraph's quad iterator lives across chunks, on the dump's own
    thread (a thread-pool iterator failed: "QuadIter is unsendable")."""
    from api.app import create_app
    from kg.store.dump import CHUNK
    from tests.api.http_server import live_server

    store = EmbeddedStore()
    big = ox.NamedNode(IDS.graph("curated/big"))
    count = 2 * CHUNK + 123
    predicate = ox.NamedNode(IDS.base + "p")
    store.oxigraph.extend(
        ox.Quad(ox.NamedNode(f"{IDS.base}x/{i}"), predicate, ox.Literal(i), big) for i in range(count)
    )
    store.changed()

    def dumped(base: str, params: dict[str, str]) -> int:
        answer = httpx.get(base + "/dump", params=params, timeout=60)
        assert answer.status_code == 200
        body = gzip.decompress(answer.content) if params.get("compress") else answer.content
        syntax = ox.RdfFormat.TRIG if params.get("format") else ox.RdfFormat.N_QUADS
        return len(list(ox.parse(body, format=syntax)))

    kinds = [{}, {"format": "trig"}, {"compress": "gzip"}] * 3
    # side by side, so that the server's threads interleave
    with live_server(create_app(api_settings, store)) as base, ThreadPoolExecutor(len(kinds)) as pool:  # type: ignore[arg-type]
        assert list(pool.map(lambda p: dumped(base, p), kinds)) == [count] * len(kinds)


def test_a_client_that_leaves_early_stops_the_dump(client: httpx.Client) -> None:
    with client.stream("GET", "/dump") as answer:
        next(answer.iter_bytes())
    assert client.get("/health").status_code == 200


def test_descriptions_follow_writes(api_settings: object) -> None:
    """The descriptions are kept per store generation: a write shows at once."""
    from api.app import create_app
    from tests.api.http_server import live_server

    store = EmbeddedStore()
    first, second = IDS.graph("curated/first"), IDS.graph("curated/second")
    data = Graph()
    data.add((URIRef(IDS.base + "x"), URIRef(IDS.base + "p"), Literal(1)))
    store.replace_graph(first, data)
    with live_server(create_app(api_settings, store)) as base:  # type: ignore[arg-type]
        for path in ("/sparql", "/.well-known/void"):
            before = httpx.get(base + path, headers={"Accept": "application/n-triples"})
            assert f"<{first}>" in before.text and f"<{second}>" not in before.text
        store.replace_graph(second, data)
        for path in ("/sparql", "/.well-known/void"):
            after = httpx.get(base + path, headers={"Accept": "application/n-triples"})
            assert f"<{second}>" in after.text
