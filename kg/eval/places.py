"""What the scorer asks of the gazetteer and the vocabulary: place codes in context, concepts of labels.

:class:`Resolvers` holds two plain functions so that the scorer is testable without the real resources;
:func:`resolvers_for` builds them from a gazetteer and a vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.eval.gold import GoldEntity
from kg.eval.matching import gold_key, place_key
from kg.extraction.view import PLACE_CODE
from loaders.gazetteer import Division, Gazetteer
from loaders.vocabulary import Vocabulary

PlaceResolver = Callable[[str, str | None, str | None], str | None]  # (name, province, city) -> GB code
ConceptResolver = Callable[[str], str | None]  # label or alternative label -> concept IRI


def _no_place(name: str, province: str | None, city: str | None) -> str | None:
    return None


def _no_concept(label: str) -> str | None:
    return None


@dataclass(frozen=True)
class Resolvers:
    place: PlaceResolver = _no_place
    concept: ConceptResolver = _no_concept

    def place_code(self, name: str, province: str | None = None, city: str | None = None) -> str | None:
        return self.place(name, province, city)

    def concept_key(self, label: str) -> str:
        """The concept a label names, or the normalised label itself when no concept has it."""
        return self.concept(label) or "label:" + gold_key(label).replace(" ", "")


def iri_place_code(iri: object) -> str | None:
    """The GB code of a ``.../place/<code>`` IRI (towns: ``<county code>-<slug>``)."""
    head, _, code = str(iri or "").rpartition("/")
    return code if head.endswith("/place") and PLACE_CODE.fullmatch(code) else None


def _context(entity: GoldEntity, key: str) -> tuple[str | None, str | None]:
    province, city = entity.attributes.get("province"), entity.attributes.get("city")
    if key == "province" or (entity.type == "Province" and key == "name"):
        return None, None
    if key == "city" or (entity.type == "City" and key == "name"):
        return (province if isinstance(province, str) else None), None
    return (province if isinstance(province, str) else None), (city if isinstance(city, str) else None)


def gold_value_code(entity: GoldEntity, key: str, value: str, resolvers: Resolvers) -> str | None:
    """The code of a place named in a gold entry, resolved within that entry's province and city."""
    province, city = _context(entity, key)
    if value in (province, city):
        province, city = (None, None) if value == province else (province, None)
    return resolvers.place_code(value, province, city)


def gold_place_code(entity: GoldEntity, resolvers: Resolvers) -> str | None:
    for name in (entity.name, *entity.aliases):
        code = gold_value_code(entity, "name", name, resolvers)
        if code:
            return code
    return None


def predicted_place_code(predicted: Mapping[str, Any], resolvers: Resolvers) -> str | None:
    return iri_place_code(predicted.get("id"))


def predicted_chain(
    predicted: Mapping[str, Any], entities: Sequence[Mapping[str, Any]], resolvers: Resolvers
) -> tuple[set[str], set[str]]:
    """The codes and name keys of the places a predicted entity is in (itself too, if it is a place)."""
    place = predicted.get("place") or {}
    county, city, province = (place.get(k) for k in ("county", "city", "province"))
    codes = {iri_place_code(predicted.get("located_in")), iri_place_code(predicted.get("id"))}
    codes |= {
        resolvers.place_code(county, province, city) if county else None,
        resolvers.place_code(city, province, None) if city else None,
        resolvers.place_code(province, None, None) if province else None,
    }
    keys = {place_key(str(v)) for v in (county, city, province) if v}
    for entity in entities:
        if entity.get("id") == predicted.get("located_in"):
            keys |= {place_key(str(n)) for n in (entity.get("label"), *(entity.get("aliases") or [])) if n}
    return {c for c in codes if c}, keys


def same_place(gold: GoldEntity, place: str, predicted: Mapping[str, Any], resolvers: Resolvers) -> bool:
    """Is the predicted entity's most specific place the gold ``place``?"""
    gold_code = gold_value_code(gold, "located_in", place, resolvers)
    pred_code = iri_place_code(predicted.get("located_in"))
    if gold_code and pred_code:
        return gold_code == pred_code
    names = predicted.get("place") or {}
    specific = next((names[k] for k in ("county", "city", "province") if names.get(k)), None)
    return specific is not None and place_key(place) == place_key(str(specific))


def resolvers_for(gazetteer: Gazetteer, vocabulary: Vocabulary) -> Resolvers:
    """Place codes from the gazetteer within the given province/city; concepts from the vocabulary."""

    def within(candidates: list[Division], parent: str | None, province: str | None = None) -> list[Division]:
        if not parent:
            return candidates
        parent_code = place(parent, province, None)
        narrowed = [d for d in candidates if parent_code in {a.code for a in gazetteer.chain(d.code)}]
        return narrowed

    def place(name: str, province: str | None, city: str | None) -> str | None:
        candidates = within(gazetteer.lookup(name), province)
        # cities directly under a province (Tianmen) have no city above them: keep them if the city fails
        candidates = within(candidates, city, province) or candidates
        return candidates[0].code if candidates else None

    def concept(label: str) -> str | None:
        found = vocabulary.lookup(label)
        return str(found.iri) if found is not None else None

    return Resolvers(place=place, concept=concept)
