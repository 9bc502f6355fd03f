"""Read-only questions put to one article's graph: its entities, labels, place chains and evidence.

The RDF model is the one of the project brief (tkg: terms, W3C Web Annotation evidence); a gazetteer, when
given, completes place chains and names that the article graph does not carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import ENTITY_TYPES, OA, TKG
from loaders.gazetteer import Gazetteer, Region
from loaders.vocabulary import Vocabulary

TYPE_OF_CLASS: dict[Node, str] = {URIRef(TKG[name]): name for name in ENTITY_TYPES}
PLACE_CODE = re.compile(r"\d{6}(-[a-z0-9-]+)?")
PLACE_LEVELS = {"Province": "province", "City": "city", "County": "county"}
FIGURE_KINDS: dict[URIRef, str] = {TKG.Target: "target", TKG.Event: "event", TKG.Observation: "observation"}
NOT_ENTITIES = {TKG.Figure, TKG.Designation, TKG.Article, OA.Annotation, *FIGURE_KINDS}


Labels = Mapping[URIRef, str] | Vocabulary


def place_by_code(gazetteer: Gazetteer | None, code: str) -> tuple[str, str, str | None] | None:
    """``(English name, type, parent code)`` of a division, type one of Province, City, County, Town."""
    division = gazetteer.get(code) if gazetteer is not None else None
    if division is None:
        return None
    return division.name_en, division.level.capitalize(), division.parent_code


def region_of(gazetteer: Gazetteer | None, node: Node) -> Region | None:
    """The gazetteer's region behind a ``.../region/<slug>`` IRI."""
    head, _, slug = str(node).rpartition("/")
    if gazetteer is None or not head.endswith("/region"):
        return None
    return next((r for r in gazetteer.regions() if r.slug == slug), None)


def as_number(node: Node | None) -> int | float | None:
    """A literal as a JSON number (integral decimals become ints), or None."""
    if not isinstance(node, Literal):
        return None
    value = node.toPython()
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if value == int(value):
        return int(value)
    return float(value)


def as_int(node: Node | None) -> int | None:
    """A year-like literal (xsd:gYear, integer or "2021") as an int, or None."""
    if not isinstance(node, Literal):
        return None
    digits = str(node)[:4]
    return int(digits) if digits.isdigit() else None


def place_code(node: Node) -> str | None:
    """The GB code of a ``.../place/<code>`` IRI (towns: ``<county code>-<slug>``)."""
    head, _, code = str(node).rpartition("/")
    return code if head.endswith("/place") and PLACE_CODE.fullmatch(code) else None


class ArticleView:
    """One article graph seen through the extraction JSON's eyes."""

    def __init__(self, graph: Graph, article: URIRef, labels: Labels, gazetteer: Gazetteer | None) -> None:
        self.graph = graph
        self.article = article
        self._labels = labels
        self._gazetteer = gazetteer

    def value(self, node: Node, predicate: URIRef) -> Node | None:
        return self.graph.value(node, predicate)

    def text(self, node: Node, predicate: URIRef) -> str | None:
        value = self.graph.value(node, predicate)
        return str(value) if value is not None else None

    def annotations_of(self, node: Node) -> list[Node]:
        return sorted(set(self.graph.subjects(OA.hasBody, node)), key=str)

    def figures(self) -> list[URIRef]:
        found = {s for cls in FIGURE_KINDS for s in self.graph.subjects(RDF.type, cls)}
        found |= set(self.graph.subjects(RDF.type, TKG.Figure))
        return sorted((f for f in found if isinstance(f, URIRef)), key=str)

    def entities(self) -> list[URIRef]:
        candidates = set(self.graph.subjects(TKG.sourceArticle, self.article))
        candidates |= set(self.graph.objects(None, OA.hasBody))
        return sorted((n for n in candidates if isinstance(n, URIRef) and self._is_entity(n)), key=str)

    def _is_entity(self, node: URIRef) -> bool:
        types = set(self.graph.objects(node, RDF.type))
        return not types & NOT_ENTITIES and self.entity_type(node) != ""

    def entity_type(self, node: URIRef) -> str:
        for cls in self.graph.objects(node, RDF.type):
            if cls in TYPE_OF_CLASS:
                return TYPE_OF_CLASS[cls]
        code = place_code(node)
        if code and self._gazetteer is not None:
            found = place_by_code(self._gazetteer, code)
            return found[1] if found else ""
        return "Region" if "/region/" in str(node) else ""

    def label(self, node: Node) -> str:
        if isinstance(node, URIRef) and (known := self._known_label(node)):
            return known
        for predicate in (SKOS.prefLabel, RDFS.label):
            labels = list(self.graph.objects(node, predicate))
            for lit in sorted(
                labels, key=lambda v: (getattr(v, "language", None) not in ("en", None), str(v))
            ):
                if getattr(lit, "language", None) in ("en", None):
                    return str(lit)
        code = place_code(node)
        if code and (found := place_by_code(self._gazetteer, code)):
            return found[0]
        if region := region_of(self._gazetteer, node):
            return region.name_en
        return str(node).rstrip("/#").rsplit("/", 1)[-1].replace("-", " ")

    def _known_label(self, node: URIRef) -> str | None:
        if isinstance(self._labels, Vocabulary):
            concept = self._labels.get(node)
            return concept.pref_label if concept else None
        return self._labels.get(node)

    def aliases(self, node: Node) -> list[str]:
        label = self.label(node)
        alts = {
            str(a)
            for a in self.graph.objects(node, SKOS.altLabel)
            if getattr(a, "language", None) in ("en", None)
        }
        return sorted(alts - {label}, key=str.casefold)

    def labels_of(self, node: Node, predicate: URIRef) -> list[str]:
        return sorted({self.label(o) for o in self.graph.objects(node, predicate)}, key=str.casefold)

    def designations(self, node: Node) -> list[str]:
        names = set()
        for designation in self.graph.objects(node, TKG.designatedAs):
            title = self.graph.value(designation, TKG.title)
            names.add(self.label(title if title is not None else designation))
        return sorted(names, key=str.casefold)

    def _parents(self, node: Node) -> list[Node]:
        parents = sorted(set(self.graph.objects(node, TKG.locatedIn)), key=str)
        code = place_code(node)
        if not parents and code and (found := place_by_code(self._gazetteer, code)) and found[2]:
            return [URIRef(str(node)[: -len(code)] + found[2])]
        region = region_of(self._gazetteer, node) if not parents else None
        if region is not None and region.located_in:
            return [URIRef(str(node).split("/region/")[0] + "/place/" + region.located_in)]
        return parents

    def _chain(self, start: Node) -> list[Node]:
        chain: list[Node] = []
        queue = [start]
        while queue and len(chain) < 12:
            node = queue.pop(0)
            if node not in chain:
                chain.append(node)
                queue.extend(self._parents(node))
        return chain

    def located_in(self, node: URIRef) -> Node | None:
        """The most specific place (or park) the entity is in: with several, their nearest common one."""
        parents = self._parents(node)
        if len(parents) <= 1:
            return parents[0] if parents else None
        chains = [self._chain(p) for p in parents]
        return next((n for n in chains[0] if all(n in c for c in chains[1:])), None)

    def place_chain(self, node: URIRef) -> dict[str, str | None]:
        start = node if self.entity_type(node) in PLACE_LEVELS else self.located_in(node)
        place: dict[str, str | None] = {"county": None, "city": None, "province": None}
        for step in self._chain(start) if start is not None else []:
            level = PLACE_LEVELS.get(self.entity_type(step)) if isinstance(step, URIRef) else None
            if level and place[level] is None:
                place[level] = self.label(step)
        return place

    def _selectors(self, annotation: Node) -> Iterator[Node]:
        for target in self.graph.objects(annotation, OA.hasTarget):
            yield from self.graph.objects(target, OA.hasSelector)

    def mention(self, annotation: Node) -> dict[str, Any]:
        start = end = None
        exact = ""
        for selector in self._selectors(annotation):
            if (selector, RDF.type, OA.TextPositionSelector) in self.graph:
                start, end = (
                    as_int_full(self.value(selector, OA.start)),
                    as_int_full(self.value(selector, OA.end)),
                )
            if (selector, RDF.type, OA.TextQuoteSelector) in self.graph:
                exact = self.text(selector, OA.exact) or ""
        return {"start": start, "end": end, "text": exact}

    def evidence(self, annotation: Node) -> dict[str, Any]:
        """The sentence the figure comes from: prefix + exact + suffix, with its offsets."""
        found = self.mention(annotation)
        prefix = suffix = ""
        for selector in self._selectors(annotation):
            if (selector, RDF.type, OA.TextQuoteSelector) in self.graph:
                prefix = self.text(selector, OA.prefix) or ""
                suffix = self.text(selector, OA.suffix) or ""
        start, end = found["start"], found["end"]
        return {
            "start": start - len(prefix) if start is not None else None,
            "end": end + len(suffix) if end is not None else None,
            "text": prefix + found["text"] + suffix,
        }


def as_int_full(node: Node | None) -> int | None:
    """An offset literal as an int."""
    number = as_number(node)
    return int(number) if number is not None else None
