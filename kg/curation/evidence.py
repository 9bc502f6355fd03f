"""The evidence behind a curator's validation report: the sentences each judged node was found in.

Curated data is validated by kg.validation.context.validate_increment, the rule an ingest uses too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.namespaces import OA, PREFIXES
from kg.store import Store
from kg.validation.report import ValidationReport

_EVIDENCE = f"""PREFIX oa: <{PREFIXES["oa"]}>
SELECT DISTINCT ?focus ?prefix ?exact ?suffix WHERE {{
  GRAPH ?g {{  # evidence lives in the source graphs only
    ?annotation oa:hasBody ?focus ; oa:hasTarget/oa:hasSelector ?quote .
    ?quote oa:exact ?exact .
    OPTIONAL {{ ?quote oa:prefix ?prefix }}
    OPTIONAL {{ ?quote oa:suffix ?suffix }}
  }}
}} LIMIT 3"""


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


def report_json(
    report: ValidationReport,
    store: Store,
    data: Graph | None = None,
    *,
    found: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """``ValidationReport.to_dict()`` with ``evidence`` (sentences, possibly empty) on every result: the
    sentences the new data gives (``data``'s annotations, or ``found`` per focus node when the data was
    read elsewhere, e.g. in a validation worker), else those the store holds."""
    document = report.to_dict()
    cache: dict[str, list[str]] = {}
    for result in document["results"]:
        focus = result["focus_node"]
        if focus not in cache:
            node = URIRef(focus)
            given = evidence_in_graph(data, node) if data is not None else list((found or {}).get(focus, []))
            cache[focus] = given or evidence_in_store(store, node)
        result["evidence"] = cache[focus]
    return document
