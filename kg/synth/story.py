"""One synthetic article: a cluster in a county with its designation, parks, enterprises, plan and figures."""

from __future__ import annotations

import random
from dataclasses import dataclass

from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS, XSD

from kg.namespaces import KIND, TKG, Ids
from kg.synth import names
from kg.synth.entities import ArticleContext, figure, organization
from kg.synth.nquads import QuadWriter, iri, text, typed
from loaders.gazetteer import Division
from loaders.vocabulary import Concept

PUBLISHERS = ("China Textile News", "Economic Daily", "Zhejiang Daily", "Hebei Daily", "Fibre2Fashion")
OBSERVED = (
    ("revenue", "CNY", 1e9, 8e10),
    ("output value", "CNY", 5e8, 5e10),
    ("export value", "USD", 1e8, 5e9),
    ("enterprises", "enterprises", 50, 3000),
    ("employees", "people", 2000, 200000),
    ("share of national output", "percent", 1, 60),
)
TARGETED = (("revenue", "CNY", 2e10, 2e11), ("digitalised enterprises", "percent", 30, 90))
NATIONAL_BODIES = {  # title prefix -> (body, Chinese name)
    "China": ("China National Textile and Apparel Council", "中国纺织工业联合会"),
    "National": ("Ministry of Industry and Information Technology", "工业和信息化部"),
}
NATIONAL_BODIES_GRAPH = "national-bodies"  # graph/curated/<this>: their labels and kinds, written once
INITIATIVE_KINDS = ("action-plan", "plan", "programme", "project", "campaign")


@dataclass(frozen=True)
class Story:
    """What an article is about; ``year`` is its publication year."""

    article_id: str
    county: Division
    industry: Concept
    year: int


def write_national_bodies(writer: QuadWriter, ids: Ids) -> None:
    """The national bodies once, in a curated graph: articles only refer to them (as places are only
    referred to, their labels being in the gazetteer), so joins on them do not multiply by article."""
    writer.graph(str(ids.curated_graph(NATIONAL_BODIES_GRAPH)))
    for body_en, body_zh in NATIONAL_BODIES.values():
        node = str(ids.entity("org", body_en))
        kind = "industry-association" if body_en.startswith("China") else "government-body"
        writer.add(node, RDF.type, iri(TKG.Organization))
        writer.add(node, RDFS.label, text(body_en, "en"))
        writer.add(node, SKOS.prefLabel, text(body_en, "en"))
        writer.add(node, SKOS.prefLabel, text(body_zh, "zh"))
        writer.add(node, TKG.organizationKind, iri(KIND[kind]))
        writer.add(node, DCTERMS.source, text("general knowledge of national bodies"))


def write_story(ctx: ArticleContext, story: Story, titles: list[Concept], measures: list[Concept]) -> None:
    rng = random.Random(f"{ctx.seed}:{story.article_id}")
    _article_node(ctx, story, rng)
    cluster = _cluster(ctx, story, titles)
    parks = [_park(ctx, story, cluster, rng) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    for _ in range(1 + int(5 * rng.random() ** 2)):
        _enterprise(ctx, story, cluster, parks, rng)
    for measure in rng.sample(OBSERVED, rng.randint(2, 4)):
        figure(ctx, TKG.Observation, cluster, measure, TKG.year, story.year - 1, rng)
    if rng.random() < 0.6:
        _initiative(ctx, story, cluster, measures, rng)


def _article_node(ctx: ArticleContext, story: Story, rng: random.Random) -> None:
    node, add = ctx.article, ctx.writer.add
    title = f"{names.cluster_names(story.county, story.industry)[0]} Reports Growth in {story.year}"
    add(node, RDF.type, iri(TKG.Article))
    add(node, DCTERMS.title, text(title))
    date = f"{story.year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    add(node, DCTERMS.date, typed(date, XSD.date))
    add(node, DCTERMS.publisher, text(rng.choice(PUBLISHERS)))
    add(node, SDO.url, iri(f"https://news.example.org/textile/{story.article_id}.html"))
    add(node, DCTERMS.source, text(f"{story.article_id}.txt"))
    add(node, DCTERMS.language, text("en"))


def _cluster(ctx: ArticleContext, story: Story, titles: list[Concept]) -> str:
    name_en, name_zh = names.cluster_names(story.county, story.industry)
    node = str(ctx.ids.entity("cluster", name_en, story.county.code))
    ctx.entity(node, TKG.IndustrialCluster, name_en, name_zh)
    ctx.writer.add(
        node, SKOS.altLabel, text(f"{names.short_place(story.county)} {story.industry.pref_label}", "en")
    )
    ctx.link(node, TKG.locatedIn, str(ctx.ids.place(story.county.code)))
    ctx.link(node, TKG.specializesIn, str(story.industry.iri))
    own = ctx.rng_for(node)  # the cluster's title and year never change between articles
    if titles and own.random() < 0.7:
        title = own.choice(titles)
        designation = str(ctx.ids.entity("designation", title.pref_label, story.county.code))
        body_en, _ = NATIONAL_BODIES["National" if title.pref_label.startswith("National") else "China"]
        body = str(ctx.ids.entity("org", body_en))  # described once in the curated graph
        ctx.evidence.mention(body, body_en)
        add = ctx.writer.add
        add(designation, RDF.type, iri(TKG.Designation))
        add(designation, TKG.title, iri(title.iri))
        add(designation, TKG.conferredBy, iri(body))
        add(designation, TKG.year, typed(ctx.rng_for(designation).randint(2003, 2022), XSD.gYear))
        add(designation, TKG.designationOf, iri(node))
        add(designation, TKG.sourceArticle, iri(ctx.article))
        ctx.link(node, TKG.designatedAs, designation)
        ctx.evidence.mention(designation, title.pref_label)
    return node


def _park(ctx: ArticleContext, story: Story, cluster: str, rng: random.Random) -> str:
    weights = [w for *_, w in names.PARK_KINDS]
    kind = rng.choices(range(len(names.PARK_KINDS)), weights)[0]
    slug, name_en, name_zh = names.park_names(story.county, story.industry, kind)
    node = str(ctx.ids.entity("park", name_en, story.county.code))
    ctx.entity(node, TKG.IndustrialPark, name_en, name_zh)
    ctx.link(node, TKG.parkKind, KIND[slug])
    ctx.link(node, TKG.locatedIn, str(ctx.ids.place(story.county.code)))
    ctx.link(node, TKG.specializesIn, str(story.industry.iri))
    ctx.link(node, TKG.partOf, cluster)
    return node


def _enterprise(
    ctx: ArticleContext, story: Story, cluster: str, parks: list[str], rng: random.Random
) -> None:
    name_en, name_zh = names.enterprise_names(rng, story.county, story.industry)
    node = str(ctx.ids.entity("enterprise", name_en, story.county.code))
    ctx.entity(node, TKG.Enterprise, name_en, name_zh)
    place = rng.choice(parks) if parks and rng.random() < 0.5 else str(ctx.ids.place(story.county.code))
    ctx.link(node, TKG.locatedIn, place)
    ctx.link(node, TKG.specializesIn, str(story.industry.iri))
    ctx.link(node, TKG.partOf, cluster)


def _initiative(
    ctx: ArticleContext, story: Story, cluster: str, measures: list[Concept], rng: random.Random
) -> None:
    start, end = story.year, story.year + rng.choice((2, 3, 5))
    name_en, name_zh = names.initiative_names(story.county, story.industry, start, end)
    node = str(ctx.ids.entity("initiative", name_en, story.county.code))
    issuer = organization(ctx, *names.government_names(story.county), "government-body", story.county.code)
    ctx.entity(node, TKG.Initiative, name_en, name_zh)
    ctx.link(node, TKG.initiativeKind, KIND[ctx.rng_for(node).choice(INITIATIVE_KINDS)])
    ctx.link(node, TKG.issuedBy, issuer)
    ctx.link(node, TKG.appliesTo, str(ctx.ids.place(story.county.code)), cluster)
    ctx.writer.add(node, TKG.year, typed(start, XSD.gYear))
    ctx.writer.add(node, TKG.startYear, typed(start, XSD.gYear))
    ctx.writer.add(node, TKG.endYear, typed(end, XSD.gYear))
    if measures:
        ctx.link(node, TKG.promotes, *(str(m.iri) for m in rng.sample(measures, rng.randint(1, 3))))
    for measure in rng.sample(TARGETED, rng.randint(1, 2)):
        target = figure(ctx, TKG.Target, node, measure, TKG.endYear, end, rng)
        ctx.link(node, TKG.hasTarget, target)
