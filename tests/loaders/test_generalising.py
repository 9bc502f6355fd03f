"""Mechanisms of issue 12 on small texts written for these tests: hubs and their industries, the
subject a figure belongs to, years, units, ranks and fractions, trade names and lists of firms, listed
clusters, sub-parks, quoted plan titles and split organization lists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Graph, URIRef

from kg.namespaces import INDUSTRY, TKG
from loaders.article import detect_date
from loaders.figures import find_figures
from loaders.resources import Resources
from loaders.sentences import split_sentences
from tests.loaders.helpers import IDS, graph_of, labelled


def figures_of(g: Graph, subject: URIRef) -> set[tuple[Decimal, str]]:
    return {
        (Decimal(str(g.value(f, TKG.value))), str(g.value(f, TKG.unit)))
        for f in g.subjects(TKG.figureOf, subject)
    }


def years_of(g: Graph) -> dict[Decimal, int | None]:
    found = {}
    for f in g.subjects(TKG.figureOf, None):
        year = g.value(f, TKG.year)
        found[Decimal(str(g.value(f, TKG.value)))] = int(str(year)) if year is not None else None
    return found


SOCKS = (
    "Socks town\n\n"
    "Datang Town of Zhuji is the largest hosiery production base in the world. "
    "There are 150 industrial enterprises above designated size in the town.\n"
)


def test_a_hub_place_gets_its_figures_and_industries(resources: Resources) -> None:
    g = graph_of(SOCKS, resources)
    datang = IDS.place("330681-datang")
    assert (datang, TKG.specializesIn, INDUSTRY["hosiery"]) in g
    assert (Decimal(150), "enterprises") in figures_of(g, datang)


def test_an_industry_chain_lists_the_place_industries(resources: Resources) -> None:
    text = (
        "Chain\n\nHaining has built an industry chain integrating spinning, weaving and printing and "
        "dyeing.\n"
    )
    g = graph_of(text, resources)
    industries = set(g.objects(IDS.place("330481"), TKG.specializesIn))
    assert {INDUSTRY["yarns"], INDUSTRY["printing-and-dyeing"]} <= industries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Xinhua) 13:40, May 26, 2023\n\nThe town grew.", "2023-05-26", id="byline"),
        pytest.param(
            "A long first paragraph about the county that tells its history at length and says that it was "
            "promoted from a county to a city on Feb. 18th, 1994, with permission of the State Council.",
            None,
            id="prose-date-is-an-event",
        ),
    ],
)
def test_publication_date(text: str, expected: str | None) -> None:
    assert detect_date(text) == expected


def test_relative_and_paragraph_years() -> None:
    text = (
        "Last year, the town produced 30 million pairs of socks. "
        "In 2019, the county had 900 textile companies. Then 120 companies exported.\n"
    )
    found = find_figures(split_sentences(text, [(0, len(text))]), 2024)
    years = {f.value: f.year for f in found}
    assert years[Decimal(30_000_000)] == 2023
    assert years[Decimal(900)] == 2019
    assert years[Decimal(120)] == 2019


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        pytest.param("The city has 3,000 garment producers.", Decimal(3000), "enterprises", id="producers"),
        pytest.param(
            "It exported 100, 000 sets of sweaters.", Decimal(100_000), "sets", id="spaced-thousands"
        ),
        pytest.param("It makes a third of the country's ties.", Decimal("33.3"), "percent", id="a-third"),
        pytest.param("The town ranked first in the province.", Decimal(1), "rank", id="rank"),
        pytest.param("It has a population of 133,500.", Decimal(133_500), "persons", id="population"),
        pytest.param(
            "Goods sell to 30 countries and regions.", Decimal(30), "countries and regions", id="c-r"
        ),
        pytest.param("It shipped 160,000 ton of yarn.", Decimal(160_000), "tons", id="ton"),
    ],
)
def test_units_ranks_and_fractions(sentence: str, value: Decimal, unit: str) -> None:
    found = find_figures(split_sentences(sentence, [(0, len(sentence))]), 2024)
    assert (value, unit) in {(f.value, f.unit) for f in found}


def test_firms_in_lists_and_trade_names(resources: Resources) -> None:
    text = (
        "Firms\n\nIn Wangjiang County, textile enterprises like Anmei, Boyu, and Chenxi grew. "
        "New invested Fuhong Textile opened a mill in Wangjiang County.\n"
    )
    g = graph_of(text, resources)
    firms = labelled(g, TKG.Enterprise)
    assert {"Anmei", "Boyu", "Chenxi", "Fuhong Textile"} <= set(firms)


def test_a_trade_name_does_not_place_the_firm(resources: Resources) -> None:
    text = (
        "Firms\n\nWangjiang County has 300 textile companies. "
        "Its leaders in Wangjiang County are enterprises such as Huitong Textile and Lixin Printing and "
        "Dyeing.\n"
    )
    g = graph_of(text, resources)
    firm = labelled(g, TKG.Enterprise)["Huitong Textile"]
    assert (firm, TKG.locatedIn, IDS.place("340827")) in g  # Wangjiang, not Huitong County of Hunan
    places = {str(o) for o in g.objects(None, TKG.locatedIn)}
    assert str(IDS.place("431225")) not in places


def test_listed_clusters_are_one_per_industry(resources: Resources) -> None:
    text = "Clusters\n\nHaining will foster three clusters: wool spinning, knitwear and home textiles.\n"
    g = graph_of(text, resources)
    clusters = labelled(g, TKG.IndustrialCluster)
    assert len(clusters) == 3


def test_sub_parks_of_a_park(resources: Resources) -> None:
    text = (
        "Park\n\nThe Hechi Silk Industry Park opened in Hechi. "
        "It consists of two parks, namely Guanhua Garden for silk weaving and Yihua Garden for home "
        "textiles.\n"
    )
    g = graph_of(text, resources)
    parks = labelled(g, TKG.IndustrialPark)
    assert (parks["Guanhua Garden"], TKG.partOf, parks["Hechi Silk Industry Park"]) in g
    assert (parks["Yihua Garden"], TKG.specializesIn, INDUSTRY["home-textiles"]) in g


def test_notice_issuing_a_list_and_two_bodies(resources: Resources) -> None:
    text = (
        "Notice\n\nNotice of the General Office of the Ministry of Industry and Information Technology on "
        "Issuing the List of Key Textile Brand Enterprises (2020 Edition). The list was drawn up with the "
        "China Textile Industry Federation and China Commercial Federation.\n"
    )
    g = graph_of(text, resources, None)
    assert "List of Key Textile Brand Enterprises (2020 Edition)" in labelled(g, TKG.Initiative)
    orgs = labelled(g, TKG.Organization)
    assert {"China Textile Industry Federation", "China Commercial Federation"} <= set(orgs)


def test_a_lower_case_government_issues_a_plan(resources: Resources) -> None:
    text = (
        "Plan\n\nXinjiang builds textile zones. The General Plan of Korla Textile Industry Zone was approved "
        "by the autonomous region government. Xinjiang expects more mills.\n"
    )
    g = graph_of(text, resources)
    government = labelled(g, TKG.Organization)["Xinjiang Autonomous Region Government"]
    plan = labelled(g, TKG.Initiative)["General Plan of Korla Textile Industry Zone"]
    assert (plan, TKG.issuedBy, government) in g


PRODUCTION = (
    "Yiwu\n\nYiwu is a trading city in Zhejiang. Its production of socks, garments and home textiles "
    "supplies buyers in many countries.\n"
)
TAKING_SHAPE = (
    "Hengcun\n\nWorkshops multiplied along the river in the 1990s. Over two decades a knitwear production "
    "cluster took shape in Hengcun Town. The output value of the related industry is about 5 billion "
    "yuan, accounting for 60 percent of the total output value of the town.\n"
)


def test_what_a_place_produces_are_its_industries(resources: Resources) -> None:
    g = graph_of(PRODUCTION, resources)
    industries = set(g.objects(IDS.place("330782"), TKG.specializesIn))
    assert {INDUSTRY["socks"], INDUSTRY["garments"], INDUSTRY["home-textiles"]} <= industries


def test_a_cluster_taking_shape_in_a_town_owns_the_related_industry_figures(resources: Resources) -> None:
    g = graph_of(TAKING_SHAPE, resources)
    clusters = labelled(g, TKG.IndustrialCluster)
    assert len(clusters) == 1
    cluster = next(iter(clusters.values()))
    assert (cluster, TKG.locatedIn, IDS.place("330122-hengcun")) in g
    assert (cluster, TKG.specializesIn, INDUSTRY["knitwear"]) in g
    assert figures_of(g, cluster) == {(Decimal(5000000000), "CNY"), (Decimal(60), "percent")}


PLAN_AIMS = (
    "Plan\n\nThe Jiangxi Province Action Plan for Textile Upgrading (2021-2025) was issued in March. "
    "The action plan strives to lift the whole industry within five years. "
    "Exports grow by 12%. Enterprises above designated size number 900 enterprises.\n\n"
    "In 2020 Jiangxi had 700 textile enterprises.\n"
)


def test_a_paragraph_opening_with_a_plans_aims_lists_its_targets(resources: Resources) -> None:
    g = graph_of(PLAN_AIMS, resources, date="2021-04-01")
    plan = next(iter(labelled(g, TKG.Initiative).values()))
    targets = {
        (Decimal(str(g.value(f, TKG.value))), str(g.value(f, TKG.year)))
        for f in g.subjects(TKG.figureOf, plan)
        if (f, RDF.type, TKG.Target) in g
    }
    assert targets == {(Decimal(12), "2025"), (Decimal(900), "2025")}
    assert (Decimal(700), "enterprises") in figures_of(g, IDS.place("360000"))


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Jinjiang is one of the top 100 counties in China.", id="top"),
        pytest.param("The market is one of the first 35 key markets in China.", id="first-batch"),
    ],
)
def test_a_ranked_list_is_no_count(sentence: str) -> None:
    text = f"T\n\n{sentence}\n"
    assert find_figures(split_sentences(text, [(0, len(text))]), 2024) == []


def test_the_market_areas_a_park_lists_are_its_industries(resources: Resources) -> None:
    text = (
        "Market\n\nThe Lanxi Cloth Market covers 2 square kilometres with 5 market areas, including a silk "
        "market, a footwear hall and a home textiles hall.\n"
    )
    g = graph_of(text, resources)
    market = labelled(g, TKG.IndustrialPark)["Lanxi Cloth Market"]
    industries = set(g.objects(market, TKG.specializesIn))
    assert {INDUSTRY["silk"], INDUSTRY["footwear"], INDUSTRY["home-textiles"]} <= industries


def test_a_production_area_and_an_industrial_advantage_name_place_industries(resources: Resources) -> None:
    text = (
        "Silk\n\nNanchong is the largest silkworm production area in Sichuan. The park builds on "
        "Langzhong's silkworm cocoon industrial advantages.\n"
    )
    g = graph_of(text, resources)
    assert (IDS.place("511300"), TKG.specializesIn, INDUSTRY["sericulture"]) in g
    assert (IDS.place("511381"), TKG.specializesIn, INDUSTRY["silkworm-cocoons"]) in g


def test_the_number_of_things_gives_the_unit() -> None:
    text = "T\n\nThe number of design studios rises to 200. The number of weaving firms was 350 in 2020.\n"
    found = find_figures(split_sentences(text, [(0, len(text))]), 2024)
    assert [(f.value, f.unit) for f in found] == [(Decimal(200), "studios"), (Decimal(350), "enterprises")]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        pytest.param(
            "In December 2020, the Nanchong Silk Company was established.", "2020-12", "date", id="before"
        ),
        pytest.param(
            "Lanxi was promoted from a county to a city on Feb. 18th, 1994.", "1994-02-18", "date", id="after"
        ),
        pytest.param("The Lanxi Cloth Market opened in 1986 and has 600 traders.", "1986", "year", id="year"),
        pytest.param(
            "Since its establishment in May, 1985, Lanxi Cloth Market has grown.",
            "1985-05",
            "date",
            id="since",
        ),
    ],
)
def test_foundings_and_promotions_are_dated_events(sentence: str, value: str, unit: str) -> None:
    text = f"T\n\n{sentence}\n"
    events = [f for f in find_figures(split_sentences(text, [(0, len(text))]), 2024) if f.kind == "event"]
    assert [(f.text or str(f.value), f.unit) for f in events] == [(value, unit)]


def test_an_event_date_is_a_value_text(resources: Resources) -> None:
    g = graph_of("T\n\nYiwu was promoted from a county to a city on Feb. 18th, 1994.\n", resources)
    event = next(g.subjects(RDF.type, TKG.Event))
    assert str(g.value(event, TKG.valueText)) == "1994-02-18" and g.value(event, TKG.value) is None
    assert g.value(event, TKG.figureOf) == IDS.place("330782")
