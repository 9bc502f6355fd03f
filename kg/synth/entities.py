"""Writers of synthetic entities and figures into one article graph, each with its evidence.

Whatever an entity says about itself (labels, kind, designation year) is drawn from a generator seeded by
its IRI, so an entity mentioned by several articles says the same thing in each of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.namespaces import KIND, TKG, Ids
from kg.synth.evidence import Evidence
from kg.synth.nquads import QuadWriter, iri, text, typed

COMPARATORS = (TKG.MoreThan, TKG.AtLeast, TKG.About, TKG.LessThan, TKG.AtMost)


@dataclass
class ArticleContext:
    """Where the entities of one article go: the writer, IRIs, the article and its evidence."""

    writer: QuadWriter
    ids: Ids
    seed: int
    article_id: str
    evidence: Evidence
    figures: int = 0

    @property
    def article(self) -> str:
        return str(self.ids.article(self.article_id))

    def rng_for(self, node: str) -> random.Random:
        return random.Random(f"{self.seed}:{node}")

    def entity(self, node: str, cls: str, name_en: str, name_zh: str | None) -> None:
        """Type, labels, source and one mention."""
        add = self.writer.add
        add(node, RDF.type, iri(cls))
        add(node, RDFS.label, text(name_en, "en"))
        add(node, SKOS.prefLabel, text(name_en, "en"))
        if name_zh:
            add(node, SKOS.prefLabel, text(name_zh, "zh"))
        add(node, TKG.sourceArticle, iri(self.article))
        self.evidence.mention(node, name_en)

    def link(self, node: str, predicate: str, *objects: str) -> None:
        for obj in objects:
            self.writer.add(node, predicate, iri(obj))


def organization(
    ctx: ArticleContext, name_en: str, name_zh: str | None, kind: str, place_code: str | None = None
) -> str:
    node = str(ctx.ids.entity("org", name_en, place_code))
    ctx.entity(node, TKG.Organization, name_en, name_zh)
    ctx.link(node, TKG.organizationKind, KIND[kind])
    return node


def figure(
    ctx: ArticleContext,
    cls: str,
    subject: str,
    measure: tuple[str, str, float, float],
    year_property: str,
    year: int,
    rng: random.Random,
) -> str:
    """A target or observation of ``subject``: ``measure`` is (what, unit, low, high)."""
    ctx.figures += 1
    node = str(ctx.ids.mint("figure", f"{ctx.article_id}-{ctx.figures}"))
    what, unit, low, high = measure
    value = round(rng.uniform(low, high), 1 if unit == "percent" else 0)
    add = ctx.writer.add
    add(node, RDF.type, iri(cls))
    add(node, TKG.figureOf, iri(subject))
    add(node, TKG.measure, text(what))
    add(node, TKG.value, typed(f"{value:.1f}" if unit == "percent" else f"{value:.0f}", XSD.decimal))
    add(node, TKG.unit, text(unit))
    add(node, year_property, typed(year, XSD.gYear))
    if rng.random() < 0.3:
        add(node, TKG.comparator, iri(rng.choice(COMPARATORS)))
    add(node, TKG.sourceArticle, iri(ctx.article))
    ctx.evidence.mention(node, f"{value:,.0f} {unit}", confidence="0.8")
    return node
