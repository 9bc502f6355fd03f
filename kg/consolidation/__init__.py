"""The consolidated graph: every statement of the sources once, single-valued properties resolved by
precedence, conflicts recorded, derived statements materialised (docs/consolidation.md).

The maintenance is SPARQL Update text, so that the same code runs on the embedded store and on remote
stores, and so that it can ride in the same update request (one transaction) as the source write:

- :func:`rebuild_steps` recomputes ``graph/current`` and ``graph/conflicts`` from scratch;
- :func:`source_write_steps` replaces (or drops) one source graph AND refreshes what it touched;
- :func:`graph_refresh_steps` / :func:`entity_refresh_steps` give the refresh alone, to append to a
  write request of one's own;
- :func:`rebuild` and :func:`refresh` run them on a store (``update`` + ``select``).
"""

from __future__ import annotations

from kg.consolidation.maintain import (
    RefreshSteps,
    entity_refresh_steps,
    graph_refresh_steps,
    rebuild,
    rebuild_steps,
    refresh,
    run_update,
    source_write_steps,
)
from kg.consolidation.policy import Policy, load_policy, policy_from_ontology

__all__ = [
    "Policy",
    "RefreshSteps",
    "entity_refresh_steps",
    "graph_refresh_steps",
    "load_policy",
    "policy_from_ontology",
    "rebuild",
    "rebuild_steps",
    "refresh",
    "run_update",
    "source_write_steps",
]
