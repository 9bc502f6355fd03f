"""The committed gazetteer: English names, the located-in tree, counts and name lookups."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from loaders.gazetteer import COLUMNS, Gazetteer, loosen, normalize

DATA = Path(__file__).parents[2] / "data" / "gazetteer"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_dir(DATA)


NAMES = [
    # provinces: conventional names
    pytest.param("110000", "Beijing", id="beijing"),
    pytest.param("120000", "Tianjin", id="tianjin"),
    pytest.param("130000", "Hebei", id="hebei"),
    pytest.param("140000", "Shanxi", id="shanxi"),
    pytest.param("610000", "Shaanxi", id="shaanxi"),
    pytest.param("150000", "Inner Mongolia", id="inner-mongolia"),
    pytest.param("450000", "Guangxi", id="guangxi"),
    pytest.param("540000", "Tibet", id="tibet"),
    pytest.param("640000", "Ningxia", id="ningxia"),
    pytest.param("650000", "Xinjiang", id="xinjiang"),
    pytest.param("810000", "Hong Kong", id="hong-kong"),
    pytest.param("820000", "Macao", id="macao"),
    pytest.param("710000", "Taiwan", id="taiwan"),
    pytest.param("500000", "Chongqing", id="chongqing-polyphone"),
    # prefecture level: bare names, polyphones, apostrophes, minority names, suffixes
    pytest.param("430100", "Changsha", id="changsha-polyphone"),
    pytest.param("211300", "Chaoyang", id="chaoyang-polyphone"),
    pytest.param("411100", "Luohe", id="luohe-polyphone"),
    pytest.param("341500", "Lu'an", id="luan-polyphone-apostrophe"),
    pytest.param("340300", "Bengbu", id="bengbu"),
    pytest.param("350200", "Xiamen", id="xiamen"),
    pytest.param("511100", "Leshan", id="leshan"),
    pytest.param("341600", "Bozhou", id="bozhou"),
    pytest.param("610100", "Xi'an", id="xian-apostrophe"),
    pytest.param("370900", "Tai'an", id="taian-apostrophe"),
    pytest.param("360800", "Ji'an", id="jian-apostrophe"),
    pytest.param("610600", "Yan'an", id="yanan-apostrophe"),
    pytest.param("152200", "Hinggan League", id="hinggan-league"),
    pytest.param("230100", "Harbin", id="harbin"),
    pytest.param("650100", "Urumqi", id="urumqi"),
    pytest.param("150100", "Hohhot", id="hohhot"),
    pytest.param("540100", "Lhasa", id="lhasa"),
    pytest.param("653100", "Kashgar Prefecture", id="kashgar-prefecture"),
    pytest.param("130500", "Xingtai", id="xingtai-bare-city"),
    pytest.param("140400", "Changzhi", id="changzhi"),
    pytest.param("422800", "Enshi Tujia and Miao Autonomous Prefecture", id="enshi-autonomous-prefecture"),
    pytest.param("152900", "Alxa League", id="alxa-league"),
    pytest.param("429006", "Tianmen", id="tianmen-province-direct"),
    pytest.param("419001", "Jiyuan", id="jiyuan-province-direct"),
    pytest.param("220100", "Changchun", id="changchun"),
    pytest.param("210200", "Dalian", id="dalian"),
    pytest.param("320500", "Suzhou", id="suzhou-jiangsu"),
    pytest.param("330100", "Hangzhou", id="hangzhou"),
    pytest.param("350500", "Quanzhou", id="quanzhou"),
    pytest.param("360100", "Nanchang", id="nanchang"),
    pytest.param("370100", "Jinan", id="jinan"),
    pytest.param("440100", "Guangzhou", id="guangzhou"),
    pytest.param("460100", "Haikou", id="haikou"),
    pytest.param("510100", "Chengdu", id="chengdu"),
    pytest.param("520100", "Guiyang", id="guiyang"),
    pytest.param("530100", "Kunming", id="kunming"),
    pytest.param("620100", "Lanzhou", id="lanzhou"),
    pytest.param("630100", "Xining", id="xining"),
    pytest.param("640100", "Yinchuan", id="yinchuan"),
    pytest.param("450100", "Nanning", id="nanning"),
    pytest.param("340100", "Hefei", id="hefei"),
    pytest.param("410100", "Zhengzhou", id="zhengzhou"),
    pytest.param("420100", "Wuhan", id="wuhan"),
    # county level
    pytest.param("440113", "Panyu District", id="panyu-district"),
    pytest.param("371522", "Shen County", id="shen-county-polyphone"),
    pytest.param("371722", "Shan County", id="shan-county-polyphone"),
    pytest.param("141024", "Hongtong County", id="hongtong-polyphone"),
    pytest.param("361124", "Yanshan County", id="yanshan-polyphone"),
    pytest.param("130181", "Xinji", id="xinji-county-level-city"),
    pytest.param("130427", "Ci County", id="ci-county-one-syllable"),
    pytest.param("130929", "Xian County", id="xian-county-one-syllable"),
    pytest.param("370687", "Haiyang", id="haiyang"),
    pytest.param("130534", "Qinghe County", id="qinghe-county"),
    pytest.param("130225", "Laoting County", id="laoting-polyphone"),
    pytest.param("341621", "Guoyang County", id="guoyang-polyphone"),
    pytest.param("110105", "Chaoyang District", id="chaoyang-district"),
    pytest.param("310115", "Pudong New Area", id="pudong-new-area"),
    pytest.param("150521", "Horqin Left Middle Banner", id="banner-modifiers"),
    pytest.param("150723", "Oroqen Autonomous Banner", id="oroqen-autonomous-banner"),
    pytest.param("130321", "Qinglong Manchu Autonomous County", id="autonomous-county"),
    pytest.param("520203", "Liuzhi Special District", id="special-district"),
    pytest.param("429021", "Shennongjia Forestry District", id="forestry-district"),
    pytest.param("653101", "Kashgar", id="kashgar-city"),
    pytest.param("533401", "Shangri-La", id="shangri-la"),
    pytest.param("222404", "Hunchun", id="hunchun"),
    pytest.param("330382", "Yueqing", id="yueqing-polyphone"),
    pytest.param("371481", "Laoling", id="laoling-polyphone"),
    pytest.param("650102", "Tianshan District", id="xinjiang-district"),
    pytest.param("350105", "Mawei District", id="mawei-polyphone"),
    pytest.param("410923", "Nanle County", id="nanle-polyphone"),
    pytest.param("150603", "Kangbashi District", id="kangbashi-polyphone"),
    pytest.param("140428", "Zhangzi County", id="zhangzi-polyphone"),
    pytest.param("230600", "Daqing", id="daqing"),
    pytest.param("620200", "Jiayuguan", id="jiayuguan-undivided-city"),
    pytest.param("460202", "Haitang District", id="hainan-district"),
]


@pytest.mark.parametrize(("code", "name_en"), NAMES)
def test_english_name(gaz: Gazetteer, code: str, name_en: str) -> None:
    division = gaz.get(code)
    assert division is not None
    assert division.name_en == name_en


def test_spot_checks_cover_every_province(gaz: Gazetteer) -> None:
    provinces = {gaz.province_of(str(param.values[0])) for param in NAMES}
    assert len(NAMES) >= 60
    assert len(provinces) >= 30


def test_counts_per_level_are_plausible(gaz: Gazetteer) -> None:
    counts = Counter(division.level for division in gaz.divisions())
    assert counts["province"] == 34
    assert 330 <= counts["city"] <= 380  # ~333 prefecture-level + cities directly under a province
    assert 2750 <= counts["county"] <= 2900
    assert counts["town"] >= 25


def test_codes_are_unique_and_well_formed() -> None:
    with (DATA / "divisions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert {row["level"] for row in rows} == {"province", "city", "county"}


def test_every_division_chain_reaches_a_province(gaz: Gazetteer) -> None:
    for division in gaz.divisions():
        chain = gaz.chain(division.code)
        assert chain[0] == division
        assert chain[-1].level == "province", division.code
        assert chain[-1].parent_code is None


def test_csv_round_trip(gaz: Gazetteer, tmp_path: Path) -> None:
    with (DATA / "divisions.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    copy = tmp_path / "divisions.csv"
    with copy.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert copy.read_text(encoding="utf-8") == (DATA / "divisions.csv").read_text(encoding="utf-8")
    again = Gazetteer.from_dir(tmp_path)
    assert again.get("130534") == Gazetteer.from_dir(tmp_path).get("130534")
    assert again.get("130534") is not None


def test_tianmen_is_a_city_under_its_province(gaz: Gazetteer) -> None:
    tianmen = gaz.get("429006")
    assert tianmen is not None and tianmen.level == "city" and tianmen.parent_code == "420000"


def test_municipal_districts_sit_under_the_municipality(gaz: Gazetteer) -> None:
    assert [d.code for d in gaz.chain("110105")] == ["110105", "110000"]


def test_chain_county_city_province(gaz: Gazetteer) -> None:
    assert [d.code for d in gaz.chain("130534")] == ["130534", "130500", "130000"]
    province = gaz.province_of("130534")
    assert province is not None and province.name_en == "Hebei"


def codes(gaz: Gazetteer, name: str) -> list[str]:
    return [division.code for division in gaz.lookup(name)]


@pytest.mark.parametrize("name", ["Ningjin", "Ningjin County", "ningjin county", "宁晋"])
def test_lookup_ningjin_finds_candidates(gaz: Gazetteer, name: str) -> None:
    found = set(codes(gaz, name))
    assert "130528" in found
    if name != "宁晋":
        assert "371422" in found


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("Xinji", "130181", id="xinji"),
        pytest.param("Xinji City", "130181", id="xinji-city"),
        pytest.param("Cixian", "130427", id="cixian"),
        pytest.param("Ci County", "130427", id="ci-county"),
        pytest.param("磁县", "130427", id="ci-chinese"),
        pytest.param("Haiyang", "370687", id="haiyang"),
        pytest.param("Hebei Province", "130000", id="hebei-province"),
        pytest.param("Xingtai City", "130500", id="xingtai-city"),
        pytest.param("邢台", "130500", id="xingtai-chinese-stem"),
        pytest.param("Tibet Autonomous Region", "540000", id="tibet-full"),
        pytest.param("Xizang", "540000", id="xizang"),
        pytest.param("Macau", "820000", id="macau"),
        pytest.param("Xi’an", "610100", id="xian-typographic-apostrophe"),
        pytest.param("Kashi", "653101", id="kashgar-pinyin"),
        pytest.param("Humen Town", "441900-humen", id="humen-town"),
        pytest.param("Shengze", "320509-shengze", id="shengze"),
    ],
)
def test_lookup_resolves(gaz: Gazetteer, name: str, code: str) -> None:
    assert code in codes(gaz, name)


def test_lookup_qinghe_finds_county_and_district(gaz: Gazetteer) -> None:
    # Huai'an's Qinghe District became Qingjiangpu District (320812) in 2016; Tieling's remains.
    found = codes(gaz, "Qinghe")
    assert {"130534", "211204"} <= set(found)
    assert "320812" not in found


def test_lookup_xian_keeps_xian_city_and_xian_county_apart(gaz: Gazetteer) -> None:
    assert codes(gaz, "Xi'an")[0] == "610100"
    assert "610100" in codes(gaz, "Xian")  # the apostrophe is often dropped
    assert "130929" not in codes(gaz, "Xian")  # a one-syllable county is not named alone
    assert codes(gaz, "Xian County") == ["130929"]
    assert codes(gaz, "Xianxian") == ["130929"]


def test_lookup_orders_provinces_first(gaz: Gazetteer) -> None:
    assert codes(gaz, "Hainan")[0] == "460000"


def test_lookup_unknown_is_empty(gaz: Gazetteer) -> None:
    assert gaz.lookup("Atlantis") == []


@pytest.mark.parametrize("word", ["She", "Ci", "Yu", "Li"])
def test_one_syllable_stems_alone_are_no_names(gaz: Gazetteer, word: str) -> None:
    assert all(division.level != "county" for division in gaz.lookup(word))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        pytest.param("Jing-Jin-Ji", "beijing-tianjin-hebei", id="jingjinji"),
        pytest.param("Yangtze River Delta", "yangtze-river-delta", id="yrd"),
        pytest.param("Bohai Sea Rim area", "bohai-rim", id="bohai"),
        pytest.param("Xiongan New Area", "xiongan-new-area", id="xiongan"),
        pytest.param("Greater Bay Area", "guangdong-hong-kong-macao-greater-bay-area", id="gba"),
    ],
)
def test_lookup_region(gaz: Gazetteer, name: str, slug: str) -> None:
    region = gaz.lookup_region(name)
    assert region is not None and region.slug == slug


def test_regions_span_known_places(gaz: Gazetteer) -> None:
    for region in gaz.regions():
        assert region.spans
        for code in (*region.spans, *([region.located_in] if region.located_in else [])):
            assert gaz.get(code) is not None, (region.slug, code)


def test_towns_sit_under_a_county_or_undivided_city(gaz: Gazetteer) -> None:
    towns = [d for d in gaz.divisions() if d.level == "town"]
    for town in towns:
        parent = gaz.parent(town.code)
        assert parent is not None and parent.level in ("county", "city"), town.code
        assert town.code.startswith(parent.code + "-")


def test_names_feed_a_phrase_matcher(gaz: Gazetteer) -> None:
    pairs = set(gaz.names())
    assert ("Ci County", "130427") in pairs
    assert ("Cixian", "130427") in pairs
    assert ("Jing-Jin-Ji", "region/beijing-tianjin-hebei") in pairs


def test_keys() -> None:
    assert normalize("  Xi’an ") == "xi'an"
    assert loosen("Xi'an") == loosen("Xian") == "xian"
    assert loosen("Samzhubzê") == "samzhubze"
