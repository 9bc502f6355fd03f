"""The store context new data is validated with: what the store says about the IRIs the data points to.

For each referenced IRI: its types, labels, GB code, concept schemes and its whole ``tkg:locatedIn`` chain,
plus the parks located in it (for the duplicate-park check). The IRIs travel in a ``VALUES`` block (each
spelled by ``serialize_term``, which refuses an unsafe or invalid one by name), a few queries per article,
not per IRI: the largest seed article refers to 82 IRIs, and 246 small queries took 55-90 ms of its ingest
at 10^6; batched, 23-26 ms. The cost grows with the article, not with the store.

The queries start from the IRIs in a plain triple pattern: Oxigraph evaluates a property path or a UNION
that begins at a variable over the whole store first (docs/benchmarks.md, "Figures behind rules in the
code"), so the chain is walked one step per query.

Every pattern leaves out the graphs under ``graph/curation/``: kept versions (kg.curation.versions) and
drafts are history and proposals, not sources. Read as sources, each version of a curated graph
repeated its parks, and the park query joined the repeats across graphs: ~cubic in the number of
versions (merge #50 into one graph spent 9.5 s here; 38 ms without them). The filter follows each
``GRAPH`` pattern so that the engine drops those rows before the next join.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

from kg.namespaces import PREFIXES
from kg.rdf.terms import serialize_term
from kg.store.base import Store
from kg.validation.report import ValidationReport
from kg.validation.shacl import referenced_iris, validate

_PREFIXES = "\n".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())

CHAIN_QUERY = (
    _PREFIXES
    + """
# The places each ?iri is directly in, as the sources state them (one step of its tkg:locatedIn chain).
SELECT DISTINCT ?iri ?node WHERE {
    VALUES ?iri { $IRIS }
    GRAPH ?g { ?iri tkg:locatedIn ?node }
    FILTER(!CONTAINS(STR(?g), "/graph/curation/"))
}
"""
)

DESCRIPTION_QUERY = (
    _PREFIXES
    + """
# What the SHACL shapes look at on each ?iri itself.
CONSTRUCT { ?iri ?p ?o }
WHERE {
    VALUES ?iri { $IRIS }
    GRAPH ?g { ?iri ?p ?o . }
    FILTER(!CONTAINS(STR(?g), "/graph/curation/"))
    FILTER(?p IN (rdf:type, rdfs:label, tkg:gbCode, tkg:locatedIn, skos:inScheme, skos:topConceptOf,
                  tkg:sourceArticle, dcterms:source, rdfs:isDefinedBy))
}
"""
)

# A query of its own, not a UNION branch of the one above, and no `?park a tkg:IndustrialPark` pattern to
# start from: Oxigraph joins the bound ?iri late, so either made it walk every park of the store first (a
# cost that grows with the store: docs/benchmarks.md). The context reads the sources (GRAPH ?g: every
# named graph), so that it is right whatever the state of graph/current during a build.
# Each thing located in an ?iri is taken once (DISTINCT, in a sub-SELECT that starts from the VALUES
# block) and its type is an EXISTS: joined across graphs instead, a park restated by n
# articles made n^3 rows before CONSTRUCT made them a set (a county at 10^7: 634-833 ms, now 15 ms).
PARKS_QUERY = (
    _PREFIXES
    + """
# The parks located in each ?iri (for the duplicate-park check).
CONSTRUCT { ?park a tkg:IndustrialPark ; rdfs:label ?parkLabel ; tkg:locatedIn ?iri . }
WHERE {
    { SELECT DISTINCT ?park ?iri WHERE {
        VALUES ?iri { $IRIS }
        GRAPH ?g { ?park tkg:locatedIn ?iri . }
        FILTER(!CONTAINS(STR(?g), "/graph/curation/"))
    } }
    FILTER EXISTS { GRAPH ?h { ?park a tkg:IndustrialPark . } FILTER(!CONTAINS(STR(?h), "/graph/curation/")) }
    GRAPH ?k { ?park rdfs:label ?parkLabel . }
    FILTER(!CONTAINS(STR(?k), "/graph/curation/"))
}
"""
)


def fetch_context(store: Store, iris: set[URIRef]) -> Graph:
    """The description of ``iris`` and of every place above them (see ``shacl.referenced_iris``)."""
    nodes = set(iris)
    frontier = sorted(iris)
    while frontier:  # walk the chain up one step at a time (a path cannot cross named graphs)
        above: set[URIRef] = set()
        for batch in _batches(frontier):
            for row in store.select(_with_iris(CHAIN_QUERY, batch)):
                node = row.get("node")
                if isinstance(node, URIRef) and node not in nodes:
                    above.add(node)
        nodes |= above
        frontier = sorted(above)
    context = Graph()
    for batch in _batches(sorted(nodes)):
        context += store.construct(_with_iris(DESCRIPTION_QUERY, batch))
        context += store.construct(_with_iris(PARKS_QUERY, batch))
    return context


BATCH = 200  # IRIs per query: an article refers to tens; a curator's bulk write may refer to thousands


def _batches(iris: list[URIRef]) -> Iterable[list[URIRef]]:
    for start in range(0, len(iris), BATCH):
        yield iris[start : start + BATCH]


def _with_iris(query: str, iris: Iterable[URIRef]) -> str:
    return query.replace("$IRIS", " ".join(serialize_term(iri) for iri in iris))


def validate_increment(store: Store, data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """SHACL on new data (an article's graph, a curator's write) as it would stand in the store.

    The one rule for judging an increment: the data, plus the store's description of the IRIs it
    refers to (:func:`fetch_context`), plus what ``ontology`` says about the IRIs in use (concepts are
    known even to an empty store); only the data's own subjects are judged, so the cost grows with the
    data, not with the store.
    """
    context = fetch_context(store, referenced_iris(data))
    focus = {s for s in data.subjects() if isinstance(s, URIRef)}
    return validate(data, shapes, ontology=ontology, context=context, focus_nodes=focus)
