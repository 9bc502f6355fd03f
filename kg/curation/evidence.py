"""Validation of curated data against the shapes, with the store context it refers to, and its evidence.

A new park may point at an existing city: the city's triples come from the store
(kg.validation.context), and only the curator's own nodes are judged (pyshacl ``focus_nodes``).
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.namespaces import OA, PREFIXES
from kg.store import Store
from kg.validation.context import fetch_context
from kg.validation.shacl import Report, referenced_iris, validate

_EVIDENCE = f"""PREFIX oa: <{PREFIXES["oa"]}>
SELECT DISTINCT ?focus ?prefix ?exact ?suffix WHERE {{
  ?annotation oa:hasBody ?focus ; oa:hasTarget/oa:hasSelector ?quote .
  ?quote oa:exact ?exact .
  OPTIONAL {{ ?quote oa:prefix ?prefix }}
  OPTIONAL {{ ?quote oa:suffix ?suffix }}
}} LIMIT 3"""


def validate_curated(store: Store, data: Graph, shapes: Graph, ontology: Graph) -> Report:
    """SHACL on ``data`` plus the store context it references; only ``data``'s subjects are judged."""
    context = fetch_context(store, referenced_iris(data))
    focus = {s for s in data.subjects() if isinstance(s, URIRef)}
    return validate(data, shapes, ontology=ontology, context=context, focus_nodes=focus)


def _sentence(prefix: Node | None, exact: Node | None, suffix: Node | None) -> str:
    return "".join(str(t) for t in (prefix, exact, suffix) if t is not None).strip()


def evidence_in_graph(data: Graph, focus: URIRef) -> list[str]:
    """Evidence sentences of ``focus`` from the Web Annotations inside ``data`` itself."""
    sentences = []
    for annotation in data.subjects(OA.hasBody, focus):
        for target in data.objects(annotation, OA.hasTarget):
            for quote in data.objects(target, OA.hasSelector):
                exact = data.value(quote, OA.exact)
                if exact is not None:
                    sentences.append(
                        _sentence(data.value(quote, OA.prefix), exact, data.value(quote, OA.suffix))
                    )
    return sorted(set(sentences))


def evidence_in_store(store: Store, focus: URIRef) -> list[str]:
    rows = store.select(_EVIDENCE, {"focus": focus})
    return sorted({_sentence(r.get("prefix"), r.get("exact"), r.get("suffix")) for r in rows})


def report_json(report: Report, store: Store, data: Graph) -> dict[str, Any]:
    """``Report.to_dict()`` with ``evidence`` (sentences, possibly empty) on every result."""
    document = report.to_dict()
    cache: dict[str, list[str]] = {}
    for result in document["results"]:
        focus = result["focus_node"]
        if focus not in cache:
            node = URIRef(focus)
            cache[focus] = evidence_in_graph(data, node) or evidence_in_store(store, node)
        result["evidence"] = cache[focus]
    return document
