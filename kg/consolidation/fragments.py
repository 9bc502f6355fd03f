"""SPARQL expressions shared by the maintenance steps: which graphs are sources, which statements are
evidence, the rank of a source, and a total string encoding of a term (to carry it through MAX)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.consolidation.policy import EVIDENCE_CLASSES, EVIDENCE_PREDICATES, Policy
from kg.consolidation.terms import Graphs, term

SUBJECT = "w:subject"  # a subject of graph/current to recompute
SOURCE = "w:source"  # a node of the sources whose statements are to be copied again


def term_list(iris: Iterable[URIRef]) -> str:
    """``<a>, <b>``: the argument of IN."""
    return ", ".join(term(i) for i in sorted(iris))


def term_values(iris: Iterable[URIRef]) -> str:
    """``<a> <b>``: the body of a one-variable VALUES block."""
    return " ".join(term(i) for i in sorted(iris))


def source_filter(g: Graphs, var: str = "?g") -> str:
    """True for the graphs the consolidated graph is made of: article graphs, curated graphs, gazetteer."""
    return (
        f"FILTER(STRSTARTS(STR({var}), {g.article_prefix}) || STRSTARTS(STR({var}), {g.curated_prefix})"
        f" || {var} = {g.gazetteer})"
    )


def source_graphs(g: Graphs, var: str = "?g") -> str:
    """Bind ``var`` to each source graph: the list of named graphs first, then the test on their IRIs
    (a FILTER on every quad costs a string lookup per quad: 26 s more for 10^6 quads on disk)."""
    return f"{{ SELECT {var} WHERE {{ GRAPH {var} {{ }} }} }} {source_filter(g, var)}"


def not_evidence(policy: Policy, p: str = "?p", o: str = "?o") -> str:
    """Remove what stays in the sources: evidence (Web Annotations, their confidence) and derived
    properties. MINUS with VALUES is a hash anti-join; the same test as a FILTER costs ~3x the scan."""
    excluded = term_values(EVIDENCE_PREDICATES | policy.derived)
    classes = " ".join(f"(rdf:type {term(c)})" for c in sorted(EVIDENCE_CLASSES))
    return f"MINUS {{ VALUES {p} {{ {excluded} }} }} MINUS {{ VALUES ({p} {o}) {{ {classes} }} }}"


def tier(g: Graphs, var: str = "?g") -> str:
    """ "2" for a curated graph, "1" for the gazetteer, "0" for an article graph."""
    return f'IF(STRSTARTS(STR({var}), {g.curated_prefix}), "2", IF({var} = {g.gazetteer}, "1", "0"))'


def encoded(var: str) -> str:
    """A string that differs for any two RDF terms (kind, language or datatype, lexical form)."""
    return (
        f'CONCAT(IF(isIRI({var}), "I", IF(LANG({var}) != "", CONCAT("L", LANG({var})),'
        f' CONCAT("D", STR(DATATYPE({var}))))), " ", STR({var}))'
    )


def language_key(policy: Policy, p: str, o: str) -> str:
    """The language of ``o`` for a per-language property, else "" (the group of one value)."""
    if not policy.per_language:
        return '""'
    return f'IF({p} IN ({term_list(policy.per_language)}), LANG({o}), "")'


def in_scope(g: Graphs, var: str, marker: str, scoped: bool) -> str:
    """The pattern restricting ``var`` to the marked nodes of a refresh (nothing for a rebuild)."""
    return f"GRAPH {g.work} {{ {var} {marker} w:yes }}" if scoped else ""
