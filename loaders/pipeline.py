"""extract(): article text -> the article's RDF graph (clean, split, find mentions, link, build)."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, URIRef

from kg.namespaces import Ids
from loaders.article import Article
from loaders.attributes import named_outside
from loaders.capacity import capacity_industries
from loaders.conferrals import attach_conferrals
from loaders.entities import build_entities
from loaders.facts import attach_facts
from loaders.figures import find_figures
from loaders.furniture import content_spans
from loaders.graph import GraphBuilder
from loaders.hubs import hub_industries
from loaders.linking import Entity, mint, place_iri, resolve_overlaps
from loaders.mentions import Mention
from loaders.mentions.clusters import find_clusters
from loaders.mentions.context import ArticleContext
from loaders.mentions.described_clusters import find_described_clusters
from loaders.mentions.designations import find_designations
from loaders.mentions.enterprises import find_enterprises
from loaders.mentions.initiatives import find_initiatives
from loaders.mentions.organizations import find_organizations
from loaders.mentions.parks import find_parks
from loaders.mentions.places import resolve_places
from loaders.resources import Resources
from loaders.sentences import Sentence, split_sentences
from loaders.vocabulary import normalize_label
from loaders.written_titles import find_written_titles, title_spans


def extract(
    article: Article, resources: Resources, ids: Ids, *, known: Mapping[str, URIRef] | None = None
) -> Graph:
    """Everything that goes into ``graph/article/<id>``; the same input gives an isomorphic graph."""
    text = article.text
    spans = content_spans(text)
    sentences = split_sentences(text, spans)
    builder = GraphBuilder(article, ids)
    if not sentences:
        return builder.graph
    places = resolve_places(resources.places, resources.places.hits(text, spans))
    ctx = ArticleContext(text, sentences, places, resources)
    found = find_mentions(ctx)
    names = resolve_overlaps(found)
    year = int(article.date[:4]) if article.date else None
    entities = build_entities(ctx, names, year)
    titled = title_spans(ctx)  # "was awarded Jiangsu Model Market": a title, not a park
    entities = [e for e in entities if e.kind != "park" or not all(_inside(m, titled) for m in e.mentions)]
    attach_conferrals(ctx, entities, year)
    known_keys = {normalize_label(k): v for k, v in (known or {}).items()}
    for entity in entities:
        entity.iri = known_keys.get(normalize_label(entity.name)) or mint(ids, entity)
    titles = find_written_titles(ctx, entities, year, titled)
    hubs = hub_industries(ctx, found, entities)  # (and the industries a park's sentences list)
    excluded = [(m.start, m.end) for e in entities for m in e.mentions]
    body = [s for s in sentences if s.paragraph > 0 or not _is_title(article, s)]
    facts = attach_facts(ctx, find_figures(body, year, excluded), entities, year)
    capacity_industries(resources.vocabulary, facts, hubs, entities)  # "a 50,000-spindle programme": spinning
    for entity in entities:
        builder.add_entity(entity)
        for mention in entity.mentions:
            builder.annotate_mention(entity.iri, mention, ctx.sentence_of(mention.start))
    for code, concepts in hubs.items():
        builder.add_place_industries(code, concepts)
    for title in titles:
        holder = place_iri(ids, title.holder) if isinstance(title.holder, str) else title.holder.iri
        builder.add_written_title(holder, title.text, title.body, title.year)
    enterprises = [e for e in entities if e.kind in {"enterprise", "org"}]
    for place in places:
        if not named_outside(ctx, place.code, enterprises) or _foreign_in_name(ctx, place, entities):
            continue  # only part of a trade name ("Lixin Printing and Dyeing"): not a place of the article
        builder.annotate_mention(place_iri(ids, place.code or ""), place, ctx.sentence_of(place.start))
    for index, (subject, figure) in enumerate(facts, start=1):
        node = place_iri(ids, subject) if isinstance(subject, str) else subject.iri
        builder.add_figure(node, figure, index)
    return builder.graph


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= mention.start and mention.end <= b for a, b in spans)


def _foreign_in_name(ctx: ArticleContext, place: Mention, entities: list[Entity]) -> bool:
    """ "Jinhua Garden" in a Guangxi article: a place of another province only inside names is no place
    the article speaks of."""
    province = ctx.resources.gazetteer.province_of(place.code or "")
    if province is None or province.code == ctx.main_province:
        return False
    named = [e for e in entities if e.kind in {"park", "enterprise", "org"}]
    return not named_outside(ctx, place.code, named)


def _is_title(article: Article, sentence: Sentence) -> bool:
    """Figures of the headline repeat the body's (or summarise it): only the body gives facts."""
    line = sentence.text.strip()
    return sentence.heading or line == (article.title or "").strip() or not line.endswith((".", "。"))


def find_mentions(ctx: ArticleContext) -> list[Mention]:
    return [
        *find_designations(ctx),
        *find_enterprises(ctx),
        *find_organizations(ctx),
        *find_initiatives(ctx),
        *find_parks(ctx),
        *find_clusters(ctx),
        *find_described_clusters(ctx),
    ]
