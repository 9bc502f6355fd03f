"""The scorer of gold/README.md: extraction JSON against gold annotations, P/R/F1 per group and overall.

Matching is one-to-one and greedy best-first: every admissible (gold, predicted) pair gets a score, pairs
are taken from the best down (certain gold before uncertain, then document order), and each side is used
once. Uncertain gold items that match are dropped from the counts; unmatched ones are not misses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.eval.attributes import score_attributes
from kg.eval.gold import GoldArticle, GoldEntity, GoldFact
from kg.eval.matching import (
    TYPE_GROUPS,
    gold_key,
    name_score,
    names_equal,
    unit_key,
    value_distance,
    values_agree,
)
from kg.eval.places import Resolvers, gold_place_code, predicted_place_code, same_place
from kg.eval.scores import Item, Scores

Extractor = Callable[[Path], Mapping[str, Any]]
Pairs = list[tuple[int, int]]


def evaluate(
    gold: Sequence[GoldArticle], articles_dir: Path, extract: Extractor, resolvers: Resolvers | None = None
) -> Scores:
    """Run ``extract`` on each gold article found in ``articles_dir`` and score it; absent ones skip."""
    report = Scores()
    for article in gold:
        path = articles_dir / article.file
        if not path.is_file():
            report.skipped.append(article.file)
            continue
        score_article(report, article, extract(path), resolvers or Resolvers())
    return report


def score_article(
    report: Scores, gold: GoldArticle, predicted: Mapping[str, Any], resolvers: Resolvers
) -> None:
    """Add one article's entity, attribute and fact scores to ``report``."""
    report.articles.append(gold.file)
    entities: list[Mapping[str, Any]] = list(predicted.get("entities") or [])
    pairs = match_entities(gold.entities, entities, resolvers)
    score_entities(report, gold, entities, pairs)
    names = {gold_key(e.name): [e.name, *e.aliases] for e in gold.entities}
    for gi, pi in pairs:
        if not gold.entities[gi].uncertain:
            score_attributes(
                report.attributes, gold.file, gold.entities[gi], entities[pi], entities, resolvers, names
            )
    subjects = {gold.entities[gi].name: str(entities[pi].get("id")) for gi, pi in pairs}
    score_facts(report, gold, list(predicted.get("facts") or []), subjects)


def score_entities(
    report: Scores, gold: GoldArticle, entities: list[Mapping[str, Any]], pairs: Pairs
) -> None:
    section, matched_gold, matched_pred = report.entities, {g for g, _ in pairs}, {p for _, p in pairs}
    for gi, entity in enumerate(gold.entities):
        group = TYPE_GROUPS[entity.type]
        if entity.uncertain:
            continue
        if gi in matched_gold:
            section.score(group).tp += 1
        else:
            section.score(group).fn += 1
            section.misses.append(Item(gold.file, group, f"{entity.type} {entity.name}"))
    for pi, claimed in enumerate(entities):
        group = TYPE_GROUPS.get(str(claimed.get("type")), "other")
        if pi not in matched_pred:
            section.score(group).fp += 1
            text = f"{claimed.get('type')} {claimed.get('label')}"
            section.false_positives.append(Item(gold.file, group, text))


def match_entities(
    gold: Sequence[GoldEntity], predicted: Sequence[Mapping[str, Any]], resolvers: Resolvers
) -> Pairs:
    """One-to-one pairs (gold index, predicted index), greedy best-first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if TYPE_GROUPS[g.type] == TYPE_GROUPS.get(str(p.get("type"))):
                score = entity_score(g, p, resolvers)
                if score > 0:
                    candidates.append((-score, g.uncertain, gi, pi))
    return greedy(candidates)


def greedy(candidates: list[tuple[Any, ...]]) -> Pairs:
    """Take pairs best first (the tuples sort best first and end with gold index, predicted index)."""
    pairs: Pairs = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return pairs


def entity_score(gold: GoldEntity, predicted: Mapping[str, Any], resolvers: Resolvers) -> float:
    """100 for the same name or place, >= 85 for a close name, 85 for the cluster rule, else 0."""
    if TYPE_GROUPS[gold.type] == "places":
        gold_code, pred_code = gold_place_code(gold, resolvers), predicted_place_code(predicted, resolvers)
        if gold_code and pred_code:
            return 100.0 if gold_code == pred_code else 0.0
    names = [str(predicted.get("label") or ""), *map(str, predicted.get("aliases") or [])]
    score = name_score([gold.name, *gold.aliases], names)
    if score == 0 and gold.type == "IndustrialCluster" and same_cluster(gold, predicted, resolvers):
        return 85.0
    return score


def same_cluster(gold: GoldEntity, predicted: Mapping[str, Any], resolvers: Resolvers) -> bool:
    """A cluster in the same most specific place with an overlapping industry, whatever its name."""
    place = gold.attributes.get("located_in")
    if not isinstance(place, str) or not same_place(gold, place, predicted, resolvers):
        return False
    gold_industries = {resolvers.concept_key(str(i)) for i in gold.attributes.get("industries") or []}
    return bool(gold_industries & {resolvers.concept_key(str(i)) for i in predicted.get("industries") or []})


def score_facts(
    report: Scores, gold: GoldArticle, predicted: list[Mapping[str, Any]], subjects: dict[str, str]
) -> None:
    """Facts match on subject, value (0.5 %), unit and the gold year; groups are the kinds."""
    candidates = []
    for gi, g in enumerate(gold.facts):
        subject_iri = subject_of(g, gold.entities, subjects)
        for pi, p in enumerate(predicted):
            if fact_matches(g, p, subject_iri):
                closeness = -name_score([g.measure], [str(p.get("measure") or "")])
                candidates.append((g.uncertain, closeness, value_distance(g.value, p.get("value")), gi, pi))
    pairs = greedy(candidates)
    matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    section = report.facts
    for gi, fact in enumerate(gold.facts):
        if fact.uncertain:
            continue
        if gi in matched_gold:
            section.score(fact.kind).tp += 1
        else:
            section.score(fact.kind).fn += 1
            section.misses.append(
                Item(
                    gold.file,
                    fact.kind,
                    describe_fact(fact.subject, fact.measure, fact.value, fact.unit, fact.year),
                )
            )
    for pi, p in enumerate(predicted):
        if pi not in matched_pred:
            kind = str(p.get("kind") or "observation")
            section.score(kind).fp += 1
            text = describe_fact(
                p.get("subject_label"), p.get("measure"), p.get("value"), p.get("unit"), p.get("year")
            )
            section.false_positives.append(Item(gold.file, kind, text))


def subject_of(fact: GoldFact, entities: Sequence[GoldEntity], subjects: dict[str, str]) -> str | None:
    """The predicted IRI matched to the gold entity the fact is about, if any."""
    for entity in entities:
        if (
            any(names_equal(fact.subject, n) for n in (entity.name, *entity.aliases))
            and entity.name in subjects
        ):
            return subjects[entity.name]
    return None


def fact_matches(gold: GoldFact, predicted: Mapping[str, Any], subject_iri: str | None) -> bool:
    if subject_iri is not None:  # the gold subject was matched: the fact must be about that entity
        if subject_iri != str(predicted.get("subject")):
            return False
    elif not name_score([gold.subject], [str(predicted.get("subject_label") or "")]):
        return False
    if gold.year is not None and gold.year != predicted.get("year"):
        return False
    return unit_key(gold.unit) == unit_key(predicted.get("unit")) and values_agree(
        gold.value, predicted.get("value")
    )


def describe_fact(subject: object, measure: object, value: object, unit: object, year: object) -> str:
    when = f" ({year})" if year is not None else ""
    return f"{subject}: {measure} = {value} {unit or ''}{when}".replace("  ", " ")


def check_thresholds(
    report: Scores, entity_f1: float = 0.90, attribute_accuracy: float = 0.85, fact_f1: float = 0.80
) -> list[str]:
    """The thresholds of issue 3 that the report misses, as messages; empty when all are met."""
    failures = []
    if report.entities.overall.f1 < entity_f1:
        failures.append(f"entity F1 {report.entities.overall.f1:.3f} < {entity_f1:.2f}")
    if report.attribute_accuracy < attribute_accuracy:
        failures.append(f"attribute accuracy {report.attribute_accuracy:.3f} < {attribute_accuracy:.2f}")
    if report.facts.overall.f1 < fact_f1:
        failures.append(f"fact F1 {report.facts.overall.f1:.3f} < {fact_f1:.2f}")
    return failures
