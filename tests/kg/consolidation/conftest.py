"""Stores for the consolidation tests: the seed graph (ontology, gazetteer, the five corpus articles with
their PROV metadata), extracted once per session and copied into a fresh in-memory store per test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.consolidation import Policy, policy_from_ontology, rebuild
from kg.gazetteer.graph import gazetteer_graph
from kg.ingest.articles import find_article_files, read_article_file
from kg.ingest.pipeline import provenance
from kg.namespaces import Ids
from kg.rdf.ontology import load_ontology
from kg.settings import Settings
from kg.store import EmbeddedStore
from loaders.pipeline import extract
from loaders.resources import Resources


def quads(graph: Graph, name: URIRef) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads of the named graph ``name`` (via N-Triples)."""
    g = ox.NamedNode(str(name))
    return [
        ox.Quad(t.subject, t.predicate, t.object, g)
        for t in ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    ]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(store=Path("unused"))


@pytest.fixture(scope="session")
def ids(settings: Settings) -> Ids:
    return settings.ids


@pytest.fixture(scope="session")
def ontology(settings: Settings) -> Graph:
    return load_ontology(settings.ontology_dir)


@pytest.fixture(scope="session")
def policy(ontology: Graph) -> Policy:
    return policy_from_ontology(ontology)


@pytest.fixture(scope="session")
def articles(settings: Settings) -> dict[URIRef, Graph]:
    """The seed articles' graphs as the loaders make them, by graph IRI."""
    resources = Resources.load(settings.data_dir, settings.ontology_dir)
    found = {}
    for path in find_article_files(settings.data_dir / "articles"):
        article = read_article_file(path)
        found[settings.ids.article_graph(article.id)] = extract(article, resources, settings.ids)
    return found


@pytest.fixture(scope="session")
def seed_quads(settings: Settings, ontology: Graph, articles: dict[URIRef, Graph]) -> list[ox.Quad]:
    ids = settings.ids
    resources = Resources.load(settings.data_dir, settings.ontology_dir)
    found = quads(ontology, ids.ontology_graph) + quads(
        gazetteer_graph(resources.gazetteer, ids), ids.gazetteer_graph
    )
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for graph, data in articles.items():
        found += quads(data, graph)
        article = URIRef(str(graph).replace("/graph/article/", "/article/"))
        found += quads(provenance(graph, article, now, now), ids.metadata_graph)
    return found


@pytest.fixture
def store(seed_quads: list[ox.Quad], ids: Ids, policy: Policy) -> EmbeddedStore:
    """A fresh in-memory store with the seed graph and its consolidated graph built from scratch."""
    s = EmbeddedStore()
    s.oxigraph.extend(seed_quads)
    rebuild(s, ids, policy)
    return s
