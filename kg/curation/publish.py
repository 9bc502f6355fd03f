"""Writes of an article graph as a new version: the extracted data, its PROV description in
``graph/metadata`` (replaced, like ``tkg ingest`` does) and the version, in one update request."""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib import Graph, URIRef

from kg.curation.versions import State, Written, write_version
from kg.ingest.pipeline import provenance
from kg.namespaces import Ids
from kg.rdf.terms import serialize_term
from kg.store import Store


def description_steps(ids: Ids, graph: URIRef, description: Graph) -> list[str]:
    """Replace the graph's description in the metadata graph: its IRI and its ``#load``/``#loader``."""
    meta = serialize_term(ids.metadata_graph)
    steps = [
        f"DELETE WHERE {{ GRAPH {meta} {{ {serialize_term(URIRef(node))} ?p ?o }} }}"
        for node in (str(graph), f"{graph}#load", f"{graph}#loader")
    ]
    steps.append(f"INSERT DATA {{ GRAPH {meta} {{\n{description.serialize(format='nt')}\n}} }}")
    return steps


def publish_article(
    store: Store,
    ids: Ids,
    current: State,
    article_id: str,
    data: Graph,
    *,
    operation: str,
    by: str,
    started: datetime,
    extra: tuple[str, ...] = (),
) -> Written:
    """Write ``data`` as the next version of the article graph, with its provenance."""
    description = provenance(current.graph, ids.article(article_id), started, datetime.now(UTC))
    steps = (*description_steps(ids, current.graph, description), *extra)
    return write_version(
        store, ids, current, data, operation=operation, by=by, extra=steps, extra_graphs=[ids.metadata_graph]
    )
