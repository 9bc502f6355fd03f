"""``tkg build``: ontology, gazetteer, articles and curated graphs into the configured store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.consolidation import load_policy, rebuild
from kg.errors import InputError
from kg.gazetteer.graph import gazetteer_graph
from kg.ingest.articles import find_article_files, read_article_file
from kg.ingest.pipeline import IngestResult, Pipeline, load_pipeline
from kg.rdf.io import parse_rdf_file
from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.store import Store
from kg.validation.shacl import ValidationReport, load_shapes, validate

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build wrote, what it refused, and how long each step took."""

    graphs: dict[URIRef, int] = field(default_factory=dict)
    refused: dict[str, ValidationReport] = field(default_factory=dict)
    ingested: list[IngestResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.refused


def build(
    settings: Settings,
    store: Store,
    *,
    articles: Iterable[Path] | None = None,
    on_article: Progress | None = None,
) -> BuildResult:
    """Load everything under ``settings.data_dir``; every graph is validated before it is written."""
    result = BuildResult()
    ids = settings.ids
    t0 = time.perf_counter()
    pipeline = load_pipeline(settings, store)
    result.timings["load resources"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    # The project's own base graphs are not validated one by one here: the tests check that they
    # conform, and `tkg build` validates the whole graph once at the end (twice cost 20 s more).
    result.graphs[ids.ontology_graph] = store.replace_graph(ids.ontology_graph, pipeline.ontology)
    gazetteer = gazetteer_graph(pipeline.resources.gazetteer, ids)
    result.graphs[ids.gazetteer_graph] = store.replace_graph(ids.gazetteer_graph, gazetteer)
    result.timings["ontology + gazetteer"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    files = list(articles) if articles is not None else find_article_files(settings.data_dir / "articles")
    for path in files:
        outcome = pipeline.ingest(read_article_file(path))
        result.ingested.append(outcome)
        if outcome.written:
            result.graphs[outcome.graph_iri] = len(outcome.data)
        else:
            result.refused[path.name] = outcome.report
        if on_article:
            on_article(path.name)
    result.timings["articles"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for path in sorted((settings.data_dir / "curated").glob("*.ttl")):
        data = parse_rdf_file(path)
        _write_checked(result, store, pipeline, ids.curated_graph(path.stem), data, path.name)
    result.timings["curated"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    # every read goes to graph/current (kg.store.base.default_dataset): build it from the sources
    rebuild(store, ids, load_policy(settings.ontology_dir))
    result.timings["consolidated graph"] = time.perf_counter() - t0
    return result


def _write_checked(
    result: BuildResult, store: Store, pipeline: Pipeline, graph: URIRef, data: Graph, name: str
) -> None:
    report = pipeline.validate(data)
    if report.conforms:
        result.graphs[graph] = store.replace_graph(graph, data)
    else:
        result.refused[name] = report


def validate_store(settings: Settings, store: Store, pipeline: Pipeline | None = None) -> ValidationReport:
    """Whole-graph SHACL: every named graph of the store at once."""
    union = Graph()
    for graph in store.graph_sizes():
        union += store.get_graph(graph)
    shapes = pipeline.shapes if pipeline else load_shapes(settings.shapes_dir, engine=settings.shacl_engine)
    ontology = pipeline.ontology if pipeline else load_ontology(settings.ontology_dir)
    if not len(union):
        raise InputError("the store is empty: run `tkg build` first")
    return validate(union, shapes, ontology=ontology)
