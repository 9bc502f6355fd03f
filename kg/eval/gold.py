"""Gold annotation files (the scheme of ``gold/README.md``): ``articles: [{file, entities, facts}]``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.namespaces import ENTITY_TYPES

GOLD_TYPES = frozenset(ENTITY_TYPES)
FACT_KINDS = frozenset({"target", "observation", "event"})
ENTITY_KEYS = frozenset({"type", "name", "aliases", "uncertain"})


@dataclass(frozen=True)
class GoldEntity:
    """An entity a careful reader takes from the article; ``attributes`` are the other keys as written."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    uncertain: bool = False
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldFact:
    subject: str
    measure: str
    value: Any
    unit: str | None
    kind: str
    year: int | None = None
    comparator: str | None = None
    uncertain: bool = False


@dataclass(frozen=True)
class GoldArticle:
    file: str
    entities: tuple[GoldEntity, ...]
    facts: tuple[GoldFact, ...]


def load_gold(path: Path) -> list[GoldArticle]:
    """Read and check a gold file; InputError names the file and the bad entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: unreadable gold file ({exc})") from exc
    if not isinstance(data, Mapping) or not isinstance(data.get("articles"), list):
        raise InputError(f"{path}: a gold file is a mapping with a list under 'articles'")
    return [_article(path, i, item) for i, item in enumerate(data["articles"])]


def _article(path: Path, index: int, item: object) -> GoldArticle:
    where = f"{path}: articles[{index}]"
    if not isinstance(item, Mapping) or not isinstance(item.get("file"), str):
        raise InputError(f"{where}: an article needs a 'file' name")
    entities = tuple(_entity(f"{where}.entities[{i}]", e) for i, e in enumerate(item.get("entities") or []))
    facts = tuple(_fact(f"{where}.facts[{i}]", f) for i, f in enumerate(item.get("facts") or []))
    return GoldArticle(item["file"], entities, facts)


def _entity(where: str, item: object) -> GoldEntity:
    if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
        raise InputError(f"{where}: an entity needs a 'name'")
    if item.get("type") not in GOLD_TYPES:
        raise InputError(f"{where}: unknown entity type {item.get('type')!r}")
    attributes = {str(k): v for k, v in item.items() if k not in ENTITY_KEYS and v is not None}
    aliases = tuple(str(a) for a in item.get("aliases") or [])
    return GoldEntity(item["type"], item["name"], aliases, bool(item.get("uncertain")), attributes)


def _fact(where: str, item: object) -> GoldFact:
    if not isinstance(item, Mapping) or not isinstance(item.get("subject"), str):
        raise InputError(f"{where}: a fact needs a 'subject'")
    if item.get("kind") not in FACT_KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(sorted(FACT_KINDS))}")
    if "value" not in item:
        raise InputError(f"{where}: a fact needs a 'value'")
    year = item.get("year")
    if year is not None and not isinstance(year, int):
        raise InputError(f"{where}: year must be an integer, not {year!r}")
    unit = item.get("unit")
    return GoldFact(
        subject=item["subject"],
        measure=str(item.get("measure") or ""),
        value=item["value"],
        unit=str(unit) if unit is not None else None,
        kind=item["kind"],
        year=year,
        comparator=item.get("comparator"),
        uncertain=bool(item.get("uncertain")),
    )
