"""Drafts: a proposed content of an article or curated graph, kept with its SHACL report until a
reviewer approves it (then it is written as the graph's next version) or rejects it with a reason.

A draft's content is the named graph ``graph/curation/draft/<id>``; its description is in
``graph/curation/drafts``::

    <draft/<id>> a tkg:Draft ; tkg:draftOf <graph/article/x> ; tkg:draftStatus "pending" ;
        dcterms:creator "carol" ; dcterms:created "..."^^xsd:dateTime ; tkg:shaclReport "{...}" ;
        dcterms:contributor "rita" ; dcterms:modified "..."^^xsd:dateTime ; tkg:reviewNote "..." .

Neither graph is a source (``graph/curation/`` is never read by the consolidated graph, search or
profiles), so a draft touches nothing the answers read. Approval writes the target graph, its version,
the change-log entry and the draft's new status in one update request.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import Identifier

from kg.curation.changelog import now
from kg.curation.publish import publish_article
from kg.curation.versions import Written, if_match, state, write_version
from kg.errors import Forbidden, NotFoundError, StateConflict
from kg.namespaces import PREFIXES, TKG, Ids
from kg.rdf.terms import serialize_term
from kg.store import Store

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)


def drafts_graph(ids: Ids) -> URIRef:
    return ids.graph("curation/drafts")


def draft_graph(ids: Ids, draft_id: str) -> URIRef:
    return ids.graph(f"curation/draft/{draft_id}")


def draft_iri(ids: Ids, draft_id: str) -> URIRef:
    return ids.mint("draft", draft_id)


@dataclass(frozen=True)
class Draft:
    id: str
    target: str
    status: str
    author: str
    created: str
    report: dict[str, Any]
    reviewer: str | None
    reviewed: str | None
    note: str | None
    base: str | None = None  # the target's content hash when the draft was made
    triples: int = 0

    @property
    def kind(self) -> str:
        return "article" if "/graph/article/" in self.target else "graph"

    def to_dict(self, *, full: bool = False) -> dict[str, object]:
        document: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "target": self.target,
            "status": self.status,
            "author": self.author,
            "created": self.created,
            "conforms": self.report.get("conforms"),
            "reviewer": self.reviewer,
            "reviewed": self.reviewed,
            "note": self.note,
            "base_hash": self.base,
            "triples": self.triples,
        }
        if full:
            document["report"] = self.report
        return document


_READ = f"""PREFIX tkg: <{PREFIXES["tkg"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
SELECT ?drafts ?d ?target ?status ?author ?created ?report ?reviewer ?reviewed ?note ?base WHERE {{
  GRAPH ?drafts {{
    ?d a tkg:Draft ; tkg:draftOf ?target ; tkg:draftStatus ?status ; dcterms:creator ?author ;
       dcterms:created ?created ; tkg:shaclReport ?report .
    OPTIONAL {{ ?d dcterms:contributor ?reviewer }}
    OPTIONAL {{ ?d dcterms:modified ?reviewed }}
    OPTIONAL {{ ?d tkg:reviewNote ?note }}
    OPTIONAL {{ ?d tkg:contentHash ?base }}
  }}
}} ORDER BY DESC(?created) ?d"""


def drafts(store: Store, ids: Ids, *, status: str | None = None, draft_id: str | None = None) -> list[Draft]:
    """The drafts, latest first (optionally of one status, or the one of ``draft_id``)."""
    bindings: dict[str, Identifier] = {"drafts": drafts_graph(ids)}
    if draft_id is not None:
        bindings["d"] = draft_iri(ids, draft_id)
    prefix = str(draft_iri(ids, ""))
    found = []
    for row in store.select(_READ, bindings):
        if status is not None and str(row["status"]) != status:
            continue
        found.append(
            Draft(
                id=str(row["d"])[len(prefix) :],
                target=str(row["target"]),
                status=str(row["status"]),
                author=str(row["author"]),
                created=str(row["created"]),
                report=json.loads(str(row["report"])),
                reviewer=str(row["reviewer"]) if "reviewer" in row else None,
                reviewed=str(row["reviewed"]) if "reviewed" in row else None,
                note=str(row["note"]) if "note" in row else None,
                base=str(row["base"]) if "base" in row else None,
            )
        )
    return found


def draft(store: Store, ids: Ids, draft_id: str) -> tuple[Draft, Graph]:
    """One draft and its content; NotFoundError for an unknown id."""
    if not draft_id.isalnum() or len(draft_id) > 64:
        raise NotFoundError(f"no draft {draft_id!r}")
    found = drafts(store, ids, draft_id=draft_id)
    if not found:
        raise NotFoundError(f"no draft {draft_id!r}")
    data = store.get_graph(draft_graph(ids, draft_id))
    one = found[0]
    return Draft(**{**one.__dict__, "triples": len(data)}), data


def create(store: Store, ids: Ids, target: URIRef, data: Graph, report: dict[str, Any], *, by: str) -> Draft:
    """Keep ``data`` and its report as a pending draft of ``target`` (one update request), with the
    content hash of the target as it is now (the base that approval checks)."""
    draft_id = uuid.uuid4().hex[:16]
    base = state(store, ids, target).hash
    node = draft_iri(ids, draft_id)
    created = now()
    meta = Graph()
    meta.add((node, RDF.type, TKG.Draft))
    meta.add((node, TKG.draftOf, target))
    meta.add((node, TKG.draftStatus, Literal(PENDING)))
    meta.add((node, DCTERMS.creator, Literal(by)))
    meta.add((node, DCTERMS.created, Literal(created, datatype=XSD.dateTime)))
    meta.add((node, TKG.shaclReport, Literal(json.dumps(report, ensure_ascii=False))))
    meta.add((node, TKG.contentHash, Literal(base)))
    steps = [_insert(drafts_graph(ids), meta)]
    if len(data):
        steps.append(_insert(draft_graph(ids, draft_id), data))
    store.update(" ;\n".join(steps))
    store.graphs_written([drafts_graph(ids), draft_graph(ids, draft_id)])
    return Draft(draft_id, str(target), PENDING, by, created, report, None, None, None, base, len(data))


def _insert(graph: URIRef, data: Graph) -> str:
    return f"INSERT DATA {{ GRAPH {serialize_term(graph)} {{\n{data.serialize(format='nt')}\n}} }}"


def check_review(found: Draft, reviewer: str, *, distinct: bool) -> None:
    """A pending draft, reviewed by someone else than its author when ``distinct``."""
    if found.status != PENDING:
        raise StateConflict(f"draft {found.id} is {found.status}, not pending")
    if distinct and reviewer == found.author:
        raise Forbidden(
            f"{reviewer!r} wrote draft {found.id}: another reviewer must approve it (TKG_DISTINCT_APPROVER)"
        )


def review_steps(ids: Ids, found: Draft, status: str, reviewer: str, note: str | None) -> list[str]:
    """The update steps that record a review (to ride in the approval's write, or alone)."""
    node = draft_iri(ids, found.id)
    graph = serialize_term(drafts_graph(ids))
    meta = Graph()
    meta.add((node, TKG.draftStatus, Literal(status)))
    meta.add((node, DCTERMS.contributor, Literal(reviewer)))
    meta.add((node, DCTERMS.modified, Literal(now(), datatype=XSD.dateTime)))
    if note:
        meta.add((node, TKG.reviewNote, Literal(note)))
    return [
        f"DELETE WHERE {{ GRAPH {graph} {{ {serialize_term(node)} {serialize_term(TKG.draftStatus)} ?s }} }}",
        _insert(drafts_graph(ids), meta),
    ]


def reject(store: Store, ids: Ids, draft_id: str, *, by: str, reason: str) -> Draft:
    with store.writing():
        found, _ = draft(store, ids, draft_id)
        check_review(found, by, distinct=False)  # anyone but nobody twice: rejecting one's own is fine
        store.update(" ;\n".join(review_steps(ids, found, REJECTED, by, reason)))
        store.graphs_written([drafts_graph(ids)])
    return draft(store, ids, draft_id)[0]


def approve(
    store: Store, ids: Ids, draft_id: str, *, by: str, distinct: bool, current_etag: str | None = None
) -> tuple[Draft, Written]:
    """Write the draft's content as the next version of its target and mark it approved: one update
    request, under the store's write lock (the draft is checked again there). When the target changed
    since the draft was made, StateConflict unless ``current_etag`` (the reviewer's If-Match) names
    the target's current state: the reviewer has seen what the draft replaces."""
    with store.writing():
        found, data = draft(store, ids, draft_id)
        check_review(found, by, distinct=distinct)
        target = URIRef(found.target)
        current = state(store, ids, target)
        if found.base is not None and current.hash != found.base and not if_match(current_etag, current.etag):
            raise StateConflict(
                f"{found.target} changed since draft {found.id} was made (now ETag {current.etag}); "
                f"look at its versions, then approve with If-Match: {current.etag}"
            )
        steps = tuple(review_steps(ids, found, APPROVED, by, None))
        article_prefix = str(ids.graph("article/"))
        if found.target.startswith(article_prefix):
            article_id = found.target[len(article_prefix) :]
            written = publish_article(
                store,
                ids,
                current,
                article_id,
                data,
                operation="APPROVE",
                by=found.author,
                started=datetime.now(UTC),
                extra=steps,
            )
        else:
            written = write_version(
                store,
                ids,
                current,
                data,
                operation="APPROVE",
                by=found.author,
                extra=steps,
                extra_graphs=[drafts_graph(ids)],
            )
        store.graphs_written([drafts_graph(ids)])
    return draft(store, ids, draft_id)[0], written
