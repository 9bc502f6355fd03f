"""Conversion between rdflib terms (parsing, building, serialising) and pyoxigraph terms (the engine)."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import InputError, StoreError

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")

_XSD_STRING = str(XSD.string)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"RDF-star triple terms are not supported: {term}")


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term; InputError for an invalid IRI, blank node or language tag."""
    try:
        return _to_oxigraph(term)
    except ValueError as exc:
        raise InputError(f"not a valid RDF term: {str(term)[:120]!r} ({exc})") from exc


def _to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise InputError(f"cannot bind a {type(term).__name__} as a query parameter")


def serialize_term(term: Identifier) -> str:
    """The SPARQL spelling of one bound term; InputError for anything that is not a safe IRI or literal."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)) or ":" not in str(term):
            raise InputError(f"cannot bind {str(term)!r}: not an absolute IRI")
        to_oxigraph(term)  # an IRI with a bad %-escape or port: named here, not as a syntax error of a query
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.language and not _LANG.fullmatch(term.language):
            raise InputError(f"cannot bind a literal with language tag {term.language!r}")
        if term.datatype is not None:
            serialize_term(URIRef(term.datatype))
        # rdflib escapes quotes, backslashes and line breaks; _quote_encode never emits raw user syntax
        return term.n3()
    if isinstance(term, BNode):
        raise InputError("blank nodes cannot be bound as query parameters of a remote store")
    raise InputError(f"cannot bind a {type(term).__name__} as a query parameter")
