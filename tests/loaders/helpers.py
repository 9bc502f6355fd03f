"""Helpers of the loader tests that extract small texts written for them."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

IDS = Ids("https://example.org/id/")


def graph_of(text: str, resources: Resources, date: str | None = "2024-05-01") -> Graph:
    """The graph the loaders extract from ``text`` (an article dated ``date``, or undated for None)."""
    meta = {"date": date} if date else None
    return extract(parse_article(text, article_id="t", metadata=meta), resources, IDS)


def labelled(g: Graph, cls: URIRef) -> dict[str, URIRef]:
    """The ``cls`` nodes of ``g`` by their label."""
    return {str(g.value(s, RDFS.label)): s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
