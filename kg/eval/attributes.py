"""Attribute checks on matched entities: each gold attribute value is one check (correct or not).

Places (``located_in``, ``city``, ``province``) must be in the predicted located-in chain; industries
match on the concept (label or altLabel), and gold values that are labels of one concept ("wedding
dresses", "evening dresses") are one check; measures and designations on the concept or the name rule,
measures against the predicted measures and the initiative's aims as written (``aims``);
issuer, scope and part_of on the name rule (equal after normalising, or token-set >= 85), where a
value that names an entity of the article's gold also answers to that entity's aliases; year and
period exactly. ``cities`` is not scored: the extraction JSON gives one ``located_in`` per entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kg.eval.gold import GoldEntity
from kg.eval.matching import gold_key, name_score, place_key
from kg.eval.places import Resolvers, gold_value_code, predicted_chain
from kg.eval.scores import Item, Section

CHAIN_KEYS = ("located_in", "city", "province")
CONCEPT_KEYS = ("industries",)
LOOSE_CONCEPT_KEYS = ("measures", "designations")
NAME_KEYS = ("issuer", "scope", "part_of")
SCORED_KEYS = (*CHAIN_KEYS, *CONCEPT_KEYS, *LOOSE_CONCEPT_KEYS, *NAME_KEYS, "year", "period")


def as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def years(value: object) -> tuple[int | None, int | None]:
    """A period as (start, end): ``"2021/2023"``, ``"2021-2023"``, ``[2021, 2023]`` or ``{start, end}``."""
    if isinstance(value, Mapping):
        start, end = value.get("start"), value.get("end")
        return (int(start) if start is not None else None), (int(end) if end is not None else None)
    found = [int(y) for y in re.findall(r"\d{4}", " ".join(as_list(value)))]
    return (found[0], found[-1]) if found else (None, None)


def count_matches(gold: list[str], predicted: list[str], same: Callable[[str, str], bool]) -> int:
    """How many gold values find a distinct predicted value (one-to-one, gold order)."""
    free = list(predicted)
    hits = 0
    for value in gold:
        match = next((p for p in free if same(value, p)), None)
        if match is not None:
            free.remove(match)
            hits += 1
    return hits


def score_attributes(
    section: Section,
    article: str,
    gold: GoldEntity,
    predicted: Mapping[str, Any],
    entities: Sequence[Mapping[str, Any]],
    resolvers: Resolvers,
    names: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Add the checks of one matched (gold, predicted) pair to ``section``, grouped by attribute name.

    ``names``: the gold entities of the article by name key (:func:`gold_key`), with their aliases."""
    for key in SCORED_KEYS:
        if key not in gold.attributes:
            continue
        correct, total, claimed, shown = check(key, gold, predicted, entities, resolvers, names or {})
        score = section.score(key)
        score.tp += correct
        score.fn += total - correct
        score.fp += max(claimed - correct, 0)
        if correct < total:
            text = f"{gold.name}.{key} = {gold.attributes[key]} (predicted: {shown})"
            section.misses.append(Item(article, key, text))
        if claimed > correct and key not in CHAIN_KEYS:
            section.false_positives.append(Item(article, key, f"{gold.name}.{key}: {shown}"))


def check(
    key: str,
    gold: GoldEntity,
    predicted: Mapping[str, Any],
    entities: Sequence[Mapping[str, Any]],
    resolvers: Resolvers,
    names: Mapping[str, Sequence[str]],
) -> tuple[int, int, int, object]:
    """(correct, gold values, predicted values, what was predicted) for one attribute."""
    value = gold.attributes[key]
    if key in CHAIN_KEYS:
        codes, keys = predicted_chain(predicted, entities, resolvers)
        code = gold_value_code(gold, key, str(value), resolvers)
        ok = (code is not None and code in codes) or place_key(str(value)) in keys
        return int(ok), 1, int(bool(codes or keys)), predicted.get("place")
    if key == "year":
        claimed = predicted.get("year")
        return int(claimed == value), 1, int(claimed is not None), claimed
    if key == "period":
        claimed = predicted.get("period")
        ok = claimed is not None and years(claimed) == years(value)
        return int(ok), 1, int(claimed is not None), claimed
    wanted = as_list(value)
    got = as_list(predicted.get(key))
    if key == "measures":  # an initiative's aims as written are measures the scheme has no concept for
        got += [a for a in as_list(predicted.get("aims")) if a not in got]
    if key in CONCEPT_KEYS:  # two labels of one concept in the gold are one check
        wanted = list({resolvers.concept_key(g): g for g in reversed(wanted)}.values())[::-1]
        same = lambda g, p: resolvers.concept_key(g) == resolvers.concept_key(p)  # noqa: E731
    elif key in LOOSE_CONCEPT_KEYS:  # concepts too, but gold writes them freely: the name rule as well
        same = lambda g, p: resolvers.concept_key(g) == resolvers.concept_key(p) or name_score([g], [p]) > 0  # noqa: E731
    else:

        def same(g: str, p: str) -> bool:
            return name_score(names.get(gold_key(g), [g]), [p]) > 0 or place_key(g) == place_key(p)

    return count_matches(wanted, got, same), len(wanted), len(got), got
