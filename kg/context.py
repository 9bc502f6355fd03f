"""The store context new data is validated with: what the store says about the IRIs the data points to.

For each referenced IRI: its types, labels, GB code, concept schemes and its whole ``tkg:locatedIn`` chain,
plus the parks located in it (for the duplicate-park check). One small CONSTRUCT per IRI, with the IRI
bound as an RDF term, so the cost grows with the article, not with the store.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.namespaces import PREFIXES
from kg.store import Store

_PREFIXES = "\n".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())

CONTEXT_QUERY = (
    _PREFIXES
    + """
# The description of ?iri (and of every place above it) that the SHACL shapes look at.
CONSTRUCT {
    ?node a ?type ; rdfs:label ?label ; tkg:gbCode ?code ; tkg:locatedIn ?parent ;
          skos:inScheme ?scheme ; skos:topConceptOf ?top .
    ?park a tkg:IndustrialPark ; rdfs:label ?parkLabel ; tkg:locatedIn ?iri .
}
WHERE {
    {
        ?iri tkg:locatedIn* ?node .
        { ?node a ?type }
        UNION { ?node rdfs:label ?label }
        UNION { ?node tkg:gbCode ?code }
        UNION { ?node tkg:locatedIn ?parent }
        UNION { ?node skos:inScheme ?scheme }
        UNION { ?node skos:topConceptOf ?top }
    }
    UNION
    { ?park tkg:locatedIn ?iri ; a tkg:IndustrialPark ; rdfs:label ?parkLabel . }
}
"""
)


def fetch_context(store: Store, iris: set[URIRef]) -> Graph:
    """The union of :data:`CONTEXT_QUERY` over ``iris`` (see :func:`kg.validate.referenced_iris`)."""
    context = Graph()
    for iri in sorted(iris):
        context += store.construct(CONTEXT_QUERY, bindings={"iri": iri})
    return context
