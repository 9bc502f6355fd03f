"""SPARQL text both store backends send: graph replacement steps and the graph-size query.

Terms arrive already spelled as SPARQL (``<iri>``, ``"literal"``): each backend spells them with its own
checked serialiser (pyoxigraph terms, kg.store.remote.values.serialize_term); data arrives as N-Triples
made by a serialiser, never as text from a user.
"""

from __future__ import annotations

GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def drop_graph(graph: str) -> str:
    """Remove ``graph`` if it exists."""
    return f"DROP SILENT GRAPH {graph}"


def insert(graph: str, ntriples: str, *, template: bool = False) -> str:
    """Add N-Triples to ``graph``; ``template`` writes ``INSERT {...} WHERE {}`` (one fresh node per
    blank node label, for servers that refuse blank nodes in ``INSERT DATA``)."""
    body = f"{{ GRAPH {graph} {{\n{ntriples}\n}} }}"
    return f"INSERT {body} WHERE {{}}" if template else f"INSERT DATA {body}"


def delete_description(graph: str, metadata_graph: str, fragments: str) -> str:
    """Remove the description of ``graph`` from ``metadata_graph``: the triples about the graph's IRI
    and about the IRIs starting with ``fragments`` (the literal ``"<graph IRI>#"``), not about another
    graph whose IRI merely starts the same (graph/article/a vs graph/article/ab). A FILTER over the
    whole metadata graph: backends use it when they cannot name the old triples one by one."""
    return (
        f"DELETE {{ GRAPH {metadata_graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {metadata_graph} {{ ?s ?p ?o "
        f"FILTER(?s = {graph} || STRSTARTS(STR(?s), {fragments})) }} }}"
    )
