"""The matching rules of the scorer (gold/README.md): names, units and values, each a small pure function."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

FUZZY_THRESHOLD = 85.0  # token-set similarity (0-100) at which two names count as the same
FUZZY_CEILING = 99.0  # the most a similar name scores: only an equal one scores 100
VALUE_TOLERANCE = 0.005  # relative: values within 0.5 % agree
TYPE_GROUPS: dict[str, str] = {
    "Province": "places",
    "City": "places",
    "County": "places",
    "Town": "places",
    "Region": "places",
    "IndustrialCluster": "clusters",
    "IndustrialPark": "parks",
    "Enterprise": "enterprises",
    "Organization": "organizations",
    "Initiative": "initiatives",
}
UNIT_SYNONYMS: dict[str, str] = {
    "yuan": "cny",
    "rmb": "cny",
    "renminbi": "cny",
    "%": "percent",
    "per cent": "percent",
    "pct": "percent",
    "people": "person",
    "company": "enterprise",
    "firm": "enterprise",
    "centre": "center",
}
PLACE_SUFFIXES = ("county", "city", "district", "province", "municipality", "autonomous region")


def gold_key(name: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces: ``"Children’s"`` -> ``"childrens"``."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def names_equal(a: str, b: str) -> bool:
    """Equal after normalising, spaces not counted: "Xiongan" = "Xiong'an", "Jing-Jin" = "Jing Jin"."""
    return gold_key(a).replace(" ", "") == gold_key(b).replace(" ", "")


def name_score(gold_names: Iterable[str], predicted_names: Iterable[str]) -> float:
    """100 for an equal name or alias, else the best token-set similarity, at most 99 (a name contained
    in another scores 100 by token sets, and an equal name must outrank it: a generic alias such as
    "industrial park" must not pair a gold park with another park ahead of its own); below the
    threshold it is 0."""
    gold, predicted = list(gold_names), list(predicted_names)
    if any(names_equal(g, p) for g in gold for p in predicted):
        return 100.0
    best = max((fuzz.token_set_ratio(gold_key(g), gold_key(p)) for g in gold for p in predicted), default=0.0)
    return min(best, FUZZY_CEILING) if best >= FUZZY_THRESHOLD else 0.0


def place_key(name: str) -> str:
    """A place name without its administrative suffix: ``"Qinghe County"`` -> ``"qinghe"``."""
    key = gold_key(name)
    for suffix in PLACE_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1].replace(" ", "")
    return key.replace(" ", "")


def unit_key(unit: object) -> str:
    """A unit in one spelling: ``"yuan"`` = ``"CNY"``, ``"%"`` = ``"percent"``, plurals singular."""
    text = " ".join(str(unit or "").casefold().split())
    text = UNIT_SYNONYMS.get(text, text)
    if len(text) > 3 and text.endswith("ies"):
        text = text[:-3] + "y"
    elif len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return UNIT_SYNONYMS.get(text, text)


def as_float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return None
    return None


def values_agree(gold: object, predicted: object) -> bool:
    """Numbers within 0.5 % of the gold value; anything else equal after normalising."""
    g, p = as_float(gold), as_float(predicted)
    if g is not None and p is not None:
        return abs(p - g) <= VALUE_TOLERANCE * abs(g)
    if g is None and p is None:
        return names_equal(str(gold), str(predicted))
    return False


def value_distance(gold: object, predicted: object) -> float:
    """How far apart two agreeing values are (0 for text), to prefer the closest in one-to-one matching."""
    g, p = as_float(gold), as_float(predicted)
    return abs(p - g) / max(abs(g), 1e-9) if g is not None and p is not None else 0.0
