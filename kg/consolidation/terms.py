"""The graphs the consolidation reads and writes, and the spelling of terms in its update texts.

Every IRI or literal reaches the text through :func:`term` (kg.store.sparql_text.serialize_term: IRIs
are checked for characters that would end or escape an IRI reference, literals are escaped), never by
pasting a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.namespaces import PREFIXES, Ids
from kg.store.remote.values import serialize_term

# Scratch vocabulary of one maintenance request (graph ``work``, dropped at its end): never visible
# after the request, so it is not part of the ontology.
WORK_NS = "urn:x-textile-kg:consolidation#"
PROLOGUE_PREFIXES = ("tkg", "rdf", "rdfs", "skos", "dcterms", "prov", "oa")


def term(value: Identifier) -> str:
    """The SPARQL spelling of one IRI or literal; InputError for an unsafe IRI."""
    return serialize_term(value)


def work(name: str) -> str:
    return term(URIRef(WORK_NS + name))


_PREFIXED = re.compile(
    r'(<[^<>"\s]*>)|("(?:[^"\\\n]|\\.)*")|\b(' + "|".join(PROLOGUE_PREFIXES) + r"|w):([A-Za-z_][\w-]*)"
)


def expand(text: str) -> str:
    """``text`` with the prefixed names of the templates (``tkg:value``, ``w:source``) spelled as full
    IRIs. No PREFIX lines: an operation appended to another request cannot rely on them (Oxigraph
    accepts a prologue only at the start of a request). IRIs and string literals are left as they are.
    """

    def full(match: re.Match[str]) -> str:
        if match[3] is None:
            return match[0]
        namespace = WORK_NS if match[3] == "w" else PREFIXES[match[3]]
        return term(URIRef(namespace + match[4]))

    return _PREFIXED.sub(full, text)


@dataclass(frozen=True)
class Graphs:
    """Spelled graph IRIs and IRI prefixes of one deployment (one base IRI)."""

    current: str
    conflicts: str
    work: str
    gazetteer: str
    ontology: str
    changelog: str
    article_prefix: str  # a string literal: STRSTARTS(STR(?g), ...)
    curated_prefix: str
    figure_prefix: str
    conflict_prefix: str


def graphs(ids: Ids) -> Graphs:
    return Graphs(
        current=term(ids.current_graph),
        conflicts=term(ids.conflicts_graph),
        work=term(ids.graph("current/work")),
        gazetteer=term(ids.gazetteer_graph),
        ontology=term(ids.ontology_graph),
        changelog=term(ids.graph("changelog")),
        article_prefix=term(Literal(str(ids.graph("article/")))),
        curated_prefix=term(Literal(str(ids.graph("curated/")))),
        figure_prefix=term(Literal(str(ids.mint("figure", "current-")))),
        conflict_prefix=term(Literal(str(ids.mint("conflict", "")))),
    )


def is_source_graph(ids: Ids, graph: URIRef) -> bool:
    """Whether the consolidated graph reads ``graph``: an article graph, a curated graph, the gazetteer."""
    name = str(graph)
    return (
        name.startswith((str(ids.graph("article/")), str(ids.graph("curated/"))))
        or graph == ids.gazetteer_graph
    )
