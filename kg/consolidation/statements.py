"""Copying the sources' statements into the consolidated graph, with figures merged.

Figure nodes are minted per article (``figure/<article>-<n>``), so two articles that state the same
figure make two nodes. In the consolidated graph they are one: ``figure/current-<hash>`` of the
figure's class, subject, measure, unit and year (or period), linked to every source node by
``tkg:sourceFigure`` (the evidence stays on the source nodes). The key is read from the graph that
types the node as a figure; if several do, the best-ranked kind of source wins, then the least key.
The value, comparator ... of the merged figure are then resolved like any single-valued property.
"""

from __future__ import annotations

from kg.consolidation.fragments import SOURCE, in_scope, not_evidence, source_filter, source_graphs, tier
from kg.consolidation.policy import Policy
from kg.consolidation.terms import Graphs

FIGURE_CLASSES = ("tkg:Target", "tkg:Observation", "tkg:Event", "tkg:Figure")


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
    # VALUES makes Oxigraph scan each class before the join: right for a rebuild, 10x slower for a refresh
    values = " ".join(FIGURE_CLASSES)
    classes = f"FILTER(?cls IN ({', '.join(FIGURE_CLASSES)}))" if scoped else f"VALUES ?cls {{ {values} }}"
    return f"""INSERT {{ {target} }}
WHERE {{
  {{ SELECT ?f (MAX(?k) AS ?best) WHERE {{
      {in_scope(g, "?f", SOURCE, scoped) if scoped else source_graphs(g)}
      GRAPH ?g {{ ?f a ?cls ; tkg:figureOf ?of ; tkg:measure ?m . }}
      OPTIONAL {{ GRAPH ?g {{ ?f tkg:unit ?u }} }} OPTIONAL {{ GRAPH ?g {{ ?f tkg:year ?y }} }}
      OPTIONAL {{ GRAPH ?g {{ ?f tkg:startYear ?sy }} }} OPTIONAL {{ GRAPH ?g {{ ?f tkg:endYear ?ey }} }}
      {classes}
      {source_filter(g) if scoped else ""}
      BIND(CONCAT({tier(g)}, "|", SHA1({key})) AS ?k)
    }} GROUP BY ?f }}
  BIND(IRI(CONCAT({g.figure_prefix}, SUBSTR(STRAFTER(?best, "|"), 1, 24))) AS ?cf)
}}"""


def copy_statements(g: Graphs, policy: Policy, *, scoped: bool) -> str:
    """Every statement of the sources (of the marked nodes) once, as the sources spell it; figure nodes
    are replaced by their merged figure afterwards (:func:`merge_figures`: an OPTIONAL lookup per
    copied statement costs ~25 us on disk, ~25 s at 10^6)."""
    # a rebuild lists the source graphs first; a refresh starts from its few marked nodes
    pattern = (
        f"{in_scope(g, '?s', SOURCE, scoped)} GRAPH ?g {{ ?s ?p ?o }} {source_filter(g)}"
        if scoped
        else f"{source_graphs(g)} GRAPH ?g {{ ?s ?p ?o }}"
    )
    return f"""INSERT {{ GRAPH {g.current} {{ ?s ?p ?o }} }}
WHERE {{
  {pattern}
  {not_evidence(policy)}
}}"""


def merge_figures(g: Graphs, *, scoped: bool) -> list[str]:
    """Move the copied statements of source figure nodes to their merged figure, as subject and as
    object. Blank nodes of the sources are copied as they are (never merged)."""
    subjects = in_scope(g, "?f", SOURCE, scoped)
    objects = in_scope(g, "?x", SOURCE, scoped)
    return [
        f"""DELETE {{ GRAPH {g.current} {{ ?f ?p ?o }} }} INSERT {{ GRAPH {g.current} {{ ?cf ?p ?o }} }}
WHERE {{
  {subjects}
  GRAPH {g.current} {{ ?cf tkg:sourceFigure ?f . ?f ?p ?o }}
}}""",
        f"""DELETE {{ GRAPH {g.current} {{ ?x ?p ?f }} }} INSERT {{ GRAPH {g.current} {{ ?x ?p ?cf }} }}
WHERE {{
  {objects}
  GRAPH {g.current} {{ ?cf tkg:sourceFigure ?f . ?x ?p ?f }}
  FILTER(?p != tkg:sourceFigure)
}}""",
    ]
