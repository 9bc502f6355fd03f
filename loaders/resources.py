"""What extraction needs besides the article: the gazetteer, the vocabulary and the matchers built
from them once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from kg.namespaces import TKG
from loaders.gazetteer import Gazetteer
from loaders.mentions.places import PlaceMatcher
from loaders.mentions.terms import TermMatcher
from loaders.vocabulary import Vocabulary


@dataclass(frozen=True)
class Resources:
    """The gazetteer and the vocabulary; matchers are built on first use and kept."""

    gazetteer: Gazetteer
    vocabulary: Vocabulary
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, data_dir: Path, ontology_dir: Path) -> Resources:
        return cls(Gazetteer.from_dir(data_dir / "gazetteer"), Vocabulary.from_dir(ontology_dir))

    @cached_property
    def places(self) -> PlaceMatcher:
        return PlaceMatcher(self.gazetteer)

    @cached_property
    def industries(self) -> TermMatcher:
        return self._terms(TKG.IndustryScheme)

    @cached_property
    def measures(self) -> TermMatcher:
        return self._terms(TKG.PolicyMeasureScheme)

    @cached_property
    def titles(self) -> TermMatcher:
        return self._terms(TKG.DesignationTitleScheme)

    @cached_property
    def park_kinds(self) -> TermMatcher:
        return self._terms(TKG.ParkKindScheme)

    @cached_property
    def org_kinds(self) -> TermMatcher:
        return self._terms(TKG.OrganizationKindScheme)

    @cached_property
    def initiative_kinds(self) -> TermMatcher:
        return self._terms(TKG.InitiativeKindScheme)

    def label(self, concept: URIRef) -> str:
        found = self.vocabulary.get(concept)
        return found.pref_label if found else str(concept).rsplit("/", 1)[-1]

    def _terms(self, scheme: URIRef) -> TermMatcher:
        labels = {label: c.iri for c in self.vocabulary.concepts(scheme) for label in c.labels}
        return TermMatcher(labels)
