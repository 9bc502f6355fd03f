"""Copying the sources' statements into the consolidated graph, with figures merged.

Figure nodes are minted per article (``figure/<article>-<n>``), so two articles that state the same
figure make two nodes. In the consolidated graph they are one: ``figure/current-<hash>`` of the
figure's class, subject, measure, unit and year (or period), linked to every source node by
``tkg:sourceFigure`` (the evidence stays on the source nodes). The key is read from the graph that
types the node as a figure; if several do, the best-ranked kind of source wins, then the least key.
The value, comparator ... of the merged figure are then resolved like any single-valued property.
"""

from __future__ import annotations

from kg.consolidation.fragments import SOURCE, in_scope, source_filter, statement_filter, tier
from kg.consolidation.policy import Policy
from kg.consolidation.terms import Graphs, prologue

FIGURE_CLASSES = "tkg:Target, tkg:Observation, tkg:Event, tkg:Figure"


def map_figures(g: Graphs, *, scoped: bool) -> str:
    """Mint the merged figure of every (marked) source figure node: ``cf tkg:sourceFigure f`` in the
    consolidated graph for a rebuild, ``cf w:maps f`` in the work graph for a refresh."""
    target = (
        f"GRAPH {g.work} {{ ?cf w:maps ?f }}"
        if scoped
        else f"GRAPH {g.current} {{ ?cf tkg:sourceFigure ?f }}"
    )
    key = (
        'CONCAT(STR(?cls), " | ", STR(?of), " | ", STR(?m), " | ", COALESCE(STR(?u), ""), " | ",'
        ' COALESCE(STR(?y), ""), " | ", COALESCE(STR(?sy), ""), " | ", COALESCE(STR(?ey), ""))'
    )
    return f"""{prologue()}INSERT {{ {target} }}
WHERE {{
  {{ SELECT ?f (MAX(?k) AS ?best) WHERE {{
      {in_scope(g, "?f", SOURCE, scoped)}
      GRAPH ?g {{
        ?f a ?cls ; tkg:figureOf ?of ; tkg:measure ?m .
        OPTIONAL {{ ?f tkg:unit ?u }} OPTIONAL {{ ?f tkg:year ?y }}
        OPTIONAL {{ ?f tkg:startYear ?sy }} OPTIONAL {{ ?f tkg:endYear ?ey }}
      }}
      FILTER(?cls IN ({FIGURE_CLASSES}))
      {source_filter(g)}
      BIND(CONCAT({tier(g)}, "|", SHA1({key})) AS ?k)
    }} GROUP BY ?f }}
  BIND(IRI(CONCAT({g.figure_prefix}, SUBSTR(STRAFTER(?best, "|"), 1, 24))) AS ?cf)
}}"""


def copy_statements(g: Graphs, policy: Policy, *, scoped: bool) -> str:
    """Every statement of the sources (of the marked nodes) once, figure nodes replaced by their
    merged figure in subject and object position."""
    return f"""{prologue()}INSERT {{ GRAPH {g.current} {{ ?S ?p ?O }} }}
WHERE {{
  {in_scope(g, "?s", SOURCE, scoped)}
  GRAPH ?g {{ ?s ?p ?o }}
  {source_filter(g)}
  {statement_filter(policy)}
  OPTIONAL {{ GRAPH {g.current} {{ ?sf tkg:sourceFigure ?s }} }}
  OPTIONAL {{ GRAPH {g.current} {{ ?of tkg:sourceFigure ?o }} }}
  BIND(COALESCE(?sf, ?s) AS ?S)
  BIND(COALESCE(?of, ?o) AS ?O)
}}"""
