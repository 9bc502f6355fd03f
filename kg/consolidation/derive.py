"""Derived statements, materialised so that lists and filters need no path queries:

- ``tkg:inProvince`` / ``tkg:inCity``: every province and city a thing is in (``tkg:locatedIn+``);
- ``tkg:inIndustry``: every industry a thing specializes in, with its broader concepts
  (``skos:broader*`` in the ontology graph: a change of the schemes needs a rebuild);
- ``tkg:displayLabel``: one label per language, the current ``skos:prefLabel`` or else ``rdfs:label``
  (both are one value per language after the precedence).

Each step reads the consolidated graph after the copy and the precedence, for the marked subjects of a
refresh or for all of them in a rebuild.
"""

from __future__ import annotations

from kg.consolidation.fragments import SUBJECT, in_scope
from kg.consolidation.terms import Graphs


def derive(g: Graphs, *, scoped: bool) -> list[str]:
    scope = in_scope(g, "?x", SUBJECT, scoped)
    places = []
    for prop, cls in (("tkg:inProvince", "tkg:Province"), ("tkg:inCity", "tkg:City")):
        typed = f"GRAPH {g.current} {{ ?place a {cls} }}"
        path = f"GRAPH {g.current} {{ ?x tkg:locatedIn+ ?place }}"
        # a refresh walks up from its few subjects; a rebuild walks down from the few provinces/cities
        pattern = f"{scope}\n  {path}\n  {typed}" if scoped else f"{typed}\n  {path}"
        places.append(f"""INSERT {{ GRAPH {g.current} {{ ?x {prop} ?place }} }}
WHERE {{
  {pattern}
}}""")
    industries = f"""INSERT {{ GRAPH {g.current} {{ ?x tkg:inIndustry ?industry }} }}
WHERE {{
  {scope}
  GRAPH {g.current} {{ ?x tkg:specializesIn ?concept }}
  GRAPH {g.ontology} {{ ?concept skos:broader* ?industry }}
}}"""
    preferred = f"""INSERT {{ GRAPH {g.current} {{ ?x tkg:displayLabel ?label }} }}
WHERE {{
  {scope}
  GRAPH {g.current} {{ ?x skos:prefLabel ?label }}
}}"""
    fallback = f"""INSERT {{ GRAPH {g.current} {{ ?x tkg:displayLabel ?label }} }}
WHERE {{
  {scope}
  GRAPH {g.current} {{
    ?x rdfs:label ?label
    FILTER NOT EXISTS {{ ?x skos:prefLabel ?preferred FILTER(LANG(?preferred) = LANG(?label)) }}
  }}
}}"""
    return [*places, industries, preferred, fallback]
