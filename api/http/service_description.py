"""The SPARQL 1.1 Service Description of ``/sparql`` (``GET /sparql`` without a query, for RDF clients),
and the RDF answers of the dataset descriptions (``/.well-known/void`` uses :func:`rdf_response`).

What it states (docs/sparql.md, "Service description"): the endpoint, SPARQL 1.1 Query as its language,
the result formats, simple entailment, the predefined prefixes (as SHACL prefix declarations), and the
default dataset: the default graph is graph/current merged with graph/ontology, the named graphs are
every graph of the store with its triple count (``Store.graph_sizes``). It claims no ``sd:feature``:
none of the five the vocabulary defines holds here (the default graph is not the union of the named
graphs, SERVICE is refused, IRIs are not dereferenced, a dataset need not be given, empty graphs are
not kept).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyoxigraph as ox
from fastapi import HTTPException, Request
from fastapi.responses import Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from api.http.negotiation import choose
from kg.namespaces import PREFIXES, SH
from kg.rdf.terms import to_oxigraph
from kg.settings import Settings

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
SIMPLE_ENTAILMENT = URIRef("http://www.w3.org/ns/entailment/Simple")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "N-Quads",
    "TriG",
    "RDF_XML",
)
# the RDF syntaxes of descriptions: what a client may ask for -> (rdflib format, media type sent)
DESCRIPTION_OFFERS = {
    "text/turtle": "text/turtle",
    "application/ld+json": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "application/n-triples": "application/n-triples",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
}
DESCRIPTION_FORMAT_NAMES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
}
_DESCRIPTION_PREFIXES = {
    **PREFIXES,
    "sd": str(SD),
    "formats": str(FORMATS),
    "void": str(VOID),
    "dcat": "http://www.w3.org/ns/dcat#",
}


def description_media(fmt: str | None, accept: str | None) -> str | None:
    """The RDF syntax a description is sent in (``format=`` first, then ``Accept``), or None."""
    if fmt:
        key = fmt.strip().lower()
        return DESCRIPTION_FORMAT_NAMES.get(key) or DESCRIPTION_OFFERS.get(key.split(";", 1)[0].strip())
    return choose(accept, DESCRIPTION_OFFERS)


def rdf_response(graph: Graph, media: str) -> Response:
    """``graph`` serialised by pyoxigraph (rdflib's Turtle took ~2 s for a service description of 3,400
    graphs; its JSON-LD warns), with the project's and the description vocabularies' prefixes."""
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]  # type: ignore[arg-type]
    syntax = ox.RdfFormat.from_media_type(media)
    assert syntax is not None
    prefixes = _DESCRIPTION_PREFIXES if syntax in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=syntax, prefixes=prefixes) or b""
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def remembered(request: Request, key: str, make: Callable[[], Response]) -> Response:
    """The description answer ``make`` gives, kept per store generation (the descriptions count every
    graph: ~2 s at 10^6 triples, and over 1 MB, which the whole-answer cache does not keep). A store
    without a generation (a remote server others write) is asked every time."""
    generation = request.app.state.store.generation
    if not isinstance(generation, int):
        return make()
    memo: dict[str, tuple[int, Response]] = getattr(request.app.state, "descriptions", None) or {}
    request.app.state.descriptions = memo
    found = memo.get(key)
    if found is not None and found[0] == generation:
        return found[1]
    if len(memo) > 64:
        memo.clear()
    answer = make()
    memo[key] = (generation, answer)
    return answer


def prefix_declarations(graph: Graph, subject: URIRef) -> None:
    """The predefined prefixes as SHACL prefix declarations (``sh:declare``) of ``subject``."""
    for prefix, namespace in PREFIXES.items():
        declaration = BNode()
        graph.add((subject, SH.declare, declaration))
        graph.add((declaration, SH.prefix, Literal(prefix)))
        graph.add((declaration, SH.namespace, Literal(namespace, datatype=XSD.anyURI)))


def service_description(
    endpoint: str, settings: Settings, sizes: Mapping[URIRef, int], default_graphs: tuple[str, ...]
) -> Graph:
    """The description of the endpoint at ``endpoint`` over a store whose graphs have ``sizes``."""
    graph = Graph()
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    graph.add((service, SD.defaultEntailmentRegime, SIMPLE_ENTAILMENT))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add(
        (
            service,
            RDFS.comment,
            Literal(
                f"Read-only SPARQL 1.1 Query endpoint: updates are refused (403), SERVICE is refused (400), "
                f"FROM and the protocol's dataset parameters may name only graphs under "
                f"<{settings.ids.graph('')}>. Answers are cut at {settings.max_rows:,} rows (the cut is "
                f"stated in the answer, see docs/sparql.md); queries stop after "
                f"{settings.query_timeout:g} s (504). The prefixes declared here (sh:declare) may be used "
                "without PREFIX lines.",
                lang="en",
            ),
        )
    )
    prefix_declarations(graph, service)
    dataset = URIRef(f"{endpoint}#dataset")
    default = URIRef(f"{endpoint}#default-graph")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, RDFS.label, Literal("the consolidated graph merged with the ontology", lang="en")))
    for name in default_graphs:
        graph.add((default, DCTERMS.source, URIRef(name)))
    for name, triples in sorted(sizes.items()):
        named, inner = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, name))
        graph.add((named, SD.graph, inner))
        graph.add((inner, RDF.type, SD.Graph))
        graph.add((inner, VOID.triples, Literal(triples)))
    return graph


def not_acceptable(what: str) -> HTTPException:
    types = ", ".join(dict.fromkeys(DESCRIPTION_OFFERS.values()))
    return HTTPException(406, f"{what} is available as: {types}")
