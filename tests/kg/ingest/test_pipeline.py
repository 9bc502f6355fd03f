"""The ingest pipeline: extract, validate with the store's context, write atomically with provenance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

import loaders
from kg.ingest.articles import read_article_file
from kg.ingest.build import validate_store
from kg.ingest.pipeline import Pipeline
from kg.namespaces import TKG
from kg.rdf.io import parse_graph
from kg.settings import PROJECT_ROOT, Settings

ARTICLE = PROJECT_ROOT / "data" / "articles" / "003_e3ad5b8cc8d86b93.txt"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(store=Path("unused"))


@pytest.fixture
def pipeline(base_pipeline: Pipeline, settings: Settings) -> Iterator[Pipeline]:
    """The shared pipeline; what a test writes besides ontology and gazetteer is dropped after it."""
    yield base_pipeline
    keep = {settings.ids.ontology_graph, settings.ids.gazetteer_graph}
    for graph in base_pipeline.store.graph_sizes():
        if graph not in keep:
            base_pipeline.store.drop_graph(graph)


def test_a_conforming_article_is_stored_in_its_own_graph(pipeline: Pipeline) -> None:
    result = pipeline.ingest(read_article_file(ARTICLE))
    assert result.report.conforms and result.written
    stored = pipeline.store.get_graph(result.graph_iri)
    # Oxigraph stores literals canonically (xsd:nonNegativeInteger 8 as xsd:integer 8), so the graphs
    # are compared by size and subjects rather than by isomorphism.
    assert len(stored) == len(result.data)
    assert set(stored.subjects()) == set(result.data.subjects())


def test_ingesting_twice_replaces_and_duplicates_nothing(pipeline: Pipeline) -> None:
    first = pipeline.ingest(read_article_file(ARTICLE))
    sizes = pipeline.store.graph_sizes()
    second = pipeline.ingest(read_article_file(ARTICLE))
    assert pipeline.store.graph_sizes() == sizes
    assert isomorphic(first.data, second.data)


def test_provenance_names_the_article_and_the_loader(pipeline: Pipeline, settings: Settings) -> None:
    result = pipeline.ingest(read_article_file(ARTICLE))
    meta = pipeline.store.get_graph(settings.ids.metadata_graph)
    assert (result.graph_iri, RDF.type, PROV.Entity) in meta
    assert (result.graph_iri, PROV.wasDerivedFrom, result.article_iri) in meta
    assert (result.graph_iri, TKG.loaderVersion, Literal(loaders.LOADER_VERSION)) in meta
    activity = meta.value(result.graph_iri, PROV.wasGeneratedBy)
    assert isinstance(activity, URIRef) and (activity, RDF.type, PROV.Activity) in meta


def test_reingest_keeps_one_provenance_record(pipeline: Pipeline, settings: Settings) -> None:
    result = pipeline.ingest(read_article_file(ARTICLE))
    pipeline.ingest(read_article_file(ARTICLE))
    meta = pipeline.store.get_graph(settings.ids.metadata_graph)
    assert len(list(meta.objects(result.graph_iri, PROV.generatedAtTime))) == 1


def test_dry_run_writes_nothing(pipeline: Pipeline, settings: Settings) -> None:
    before = pipeline.store.graph_sizes()
    result = pipeline.ingest(read_article_file(ARTICLE), dry_run=True)
    assert result.report.conforms and not result.written
    assert pipeline.store.graph_sizes() == before


def test_an_article_with_violations_writes_nothing(pipeline: Pipeline) -> None:
    strict = Graph() + pipeline.shapes
    strict += parse_graph(
        b"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix tkg: <https://w3id.org/textile-kg/ontology#> .
        <urn:test:no-articles> a sh:NodeShape ; sh:targetClass tkg:Article ;
            sh:property [ sh:path tkg:measure ; sh:minCount 1 ; sh:message "articles need a measure" ] .""",
        ox.RdfFormat.TURTLE,
    )
    refusing = Pipeline(pipeline.store, pipeline.ids, pipeline.resources, strict, pipeline.ontology)
    before = pipeline.store.graph_sizes()
    result = refusing.ingest(read_article_file(ARTICLE))
    assert not result.report.conforms and not result.written
    assert "articles need a measure" in {r.message for r in result.report.violations}
    assert pipeline.store.graph_sizes() == before


@pytest.mark.slow
def test_stored_articles_still_conform_as_the_store_returns_them(
    pipeline: Pipeline, settings: Settings
) -> None:
    # Regression: Oxigraph returns xsd:nonNegativeInteger offsets as xsd:integer; the whole-graph check
    # of a freshly built store failed on every position selector.
    pipeline.ingest(read_article_file(ARTICLE))
    report = validate_store(settings, pipeline.store, pipeline)
    assert report.conforms, [r.message for r in report.violations][:5]
