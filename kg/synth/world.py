"""The real inputs of a synthetic graph: divisions, concepts, and how textile activity spreads over China.

Counts are skewed the way the industry is: the coastal textile provinces get most clusters, and within a
province a few counties get most (Zipf weights over a seeded order).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kg.namespaces import TKG
from loaders.gazetteer import Division, Gazetteer
from loaders.vocabulary import Concept, Vocabulary

# Share of textile activity by province GB code: Zhejiang, Jiangsu, Guangdong, Fujian, Shandong, Hebei first.
MAJOR_PROVINCES: dict[str, float] = {
    "330000": 0.19,
    "320000": 0.16,
    "440000": 0.14,
    "350000": 0.09,
    "370000": 0.09,
    "130000": 0.07,
}
# The rest share what is left in this order (Zipf); provinces not listed come last.
MINOR_ORDER = ("410000", "420000", "340000", "360000", "510000", "430000", "310000", "210000", "650000")
ZIPF_EXPONENT = 1.1


@dataclass(frozen=True)
class World:
    """Everything the generator draws from, fixed for one seed."""

    gazetteer: Gazetteer
    provinces: tuple[Division, ...]
    province_weights: tuple[float, ...]
    counties: dict[str, tuple[Division, ...]]  # province code -> counties in Zipf order
    industries: tuple[Concept, ...]
    titles: tuple[Concept, ...]
    measures: tuple[Concept, ...]


def zipf_weights(n: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


def province_weights(provinces: list[Division]) -> list[float]:
    minor = [p for p in provinces if p.code not in MAJOR_PROVINCES]
    minor.sort(key=lambda p: (MINOR_ORDER.index(p.code) if p.code in MINOR_ORDER else 99, p.code))
    rest = 1.0 - sum(MAJOR_PROVINCES.values())
    zipf = zipf_weights(len(minor))
    minor_share = {p.code: rest * w / sum(zipf) for p, w in zip(minor, zipf, strict=True)}
    return [MAJOR_PROVINCES.get(p.code, minor_share.get(p.code, 0.0)) for p in provinces]


def _counties_by_province(gaz: Gazetteer, rng: random.Random) -> dict[str, tuple[Division, ...]]:
    grouped: dict[str, list[Division]] = {}
    for division in gaz.divisions():
        if division.level != "county":
            continue
        province = gaz.province_of(division.code)
        if province is not None and gaz.parent(division.code) is not None:
            grouped.setdefault(province.code, []).append(division)
    ordered: dict[str, tuple[Division, ...]] = {}
    for code in sorted(grouped):
        counties = sorted(grouped[code], key=lambda d: d.code)
        rng.shuffle(counties)
        ordered[code] = tuple(counties)
    return ordered


def _leaf_first(concepts: list[Concept]) -> tuple[Concept, ...]:
    """Specific concepts (cashmere, socks) before broad ones (textiles): clusters are named after them."""
    broad = {parent for c in concepts for parent in c.broader}
    return tuple(sorted(concepts, key=lambda c: (c.iri in broad, str(c.iri))))


def build_world(data_dir: Path, ontology_dir: Path, seed: int) -> World:
    gaz = Gazetteer.from_dir(data_dir / "gazetteer")
    vocab = Vocabulary.from_dir(ontology_dir)
    rng = random.Random(f"world:{seed}")
    counties = _counties_by_province(gaz, rng)
    provinces = [d for d in gaz.divisions() if d.level == "province" and d.code in counties]
    return World(
        gazetteer=gaz,
        provinces=tuple(provinces),
        province_weights=tuple(province_weights(provinces)),
        counties=counties,
        industries=_leaf_first(vocab.concepts(URIRef(TKG.IndustryScheme))),
        titles=tuple(vocab.concepts(URIRef(TKG.DesignationTitleScheme))),
        measures=tuple(vocab.concepts(URIRef(TKG.PolicyMeasureScheme))),
    )
