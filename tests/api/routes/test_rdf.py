"""REST profiles as RDF (Turtle, JSON-LD) are the entity's statements in the ontology's own terms: every
predicate is declared in ontology/ or a standard vocabulary, and both syntaxes give the same graph."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.terms import to_rdflib
from tests.paths import ONTOLOGY

PROFILES = [
    pytest.param("/clusters/qinghe-cashmere-cluster", id="cluster"),
    pytest.param("/parks/qinghe-cashmere-town", id="park"),
    pytest.param("/enterprises/qinghe-cashmere-textiles-co-130534", id="enterprise"),
    pytest.param("/initiatives/hebei-garment-industry-action-plan", id="initiative"),
    pytest.param("/provinces/hebei", id="province"),
]
# standard vocabularies whose terms the data uses as they are
STANDARD = (
    str(RDF),
    str(RDFS),
    str(OWL),
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.opengis.net/ont/geosparql#",
    "http://www.w3.org/ns/prov#",
)
PROPERTY_CLASSES = {
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.FunctionalProperty,
}


def declared() -> set[URIRef]:
    ontology = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        ontology.parse(path)
    return {s for cls in PROPERTY_CLASSES for s in ontology.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def fetch(client: httpx.Client, url: str, accept: str, syntax: ox.RdfFormat) -> Graph:
    """The answer parsed by pyoxigraph (rdflib's JSON-LD parser warns on every call)."""
    answer = client.get(url, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept), answer.text
    graph = Graph()
    for quad in ox.parse(answer.content, format=syntax):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


@pytest.mark.parametrize("url", PROFILES)
def test_turtle_and_jsonld_are_one_graph_in_ontology_terms(client: httpx.Client, url: str) -> None:
    turtle = fetch(client, url, "text/turtle", ox.RdfFormat.TURTLE)
    jsonld = fetch(client, url, "application/ld+json", ox.RdfFormat.JSON_LD)
    assert len(turtle) > 3 and isomorphic(turtle, jsonld)
    known = declared()
    for predicate in set(turtle.predicates()):
        assert predicate in known or str(predicate).startswith(STANDARD), predicate
    entity = URIRef(client.get(url).json()["id"])
    assert (entity, RDF.type, None) in turtle
