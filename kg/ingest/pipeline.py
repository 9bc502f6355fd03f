"""The ingest pipeline: article -> loaders -> SHACL with store context -> atomic write with provenance."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

import loaders
from kg.namespaces import TKG, Ids
from kg.store import Store
from kg.validation.context import fetch_context
from kg.validation.shacl import Report, referenced_iris, validate
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
    report: Report
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
    schema: Graph = field(default_factory=Graph)

    def __post_init__(self) -> None:
        if not len(self.schema):
            self.schema.__iadd__(class_hierarchy(self.ontology))

    def extract(self, article: Article) -> Graph:
        return extract(article, self.resources, self.ids)

    def validate(self, data: Graph) -> Report:
        """SHACL on the new data plus what it refers to; the cost does not grow with the store.

        The context is the store's description of the referenced IRIs (places and their chains, other
        entities) and the ontology's description of referenced concepts, so that concepts are known even
        to an empty store. Only the class hierarchy of the ontology is added: a copy of all of it costs
        three times the validation itself.
        """
        referenced = referenced_iris(data)
        context = fetch_context(self.store, referenced)
        for iri in referenced:
            context += self.ontology.triples((iri, None, None))
        focus = {s for s in data.subjects() if isinstance(s, URIRef)}
        return validate(data, self.shapes, ontology=self.schema, context=context, focus_nodes=focus)

    def ingest(self, article: Article, *, dry_run: bool = False) -> IngestResult:
        started = datetime.now(UTC)
        t0 = time.perf_counter()
        data = self.extract(article)
        report = self.validate(data)
        graph_iri = self.ids.article_graph(article.id)
        article_iri = self.ids.article(article.id)
        written = False
        if report.conforms and not dry_run:
            metadata = provenance(graph_iri, article_iri, started, datetime.now(UTC))
            self.store.replace_graph(
                graph_iri, data, metadata=metadata, metadata_graph=self.ids.metadata_graph
            )
            written = True
        return IngestResult(article, graph_iri, article_iri, data, report, written, time.perf_counter() - t0)


def class_hierarchy(ontology: Graph) -> Graph:
    """The rdfs:subClassOf and rdfs:subPropertyOf triples SHACL needs to find instances of subclasses."""
    hierarchy = Graph()
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for triple in ontology.triples((None, predicate, None)):
            hierarchy.add(triple)
    return hierarchy


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
