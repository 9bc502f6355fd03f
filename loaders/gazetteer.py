"""The gazetteer: China's divisions, towns and regions by code and by any English or Chinese name.

Pure lookups over ``data/gazetteer/`` (built by ``tkg gazetteer``); loaded once, then dictionaries only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("code", "name_zh", "name_en", "level", "parent_code", "lat", "lon")
LEVELS = ("province", "city", "county", "town")
CHINESE_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "街道",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "镇",
    "乡",
)


@dataclass(frozen=True)
class Division:
    code: str
    name_zh: str
    name_en: str
    level: str  # province | city | county | town
    parent_code: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    pinyin: str | None = None  # toneless pinyin of the full Chinese name: "Ci Xian"


@dataclass(frozen=True)
class Region:
    slug: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...]
    spans: tuple[str, ...]
    located_in: str | None


SPACES = re.compile(r"\s+")
LOOSE_DROPS = re.compile(r"['\-\s.]")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def normalize(name: str) -> str:
    """The exact key: case-folded, typographic apostrophes and spacing unified."""
    text = name.translate(APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    return SPACES.sub(" ", text).strip().casefold()


def loosen(name: str) -> str:
    """The loose key: no diacritics, apostrophes, hyphens or spaces ("Xi'an" and "Xian" meet here)."""
    return _loosen_key(normalize(name))


def _loosen_key(text: str) -> str:
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return LOOSE_DROPS.sub("", text)


def _float(text: str) -> float | None:
    return float(text) if text else None


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(";") if part.strip())


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_overrides(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """overrides.csv: code -> (English name or "", extra aliases)."""
    return {row["code"]: (row["name_en"].strip(), _split(row["aliases"])) for row in _rows(path)}


def read_divisions(path: Path, names: dict[str, dict[str, str]]) -> Iterator[Division]:
    for row in _rows(path):
        extra = names.get(row["code"], {})
        yield Division(
            code=row["code"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            level=row["level"],
            parent_code=row["parent_code"] or None,
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            aliases=_split(extra.get("aliases")),
            pinyin=extra.get("pinyin") or None,
        )


def read_regions(path: Path) -> Iterator[Region]:
    for row in _rows(path):
        yield Region(
            slug=row["slug"],
            name_en=row["name_en"],
            name_zh=row["name_zh"],
            aliases=_split(row["aliases"]),
            spans=_split(row["spans"]),
            located_in=row["located_in"] or None,
        )


def chinese_stem(name_zh: str) -> str | None:
    """``"邢台市" -> "邢台"``; None when nothing of two or more characters would be left."""
    suffix = next((s for s in CHINESE_SUFFIXES if name_zh.endswith(s)), "")
    stem = name_zh[: len(name_zh) - len(suffix)]
    return stem if suffix and len(stem) >= 2 else None


def surface_forms(division: Division) -> list[str]:
    """Every name a division answers to, English name first."""
    forms = [division.name_en, *division.aliases, division.name_zh]
    if division.level == "town" and any(a.endswith(" Subdistrict") for a in division.aliases):
        forms.append(f"{division.name_en} Town")  # a town turned subdistrict keeps its name in English
    if division.pinyin:
        forms.append(division.pinyin)
    stem = chinese_stem(division.name_zh)
    if stem:
        forms.append(stem)
    return list(dict.fromkeys(forms))


class Gazetteer:
    """Divisions and regions with their indexes; see :meth:`from_dir`.

    >>> hebei = Division("130000", "河北省", "Hebei", "province", None, None, None, ("Hebei Province",))
    >>> gaz = Gazetteer([hebei], [])
    >>> [d.code for d in gaz.lookup("hebei province")]
    ['130000']
    """

    def __init__(self, divisions: Iterable[Division], regions: Iterable[Region]) -> None:
        self._by_code = {division.code: division for division in divisions}
        self._regions = list(regions)
        self._forms: list[tuple[str, str]] = []
        self._exact: dict[str, list[str]] = {}
        self._loose: dict[str, list[str]] = {}
        for division in sorted(self._by_code.values(), key=lambda d: (LEVELS.index(d.level), d.code)):
            for form in surface_forms(division):
                self._forms.append((form, division.code))
                key = normalize(form)
                self._exact.setdefault(key, []).append(division.code)
                self._loose.setdefault(_loosen_key(key), []).append(division.code)
        self._region_keys = {
            normalize(name): region
            for region in self._regions
            for name in (region.slug, region.name_en, region.name_zh, *region.aliases)
        }

    @classmethod
    def from_dir(cls, path: Path) -> Gazetteer:
        """Read divisions.csv, towns.csv, names.csv, overrides.csv and regions.csv from ``path``."""
        names = {row["code"]: row for row in _rows(path / "names.csv")}
        for code, (_, aliases) in read_overrides(path / "overrides.csv").items():
            row = names.setdefault(code, {"code": code, "pinyin": "", "aliases": ""})
            row["aliases"] = ";".join(dict.fromkeys([*_split(row["aliases"]), *aliases]))
        divisions = [
            *read_divisions(path / "divisions.csv", names),
            *read_divisions(path / "towns.csv", names),
        ]
        return cls(divisions, read_regions(path / "regions.csv"))

    def divisions(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def regions(self) -> Iterator[Region]:
        return iter(self._regions)

    def get(self, code: str) -> Division | None:
        return self._by_code.get(code)

    def parent(self, code: str) -> Division | None:
        division = self._by_code.get(code)
        return self._by_code.get(division.parent_code) if division and division.parent_code else None

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, self first, province last; [] for an unknown code."""
        out: list[Division] = []
        current = self._by_code.get(code)
        while current is not None and current not in out:
            out.append(current)
            current = self._by_code.get(current.parent_code) if current.parent_code else None
        return out

    def province_of(self, code: str) -> Division | None:
        chain = self.chain(code)
        return chain[-1] if chain and chain[-1].level == "province" else None

    def lookup(self, name: str) -> list[Division]:
        """All divisions a name may denote: exact matches first (province before city before county),
        then those that only match without apostrophes, hyphens and spaces ("Xian" also finds Xi'an)."""
        codes = self._exact.get(normalize(name), []) + self._loose.get(loosen(name), [])
        return [self._by_code[code] for code in dict.fromkeys(codes)]

    def lookup_region(self, name: str) -> Region | None:
        return self._region_keys.get(normalize(name))

    def names(self) -> Iterator[tuple[str, str]]:
        """(surface form, code) pairs for a phrase matcher; regions under ``region/<slug>``."""
        yield from self._forms
        for region in self._regions:
            for name in dict.fromkeys((region.name_en, region.name_zh, *region.aliases)):
                yield name, f"region/{region.slug}"
