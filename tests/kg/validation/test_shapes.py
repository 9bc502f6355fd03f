"""The SHACL shapes against the valid and invalid examples of tests/data/shapes/manifest.yaml."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespaces import PREFIXES, SH, SHAPES
from kg.validation.shacl import validate
from tests.paths import SHAPES_DATA

DATA = SHAPES_DATA
BASE = "https://w3id.org/textile-kg/id/"
MANIFEST: list[dict[str, Any]] = yaml.safe_load((DATA / "manifest.yaml").read_text(encoding="utf-8"))


@cache
def context() -> Graph:
    return Graph().parse(DATA / "context.ttl")


def expand(focus: str) -> str:
    """Manifest spelling -> the string a ValidationResult holds."""
    if focus.startswith('"'):
        return focus.strip('"')
    prefix, _, local = focus.partition(":")
    if prefix in PREFIXES and not focus.startswith("http"):
        return PREFIXES[prefix] + local
    return focus if focus.startswith("http") else BASE + focus


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["file"]) for e in MANIFEST])
def test_example_reports_exactly_the_expected_results(entry: dict[str, Any], shapes: Graph) -> None:
    report = validate(Graph().parse(DATA / entry["file"]), shapes, context=context())
    expected = entry["results"]
    actual = Counter((r.shape, r.severity, r.focus_node) for r in report.results)
    assert actual == Counter((e["shape"], e["severity"], expand(e["focus"])) for e in expected)
    for e in (e for e in expected if "path" in e):
        paths = {
            r.path for r in report.results if (r.shape, r.focus_node) == (e["shape"], expand(e["focus"]))
        }
        assert e["path"] in paths, e
    assert report.conforms is entry["conforms"]
    assert all(r.message for r in report.results)


def _targeted_node_shapes(shapes: Graph) -> set[str]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    found = {s for t in targets for s in shapes.subjects(t, None)}
    return {str(s)[len(str(SHAPES)) :] for s in found if isinstance(s, URIRef)}


def _owners(shapes: Graph, shape: str) -> set[str]:
    """A result's shape and the node shapes that use it as a named property shape."""
    owners = {str(s)[len(str(SHAPES)) :] for s in shapes.subjects(SH.property, SHAPES[shape])}
    return owners | {shape}


def test_every_targeted_shape_has_a_valid_and_an_invalid_example(shapes: Graph) -> None:
    valid = {s for e in MANIFEST if e["file"].startswith("valid/") for s in e.get("covers", [])}
    invalid_files = [e for e in MANIFEST if e["file"].startswith("invalid/")]
    invalid = {o for e in invalid_files for r in e["results"] for o in _owners(shapes, r["shape"])}
    targeted = _targeted_node_shapes(shapes)
    assert targeted - valid == set(), "node shapes without a valid example"
    assert targeted - invalid == set(), "node shapes without an invalid example"


def test_every_shape_and_constraint_has_a_message(shapes: Graph) -> None:
    graph = shapes
    # a helper (sh:node target) reports through its own message, not its property shapes
    helpers = {o for o in graph.objects(None, SH.node)}
    property_shapes = {p for s, p in graph.subject_objects(SH.property) if s not in helpers}
    constraints = set(graph.objects(None, SH.sparql))
    node_level = {s for s in graph.subjects(RDF.type, SH.NodeShape) if _has_own_constraint(graph, s)}
    checked = property_shapes | constraints | node_level | {h for h in helpers if isinstance(h, URIRef)}
    silent = [s for s in checked if graph.value(s, SH.message) is None]
    assert silent == []


def _has_own_constraint(graph: Graph, shape: Any) -> bool:
    own = (SH["or"], SH["not"], SH.xone, SH["in"])
    return any(graph.value(shape, p) is not None for p in own)


def test_the_context_conforms_on_its_own(shapes: Graph) -> None:
    report = validate(context(), shapes)
    assert report.results == ()
