"""The synthesiser's main loop: the real base, then articles until the requested number of triples.

Deterministic for a seed: the same (size, seed) gives the same file, byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from kg.ingest.pipeline import provenance
from kg.namespaces import Ids
from kg.rdf.ontology import load_ontology
from kg.synth.base import write_base, write_graph
from kg.synth.entities import ArticleContext
from kg.synth.evidence import Evidence
from kg.synth.nquads import QuadWriter
from kg.synth.story import Story, write_national_bodies, write_story
from kg.synth.world import World, build_world, zipf_weights
from loaders.gazetteer import Division

FOLLOW_UP_SHARE = 0.25  # articles about a cluster already written about (more figures, more sources)
FIRST_YEAR, LAST_YEAR = 2015, 2025
CLUSTER_TITLE_WORDS = ("City", "Town", "Capital", "Cluster", "Base", "Area")


@dataclass(frozen=True)
class SynthResult:
    triples: int
    articles: int
    counties: int


def _stories(world: World, counties: set[str], rng: random.Random) -> Callable[[int], Story]:
    """A function from article number to the story of that article."""
    provinces, weights = [], []
    by_province: dict[str, tuple[list[Division], list[float]]] = {}
    for province, weight in zip(world.provinces, world.province_weights, strict=True):
        local = [c for c in world.counties.get(province.code, ()) if c.code in counties]
        if local and weight > 0:
            provinces.append(province.code)
            weights.append(weight)
            by_province[province.code] = (local, zipf_weights(len(local)))
    industries = list(world.industries)
    industry_weights = zipf_weights(len(industries), 0.8)
    seen: list[tuple[Division, int]] = []

    def story(n: int) -> Story:
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        if seen and rng.random() < FOLLOW_UP_SHARE:
            county, industry = seen[int(len(seen) * rng.random() ** 2)]
        else:
            local, local_weights = by_province[rng.choices(provinces, weights)[0]]
            county = rng.choices(local, local_weights)[0]
            industry = rng.choices(range(len(industries)), industry_weights)[0]
            seen.append((county, industry))
        return Story(f"synth-{n:06d}", county, industries[industry], year)

    return story


def write_metadata(writer: QuadWriter, ids: Ids, article_id: str, year: int) -> None:
    """PROV description of the article graph, as the ingest pipeline writes it (fixed times)."""
    when = datetime(year, 12, 31, 12, 0, tzinfo=UTC)
    prov = provenance(ids.article_graph(article_id), ids.article(article_id), when, when)
    write_graph(writer, ids.metadata_graph, prov)


def synthesize(out: TextIO, *, triples: int, seed: int, data_dir: Path, ontology_dir: Path, ids: Ids,
               on_progress: Callable[[int], None] | None = None) -> SynthResult:  # fmt: skip
    """Write about ``triples`` quads (within a few hundred) of the real base plus synthetic articles."""
    world = build_world(data_dir, ontology_dir, seed)
    writer = QuadWriter(out)
    counties = write_base(writer, world, ids, load_ontology(ontology_dir), triples)
    write_national_bodies(writer, ids)
    rng = random.Random(f"stories:{seed}")
    next_story = _stories(world, counties, rng)
    titles = [t for t in world.titles if t.pref_label.split()[-1] in CLUSTER_TITLE_WORDS]
    measures = list(world.measures)
    n, last = 0, 0
    while writer.count + last // 2 < triples:
        n += 1
        before = writer.count
        story = next_story(n)
        writer.graph(str(ids.article_graph(story.article_id)))
        evidence = Evidence(writer, ids, story.article_id)
        write_story(ArticleContext(writer, ids, seed, story.article_id, evidence), story, titles, measures)
        write_metadata(writer, ids, story.article_id, story.year)
        last = writer.count - before
        if on_progress and n % 100 == 0:
            on_progress(writer.count)
    return SynthResult(triples=writer.count, articles=n, counties=len(counties))
