"""What the name finders share about one article: its text, sentences, tokens and place mentions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from loaders.mentions import Mention
from loaders.mentions.terms import Term
from loaders.mentions.tokens import Token, tokenize
from loaders.resources import Resources
from loaders.sentences import Sentence


@dataclass
class ArticleContext:
    text: str
    sentences: list[Sentence]
    places: list[Mention]
    resources: Resources
    tokens_of: dict[int, list[Token]] = field(default_factory=dict)
    terms_of: dict[int, list[Term]] = field(default_factory=dict)

    def tokens(self, sentence: Sentence) -> list[Token]:
        if sentence.start not in self.tokens_of:
            self.tokens_of[sentence.start] = tokenize(sentence.text, sentence.start)
        return self.tokens_of[sentence.start]

    def industry_terms(self, sentence: Sentence) -> list[Term]:
        """The industry terms of a sentence (several finders ask for them)."""
        if sentence.start not in self.terms_of:
            self.terms_of[sentence.start] = self.resources.industries.find(sentence.text, sentence.start)
        return self.terms_of[sentence.start]

    def places_in(self, start: int, end: int) -> list[Mention]:
        return [p for p in self.places if start <= p.start and p.end <= end]

    def place_at(self, start: int) -> Mention | None:
        return next((p for p in self.places if p.start == start), None)

    def sentence_of(self, offset: int) -> Sentence:
        return next(
            (s for s in self.sentences if s.start <= offset < max(s.end, s.start + 1)), self.sentences[-1]
        )

    @cached_property
    def main_province(self) -> str | None:
        """The province the article is most about (most mentions of it and of places inside it)."""
        counts: Counter[str] = Counter()
        for place in self.places:
            if place.kind == "place" and place.code:
                province = self.resources.gazetteer.province_of(place.code)
                if province:
                    counts[province.code] += 1
        return min(counts, key=lambda c: (-counts[c], c)) if counts else None

    @cached_property
    def focus_place(self) -> str | None:
        """The most mentioned place below province level, if mentioned three times; else the province."""
        counts = Counter(
            p.code for p in self.places if p.kind == "place" and p.code and p.attr("level") != "province"
        )
        best = min(counts, key=lambda c: (-counts[c], c)) if counts else None
        return best if best and counts[best] >= 3 else self.main_province
