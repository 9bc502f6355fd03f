"""The benchmark questions: one API request each, and the equivalent SPARQL for the peers.

Parameters are picked from the loaded store (a busy cluster, a busy province, a common industry), so every
answer has rows. The peers get the named queries' own SPARQL with the parameters as a VALUES block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.namespaces import TKG, Ids
from kg.queries import load_queries

# The named queries the API's cluster profile runs (api/profiles.py), in order.
PROFILE_QUERIES = (
    "entity_types",
    "entity_labels",
    "entity_statements",
    "place_chain",
    "entity_sources",
    "entity_designations",
    "entity_figures",
    "entity_initiatives",
    "entity_members",
)
PAGE = 50


@dataclass(frozen=True)
class Question:
    name: str
    api_path: str  # GET path (with query string) on the API
    sparql: tuple[str, ...] = field(default=())  # what a peer runs for the same answer, in sequence


def with_values(text: str, bindings: dict[str, str]) -> str:
    """The query with ``VALUES ?name { term }`` for each bound parameter, first thing in its WHERE."""
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    match = re.search(r"WHERE\s*\{", text, re.IGNORECASE)
    if not match:
        raise ValueError("no WHERE clause")
    return text[: match.end()] + f"\n  {block}\n" + text[match.end() :]


def _one(store: ox.Store, query: str) -> str:
    for row in store.query(query):  # type: ignore[union-attr]
        return str(row[0].value)
    raise LookupError(f"no answer to {query}")


@dataclass(frozen=True)
class Picks:
    cluster: str
    province: str
    industry: str
    search: str


def pick(store_dir: Path) -> Picks:
    """Parameters with answers: the cluster with most statements, the province with most parks."""
    store = ox.Store.read_only(str(store_dir))
    try:
        cluster = _one(
            store,
            f"""SELECT ?c (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{TKG.IndustrialCluster}> .
            ?c ?p ?o }} }} GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 1""",
        )
        province = _one(
            store,
            f"""SELECT ?prov (COUNT(?park) AS ?n) WHERE {{ GRAPH ?g {{ ?park a
            <{TKG.IndustrialPark}> ; <{TKG.locatedIn}> ?place }} GRAPH ?h {{ ?place <{TKG.locatedIn}>* ?prov .
            ?prov a <{TKG.Province}> }} }} GROUP BY ?prov ORDER BY DESC(?n) ?prov LIMIT 1""",
        )
        industry = _one(
            store,
            f"""SELECT ?i (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{
            ?c <{TKG.specializesIn}> ?i }} }} GROUP BY ?i ORDER BY DESC(?n) ?i LIMIT 1""",
        )
        label = _one(
            store,
            f"""SELECT ?l WHERE {{ GRAPH ?g {{ <{cluster}>
            <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} LIMIT 1""",
        )
    finally:
        del store
    return Picks(cluster, province, industry, label.split()[0])


def questions(picks: Picks, queries_dir: Path, ids: Ids) -> list[Question]:
    named = {name: q.text for name, q in load_queries(queries_dir).items()}
    cluster_slug = picks.cluster.rsplit("/", 1)[-1]
    province_code = picks.province.rsplit("/", 1)[-1]
    industry_slug = picks.industry.rsplit("/", 1)[-1]
    literal_q = '"' + picks.search.replace('"', "") + '"'
    limit = f"\nLIMIT {PAGE}"
    parks = with_values(named["parks_by_province"], {"province": f"<{picks.province}>"}) + limit
    return [
        Question(
            "cluster profile",
            f"/clusters/{cluster_slug}",
            tuple(with_values(named[n], {"entity": f"<{picks.cluster}>"}) for n in PROFILE_QUERIES),
        ),
        Question("parks by province", f"/provinces/{province_code}/parks?limit={PAGE}", (parks,)),
        Question(
            "clusters by industry",
            f"/clusters?industry={industry_slug}&limit={PAGE}",
            # the API's /clusters?industry= runs clusters.rq (filters), so the peers run the same text
            (with_values(named["clusters"], {"industry": f"<{picks.industry}>"}) + limit,),
        ),
        Question(
            "search",
            f"/search?q={quote(picks.search)}&limit={PAGE}",
            (with_values(named["search"], {"q": literal_q}) + limit,),
        ),
        Question("sparql", "/sparql?query=" + quote(parks), (parks,)),
    ]
