"""Derived statements, materialised so that lists and filters need no path queries:

- ``tkg:inProvince`` / ``tkg:inCity``: every province and city a thing is in (``tkg:locatedIn+``);
- ``tkg:inIndustry``: every industry a thing specializes in, with its broader concepts
  (``skos:broader*`` in the ontology graph: a change of the schemes needs a rebuild);
- the same two for each class whose list filters on them (``tkg:parkInProvince``,
  ``tkg:clusterInIndustry`` ...: ``TYPED``): a province holds parks, clusters, enterprises and places,
  a broad industry most of the store. A filtered list reads its class's members from one index range
  instead of looking up each member of the province or industry (46 parks among 2,131 members of one
  province at 10^6);
- ``tkg:designationYear``: the year of each designation a thing holds (``tkg:designatedAs``/``tkg:year``),
  so that the lists' year filter starts from the holders of that year's titles, not from every figure,
  designation and initiative of the year;
- ``tkg:scopeProvince`` / ``tkg:scopeCity`` / ``tkg:scopeIndustry``: the provinces, cities and
  industries of an initiative's scopes (``tkg:appliesTo``): a scope that is the place, lies in it or (a
  region) spans the province, and the industries of a scoped cluster or park, besides the industries
  the initiative concerns (``tkg:concernsIndustry``, with their broader concepts); read after the places
  and industries of the scopes are derived;
- ``tkg:sortKey`` (one sub-property per listed class, ``tkg:parkSortKey`` ...): the first 15
  characters of the English label (the least, when several; "" without one), the order of the lists. A
  list scans its class's sort keys in one index (P, O, S) instead of reading every member's label;
  15 characters of ASCII stay inside Oxigraph's inline strings, so the sort compares them without
  reading the string table;
- ``tkg:displayLabel``: one label per language, the current ``skos:prefLabel`` or else ``rdfs:label``
  (both are one value per language after the precedence).

Each step reads the consolidated graph after the copy and the precedence, for the marked subjects of a
refresh or for all of them in a rebuild.
"""

from __future__ import annotations

from kg.consolidation.fragments import SUBJECT, in_scope
from kg.consolidation.terms import Graphs

# The classes that REST lists page over, and the sort key each member gets (tkg:sortKey's sub-properties)
LISTED = {
    "tkg:IndustrialPark": "tkg:parkSortKey",
    "tkg:IndustrialCluster": "tkg:clusterSortKey",
    "tkg:Enterprise": "tkg:enterpriseSortKey",
    "tkg:Initiative": "tkg:initiativeSortKey",
    "tkg:Organization": "tkg:organizationSortKey",
}
# The derived properties each listed class has a copy of (tkg:inProvince -> tkg:parkInProvince ...)
TYPED = {
    "tkg:inProvince": {
        "tkg:IndustrialPark": "tkg:parkInProvince",
        "tkg:IndustrialCluster": "tkg:clusterInProvince",
        "tkg:Enterprise": "tkg:enterpriseInProvince",
    },
    "tkg:inIndustry": {
        "tkg:IndustrialPark": "tkg:parkInIndustry",
        "tkg:IndustrialCluster": "tkg:clusterInIndustry",
        "tkg:Enterprise": "tkg:enterpriseInIndustry",
    },
}
SORT_KEY_LENGTH = 15  # characters; Oxigraph keeps strings of up to 15 bytes inline


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
    per_class = [
        f"""INSERT {{ GRAPH {g.current} {{ ?x ?typed ?value }} }}
WHERE {{
  {scope}
  VALUES (?class ?typed) {{ {" ".join(f"({cls} {prop})" for cls, prop in classes.items())} }}
  GRAPH {g.current} {{ ?x a ?class ; {general} ?value }}
}}"""
        for general, classes in TYPED.items()
    ]
    designation_years = f"""INSERT {{ GRAPH {g.current} {{ ?x tkg:designationYear ?year }} }}
WHERE {{
  {scope}
  GRAPH {g.current} {{ ?x tkg:designatedAs ?d . ?d tkg:year ?year }}
}}"""
    scopes = [
        f"""INSERT {{ GRAPH {g.current} {{ ?x {prop} ?place }} }}
WHERE {{
  {scope}
  GRAPH {g.current} {{
    ?x tkg:appliesTo ?s .
    {{ ?s a {cls} BIND(?s AS ?place) }} UNION {{ ?s {located} ?place }}{spans}
  }}
}}"""
        for prop, cls, located, spans in (
            ("tkg:scopeProvince", "tkg:Province", "tkg:inProvince", " UNION { ?s tkg:spans ?place }"),
            ("tkg:scopeCity", "tkg:City", "tkg:inCity", ""),
        )
    ]
    scope_industries = f"""INSERT {{ GRAPH {g.current} {{ ?x tkg:scopeIndustry ?industry }} }}
WHERE {{
  {scope}
  {{ GRAPH {g.current} {{ ?x tkg:appliesTo ?s . ?s tkg:inIndustry ?industry }} }}
  UNION
  {{ GRAPH {g.current} {{ ?x tkg:concernsIndustry ?concept }}
     GRAPH {g.ontology} {{ ?concept skos:broader* ?industry }} }}
}}"""
    keyed = " ".join(f"({cls} {prop})" for cls, prop in LISTED.items())
    sort_keys = [
        f"""INSERT {{ GRAPH {g.current} {{ ?x ?key_property ?key }} }}
WHERE {{
  {{ SELECT ?x ?key_property (MIN(?label) AS ?least) WHERE {{
      {scope}
      VALUES (?class ?key_property) {{ {keyed} }}
      GRAPH {g.current} {{ ?x a ?class ; rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
    }} GROUP BY ?x ?key_property }}
  BIND(SUBSTR(STR(?least), 1, {SORT_KEY_LENGTH}) AS ?key)
}}""",
        f"""INSERT {{ GRAPH {g.current} {{ ?x ?key_property "" }} }}
WHERE {{
  {scope}
  VALUES (?class ?key_property) {{ {keyed} }}
  GRAPH {g.current} {{
    ?x a ?class
    FILTER NOT EXISTS {{ ?x rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
  }}
}}""",
    ]
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
    return [
        *places,
        industries,
        *per_class,
        designation_years,
        *scopes,
        scope_industries,
        *sort_keys,
        preferred,
        fallback,
    ]
