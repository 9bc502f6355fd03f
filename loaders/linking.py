"""Linking: mentions -> entities. Overlaps resolved, canonical names chosen, duplicates within the article
merged (aliases, abbreviations, "the Plan"), places attached, and IRIs minted so that the same entity in
two articles is one IRI."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.namespaces import Ids
from loaders.gazetteer import chinese_stem
from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.tokens import normalize
from loaders.vocabulary import normalize_label

IRI_KIND = {
    "cluster": "cluster",
    "park": "park",
    "enterprise": "enterprise",
    "org": "org",
    "initiative": "initiative",
}
_PRIORITY = {"designation": 0, "enterprise": 1, "org": 2, "initiative": 3, "park": 4, "cluster": 5}


@dataclass
class Entity:
    """One extracted thing of the article, with everything the graph says about it."""

    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # codes; "region/<slug>" for regions
    industries: list[URIRef] = field(default_factory=list)
    sub: str | None = None  # slug of a kind concept
    designations: list[URIRef] = field(default_factory=list)
    conferrals: dict[URIRef, tuple[Entity | None, int | None]] = field(default_factory=dict)  # body, year
    name_zh: str | None = None
    issuer: Entity | None = None
    scope: list[str] = field(default_factory=list)
    measures: list[URIRef] = field(default_factory=list)
    aims: list[str] = field(default_factory=list)  # as written (tkg:aim)
    year: int | None = None
    period: tuple[int, int] | None = None
    part_of: list[Entity] = field(default_factory=list)
    iri: URIRef = field(default_factory=lambda: URIRef(""))

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping name mentions: designations first, then the longest."""
    ranked = sorted(
        mentions,
        key=lambda m: (
            _PRIORITY[m.kind] if m.kind == "designation" else 1,
            -(m.end - m.start),
            _PRIORITY[m.kind],
            m.start,
        ),
    )
    kept: list[Mention] = []
    for mention in ranked:
        if not any(m.start < mention.end and mention.start < m.end for m in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))


def short_place(text: str) -> str:
    return re.sub(r"['’]s$|\s+(Province|City|County|District|New Area|Town|Prefecture)$", "", text.strip())


def name_key(kind: str, name: str) -> str:
    return f"{kind}:{normalize_label(name)}"


def cluster_name(ctx: ArticleContext, place: Mention | None, industries: list[URIRef], surface: str) -> str:
    where = short_place(place.text) if place else ""
    if industries:
        label = ctx.resources.label(industries[0])
        what = " ".join(w[:1].upper() + w[1:] for w in label.split())
        return f"{where} {what} Cluster".strip()
    name = re.sub(r"\s+", " ", surface.replace("’", "'")).strip()
    return name if name.lower().endswith("cluster") else f"{name} Cluster"


def cluster_name_zh(ctx: ArticleContext, code: str, industries: list[URIRef]) -> str | None:
    """ "清河羊绒产业集群": the place's Chinese name without its unit suffix, the industry's Chinese label."""
    division = ctx.resources.gazetteer.get(code) if code else None
    concept = ctx.resources.vocabulary.get(industries[0]) if industries else None
    if division is None or concept is None or not division.name_zh or not concept.label_zh:
        return None
    return f"{chinese_stem(division.name_zh) or division.name_zh}{concept.label_zh}产业集群"


def mint(ids: Ids, entity: Entity) -> URIRef:
    place = entity.places[0] if entity.places and entity.kind in {"cluster", "park"} else None
    if place and place.startswith("region/"):
        place = place.removeprefix("region/")
    return ids.entity(IRI_KIND[entity.kind], entity.name, place)


def place_iri(ids: Ids, code: str) -> URIRef:
    return ids.mint("region", code.removeprefix("region/")) if code.startswith("region/") else ids.place(code)


def same_org(a: str, b: str) -> bool:
    """Same organization, or ``b`` a unit of ``a`` ("... Federation of Social Sciences Work Department")."""
    ka, kb = normalize_label(a), normalize_label(b)
    return ka == kb or (len(ka) > 15 and kb.startswith(ka + " "))


def key_words(text: str) -> set[str]:
    return set(normalize(text).split())
