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
from kg.sparql.named import load_queries

# The named queries the API's cluster profile runs (api/services/profiles.py), in order.
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
    """The query with ``VALUES ?name { term }`` for each bound parameter first in every WHERE block.

    Every block, sub-selects included: SPARQL evaluates a sub-select on its own, so a VALUES block
    outside it would leave the parameter unbound inside (pyoxigraph's substitutions, which the API
    uses, bind it everywhere)."""
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    out, count = re.subn(r"(WHERE\s*\{)", lambda m: f"{m.group(1)}\n  {block}\n", text, flags=re.IGNORECASE)
    if not count:
        raise ValueError("no WHERE clause")
    return out


def _many(store: ox.Store, query: str, k: int) -> list[str]:
    rows = [str(row[0].value) for row in store.query(f"{query} LIMIT {k}")]  # type: ignore[union-attr]
    if not rows:
        raise LookupError(f"no answer to {query}")
    return rows


@dataclass(frozen=True)
class Picks:
    cluster: str
    province: str
    industry: str
    search: str


CLUSTERS = f"""SELECT ?c (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{TKG.IndustrialCluster}> .
    ?c ?p ?o }} }} GROUP BY ?c ORDER BY DESC(?n) ?c"""
PROVINCES = f"""SELECT ?prov (COUNT(?park) AS ?n) WHERE {{ GRAPH ?g {{ ?park a
    <{TKG.IndustrialPark}> ; <{TKG.locatedIn}> ?place }} GRAPH ?h {{ ?place <{TKG.locatedIn}>* ?prov .
    ?prov a <{TKG.Province}> }} }} GROUP BY ?prov ORDER BY DESC(?n) ?prov"""
INDUSTRIES = f"""SELECT ?i (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{
    ?c <{TKG.specializesIn}> ?i }} }} GROUP BY ?i ORDER BY DESC(?n) ?i"""
LABEL = "SELECT ?l WHERE {{ GRAPH ?g {{ <{}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"


@dataclass(frozen=True)
class PickLists:
    """Several parameters per question, busiest first (for first-request latencies)."""

    clusters: list[str]
    provinces: list[str]
    industries: list[str]
    searches: list[str]


def pick_many(store_dir: Path, k: int) -> PickLists:
    """Up to ``k`` parameters with answers per question: clusters by statements, provinces by parks,
    industries by clusters, search texts from the clusters' names (the first new word of each)."""
    store = ox.Store.read_only(str(store_dir))
    try:
        texts: list[str] = []
        for cluster in _many(store, CLUSTERS, 4 * k):
            words = _many(store, LABEL.format(cluster), 1)[0].split()
            fresh = [w for w in words[:2] if w not in texts]
            if fresh and len(texts) < k:
                texts.append(fresh[0])
        return PickLists(
            _many(store, CLUSTERS, k), _many(store, PROVINCES, k), _many(store, INDUSTRIES, k), texts
        )
    finally:
        del store


def pick(store_dir: Path) -> Picks:
    """Parameters with answers: the cluster with most statements, the province with most parks."""
    lists = pick_many(store_dir, 1)
    return Picks(lists.clusters[0], lists.provinces[0], lists.industries[0], lists.searches[0])


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


def first_request_paths(lists: PickLists, queries_dir: Path, ids: Ids) -> dict[str, list[str]]:
    """API paths per question, one per parameter of ``lists`` (each asked once: nothing cached)."""
    paths: dict[str, list[str]] = {}
    for i in range(
        max(len(lists.clusters), len(lists.provinces), len(lists.industries), len(lists.searches))
    ):
        picks = Picks(*(getattr(lists, f)[min(i, len(getattr(lists, f)) - 1)] for f in FIELDS))
        for q in questions(picks, queries_dir, ids):
            if q.api_path not in paths.setdefault(q.name, []):
                paths[q.name].append(q.api_path)
    return paths


FIELDS = ("clusters", "provinces", "industries", "searches")
