"""Single-valued properties: one current value by precedence, every disagreement kept as a conflict.

The rank of a value stated in source graph ``g`` is the string

    tier TAB date TAB confidence TAB graph IRI TAB encoded value

compared as a whole, so the precedence is, in this order: the kind of source (curated "2" over the
gazetteer "1" over articles "0"); the more recent source (an article's ``dcterms:date``; a curated
graph's latest write in ``graph/changelog``; none sorts first); the higher confidence of the
source's annotations of the subject (articles only); then the graph IRI and the value, a
deterministic tie-break. Only groups with more than one value in the consolidated graph are ranked,
so the cost follows the disagreements, not the size of the store.

- tkg:OneValue / tkg:OneValuePerLanguage: the value of the best rank stays, the others go.
- tkg:ValuesOfBestSource: the values stated by a source of the best tier stay, the others go.

A group where a value went becomes a ``tkg:Conflict`` in ``graph/conflicts`` with every stated value
(``tkg:alternative``) and the graphs stating it, and the value(s) that stayed (``tkg:currentValue``).
"""

from __future__ import annotations

from kg.consolidation.fragments import (
    SUBJECT,
    encoded,
    in_scope,
    language_key,
    source_filter,
    term_list,
    term_values,
    tier,
)
from kg.consolidation.policy import Policy
from kg.consolidation.terms import Graphs

# The fields of a rank are separated by a tab, which sorts before every character the fields hold, so
# that a missing date or confidence ("") ranks lowest and "0.8" below "0.85". The encoded value is
# after the fourth tab (tier, date and confidence have none, and
# an IRI cannot contain one).
_WINNER = 'STRAFTER(STRAFTER(STRAFTER(STRAFTER(?best, "\\t"), "\\t"), "\\t"), "\\t")'


def _sources_of(g: Graphs) -> str:
    """Bind ?s to the source nodes of the consolidated subject ?S of a group (see :func:`group_nodes`)."""
    return f"GRAPH {g.work} {{ ?S w:node ?s }}"


def find_groups(g: Graphs, policy: Policy, *, scoped: bool) -> str:
    """Record every (subject, property, language) with more than one value."""
    # VALUES for a rebuild (index scans per property); a FILTER for a refresh, where VALUES would make
    # Oxigraph scan every property before the join with the few marked subjects (~200x slower)
    properties = (
        f"FILTER(?p IN ({term_list(policy.resolved)}))"
        if scoped
        else f"VALUES ?p {{ {term_values(policy.resolved)} }}"
    )
    return f"""INSERT {{ GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p ; w:lang ?lang . }} }}
WHERE {{
  {{ SELECT ?S ?p ?lang WHERE {{
      {in_scope(g, "?S", SUBJECT, scoped)}
      GRAPH {g.current} {{ ?S ?p ?v }}
      {properties}
      BIND({language_key(policy, "?p", "?v")} AS ?lang)
    }} GROUP BY ?S ?p ?lang HAVING (COUNT(DISTINCT ?v) > 1) }}
  BIND(IRI(CONCAT({g.conflict_prefix}, SHA1(CONCAT(STR(?S), " ", STR(?p), " ", ?lang)))) AS ?c)
}}"""


def group_nodes(g: Graphs) -> list[str]:
    """The source nodes of each group's subject, as ``?S w:node ?s``: the subject itself, and the
    source figure nodes of a merged figure. (Bound before the join with the sources: an OPTIONAL and a
    BIND there made Oxigraph scan every statement of the store, ~1 s at 10^6.)"""
    return [
        f"""INSERT {{ GRAPH {g.work} {{ ?S w:node ?S }} }}
WHERE {{ GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S }} }}""",
        f"""INSERT {{ GRAPH {g.work} {{ ?S w:node ?f }} }}
WHERE {{ GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S }} GRAPH {g.current} {{ ?S tkg:sourceFigure ?f }} }}""",
    ]


def rank_facts(g: Graphs) -> list[str]:
    """What the ranks need, copied into the work graph first: which graphs state a group's values,
    their article dates, and the confidence of their annotations of the node. (An OPTIONAL on
    ``GRAPH ?g`` is evaluated by Oxigraph for every graph of the store: 0.5 s at 10^6; so is a join
    whose first pattern has no bound term. The date is that of the node's ``tkg:sourceArticle`` in
    the graph, which the loaders state for every entity and figure.)"""
    return [
        f"""INSERT {{ GRAPH {g.work} {{ ?s w:stated ?g }} }}
WHERE {{ GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p . ?S w:node ?s }} GRAPH ?g {{ ?s ?p ?o }} }}""",
        f"""INSERT {{ GRAPH {g.work} {{ ?g w:date ?d }} }}
WHERE {{ GRAPH {g.work} {{ ?s w:stated ?g }}
         GRAPH ?g {{ ?s tkg:sourceArticle ?article . ?article dcterms:date ?d }} }}""",
        f"""INSERT {{ GRAPH {g.work} {{ ?s w:confidence ?confidence }} }}
WHERE {{ GRAPH {g.work} {{ ?s w:stated ?g }} GRAPH ?g {{ ?annotation oa:hasBody ?s ; tkg:confidence ?c }}
         BIND(CONCAT(STR(?g), "\\t", STR(?c)) AS ?confidence) }}""",
    ]


def rank_groups(g: Graphs, policy: Policy) -> str:
    """The best rank of each group's stated values."""
    date = f'IF({tier(g)} = "2", COALESCE(SUBSTR(STR(?at), 1, 19), ""), COALESCE(STR(?d), ""))'
    return f"""INSERT {{ GRAPH {g.work} {{ ?c w:best ?best }} }}
WHERE {{
  {{ SELECT ?c (MAX(?rank) AS ?best) WHERE {{
      GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p ; w:lang ?lang . ?S w:node ?s }}
      GRAPH ?g {{ ?s ?p ?o }}
      {source_filter(g)}
      FILTER({language_key(policy, "?p", "?o")} = ?lang)
      OPTIONAL {{ GRAPH {g.work} {{ ?g w:date ?d }} }}
      OPTIONAL {{ GRAPH {g.changelog} {{ ?write prov:generated ?g ; prov:endedAtTime ?at }} }}
      OPTIONAL {{ GRAPH {g.work} {{ ?s w:confidence ?stated }} FILTER(STRBEFORE(?stated, "\\t") = STR(?g)) }}
      BIND(CONCAT({tier(g)}, "\\t", {date}, "\\t", COALESCE(STRAFTER(?stated, "\\t"), ""), "\\t", STR(?g),
                  "\\t", {encoded("?o")}) AS ?rank)
    }} GROUP BY ?c }}
}}"""


def drop_losers(g: Graphs, policy: Policy) -> list[str]:
    """Remove the values the precedence sets aside (remembered as ``w:lost`` for the conflicts)."""
    steps = []
    single = policy.one_value | policy.per_language
    if single:
        steps.append(f"""DELETE {{ GRAPH {g.current} {{ ?S ?p ?v }} }}
INSERT {{ GRAPH {g.work} {{ ?c w:lost ?v }} }}
WHERE {{
  GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p ; w:lang ?lang ; w:best ?best }}
  FILTER(?p IN ({term_list(single)}))
  GRAPH {g.current} {{ ?S ?p ?v }}
  FILTER({language_key(policy, "?p", "?v")} = ?lang && {encoded("?v")} != {_WINNER})
}}""")
    if policy.best_source:
        steps.append(f"""DELETE {{ GRAPH {g.current} {{ ?S ?p ?v }} }}
INSERT {{ GRAPH {g.work} {{ ?c w:lost ?v }} }}
WHERE {{
  {{ SELECT ?c ?S ?p ?v (MAX({tier(g)}) AS ?tier) WHERE {{
      GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p }}
      FILTER(?p IN ({term_list(policy.best_source)}))
      GRAPH {g.current} {{ ?S ?p ?v }}
      {_sources_of(g)}
      GRAPH ?g {{ ?s ?p ?v }}
      {source_filter(g)}
    }} GROUP BY ?c ?S ?p ?v }}
  GRAPH {g.work} {{ ?c w:best ?best }}
  FILTER(?tier < SUBSTR(?best, 1, 1))
}}""")
    return steps


def record_conflicts(g: Graphs, policy: Policy) -> list[str]:
    """A tkg:Conflict for every group that lost a value: all stated values with their graphs, the
    language of labels, and the value(s) that stayed."""
    return [
        f"""INSERT {{ GRAPH {g.conflicts} {{
  ?c a tkg:Conflict ; tkg:conflictSubject ?S ; tkg:conflictProperty ?p ; tkg:alternative ?alt .
  ?alt a tkg:Alternative ; tkg:alternativeValue ?o ; tkg:statedIn ?g . }} }}
WHERE {{
  GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p ; w:lang ?lang . FILTER EXISTS {{ ?c w:lost ?lost }} }}
  {_sources_of(g)}
  GRAPH ?g {{ ?s ?p ?o }}
  {source_filter(g)}
  FILTER({language_key(policy, "?p", "?o")} = ?lang)
  BIND(IRI(CONCAT(STR(?c), "-", SUBSTR(SHA1({encoded("?o")}), 1, 16))) AS ?alt)
}}""",
        f"""INSERT {{ GRAPH {g.conflicts} {{ ?c tkg:conflictLanguage ?lang }} }}
WHERE {{
  GRAPH {g.work} {{ ?c w:group w:yes ; w:lang ?lang . FILTER EXISTS {{ ?c w:lost ?lost }} }}
  FILTER(?lang != "")
}}""",
        f"""INSERT {{ GRAPH {g.conflicts} {{ ?c tkg:currentValue ?v }} }}
WHERE {{
  GRAPH {g.work} {{ ?c w:group w:yes ; w:s ?S ; w:p ?p ; w:lang ?lang . FILTER EXISTS {{ ?c w:lost ?lost }} }}
  GRAPH {g.current} {{ ?S ?p ?v }}
  FILTER({language_key(policy, "?p", "?v")} = ?lang)
}}""",
    ]


def resolve(g: Graphs, policy: Policy, *, scoped: bool) -> list[str]:
    if not policy.resolved:
        return []
    return [
        find_groups(g, policy, scoped=scoped),
        *group_nodes(g),
        *rank_facts(g),
        rank_groups(g, policy),
        *drop_losers(g, policy),
        *record_conflicts(g, policy),
    ]
