"""Plausible English and Chinese names for synthetic clusters, parks, enterprises and initiatives."""

from __future__ import annotations

import random
import re

from loaders.gazetteer import Division, chinese_stem
from loaders.vocabulary import Concept

# Syllables of Chinese trade names with their characters: "Hengxin" / 恒鑫.
BRAND_SYLLABLES = (
    ("Heng", "恒"), ("Xin", "鑫"), ("Hua", "华"), ("Sheng", "盛"), ("Yuan", "源"), ("Da", "达"),
    ("Feng", "丰"), ("Hong", "宏"), ("Mei", "美"), ("Jin", "锦"), ("Rong", "荣"), ("Tai", "泰"),
    ("Xiang", "祥"), ("Long", "隆"), ("Jia", "嘉"), ("Rui", "瑞"), ("An", "安"), ("Kang", "康"),
    ("Yong", "永"), ("De", "德"), ("Tian", "天"), ("Bao", "宝"), ("Hai", "海"), ("Li", "力"),
    ("Wei", "伟"), ("Cheng", "诚"), ("Fu", "富"), ("Guang", "光"), ("Ming", "明"), ("Chang", "昌"),
    ("Yi", "亿"), ("Zhong", "中"), ("Xing", "兴"), ("Qiao", "桥"), ("Lan", "兰"), ("Yu", "宇"),
)  # fmt: skip
PARK_KINDS = (
    # (kind slug, English head noun, Chinese head noun, weight)
    ("park", "Textile Industrial Park", "纺织产业园", 5),
    ("development-zone", "Economic Development Zone", "经济开发区", 2),
    ("characteristic-town", "Characteristic Town", "特色小镇", 2),
    ("incubator-base", "Creative Design Incubation Base", "创意设计孵化基地", 1),
    ("industrial-base", "Industrial Base", "产业基地", 2),
    ("professional-market", "Trading Market", "专业市场", 2),
)
ENTERPRISE_FORMS = (
    ("Co., Ltd.", "有限公司"), ("Group Co., Ltd.", "集团有限公司"), ("Industrial Co., Ltd.", "实业有限公司"),
)  # fmt: skip
_PLACE_SUFFIX = re.compile(
    r"\s+(Autonomous County|Autonomous Banner|County|District|City|Banner|New Area)$", re.IGNORECASE
)


def short_place(division: Division) -> str:
    """``"Qinghe County"`` -> ``"Qinghe"``: how places appear inside names."""
    return _PLACE_SUFFIX.sub("", division.name_en).strip() or division.name_en


def place_zh(division: Division) -> str:
    return chinese_stem(division.name_zh) or division.name_zh


def industry_en(concept: Concept) -> str:
    """``"children's wear"`` -> ``"Children's Wear"``."""
    return " ".join(word[:1].upper() + word[1:] for word in concept.pref_label.split())


def industry_zh(concept: Concept) -> str:
    return concept.label_zh or "纺织"


def cluster_names(county: Division, industry: Concept) -> tuple[str, str]:
    return (
        f"{short_place(county)} {industry_en(industry)} Cluster",
        f"{place_zh(county)}{industry_zh(industry)}产业集群",
    )


def park_names(county: Division, industry: Concept, kind: int) -> tuple[str, str, str]:
    """(kind slug, English, Chinese) of a park of the ``kind``-th kind of :data:`PARK_KINDS`."""
    slug, head_en, head_zh, _ = PARK_KINDS[kind]
    if slug in ("characteristic-town", "professional-market"):
        head_en = f"{industry_en(industry)} {head_en}"
        head_zh = f"{industry_zh(industry)}{head_zh}"
    return slug, f"{short_place(county)} {head_en}", f"{place_zh(county)}{head_zh}"


def brand(rng: random.Random) -> tuple[str, str]:
    (en1, zh1), (en2, zh2) = rng.sample(BRAND_SYLLABLES, 2)
    return en1 + en2.lower(), zh1 + zh2


def enterprise_names(rng: random.Random, county: Division, industry: Concept) -> tuple[str, str]:
    name_en, name_zh = brand(rng)
    form_en, form_zh = rng.choice(ENTERPRISE_FORMS)
    return (
        f"{short_place(county)} {name_en} {industry_en(industry)} {form_en}",
        f"{place_zh(county)}{name_zh}{industry_zh(industry)}{form_zh}",
    )


def government_names(county: Division) -> tuple[str, str]:
    return f"{county.name_en} People's Government", f"{county.name_zh}人民政府"


def initiative_names(county: Division, industry: Concept, start: int, end: int) -> tuple[str, str]:
    return (
        f"{short_place(county)} {industry_en(industry)} Industry Upgrading Action Plan ({start}-{end})",
        f"{place_zh(county)}{industry_zh(industry)}产业提升行动计划（{start}—{end}年）",
    )
