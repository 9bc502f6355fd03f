"""The maintenance requests: a rebuild from scratch, and a refresh of the entities a write touched.

A refresh marks source nodes in a scratch graph (``graph/current/work``), widens the marks to what
depends on them, deletes the consolidated statements and conflicts of the marked subjects, copies their
statements from the sources again, resolves and derives for them only, and drops the scratch graph.
All of it is SPARQL Update operations, so it can follow the source write in ONE request:

    before (mark the subjects of the graph's old content) ; the write ; after (mark the new, refresh)

which is :func:`source_write_steps`, and what ``Store.replace_graph``/``drop_graph`` should send.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol, runtime_checkable

from rdflib import Graph, URIRef

from kg.consolidation.derive import derive
from kg.consolidation.fragments import SOURCE, SUBJECT, not_evidence
from kg.consolidation.policy import Policy
from kg.consolidation.resolve import resolve
from kg.consolidation.statements import copy_statements, map_figures, merge_figures
from kg.consolidation.terms import Graphs, expand, graphs, is_source_graph, term
from kg.namespaces import Ids


@runtime_checkable
class Updatable(Protocol):
    """A store that runs SPARQL Update text (what the Store protocol should offer as ``update``)."""

    def update(self, text: str) -> None: ...


@dataclass(frozen=True)
class RefreshSteps:
    """Operations to run before and after a source write, in the same update request."""

    before: tuple[str, ...]
    after: tuple[str, ...]


def join(steps: Iterable[str]) -> str:
    """One update request of several operations (run in order, in one transaction on Oxigraph)."""
    return " ;\n".join(steps)


@cache
def rebuild_steps(ids: Ids, policy: Policy) -> tuple[str, ...]:
    """Recompute ``graph/current`` and ``graph/conflicts`` from every source graph."""
    g = graphs(ids)
    steps = (
        f"DROP SILENT GRAPH {g.current}",
        f"DROP SILENT GRAPH {g.conflicts}",
        f"DROP SILENT GRAPH {g.work}",
        map_figures(g, scoped=False),
        copy_statements(g, policy, scoped=False),
        *merge_figures(g, scoped=False),
        *resolve(g, policy, scoped=False),
        *derive(g, scoped=False),
        f"DROP SILENT GRAPH {g.work}",
    )
    return tuple(expand(step) for step in steps)


def _mark_graph(g: Graphs, policy: Policy, graph: URIRef) -> str:
    """Mark the subjects of the statements (not evidence) that ``graph`` holds right now."""
    return expand(f"""INSERT {{ GRAPH {g.work} {{ ?s {SOURCE} w:yes }} }}
WHERE {{ GRAPH {term(graph)} {{ ?s ?p ?o }} {not_evidence(policy)} }}""")


def _mark_entities(g: Graphs, entities: Iterable[URIRef]) -> list[str]:
    lines = [f"  {term(e)} {SOURCE} w:yes ." for e in sorted(set(entities))]
    return [expand(f"INSERT DATA {{ GRAPH {g.work} {{\n" + "\n".join(lines) + "\n} }")] if lines else []


def _widen(g: Graphs) -> list[str]:
    """From the marked source nodes to everything whose consolidated statements may change."""
    return [
        # things located (transitively) in a marked node: their tkg:inProvince / tkg:inCity
        f"""INSERT {{ GRAPH {g.work} {{ ?x {SOURCE} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?t {SOURCE} w:yes }} GRAPH {g.current} {{ ?x tkg:locatedIn+ ?t }} }}""",
        # holders of a marked designation node: their tkg:designationYear
        f"""INSERT {{ GRAPH {g.work} {{ ?h {SOURCE} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?t {SOURCE} w:yes }} GRAPH {g.current} {{ ?h tkg:designatedAs ?t }} }}""",
        # initiatives applying to a marked node (or to a thing located in one, marked above): their
        # tkg:scopeProvince / tkg:scopeCity / tkg:scopeIndustry
        f"""INSERT {{ GRAPH {g.work} {{ ?i {SOURCE} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?t {SOURCE} w:yes }} GRAPH {g.current} {{ ?i tkg:appliesTo ?t }} }}""",
        # the merged figures the marked figure nodes were part of, and their other source nodes
        f"""INSERT {{ GRAPH {g.work} {{ ?cf {SUBJECT} w:yes . ?other {SOURCE} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?f {SOURCE} w:yes }}
         GRAPH {g.current} {{ ?cf tkg:sourceFigure ?f , ?other }} }}""",
        map_figures(g, scoped=True),
        # the merged figures they are part of now, and those figures' other source nodes: unmarked ones
        # keep their merged figure (a marked node is mapped above, or is gone from the sources)
        f"""INSERT {{ GRAPH {g.work} {{ ?cf {SUBJECT} w:yes . ?other {SOURCE} w:yes . ?cf w:maps ?other }} }}
WHERE {{ GRAPH {g.work} {{ ?cf w:maps ?f }} GRAPH {g.current} {{ ?cf tkg:sourceFigure ?other }}
         FILTER NOT EXISTS {{ GRAPH {g.work} {{ ?other {SOURCE} w:yes }} }} }}""",
        f"""INSERT {{ GRAPH {g.work} {{ ?s {SUBJECT} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ {{ ?s {SOURCE} w:yes }} UNION {{ ?s w:maps ?f }} }} }}""",
        # statements about a merged figure whose IRI may change (an initiative's tkg:hasTarget)
        f"""INSERT {{ GRAPH {g.work} {{ ?y {SOURCE} w:yes ; {SUBJECT} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?cf {SUBJECT} w:yes }}
         GRAPH {g.current} {{ ?cf tkg:sourceFigure ?any . ?y ?p ?cf }} }}""",
        # statements pointing at a figure node that was not merged before (its article came later)
        f"""INSERT {{ GRAPH {g.work} {{ ?y {SOURCE} w:yes ; {SUBJECT} w:yes }} }}
WHERE {{ GRAPH {g.work} {{ ?cf w:maps ?f }} GRAPH {g.current} {{ ?y ?p ?f }} }}""",
    ]


def _clear(g: Graphs) -> list[str]:
    """Delete the consolidated statements and the conflicts of the marked subjects."""
    return [
        f"""DELETE {{ GRAPH {g.current} {{ ?x ?p ?o }} }}
WHERE {{ GRAPH {g.work} {{ ?x {SUBJECT} w:yes }} GRAPH {g.current} {{ ?x ?p ?o }} }}""",
        f"""DELETE {{ GRAPH {g.conflicts} {{ ?alt ?p ?o }} }}
WHERE {{ GRAPH {g.work} {{ ?x {SUBJECT} w:yes }}
         GRAPH {g.conflicts} {{ ?c tkg:conflictSubject ?x ; tkg:alternative ?alt . ?alt ?p ?o }} }}""",
        f"""DELETE {{ GRAPH {g.conflicts} {{ ?c ?p ?o }} }}
WHERE {{ GRAPH {g.work} {{ ?x {SUBJECT} w:yes }}
         GRAPH {g.conflicts} {{ ?c tkg:conflictSubject ?x ; ?p ?o }} }}""",
        f"""INSERT {{ GRAPH {g.current} {{ ?cf tkg:sourceFigure ?f }} }}
WHERE {{ GRAPH {g.work} {{ ?cf w:maps ?f }} }}""",
    ]


@cache
def _refresh_tail(ids: Ids, policy: Policy) -> tuple[str, ...]:
    g = graphs(ids)
    steps = (
        *_widen(g),
        *_clear(g),
        copy_statements(g, policy, scoped=True),
        *merge_figures(g, scoped=True),
        *resolve(g, policy, scoped=True),
        *derive(g, scoped=True),
        f"DROP SILENT GRAPH {g.work}",
    )
    return tuple(expand(step) for step in steps)


def graph_refresh_steps(ids: Ids, policy: Policy, graph: URIRef) -> RefreshSteps:
    """The refresh for a write of ``graph``: ``before`` goes before the write in the request (it marks
    the subjects of the old content), ``after`` after it (marks the new content, then refreshes). Empty
    for a graph that is not a source (ontology, metadata, change log)."""
    if not is_source_graph(ids, graph):
        return RefreshSteps((), ())
    g = graphs(ids)
    before = (f"DROP SILENT GRAPH {g.work}", _mark_graph(g, policy, graph))
    return RefreshSteps(before, (_mark_graph(g, policy, graph), *_refresh_tail(ids, policy)))


def entity_refresh_steps(ids: Ids, policy: Policy, entities: Iterable[URIRef]) -> tuple[str, ...]:
    """The refresh of the given source nodes (subjects of source statements), after any write."""
    g = graphs(ids)
    marks = _mark_entities(g, entities)
    if not marks:
        return ()
    return (f"DROP SILENT GRAPH {g.work}", *marks, *_refresh_tail(ids, policy))


def source_write_steps(ids: Ids, policy: Policy, graph: URIRef, data: Graph | None) -> tuple[str, ...]:
    """Replace the source graph ``graph`` by ``data`` (drop it for None) and refresh the consolidated
    graph, as the operations of ONE update request."""
    steps = graph_refresh_steps(ids, policy, graph)
    write = [f"DROP SILENT GRAPH {term(graph)}"]
    if data is not None and len(data):
        write.append(f"INSERT DATA {{ GRAPH {term(graph)} {{ {data.serialize(format='nt')} }} }}")
    return (*steps.before, *write, *steps.after)


def run_update(store: object, text: str) -> None:
    """Run update text on a store (any object with an ``update(text)`` method: the Store protocol)."""
    if not isinstance(store, Updatable):
        raise TypeError(f"{type(store).__name__} cannot run SPARQL Update")
    store.update(text)


def rebuild(store: object, ids: Ids, policy: Policy) -> None:
    """Recompute the consolidated graph from scratch (``tkg rebuild-view``)."""
    run_update(store, join(rebuild_steps(ids, policy)))


def refresh(store: object, ids: Ids, policy: Policy, entities: Iterable[URIRef]) -> None:
    """Refresh the consolidated statements of ``entities`` (after a write that touched them)."""
    steps = entity_refresh_steps(ids, policy, entities)
    if steps:
        run_update(store, join(steps))
