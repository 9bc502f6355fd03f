"""Hostile inputs over HTTP: deep RDF in every syntax, bombs, huge or malformed queries, slow bodies.

Each answer must be our own 4xx (never 500) with a message and a request id, within its deadline, and
``/health`` must stay fast (p99 <= 100 ms) while the hostile requests run.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest

from tests.security.servers import TOKEN, health_target, latencies, p99

BASE = "https://w3id.org/textile-kg/id/"
RDF_XML_HEAD = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:e="http://e/"><rdf:Description rdf:about="http://a">'
)


def rdfxml_deep(depth: int) -> bytes:
    """RDF/XML nested ``depth`` deep: 32,000 is the 1.47 MB upload that froze the API for 13-15 s."""
    inner = b"<e:p><rdf:Description>" * depth + b"<e:p>1</e:p>" + b"</rdf:Description></e:p>" * depth
    return RDF_XML_HEAD + inner + b"</rdf:Description></rdf:RDF>"


def jsonld_deep(depth: int) -> bytes:
    """JSON-LD nested ``depth`` deep: 10,000 crashes pyoxigraph's parser with SIGSEGV."""
    return b'{"@id":"http://a","http://p":' + b'{"http://p":' * depth + b"1" + b"}" * depth + b"}"


def turtle_deep(depth: int) -> bytes:
    return b"<http://a> <http://p> " + b"[ <http://p> " * depth + b"1" + b" ]" * depth + b" ."


def ntriples_chain(depth: int) -> bytes:
    """Blank nodes chained ``depth`` deep in N-Triples: accepted, it could not be read back as Turtle."""
    return b"".join(b"_:b%d <http://p> _:b%d .\n" % (i, i + 1) for i in range(depth))


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
    + RDF_XML_HEAD
    + b"<e:p>&b;</e:p></rdf:Description></rdf:RDF>"
)


@pytest.mark.parametrize(
    ("media", "body", "status", "message"),
    [
        pytest.param(
            "application/rdf+xml", rdfxml_deep(32_000), 422, "nested more than 64", id="rdfxml-32000"
        ),
        pytest.param(
            "application/ld+json", jsonld_deep(10_000), 422, "nested more than 64", id="jsonld-10000"
        ),
        pytest.param("text/turtle", turtle_deep(32_000), 422, "nested more than 64", id="turtle-32000"),
        pytest.param(
            "application/n-triples", ntriples_chain(3_000), 422, "blank nodes nested", id="nt-chain"
        ),
        pytest.param("application/rdf+xml", BOMB, 400, "DOCTYPE", id="entity-bomb"),
        pytest.param("text/turtle", b"<a> <b> <c> ." * 500_000, 413, "over the limit", id="over-5mb"),
    ],
)
def test_hostile_rdf_is_refused_at_once(api: str, media: str, body: bytes, status: int, message: str) -> None:
    started = time.monotonic()
    answer = httpx.post(api + "/validate", content=body, headers={"Content-Type": media}, timeout=30)
    elapsed = time.monotonic() - started
    assert answer.status_code == status, answer.text[:300]
    assert message in answer.json()["detail"]
    assert answer.json()["request_id"] == answer.headers["x-request-id"]
    assert elapsed < 1.5, f"answered after {elapsed:.2f} s"


def test_health_stays_fast_while_deep_rdfxml_is_posted(api: str) -> None:
    """Before: /health blocked 13-15 s by one upload. Target: p99 <= 100 ms."""
    target = health_target(api)
    stop = threading.Event()
    statuses: list[int] = []

    def attack() -> None:
        body = rdfxml_deep(32_000)
        while not stop.is_set():
            answer = httpx.post(
                api + "/validate", content=body, headers={"Content-Type": "application/rdf+xml"}, timeout=30
            )
            statuses.append(answer.status_code)

    thread = threading.Thread(target=attack)
    thread.start()
    try:
        times = latencies(api + "/health", 3.0)
    finally:
        stop.set()
        thread.join()
    assert statuses and set(statuses) == {422}
    assert p99(times) <= target, f"/health p99 {p99(times) * 1000:.0f} ms over {len(times)} requests"


def wait_for_the_validation_slot(api: str) -> None:
    """The one validation slot (TKG_MAX_INFLIGHT_VALIDATION=1) may still be held by the test before."""
    started = time.monotonic()
    while httpx.post(api + "/articles", json={"text": "Qinghe."}, timeout=30).status_code == 503:
        assert time.monotonic() - started < 30, "the validation slot stayed busy"
        time.sleep(0.5)


def test_a_large_valid_body_ends_by_its_deadline_off_the_serving_loop(api: str) -> None:
    """1 MB of valid Turtle (20,000 blank nodes: ~5 s of rdflib and pyshacl) is parsed and validated in a
    validation process (kg.validation.workers), so it never holds the API's GIL: /health keeps its p99
    target, and the answer comes by the deadline (TKG_HEAVY_DEADLINE=8 -> 200 or 504 within 9 s)."""
    body = b"".join(
        b'<%spark/p%d> <http://p> [ <http://q> "x [ ( {" ] .\n' % (BASE.encode(), i) for i in range(20_000)
    )
    wait_for_the_validation_slot(api)
    target = health_target(api)
    outcome: list[tuple[int, float, str]] = []

    def upload() -> None:
        started = time.monotonic()
        answer = httpx.post(
            api + "/validate", content=body, headers={"Content-Type": "text/turtle"}, timeout=30
        )
        outcome.append((answer.status_code, time.monotonic() - started, answer.text))

    thread = threading.Thread(target=upload)
    thread.start()
    time.sleep(0.3)
    times = latencies(api + "/health", 3.0)
    thread.join()
    assert p99(times) <= target, f"/health p99 {p99(times) * 1000:.0f} ms over {len(times)}"
    status, seconds, text = outcome[0]
    # 200, or a deadline: the parse's (TKG_PARSE_TIMEOUT=5, 422) on a loaded machine, or the request's (504)
    assert status == 200 or (status in (422, 504) and ("longer than" in text or "time limit" in text)), (
        status,
        text,
    )
    assert seconds <= 8 + 1, f"answered after {seconds:.1f} s"


def bulk_parks(count: int) -> bytes:
    """Valid Turtle: ``count`` parks in Qinghe County, each with a ~1.8 KB comment (500: ~1 MB)."""
    head = (
        f"@base <{BASE}> .\n@prefix tkg: <https://w3id.org/textile-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    )
    note = "A park surveyed for the security tests; " * 45
    parks = (
        f'<park/bulk-{i}> a tkg:IndustrialPark ; rdfs:label "Bulk park {i}"@en ; rdfs:comment "{note}"@en ;'
        f' dcterms:source "survey" ; tkg:locatedIn <place/130534> .\n'
        for i in range(count)
    )
    return (head + "".join(parks)).encode()


def test_a_large_graph_write_is_parsed_and_validated_off_the_serving_process(api: str) -> None:
    """A token holder PUTs ~1 MB of valid Turtle into a curated graph: the body is parsed, merged, hashed
    and validated in a validation process (kg.validation.workers.WriteSession), never in the API
    process, so /health keeps its p99 target; the answer comes by the deadline (TKG_HEAVY_DEADLINE=8:
    201, or 504 with the worker killed and nothing written)."""
    body = bulk_parks(500)
    assert len(body) > 900_000
    graph = {"graph": BASE + "graph/curated/bulk"}
    writer = {"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"}
    wait_for_the_validation_slot(api)
    target = health_target(api)
    outcome: list[tuple[int, float, str]] = []

    def put() -> None:
        started = time.monotonic()
        answer = httpx.put(api + "/graphs", params=graph, content=body, headers=writer, timeout=30)
        outcome.append((answer.status_code, time.monotonic() - started, answer.text))

    thread = threading.Thread(target=put)
    thread.start()
    time.sleep(0.3)
    times = latencies(api + "/health", 3.0)
    thread.join()
    try:
        assert p99(times) <= target, f"/health p99 {p99(times) * 1000:.0f} ms over {len(times)}"
        status, seconds, text = outcome[0]
        assert status == 201 or (status == 504 and "longer than" in text), (status, text[:300])
        if status == 201:
            assert json.loads(text)["triples"] == 500 * 5
        assert seconds <= 8 + 1, f"answered after {seconds:.1f} s"
    finally:  # the parks would stand beside every later validation's Qinghe context
        httpx.delete(api + "/graphs", params=graph, headers=writer, timeout=30)


def test_a_large_article_is_extracted_off_the_serving_process(api: str) -> None:
    """A public dry run of a ~300 KB article (3,000 sentences with places, products and figures): the
    loaders and SHACL run in a validation process, so /health keeps its p99 target, and the answer comes
    by the deadline (TKG_HEAVY_DEADLINE=8: 200, or 504 with the worker killed)."""
    sentences = (
        f"In {2000 + i % 24}, the {('cashmere', 'hosiery', 'denim', 'silk')[i % 4]} cluster of "
        f"{('Qinghe County', 'Datang Town', 'Xintang Town', 'Shengze Town')[i % 4]} produced {i} tonnes "
        f"and employed {i * 3} workers in {i % 50 + 1} industrial parks."
        for i in range(3_000)
    )
    body = {"title": "Many figures", "text": " ".join(sentences)}
    wait_for_the_validation_slot(api)
    target = health_target(api)
    outcome: list[tuple[int, float]] = []

    def post() -> None:
        started = time.monotonic()
        answer = httpx.post(api + "/articles", json=body, timeout=30)
        outcome.append((answer.status_code, time.monotonic() - started))

    thread = threading.Thread(target=post)
    thread.start()
    time.sleep(0.3)
    times = latencies(api + "/health", 3.0)
    thread.join()
    assert p99(times) <= target, f"/health p99 {p99(times) * 1000:.0f} ms over {len(times)}"
    status, seconds = outcome[0]
    assert status in (200, 504), status
    assert seconds <= 8 + 1, f"answered after {seconds:.1f} s"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        pytest.param('SELECT * WHERE { ?s ?p "\\U00110000" }', 400, "not a Unicode character", id="U+110000"),
        pytest.param(
            "SELECT * FROM <" + BASE + "graph/x> WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000,
            400,
            "too deeply nested",
            id="deep-with-from",
        ),
        pytest.param("SELECT * WHERE { ?s ?p ?o } #" + "x" * 480_000, 413, "at most", id="480kb"),
    ],
)
def test_hostile_queries_are_400_not_500(api: str, query: str, status: int, message: str) -> None:
    started = time.monotonic()
    answer = httpx.post(
        api + "/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert answer.status_code == status, answer.text[:300]
    assert message in answer.json()["detail"]
    assert time.monotonic() - started < 1.0


def test_a_huge_form_is_refused_before_it_is_read(api: str) -> None:
    """Before: a 4.8 MB form stalled the server 1.4-2.5 s. Now 413 from Content-Length alone."""
    form = "query=" + "x" * 4_800_000
    started = time.monotonic()
    answer = httpx.post(
        api + "/sparql",
        content=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )
    assert answer.status_code == 413
    assert time.monotonic() - started < 1.0


def slow_client(api: str, results: list[tuple[bytes, float]]) -> None:
    """POST /sparql announcing 1,000 bytes and sending one every 0.3 s."""
    host = urlsplit(api)
    started = time.monotonic()
    with socket.create_connection((host.hostname, host.port), timeout=10) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000\r\n\r\n"
        )
        received = b""
        try:
            for _ in range(1000):
                if not received:
                    conn.sendall(b" ")
                conn.settimeout(0.3)
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    break  # the server closed the connection
                received += chunk
        except OSError:
            pass
    results.append((received, time.monotonic() - started))


def test_slow_bodies_are_cut_off_and_health_stays_fast(api: str) -> None:
    """Before: 64 slow bodies were still open after 12 s. Now each is answered 408 by the body timeout
    (TKG_BODY_TIMEOUT=2) + 1 s, and /health stays fast meanwhile."""
    target = health_target(api)
    results: list[tuple[bytes, float]] = []
    clients = [threading.Thread(target=slow_client, args=(api, results)) for _ in range(16)]
    for client in clients:
        client.start()
    times = latencies(api + "/health", 2.0)
    for client in clients:
        client.join()
    assert len(results) == 16
    for received, seconds in results:
        assert received.startswith(b"HTTP/1.1 408"), received[:200]
        assert seconds <= 2 + 1, f"cut off after {seconds:.1f} s"
        body = received.partition(b"\r\n\r\n")[2]
        assert "request_id" in json.loads(body)
    assert p99(times) <= target, f"/health p99 {p99(times) * 1000:.0f} ms"


def slow_head(api: str, head: bytes) -> tuple[bytes, float]:
    """Open a connection, send ``head`` (an incomplete request head, or nothing) and wait for the server."""
    host = urlsplit(api)
    started = time.monotonic()
    received = b""
    with socket.create_connection((host.hostname, host.port), timeout=10) as conn:
        conn.sendall(head)
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except OSError:
            pass
    return received, time.monotonic() - started


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"", id="silent"),
        pytest.param(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ", id="unfinished-head"),
    ],
)
def test_slow_request_heads_are_cut_off(api: str, head: bytes) -> None:
    """Before: a connection that sent nothing, or half a head, stayed open as long as the client liked
    (uvicorn has no head timeout). Now 408 with our error body at TKG_HEADER_TIMEOUT=2 (+1 s)."""
    received, seconds = slow_head(api, head)
    assert received.startswith(b"HTTP/1.1 408"), received[:200]
    assert "request_id" in json.loads(received.partition(b"\r\n\r\n")[2])
    assert seconds <= 2 + 1, f"cut off after {seconds:.1f} s"
