"""The SHACL validation report as plain values: one :class:`ValidationResult` per finding.

Made from pyshacl's report graph by :func:`report_from_graph`; ``conforms`` means "no Violation".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import PREFIXES, SH, SHAPES

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationResult:
    """One finding: which node, which shape, how bad, and why."""

    severity: str  # "Violation", "Warning" or "Info"
    focus_node: str
    path: str | None  # SPARQL property-path syntax, e.g. "tkg:locatedIn+"
    value: str | None
    message: str
    shape: str  # local name of the nearest named shape, e.g. "IndustrialCluster"
    source_constraint: str | None  # the constraint component, e.g. "MinCountConstraintComponent"


@dataclass(frozen=True)
class ValidationReport:
    """All findings of one validation; ``conforms`` is False only when there is a Violation."""

    conforms: bool
    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    def counts(self) -> dict[tuple[str, str], int]:
        """Number of results per (shape, severity)."""
        return dict(Counter((r.shape, r.severity) for r in self.results))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"conforms", "results", "counts": [{"shape", "severity", "count"}]}``."""
        counts = [{"shape": s, "severity": v, "count": n} for (s, v), n in sorted(self.counts().items())]
        return {"conforms": self.conforms, "results": [asdict(r) for r in self.results], "counts": counts}


def report_from_graph(report: Graph, shapes: Graph, *, keep: set[str] | None = None) -> ValidationReport:
    """Read pyshacl's report graph; with ``keep``, only the results whose focus node is in it."""
    results = [_result(report, node, shapes) for node in report.objects(None, SH.result)]
    if keep is not None:
        results = [r for r in results if r.focus_node in keep]
    results.sort(key=lambda r: (SEVERITIES.index(r.severity), r.shape, r.focus_node, r.path or ""))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results), results=tuple(results)
    )


def _result(report: Graph, node: Node, shapes: Graph) -> ValidationResult:
    severity = report.value(node, SH.resultSeverity)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    component = report.value(node, SH.sourceConstraintComponent)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    return ValidationResult(
        severity=_local(severity, str(SH)) if severity is not None else "Violation",
        focus_node=str(report.value(node, SH.focusNode)),
        path=render_path(report, path) if path is not None else None,
        value=str(value) if value is not None else None,
        message=messages[0] if messages else "does not conform",
        shape=shape_name(shapes, report.value(node, SH.sourceShape)),
        source_constraint=_local(component, str(SH)) if component is not None else None,
    )


def shape_name(shapes: Graph, shape: Node | None) -> str:
    """The local name of ``shape``, or of the named shape that holds an anonymous property shape."""
    for _ in range(4):  # anonymous shapes nest a few levels at most (sh:or lists, qualified shapes)
        if isinstance(shape, URIRef):
            return _local(shape, str(SHAPES))
        parent = next(shapes.subjects(SH.property, shape), None) if shape is not None else None
        if parent is None:
            break
        shape = parent
    return "anonymous"


def render_path(graph: Graph, path: Node) -> str:
    """A SHACL path node in SPARQL property-path syntax, with the project's prefixes."""
    if isinstance(path, URIRef):
        return _curie(path)
    for kind, suffix in ((SH.oneOrMorePath, "+"), (SH.zeroOrMorePath, "*"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, kind)
        if inner is not None:
            text = render_path(graph, inner)
            return f"{text}{suffix}" if isinstance(inner, URIRef) else f"({text}){suffix}"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{render_path(graph, inverse)}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(render_path(graph, p) for p in Collection(graph, alternatives)) + ")"
    if isinstance(path, BNode) and graph.value(path, RDF.first) is not None:
        return "/".join(render_path(graph, p) for p in Collection(graph, path))
    return str(path)


def _curie(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix != "shape":
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _local(term: Node, namespace: str) -> str:
    text = str(term)
    return text[len(namespace) :] if text.startswith(namespace) else text
