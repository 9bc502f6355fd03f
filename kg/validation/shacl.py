"""SHACL validation: whole graphs, or one article's new data plus the store context it touches.

Incremental mode (``context=``): the new data is validated together with the store triples it refers to, and
only results about the new data's own nodes are kept, so neighbours are never judged on partial data.

Two engines read the same shapes and give the same report on the project's data
(tests/kg/validation/test_engines.py; known differences on extreme literals: docs/shapes.md):
pyshacl-turbo (Rust; the default: the largest seed article with its context takes 35-56 ms instead of
365-424 ms with pyshacl, which pays ~0.1 ms of Python per shape and focus node, ~3,000 times there) and
pyshacl, the reference engine, chosen with ``TKG_SHACL_ENGINE=pyshacl``. When pyshacl-turbo fails on
some input, pyshacl validates it instead (logged): a gap in the younger engine costs time.
"""

from __future__ import annotations

import logging
import time
import typing
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from pyparsing import ParseException
from rdflib import RDF, RDFS, BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, RDFSyntaxError
from kg.namespaces import PREFIXES, SH, TKG
from kg.validation.report import ValidationReport, ValidationResult, report_from_graph

__all__ = [
    "Engine",
    "Shapes",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "referenced_iris",
    "validate",
    "validate_store_graph",
]


Triple = tuple[Node, Node, Node]
Engine = typing.Literal["turbo", "pyshacl"]

log = logging.getLogger(__name__)


class Shapes(Graph):
    """The shapes graph of :func:`load_shapes`, with what validates against it: ``program``, the shapes
    compiled once by pyshacl-turbo, or None (pyshacl). Do not change it after loading: the program is
    compiled from the graph as loaded. A plain :class:`Graph` of shapes is validated by pyshacl."""

    program: Any = None


class _PreparedQueryGraph(Graph):
    """A view of a graph whose SPARQL texts are parsed once per process, not once per call.

    pyshacl sends the same SHACL-SPARQL text for every focus node (binding ``$this`` separately), and
    rdflib parses text on every call: 30 ms each, 75% of an article's validation time without this.
    """

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def load_shapes(shapes_dir: Path, *, engine: Engine = "turbo") -> Shapes:
    """All ``*.ttl`` files of ``shapes_dir`` in one graph, parsed once (and compiled once for pyshacl-turbo);
    a broken file is an InputError."""
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise InputError(f"no SHACL shapes (*.ttl) in {shapes_dir}")
    graph = Shapes()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except BadSyntax as exc:
            line, column = _position(exc)
            raise RDFSyntaxError(
                f"cannot parse the shapes file {path}: {exc._why}", line=line, column=column
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the shapes file {path}: {exc}") from exc
    _check_sparql(graph)
    if engine == "turbo":
        graph.program = _compile(graph)
    elif engine != "pyshacl":
        raise InputError(f"unknown SHACL engine {engine!r}: turbo or pyshacl")
    return graph


def _compile(shapes: Graph) -> Any:
    try:
        import pyshacl_turbo  # only when it is used: its import takes ~0.14 s
    except ImportError as exc:  # e.g. a platform without its wheel: the reference engine works everywhere
        log.warning("pyshacl-turbo cannot be imported (%s); pyshacl validates", exc)
        return None
    try:
        return pyshacl_turbo.compile_shapes(shapes, advanced=True)  # type: ignore[no-untyped-call]
    except (ValueError, RuntimeError) as exc:  # its ValidationFailure is a ValueError
        raise InputError(
            f"pyshacl-turbo cannot compile the SHACL shapes: {exc} (TKG_SHACL_ENGINE=pyshacl uses pyshacl)"
        ) from exc


def _check_sparql(shapes: Graph) -> None:
    """Parse every SHACL-SPARQL query now, so that a broken one fails start-up, not a validation."""
    for node, text in shapes.subject_objects(SH.select):
        declared = shapes.objects(shapes.value(node, SH.prefixes), SH.declare)
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n" for d in declared
        )
        try:
            _prepared(prefixes + str(text))
        except ParseException as exc:
            raise InputError(f"a SHACL-SPARQL query of the shapes does not parse: {exc}") from exc


def _position(exc: BadSyntax) -> tuple[int, int]:
    text = exc._str.decode("utf-8", "replace") if isinstance(exc._str, bytes) else str(exc._str)
    before = text[: exc._i]
    return before.count("\n") + 1, exc._i - (before.rfind("\n") + 1) + 1


def referenced_iris(data: Graph) -> set[URIRef]:
    """IRIs the new data points to or adds to but does not type: what to fetch from the store as context.

    A subject without a class in the data (an article graph giving a gazetteer place its industries)
    is described elsewhere: its class, labels and chain come from the store like a mere reference's.
    """
    subjects = set(data.subjects())
    typed = set(data.subjects(RDF.type))
    pointed = {o for o in data.objects() if isinstance(o, URIRef) and o not in subjects}
    return pointed | {s for s in subjects if isinstance(s, URIRef) and s not in typed}


def validate(
    data: Graph,
    shapes: Graph,
    *,
    ontology: Graph | None = None,
    context: Graph | None = None,
    focus_nodes: Iterable[URIRef] | None = None,
) -> ValidationReport:
    """Validate ``data`` against ``shapes``; Warnings and Infos are reported but keep ``conforms`` True.

    ``context`` (store triples the data refers to) and the part of ``ontology`` about the IRIs the data
    uses are added to the data graph to resolve references, but only ``focus_nodes`` (default: the
    data's subjects and literal objects, whenever context or ontology is given) are judged.
    """
    if context is None and ontology is None and focus_nodes is None:
        return _run(data, shapes, keep=None)
    extra = _missing(data, context, ontology)
    keep = _keep(data, focus_nodes)
    if not extra:  # e.g. the store's union, which holds the ontology already: no copy of a large graph
        return _run(data, shapes, keep=keep)
    combined = _PreparedQueryGraph()
    combined += data
    for triple in extra:
        combined.add(triple)
    return _run(combined, shapes, keep=keep)


def validate_store_graph(data: Graph, shapes: Graph) -> tuple[ValidationReport, float]:
    """Validate a whole graph (e.g. the union of the store's graphs, ontology included) and time it."""
    started = time.perf_counter()
    report = _run(data, shapes, keep=None)
    return report, time.perf_counter() - started


def _keep(data: Graph, focus_nodes: Iterable[URIRef] | None) -> set[str]:
    if focus_nodes is not None:
        return {str(n) for n in focus_nodes}
    literals = {str(o) for o in data.objects() if isinstance(o, Literal)}
    return {str(s) for s in data.subjects()} | literals


def _missing(data: Graph, context: Graph | None, ontology: Graph | None) -> list[Triple]:
    """Context triples, and what the ontology says about the IRIs in use, that ``data`` lacks.

    Only the ontology's description of IRIs that the data or the context point to (a concept's scheme,
    a class's superclasses), not all of it: copying the whole ontology costs more than validating. OWL
    axioms on blank nodes are left out: no shape follows them, and a re-parsed copy never matches.
    """
    extra: list[Triple] = []
    if context is not None:
        idle = _idle_parks(data, context)
        extra.extend(t for t in context if t[0] not in idle and t not in data)
    if ontology is not None:
        graphs = [data] if context is None else [data, context]
        iris = {o for g in graphs for o in g.objects() if isinstance(o, URIRef)}
        for iri in iris:
            found = ontology.triples((iri, None, None))
            extra.extend(t for t in found if not isinstance(t[2], BNode) and t not in data)
    return extra


def _idle_parks(data: Graph, context: Graph) -> set[Node]:
    """Parks of the context that the data neither describes nor points to, and whose labels no park of
    the data has: the store context holds every park of a place the data names, for the one shape that
    looks at them (shape:DistinctParkLabels: two parks, one label, one place). Left out, they are not
    judged and then dropped by ``keep``: a place with a thousand parks cost ~4 s of pyshacl per
    validation of anything located there."""
    wanted = {
        str(label).lower()
        for park in data.subjects(RDF.type, TKG.IndustrialPark)
        for label in data.objects(park, RDFS.label)
    }
    idle: set[Node] = set()
    for park in context.subjects(RDF.type, TKG.IndustrialPark):
        if (park, None, None) in data or (None, None, park) in data:
            continue
        if not any(str(label).lower() in wanted for label in context.objects(park, RDFS.label)):
            idle.add(park)
    return idle


def _run(graph: Graph, shapes: Graph, *, keep: set[str] | None) -> ValidationReport:
    if isinstance(graph, ConjunctiveGraph):  # a view would see one graph of it, not the union
        union = _PreparedQueryGraph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        graph = union
    elif not isinstance(graph, _PreparedQueryGraph):  # a view on the same store: nothing is copied
        graph = _PreparedQueryGraph(store=graph.store, identifier=graph.identifier)
    program = getattr(shapes, "program", None)
    if program is not None:
        report_graph = _run_turbo(program, graph)
        if report_graph is not None:
            return report_from_graph(report_graph, shapes, keep=keep)
    try:
        _, report_graph, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",  # shapes target subclasses explicitly: no rdfs:subClassOf needed
            advanced=True,  # SHACL-SPARQL constraints
            inplace=True,  # no SHACL rules run, so the data graph is never changed: no copy needed
            allow_warnings=True,
            allow_infos=True,
        )
    except (pyshacl.errors.ShapeLoadError, pyshacl.errors.ConstraintLoadError) as exc:
        raise InputError(f"the SHACL shapes are malformed: {exc}") from exc
    except (ArithmeticError, TypeError, ValueError) as exc:
        # pyshacl compares some ill-typed literals in Python and fails (an xsd:nonNegativeInteger "abc",
        # an xsd:decimal "NaN"); pyshacl-turbo reports them as violations
        raise InputError(f"the data cannot be validated: a literal is not of its datatype ({exc!r})") from exc
    return report_from_graph(report_graph, shapes, keep=keep)


def _run_turbo(program: Any, graph: Graph) -> Graph | None:
    """pyshacl-turbo's report graph, or None if it failed (then pyshacl validates: same report, slower)."""
    try:
        _, report_graph, _ = program.validate(graph, allow_warnings=True, allow_infos=True)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    # its own errors, and a Rust panic (pyo3's PanicException derives from BaseException)
    except BaseException as exc:
        log.warning(
            "pyshacl-turbo could not validate a graph of %d triples (%s); pyshacl validates it",
            len(graph),
            exc,
        )
        return None
    if not isinstance(report_graph, Graph):
        log.warning("pyshacl-turbo gave no report graph (%r); pyshacl validates instead", report_graph)
        return None
    return report_graph
