"""The ingest pipeline: article -> loaders -> SHACL with store context -> atomic write with provenance;
:func:`load_pipeline` reads what it needs (ontology, shapes, loader resources) once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

import loaders
from kg.namespaces import TKG, Ids
from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.store.base import Store
from kg.validation.context import validate_increment
from kg.validation.report import ValidationReport
from kg.validation.shacl import load_shapes
from loaders.article import Article
from loaders.pipeline import extract
from loaders.resources import Resources


@dataclass(frozen=True)
class IngestResult:
    """What happened to one article: its graph, the SHACL report, and whether it was written."""

    article: Article
    graph_iri: URIRef
    article_iri: URIRef
    data: Graph
    report: ValidationReport
    written: bool
    seconds: float


@dataclass(frozen=True)
class Pipeline:
    """Everything an ingest needs, loaded once: resources for the loaders, shapes and ontology."""

    store: Store
    ids: Ids
    resources: Resources
    shapes: Graph
    ontology: Graph

    def extract(self, article: Article) -> Graph:
        return extract(article, self.resources, self.ids)

    def validate(self, data: Graph) -> ValidationReport:
        """SHACL on the new data plus what it refers to (kg.validation.context.validate_increment)."""
        return validate_increment(self.store, data, self.shapes, self.ontology)

    def ingest(self, article: Article, *, dry_run: bool = False) -> IngestResult:
        started = datetime.now(UTC)
        t0 = time.perf_counter()
        data = self.extract(article)
        report = self.validate(data)
        graph_iri = self.ids.article_graph(article.id)
        article_iri = self.ids.article(article.id)
        written = False
        if report.conforms and not dry_run:
            store_article_graph(self.store, self.ids, article, data, started)
            written = True
        return IngestResult(article, graph_iri, article_iri, data, report, written, time.perf_counter() - t0)


def store_article_graph(store: Store, ids: Ids, article: Article, data: Graph, started: datetime) -> URIRef:
    """Write an article's extracted (and validated) graph, replacing the previous one, with its PROV-O
    description in the metadata graph; ``started`` is when its extraction began."""
    graph_iri = ids.article_graph(article.id)
    metadata = provenance(graph_iri, ids.article(article.id), started, datetime.now(UTC))
    store.replace_graph(graph_iri, data, metadata=metadata, metadata_graph=ids.metadata_graph)
    return graph_iri


def load_pipeline(settings: Settings, store: Store) -> Pipeline:
    """Read the ontology, shapes and loader resources once."""
    return Pipeline(
        store=store,
        ids=settings.ids,
        resources=Resources.load(settings.data_dir, settings.ontology_dir),
        shapes=load_shapes(settings.shapes_dir, engine=settings.shacl_engine),
        ontology=load_ontology(settings.ontology_dir),
    )


def provenance(graph_iri: URIRef, article_iri: URIRef, started: datetime, ended: datetime) -> Graph:
    """PROV-O description of one article graph, for the metadata graph."""
    g = Graph()
    activity = URIRef(f"{graph_iri}#load")
    agent = URIRef(f"{graph_iri}#loader")
    g.add((graph_iri, RDF.type, PROV.Entity))
    g.add((graph_iri, PROV.wasDerivedFrom, article_iri))
    g.add((graph_iri, PROV.wasGeneratedBy, activity))
    g.add((graph_iri, PROV.generatedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    g.add((graph_iri, TKG.loaderVersion, Literal(loaders.LOADER_VERSION)))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.used, article_iri))
    g.add((activity, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    g.add((activity, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, PROV.value, Literal(f"textile-kg loaders {loaders.LOADER_VERSION}")))
    return g
