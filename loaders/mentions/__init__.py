"""Mention finders, one concept each: places, terms (vocabulary), names of organizations, enterprises,
parks, initiatives, clusters and designations. A mention is a span of the article text and what it names."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    """A span naming something: ``kind`` is place, region, cluster, park, enterprise, org, initiative or
    designation; ``name`` the proposed canonical name; ``attrs`` what the pattern found out."""

    kind: str
    start: int
    end: int
    text: str
    name: str
    code: str | None = None  # gazetteer code (places) or region name (regions)
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def attr(self, key: str) -> str | None:
        return next((v for k, v in self.attrs if k == key), None)

    def attr_all(self, key: str) -> list[str]:
        return [v for k, v in self.attrs if k == key]
