"""Conflicts as a curator reads and resolves them (the ``tkg:Conflict`` resources of ``graph/conflicts``).

A conflict is identified by the hash in its IRI (``conflict/<id>``: the entity, the property and, for
labels, the language). Each competing value comes with the graphs that state it, the evidence sentence
of the entity in each (its Web Annotations; for a merged figure, those of its source figure nodes) and
the source's date (an article's ``dcterms:date``; a curated graph's latest write).

Resolving writes the chosen value as a curated graph ``graph/curated/resolution-<id>`` (a versioned
write like any other: change log, undo), so the consolidated graph takes it (curated wins). The
conflict is **resolved** while the value its resolution graph states is the current one; the
disagreement itself stays visible in the list with ``status: resolved``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Identifier

from kg.curation.versions import State, Written, state, write_version
from kg.errors import InputError, NotFoundError
from kg.namespaces import PREFIXES, Ids
from kg.rdf.terms import serialize_term
from kg.store import Store

CONFLICT_ID = re.compile(r"[0-9a-f]{40}")

_CONFLICTS = f"""PREFIX tkg: <{PREFIXES["tkg"]}>
SELECT ?c ?S ?p ?lang ?alt ?value ?g ?class WHERE {{
  GRAPH ?conflicts {{
    ?c a tkg:Conflict ; tkg:conflictSubject ?S ; tkg:conflictProperty ?p ; tkg:alternative ?alt .
    ?alt tkg:alternativeValue ?value ; tkg:statedIn ?g .
    OPTIONAL {{ ?c tkg:conflictLanguage ?lang }}
  }}
  %s
}} ORDER BY ?c ?alt ?g"""

_CURRENT = f"""PREFIX tkg: <{PREFIXES["tkg"]}>
SELECT ?c ?v WHERE {{ GRAPH ?conflicts {{ ?c a tkg:Conflict ; tkg:currentValue ?v }} %s }}"""

# One query per (entity, graph), both spelled in the text (?S, ?g are replaced): Oxigraph does not use a
# VALUES block of the graph variable to look the annotations up (57 s at 10^5 triples with VALUES outside
# a UNION, 0.7 s inside each branch, 3 ms per pair spelled out), and a remote store sends bindings as VALUES
_EVIDENCE = f"""PREFIX oa: <{PREFIXES["oa"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
PREFIX tkg: <{PREFIXES["tkg"]}>
SELECT ?prefix ?exact ?suffix WHERE {{
  {{ GRAPH ?g {{ ?annotation oa:hasBody ?S ; oa:hasTarget/oa:hasSelector ?quote . ?quote oa:exact ?exact .
                OPTIONAL {{ ?quote oa:prefix ?prefix }} OPTIONAL {{ ?quote oa:suffix ?suffix }} }} }}
  UNION
  {{ GRAPH ?current {{ ?S tkg:sourceFigure ?node }}
     GRAPH ?g {{ ?annotation oa:hasBody ?node ; oa:hasTarget/oa:hasSelector ?quote . ?quote oa:exact ?exact .
                OPTIONAL {{ ?quote oa:prefix ?prefix }} OPTIONAL {{ ?quote oa:suffix ?suffix }} }} }}
  UNION
  {{ GRAPH ?g {{ ?S dcterms:source ?exact }} }}  # a curated graph says where its statements come from
}} LIMIT 20"""

_DATES = f"""PREFIX tkg: <{PREFIXES["tkg"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
PREFIX prov: <{PREFIXES["prov"]}>
SELECT ?g (MAX(STR(?when)) AS ?date) WHERE {{
  VALUES ?g {{ %s }}
  {{ GRAPH ?g {{ ?article a tkg:Article ; dcterms:date ?when }} }}
  UNION
  {{ GRAPH ?log {{ ?write prov:generated ?g ; prov:endedAtTime ?when }} }}
}} GROUP BY ?g"""


def _value(term: Identifier) -> dict[str, str]:
    """A value as JSON: ``{"iri"}`` or ``{"literal", "datatype"?, "language"?}``."""
    if isinstance(term, Literal):
        shown = {"literal": str(term)}
        if term.language:
            shown["language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            shown["datatype"] = str(term.datatype)
        return shown
    return {"iri": str(term)}


@dataclass
class Alternative:
    id: str
    value: Identifier
    graphs: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, str | None] = field(default_factory=dict)

    def to_dict(self, current: set[Identifier]) -> dict[str, object]:
        return {
            "id": self.id,
            "value": _value(self.value),
            "current": self.value in current,
            "sources": [
                {"graph": g, "date": self.dates.get(g), "evidence": self.evidence.get(g, [])}
                for g in self.graphs
            ],
        }


@dataclass
class Conflict:
    id: str
    iri: str
    entity: str
    property: str
    language: str | None
    alternatives: dict[str, Alternative] = field(default_factory=dict)
    current: set[Identifier] = field(default_factory=set)

    def resolution_graph(self, ids: Ids) -> str:
        return str(resolution_graph(ids, self.id))

    def status(self, ids: Ids) -> str:
        mine = self.resolution_graph(ids)
        chosen = [a for a in self.alternatives.values() if mine in a.graphs]
        return "resolved" if any(a.value in self.current for a in chosen) else "open"

    def to_dict(self, ids: Ids) -> dict[str, object]:
        return {
            "id": self.id,
            "conflict": self.iri,
            "entity": self.entity,
            "property": self.property,
            "language": self.language,
            "status": self.status(ids),
            "current": [_value(v) for v in sorted(self.current)],
            "values": [a.to_dict(self.current) for a in self.alternatives.values()],
            "resolution_graph": self.resolution_graph(ids),
        }


def resolution_graph(ids: Ids, conflict_id: str) -> URIRef:
    return ids.graph(f"curated/resolution-{conflict_id}")


def _class_pattern(cls: URIRef | None) -> str:
    """Restrict to entities of ``?class`` in the consolidated graph (the class is a bound value)."""
    return "" if cls is None else "GRAPH ?current { ?S a ?class }"


def conflicts(
    store: Store,
    ids: Ids,
    *,
    entity: URIRef | None = None,
    cls: URIRef | None = None,
    prop: URIRef | None = None,
    conflict_id: str | None = None,
) -> list[Conflict]:
    """The conflicts (optionally of one entity, class, property, or the one of ``conflict_id``) with
    their values and the graphs stating them, by id (evidence and dates: :func:`with_sources`)."""
    graph = serialize_term(ids.conflicts_graph)
    where = _class_pattern(cls)
    bindings: dict[str, Identifier] = {}
    for name, bound in (("S", entity), ("p", prop), ("class", cls)):
        if bound is not None:
            bindings[name] = bound
    if conflict_id is not None:
        where += f"\n  FILTER(?c = {serialize_term(ids.mint('conflict', conflict_id))})"
    where = where.replace("?current", serialize_term(ids.current_graph))
    rows = store.select(_CONFLICTS.replace("?conflicts", graph) % where, bindings)
    found: dict[str, Conflict] = {}
    prefix = str(ids.mint("conflict", ""))
    for row in rows:
        iri = str(row["c"])
        conflict = found.get(iri)
        if conflict is None:
            lang = row.get("lang")
            conflict = Conflict(
                iri[len(prefix) :], iri, str(row["S"]), str(row["p"]), str(lang) if lang else None
            )
            found[iri] = conflict
        alt_id = str(row["alt"])[len(iri) + 1 :]
        alternative = conflict.alternatives.setdefault(alt_id, Alternative(alt_id, row["value"]))
        alternative.graphs.append(str(row["g"]))
    if not found:
        return []
    current_where = f"FILTER(?c IN ({', '.join(serialize_term(URIRef(c)) for c in found)}))"
    for row in store.select(_CURRENT.replace("?conflicts", graph) % current_where):
        found[str(row["c"])].current.add(row["v"])
    return sorted(found.values(), key=lambda c: c.id)


def with_sources(store: Store, ids: Ids, found: list[Conflict]) -> list[Conflict]:
    """Add the evidence sentences and dates of every value's sources (call it for a page only)."""
    pairs = {(c.entity, g) for c in found for a in c.alternatives.values() for g in a.graphs}
    if not pairs:
        return found
    evidence = _EVIDENCE.replace("?current", serialize_term(ids.current_graph))
    sentences: dict[tuple[str, str], set[str]] = {}
    for entity, graph in sorted(pairs):
        text = evidence.replace("?S", serialize_term(URIRef(entity))).replace(
            "?g", serialize_term(URIRef(graph))
        )
        for row in store.select(text):
            sentence = "".join(str(row[k]) for k in ("prefix", "exact", "suffix") if k in row).strip()
            sentences.setdefault((entity, graph), set()).add(sentence)
    log = serialize_term(ids.graph("changelog"))
    listed = " ".join(serialize_term(URIRef(g)) for g in sorted({g for _, g in pairs}))
    dates = {str(r["g"]): str(r["date"]) for r in store.select(_DATES.replace("?log", log) % listed)}
    for conflict in found:
        for alternative in conflict.alternatives.values():
            for g in alternative.graphs:
                alternative.evidence[g] = sorted(sentences.get((conflict.entity, g), ()))[:3]
                alternative.dates[g] = dates.get(g)
    return found


def conflict(store: Store, ids: Ids, conflict_id: str) -> Conflict:
    if not CONFLICT_ID.fullmatch(conflict_id):
        raise NotFoundError(f"no conflict {conflict_id!r}")
    found = with_sources(store, ids, conflicts(store, ids, conflict_id=conflict_id))
    if not found:
        raise NotFoundError(f"no conflict {conflict_id!r} (it may have gone: its sources agree now)")
    return found[0]


def chosen_value(found: Conflict, *, alternative: str | None, value: Identifier | None) -> Identifier:
    """The value a resolution picks: one of the conflict's alternatives, or a value of the curator's."""
    if (alternative is None) == (value is None):
        raise InputError("give either 'alternative' (the id of one of the values) or a value of your own")
    if alternative is not None:
        if alternative not in found.alternatives:
            known = ", ".join(found.alternatives)
            raise InputError(f"conflict {found.id} has no alternative {alternative!r}; it has {known}")
        return found.alternatives[alternative].value
    assert value is not None
    return value


def _target(store: Store, ids: Ids, found: Conflict) -> URIRef:
    """The node to state the value of: the entity, or for a merged figure one of its source figure nodes
    (a curated value of a source node wins in the merged figure, docs/consolidation.md)."""
    current, entity = serialize_term(ids.current_graph), serialize_term(URIRef(found.entity))
    rows = store.select(
        f"PREFIX tkg: <{PREFIXES['tkg']}> "
        f"SELECT ?f WHERE {{ GRAPH {current} {{ {entity} tkg:sourceFigure ?f }} }} ORDER BY ?f"
    )
    nodes = [r["f"] for r in rows if isinstance(r.get("f"), URIRef)]
    return URIRef(str(nodes[0])) if nodes else URIRef(found.entity)


def resolution(
    store: Store, ids: Ids, found: Conflict, value: Identifier, by: str, note: str | None
) -> Graph:
    """The curated graph of a resolution: the chosen value, and a ``dcterms:source`` that says why."""
    target = _target(store, ids, found)
    data = Graph()
    data.add((target, URIRef(found.property), value))
    why = f"conflict resolution {found.iri} by {by}" + (f": {note}" if note else "")
    data.add((target, DCTERMS.source, Literal(why)))
    return data


def resolve(store: Store, ids: Ids, found: Conflict, data: Graph, *, by: str) -> tuple[Written, State]:
    """Write the resolution graph as its next version (under the store's write lock)."""
    graph = resolution_graph(ids, found.id)
    with store.writing():
        current = state(store, ids, graph)
        written = write_version(store, ids, current, data, operation="RESOLVE", by=by)
    return written, current
