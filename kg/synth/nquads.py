"""Streaming N-Quads output for the synthesiser: terms as text, one counted line per quad.

Strings are formatted directly (no rdflib or pyoxigraph objects per triple) so that 10^7 quads stream out in
minutes with constant memory.
"""

from __future__ import annotations

from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    return f"<{value}>"


def text(value: str, lang: str | None = None) -> str:
    """A string literal (``lang`` tagged or plain xsd:string)."""
    quoted = '"' + value.translate(_ESCAPES) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def typed(value: object, datatype: str) -> str:
    escaped = str(value).translate(_ESCAPES)
    return f'"{escaped}"^^<{datatype}>'


def term(node: Node, bnodes: dict[str, str]) -> str:
    """An rdflib term as N-Quads text; blank nodes get stable labels in order of first use."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, BNode):
        return bnodes.setdefault(str(node), f"_:b{len(bnodes)}")
    if isinstance(node, Literal):
        if node.language:
            return text(str(node), node.language)
        if node.datatype:
            return typed(str(node), str(node.datatype))
        return text(str(node))
    raise TypeError(f"cannot write a {type(node).__name__} as an N-Quads term")


class QuadWriter:
    """Writes quads into one named graph at a time and counts them."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.count = 0
        self._graph = ""

    def graph(self, graph_iri: str) -> None:
        """Quads written from now on go into ``graph_iri``."""
        self._graph = f" <{graph_iri}> .\n"

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """One quad; ``subject`` and ``predicate`` are IRIs (plain), ``obj`` an already formatted term."""
        self._out.write(f"<{subject}> <{predicate}> {obj}{self._graph}")
        self.count += 1

    def add_raw(self, subject: str, predicate: str, obj: str) -> None:
        """One quad whose three terms are already formatted (blank nodes, for instance)."""
        self._out.write(f"{subject} {predicate} {obj}{self._graph}")
        self.count += 1
