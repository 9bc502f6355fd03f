"""What a store needs to keep the consolidated graph current: the ids, the policy, and the update steps
that go around a source write (in the same request) or rebuild it from scratch."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rdflib import URIRef

from kg.consolidation.maintain import (
    RefreshSteps,
    entity_refresh_steps,
    graph_refresh_steps,
    join,
    rebuild_steps,
)
from kg.consolidation.policy import Policy, load_policy
from kg.consolidation.terms import is_source_graph
from kg.namespaces import Ids
from kg.settings import Settings


@dataclass(frozen=True)
class Consolidation:
    """The consolidated graph a store maintains with every write of a source graph."""

    ids: Ids
    policy: Policy

    @classmethod
    def from_settings(cls, settings: Settings) -> Consolidation:
        return cls(settings.ids, load_policy(settings.ontology_dir))

    def around(self, graph: URIRef) -> RefreshSteps:
        """The operations before and after a write of ``graph`` (empty for a graph that is no source)."""
        return graph_refresh_steps(self.ids, self.policy, graph)

    def rebuild_text(self) -> str:
        """One update request that recomputes graph/current and graph/conflicts from the sources."""
        return join(rebuild_steps(self.ids, self.policy))

    @property
    def dataset(self) -> tuple[URIRef, URIRef]:
        """The default graph that reads see: the consolidated graph and the ontology with its schemes."""
        return (self.ids.current_graph, self.ids.ontology_graph)


def around_write(consolidation: Consolidation | None, graph: URIRef) -> RefreshSteps:
    """The refresh operations around a write of ``graph``: none without a consolidation or for a graph
    that is no source."""
    return consolidation.around(graph) if consolidation is not None else RefreshSteps((), ())


def around_change(
    consolidation: Consolidation | None, graph: URIRef, subjects: Collection[URIRef] | None
) -> RefreshSteps:
    """The refresh around a write of ``graph`` whose added and removed statements have ``subjects``:
    only those (and what depends on them) are derived again, after the write, instead of every subject
    of the graph's old and new content. ``None`` (not known, or blank nodes among them): the whole
    graph's refresh (:func:`around_write`)."""
    if subjects is None:
        return around_write(consolidation, graph)
    if consolidation is None or not is_source_graph(consolidation.ids, graph):
        return RefreshSteps((), ())
    return RefreshSteps((), entity_refresh_steps(consolidation.ids, consolidation.policy, subjects))
