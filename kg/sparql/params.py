"""User strings -> RDF terms for named-query parameters, by declared type (``iri string int year code``).

Every value is checked against a strict pattern first; the term is then bound, never spliced into text.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import InputError
from kg.namespaces import INDUSTRY, KIND, POLICY, TITLE, Ids

if TYPE_CHECKING:
    from kg.sparql.named import Param

PARAM_TYPES = ("iri", "string", "int", "year", "code", "date")
CONCEPT_NAMESPACES = {"industry": INDUSTRY, "policy": POLICY, "title": TITLE, "kind": KIND}
INSTANCE_KINDS = frozenset(
    [
        "place",
        "region",
        "cluster",
        "park",
        "enterprise",
        "org",
        "initiative",
        "designation",
        "figure",
        "annotation",
        "article",
        "graph",
    ]
)
MAX_STRING = 200

_ABSOLUTE_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_LOCAL_PATH = re.compile(r"[a-z]+/[A-Za-z0-9._~/-]+")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_CODE = re.compile(r"\d{6}")
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"-?\d{1,12}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def to_term(param: Param, value: str, ids: Ids) -> Identifier:
    """The RDF term for ``value``; InputError naming the parameter when it does not fit the type."""
    if param.type == "iri":
        return _to_iri(param, value, ids)
    if param.type == "year" and _YEAR.fullmatch(value):
        return Literal(value, datatype=XSD.gYear)
    if param.type == "date" and is_date(value):
        return Literal(value, datatype=XSD.date)
    if param.type == "int" and _INT.fullmatch(value):
        return Literal(int(value))
    if param.type == "code" and _CODE.fullmatch(value):
        return Literal(value)
    if param.type == "string" and len(value) <= MAX_STRING and not _CONTROL.search(value):
        return Literal(value)
    raise InputError(f"parameter {param.name!r} must be {_expected(param)}, not {value[:60]!r}")


def is_date(value: str) -> bool:
    """Whether ``value`` is a calendar date written ``YYYY-MM-DD`` (``2015-02-30`` is not)."""
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _to_iri(param: Param, value: str, ids: Ids) -> URIRef:
    if _ABSOLUTE_IRI.fullmatch(value):
        return URIRef(value)
    if _LOCAL_PATH.fullmatch(value) and value.split("/", 1)[0] in INSTANCE_KINDS:
        return URIRef(ids.base + value)
    if param.ns == "place" and _CODE.fullmatch(value):
        return ids.place(value)
    if param.ns in CONCEPT_NAMESPACES and _SLUG.fullmatch(value):
        return CONCEPT_NAMESPACES[param.ns][value]
    if param.ns in INSTANCE_KINDS and param.ns != "place" and _SLUG.fullmatch(value):
        return ids.mint(param.ns, value)
    raise InputError(f"parameter {param.name!r} must be {_expected(param)}, not {value[:60]!r}")


def _expected(param: Param) -> str:
    if param.type == "iri":
        if param.ns == "place":
            return "a GB code (e.g. 130000) or an IRI"
        return f"a {param.ns} slug or an IRI" if param.ns else "an absolute http(s) IRI"
    return {
        "year": "a four-digit year",
        "date": "a date YYYY-MM-DD",
        "int": "an integer",
        "code": "a six-digit GB code",
        "string": f"text of at most {MAX_STRING} characters without control characters",
    }[param.type]


def probe_term(param: Param) -> Identifier:
    """A harmless value of the parameter's type, used to check a query at start-up."""
    return {
        "iri": URIRef("urn:x-textile-kg:probe"),
        "year": Literal("2000", datatype=XSD.gYear),
        "date": Literal("2000-01-01", datatype=XSD.date),
        "int": Literal(0),
        "code": Literal("000000"),
    }.get(param.type, Literal("probe"))
