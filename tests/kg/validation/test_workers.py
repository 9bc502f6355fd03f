"""Validation processes: the same report as in-process validation, a real cancel at the deadline, a
replaced worker afterwards, and a bounded heap."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.curation.articles import curated_article
from kg.errors import DeadlineExceeded, RDFSyntaxError
from kg.extraction.document import extraction_json
from kg.ingest.pipeline import load_pipeline
from kg.rdf.io import parse_graph
from kg.rdf.limits import InputLimits, LimitExceeded
from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.store.embedded import EmbeddedStore
from kg.validation.context import validate_increment
from kg.validation.shacl import Engine, load_shapes
from kg.validation.workers import ValidationWorkers
from tests.paths import CORPUS, ONTOLOGY, REPO

SHAPES = REPO / "shapes"
DATA_DIR = REPO / "data"
BASE_IRI = "https://w3id.org/textile-kg/id/"
LIMITS = InputLimits(max_bytes=20_000_000, deadline=30.0)
PARK = b"""@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/textile-kg/id/park/p> a tkg:IndustrialPark ; rdfs:label "P"@en ;
    tkg:parkKind "not a concept" ; tkg:locatedIn <https://w3id.org/textile-kg/id/place/nowhere> .
"""


def big_body(nodes: int) -> bytes:
    base = b"https://w3id.org/textile-kg/id/park/"
    return b"".join(b'<%sp%d> <http://p> [ <http://q> "x" ] .\n' % (base, i) for i in range(nodes))


@pytest.fixture(scope="module")
def workers() -> Iterator[ValidationWorkers]:
    pool = ValidationWorkers(
        SHAPES, ONTOLOGY, data_dir=DATA_DIR, base_iri=BASE_IRI, size=1, memory_bytes=2_000_000_000
    )
    yield pool
    pool.close()


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_a_worker_validates_with_the_engine_it_is_given(engine: Engine) -> None:
    """TKG_SHACL_ENGINE reaches the worker processes: each engine's worker gives that engine's report,
    told apart by the engines' known difference (their results on a confidence of 19 decimals)."""
    from tests.kg.validation.test_engines import ANNOTATION

    body = ANNOTATION.format(confidence="0.1234567890123456789", start="1").encode()
    pool = ValidationWorkers(
        SHAPES, ONTOLOGY, data_dir=DATA_DIR, base_iri=BASE_IRI, memory_bytes=2_000_000_000, engine=engine
    )
    try:
        store = EmbeddedStore()
        checked = pool.check(store, body, "text/turtle", name="body", limits=LIMITS, timeout=60)
    finally:
        pool.close()
    shapes = load_shapes(SHAPES, engine=engine)
    data = parse_graph(body, ox.RdfFormat.TURTLE)
    other = load_shapes(SHAPES, engine="pyshacl" if engine == "turbo" else "turbo")
    expected, unlike = (validate_increment(store, data, s, load_ontology(ONTOLOGY)) for s in (shapes, other))
    assert sorted(map(repr, checked.report.results)) == sorted(map(repr, expected.results))  # any order
    assert sorted(map(repr, checked.report.results)) != sorted(map(repr, unlike.results))
    assert not checked.report.conforms


def test_the_report_is_the_in_process_report(workers: ValidationWorkers) -> None:
    store = EmbeddedStore()
    checked = workers.check(store, PARK, "text/turtle", name="body", limits=LIMITS, timeout=60)
    expected = validate_increment(
        store, parse_graph(PARK, ox.RdfFormat.TURTLE), load_shapes(SHAPES), load_ontology(ONTOLOGY)
    )
    assert not checked.report.conforms
    assert checked.report == expected


def test_a_syntax_error_keeps_its_position_and_the_worker(workers: ValidationWorkers) -> None:
    with pytest.raises(RDFSyntaxError, match="line 2"):
        workers.check(EmbeddedStore(), b"<a:b> <a:c> <a:d> .\n<a:b> <a:c> .", "text/turtle",
                      name="body", limits=LIMITS, timeout=60)  # fmt: skip
    assert workers.check(EmbeddedStore(), PARK, "text/turtle", name="b", limits=LIMITS, timeout=60)


def test_past_the_deadline_the_worker_is_killed_and_replaced(workers: ValidationWorkers) -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match=r"longer than 0\.5 s"):
        workers.check(EmbeddedStore(), big_body(20_000), "text/turtle", name="b", limits=LIMITS, timeout=0.5)
    assert time.monotonic() - started < 1.5
    checked = workers.check(EmbeddedStore(), PARK, "text/turtle", name="b", limits=LIMITS, timeout=60)
    assert not checked.report.conforms


def test_a_body_over_the_heap_limit_ends_its_worker_not_the_caller() -> None:
    pool = ValidationWorkers(
        SHAPES, ONTOLOGY, data_dir=DATA_DIR, base_iri=BASE_IRI, size=1, memory_bytes=350_000_000
    )
    try:
        with pytest.raises(LimitExceeded, match="memory"):
            pool.check(
                EmbeddedStore(), big_body(150_000), "text/turtle", name="b", limits=LIMITS, timeout=120
            )
        assert pool.check(EmbeddedStore(), PARK, "text/turtle", name="b", limits=LIMITS, timeout=60)
    finally:
        pool.close()


def test_an_article_is_extracted_and_validated_as_the_pipeline_does(workers: ValidationWorkers) -> None:
    store = EmbeddedStore()
    pipeline = load_pipeline(Settings(), store)
    text = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    article = curated_article(
        text, media_type="text/plain", given_id=None, title="T", date=None, publisher=None, url=None
    )
    checked = workers.check_article(store, article, timeout=120)
    expected = pipeline.ingest(article, dry_run=True)
    assert checked.report == expected.report
    assert checked.ntriples is not None and checked.extraction is not None
    assert isomorphic(Graph().parse(data=checked.ntriples, format="nt"), expected.data)
    assert checked.extraction == extraction_json(
        expected.data,
        expected.article_iri,
        pipeline.resources.gazetteer,
        labels=pipeline.resources.vocabulary,
    )
