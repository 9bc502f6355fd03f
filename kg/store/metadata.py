"""A graph's own description in the metadata graph, found by walking from the graph's IRI.

The description is the graph IRI's triples and those of its fragments (``<g#load>``, ``<g#loader>``)
that the graph links to, directly or through another fragment. Walking from the IRI costs a few index
lookups; a FILTER over the whole metadata graph grows with the store (docs/benchmarks.md).
"""

from __future__ import annotations

import pyoxigraph as ox


def own_description(store: ox.Store, graph: ox.NamedNode, metadata: ox.NamedNode) -> list[ox.Quad]:
    """The quads of ``metadata`` about ``graph`` and the ``graph#...`` fragments reachable from it."""
    prefix = graph.value + "#"
    seen = {graph.value}
    todo = [graph]
    quads: list[ox.Quad] = []
    while todo:
        subject = todo.pop()
        for quad in store.quads_for_pattern(subject, None, None, metadata):
            quads.append(quad)
            obj = quad.object
            if isinstance(obj, ox.NamedNode) and obj.value.startswith(prefix) and obj.value not in seen:
                seen.add(obj.value)
                todo.append(obj)
    return quads


def has_blank_nodes(quads: list[ox.Quad]) -> bool:
    """Whether a quad holds a blank node (which a ``DELETE DATA`` step cannot name)."""
    return any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


def delete_data(quads: list[ox.Quad]) -> str:
    """A ``DELETE DATA`` step for ``quads`` (terms in N-Triples syntax; no blank nodes)."""
    body = " ".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
    return f"DELETE DATA {{ {body} }}"
