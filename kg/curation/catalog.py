"""The articles of the store as a curator lists them: id, title, date, publisher, url, triples, version and
status (published, or retracted: its graph is gone, its content stays in its versions).

An article's metadata is its ``tkg:Article`` node in its graph ``graph/article/<id>``; a retracted
article's comes from its last version that had content.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.curation.versions import Version, all_versions
from kg.errors import NotFoundError
from kg.namespaces import PREFIXES, TKG, Ids
from kg.rdf.terms import serialize_term
from kg.store import Store

ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")

_METADATA = f"""PREFIX tkg: <{PREFIXES["tkg"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
PREFIX schema: <{PREFIXES["schema"]}>
SELECT ?prefix ?g ?title ?date ?publisher ?url WHERE {{
  GRAPH ?g {{
    ?a a tkg:Article .
    OPTIONAL {{ ?a dcterms:title ?title }}
    OPTIONAL {{ ?a dcterms:date ?date }}
    OPTIONAL {{ ?a dcterms:publisher ?publisher }}
    OPTIONAL {{ ?a schema:url ?url }}
  }}
  FILTER(STRSTARTS(STR(?g), ?prefix))
}}"""


@dataclass(frozen=True)
class ArticleInfo:
    """One article of the catalogue."""

    id: str
    graph: str
    title: str | None
    date: str | None
    publisher: str | None
    url: str | None
    triples: int
    version: int | None
    status: str  # "published" or "retracted"

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "graph": self.graph,
            "title": self.title,
            "date": self.date,
            "publisher": self.publisher,
            "url": self.url,
            "triples": self.triples,
            "version": self.version,
            "status": self.status,
        }


def checked_id(article_id: str) -> str:
    """``article_id`` when it can be an article's id; NotFoundError otherwise (no such article)."""
    if not ARTICLE_ID.fullmatch(article_id):
        raise NotFoundError(f"no article {article_id!r}")
    return article_id


def _metadata(store: Store, prefix: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in store.select(_METADATA, {"prefix": Literal(prefix)}):
        found.setdefault(str(row["g"]), {k: str(v) for k, v in row.items() if k not in ("g", "prefix")})
    return found


def _counts(store: Store, graphs: list[str]) -> dict[str, int]:
    if not graphs:
        return {}
    values = " ".join(serialize_term(URIRef(g)) for g in graphs)
    query = (
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    )
    return {str(r["g"]): int(str(r["n"])) for r in store.select(query)}


def _last_content(history: list[Version]) -> Version | None:
    return next((v for v in reversed(history) if not v.empty), None)


def articles(store: Store, ids: Ids, *, status: str | None = None) -> list[ArticleInfo]:
    """Every article (published and retracted), by id; ``triples`` is left 0 (see :func:`with_counts`)."""
    prefix = str(ids.graph("article/"))
    live = _metadata(store, prefix)
    history = {g: v for g, v in all_versions(store, ids).items() if g.startswith(prefix)}
    retracted = {g: v for g, v in history.items() if g not in live and v[-1].empty}
    old = _metadata(store, str(ids.graph("curation/version/article/")))
    found = []
    for graph in sorted({*live, *retracted}):
        versions = history.get(graph, [])
        if graph in live:
            meta, state = live[graph], "published"
        else:
            last = _last_content(versions)
            meta, state = (old.get(last.version_graph, {}) if last else {}), "retracted"
        if status is not None and state != status:
            continue
        found.append(
            ArticleInfo(
                id=graph[len(prefix) :],
                graph=graph,
                title=meta.get("title"),
                date=meta.get("date"),
                publisher=meta.get("publisher"),
                url=meta.get("url"),
                triples=0,
                version=versions[-1].number if versions else None,
                status=state,
            )
        )
    return found


def with_counts(store: Store, page: list[ArticleInfo]) -> list[ArticleInfo]:
    """The page with the triples of each article's graph counted (0 for a retracted one)."""
    counts = _counts(store, [a.graph for a in page if a.status == "published"])
    return [
        ArticleInfo(
            a.id, a.graph, a.title, a.date, a.publisher, a.url, counts.get(a.graph, 0), a.version, a.status
        )
        for a in page
    ]


def article(store: Store, ids: Ids, article_id: str) -> ArticleInfo:
    """One article, published or retracted; NotFoundError for an unknown id."""
    graph = str(ids.article_graph(checked_id(article_id)))
    for found in articles(store, ids):  # the catalogue is small; one code path for both states
        if found.graph == graph:
            return with_counts(store, [found])[0]
    raise NotFoundError(f"no article {article_id!r}")


def extraction_summary(data: Graph) -> dict[str, int]:
    """How many things of each ontology class the graph states (entities, figures, the article)."""
    counts = Counter(
        str(o)[len(str(TKG._NS)) :]
        for o in data.objects(None, RDF.type)
        if isinstance(o, URIRef) and str(o).startswith(str(TKG._NS))
    )
    return dict(sorted(counts.items()))
