"""Entities of one article from its name mentions: merging duplicates and attaching places, industries,
designations, issuers, scopes, measures, years and part-of links."""

from __future__ import annotations

import re

from rdflib import URIRef

from loaders.linking import Entity, cluster_name, cluster_name_zh, name_key, same_org
from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.vocabulary import normalize_label


def build_entities(ctx: ArticleContext, mentions: list[Mention], article_year: int | None) -> list[Entity]:
    entities: dict[str, Entity] = {}
    aliases: list[Mention] = []
    for mention in mentions:
        if mention.kind == "designation":
            _designated_cluster(ctx, mention, entities)
        elif mention.kind == "cluster":
            if not mention.attr("merge_only") or any(
                e.kind == "cluster" and e.places[:1] == [mention.code] for e in entities.values()
            ):
                _cluster(ctx, mention, entities)
        elif mention.attr("alias_only"):
            aliases.append(mention)
        else:
            _named(ctx, mention, entities)
    _merge_units(entities)
    _merge_short_names(entities)
    initiatives = sorted((e for e in entities.values() if e.kind == "initiative"), key=lambda e: e.first)
    for mention in aliases:
        target = _antecedent(mention, initiatives)
        if target:
            target.mentions.append(mention)
            _alias(target, mention.text)
    result = sorted(entities.values(), key=lambda e: (e.first, e.name))
    for entity in result:
        _attach(ctx, entity, result, article_year)
        if entity.kind == "cluster":
            entity.name_zh = cluster_name_zh(
                ctx, entity.places[0] if entity.places else "", entity.industries
            )
    return result


def _cluster(ctx: ArticleContext, mention: Mention, entities: dict[str, Entity]) -> Entity:
    place = ctx.place_at(mention.start)
    industries = [URIRef(v) for v in mention.attr_all("industry")]
    for entity in entities.values():
        if mention.attr("listed") and entity.industries != industries:
            continue  # "six clusters: wool spinning, ...": each its own
        if (
            entity.kind == "cluster"
            and entity.places[:1] == [mention.code]
            and (
                not industries
                or not entity.industries
                or set(industries) & set(entity.industries)
                or mention.attr("described")
            )
        ):
            entity.mentions.append(mention)
            entity.industries += [i for i in industries if i not in entity.industries]
            _alias(entity, mention.text)
            return entity
    name = cluster_name(ctx, place, industries, mention.text)
    entity = Entity("cluster", name, [mention], places=[mention.code or ""], industries=industries)
    _alias(entity, mention.text)
    entities[name_key("cluster", f"{name} {mention.code}")] = entity
    return entity


def _designated_cluster(ctx: ArticleContext, mention: Mention, entities: dict[str, Entity]) -> None:
    code = mention.attr("place")
    place = next((p for p in ctx.places if p.code == code), None)
    if not code or place is None:
        return
    industries = [t.concept for t in ctx.resources.industries.find(mention.text)]
    fake = Mention(
        "cluster",
        place.start,
        place.end,
        place.text,
        "",
        code,
        tuple(("industry", str(i)) for i in industries),
    )
    cluster = _cluster(ctx, fake, entities)
    cluster.mentions.append(mention)
    title = URIRef(mention.attr("title") or "")
    if title not in cluster.designations:
        cluster.designations.append(title)


def _named(ctx: ArticleContext, mention: Mention, entities: dict[str, Entity]) -> None:
    key = name_key(mention.kind, mention.name)
    entity = entities.get(key)
    if entity is None:
        entity = Entity(mention.kind, mention.name, sub=mention.attr("kind"))
        entities[key] = entity
    entity.mentions.append(mention)
    _alias(entity, mention.text)


def _merge_units(entities: dict[str, Entity]) -> None:
    orgs = sorted((k for k, e in entities.items() if e.kind == "org"), key=lambda k: len(entities[k].name))
    for i, short in enumerate(orgs):
        for long in orgs[i + 1 :]:
            if long in entities and short in entities and same_org(entities[short].name, entities[long].name):
                entities[short].mentions += entities.pop(long).mentions


_HEADING = re.compile(r"^(?:About|Welcome to|Introduction to|Profile of)\s+")
_LEGAL = re.compile(r"(?i)\s+(?:co\.?,?\s*ltd\.?|company(?:\s+limited)?|corporation|corp\.|inc\.|limited)$")


def _merge_short_names(entities: dict[str, Entity]) -> None:
    """ "Jinchao Group" after "Guangdong Jinchao Group Co Ltd", "About Garment Town" (a page heading)
    beside "Changshu Garments Town": the short form is the same enterprise or park."""
    for kind in ("enterprise", "park"):
        _merge_kind(entities, kind)


def _merge_kind(entities: dict[str, Entity], kind: str) -> None:
    keys = sorted((k for k, e in entities.items() if e.kind == kind), key=lambda k: len(entities[k].name))
    for i, short in enumerate(keys):
        words = normalize_label(_HEADING.sub("", entities[short].name)).split()
        for long in keys[i + 1 :]:
            if short not in entities or long not in entities:
                continue
            core = normalize_label(_LEGAL.sub("", entities[long].name)).split()
            tail = len(words) >= 2 and core[-len(words) :] == words
            if tail or core == words:
                entities[long].mentions += entities.pop(short).mentions
                _alias(entities[long], " ".join(entities[long].mentions[-1].text.split()))
                break


def _antecedent(mention: Mention, initiatives: list[Entity]) -> Entity | None:
    words = set(mention.name.lower().split())
    fitting = [
        e
        for e in initiatives
        if words <= set(e.name.lower().split()) or mention.name.lower() in e.name.lower()
    ]
    before = [e for e in fitting if e.first < mention.start]
    return (before[-1] if before else fitting[0]) if fitting else None


def _alias(entity: Entity, text: str) -> None:
    alias = re.sub(r"\s+", " ", text.replace("’", "'").replace("“", "").replace("”", "")).strip(" \"'")
    if alias and alias != entity.name and alias not in entity.aliases:
        entity.aliases.append(alias)


def _attach(
    ctx: ArticleContext, entity: Entity, all_entities: list[Entity], article_year: int | None
) -> None:
    from loaders.attributes import attach_attributes

    attach_attributes(ctx, entity, all_entities, article_year)
