"""Mechanisms of issue 12's third round on small texts written for these tests: measures of a paragraph
a plan opens, an issuing body's possessive, industries of places ("the city's ... industry", exports,
counted firms, "produces N pairs of"), elided coordinations, a firm's context industries, titles in a
base profile's heading, word-for-word translations (counts after the noun, "Province, the Government"),
parks described by their place, and scopes of national documents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import INDUSTRY, TKG
from loaders.figures import sentence_figures
from loaders.numbers import find_quantities
from loaders.resources import Resources
from loaders.sentences import Sentence, split_sentences
from tests.loaders.helpers import IDS, graph_of, labelled


def industries(g: Graph, node: URIRef) -> set[str]:
    return {str(o).rsplit("/", 1)[-1] for o in g.objects(node, TKG.specializesIn)}


def measures(g: Graph, node: URIRef) -> set[str]:
    return {str(o).rsplit("/", 1)[-1] for o in g.objects(node, TKG.promotes)}


TWO_PLANS = (
    "Plans\n\n"
    "Since 2015, Xinjiang textile industry followed the Western Region Support Policy and quickened the "
    "industrial structure upgrading. Output rose.\n\n"
    "The General Plan of Korla Textile Industry Zone was approved by the autonomous region government. "
    "The zone covers 30 square kilometres. It aims at a complete industry chain with logistics and "
    "trade services.\n"
)


def test_a_plan_owns_the_paragraph_it_opens(resources: Resources) -> None:
    g = graph_of(TWO_PLANS, resources)
    plans = labelled(g, TKG.Initiative)
    zone_plan = plans["General Plan of Korla Textile Industry Zone"]
    policy = next(iri for name, iri in plans.items() if "Support Policy" in name)
    assert measures(g, zone_plan) == {"industrial-chain-development", "smart-logistics"}
    assert measures(g, policy) == {"industrial-upgrading"}


def test_the_plan_a_paragraph_only_mentions_keeps_the_lead_plans_measures(resources: Resources) -> None:
    text = (
        "Plan\n\nThe Hubei Provincial Department of Economy issued the “Hubei Provincial Garment Industry "
        "Action Plan 2022-2025”, which promotes brand building.\n\n"
        "To train people, Hubei will carry out the “Spring Seedling” talent training activity and support "
        "digital transformation.\n"
    )
    g = graph_of(text, resources)
    plan = labelled(g, TKG.Initiative)["Hubei Provincial Garment Industry Action Plan 2022-2025"]
    assert {"brand-building", "digital-transformation"} <= measures(g, plan)


def test_an_issuing_bodys_possessive_is_not_part_of_the_policy_name(resources: Resources) -> None:
    text = (
        "Policy\n\nSince 2012, Xinjiang followed the Central Government's Support Xinjiang Policy and built "
        "new mills in Aksu.\n"
    )
    g = graph_of(text, resources)
    policy = labelled(g, TKG.Initiative)["Support Xinjiang Policy"]
    government = labelled(g, TKG.Organization)["Central Government"]
    assert (policy, TKG.issuedBy, government) in g


def test_directly_under_the_central_government_names_no_body(resources: Resources) -> None:
    text = (
        "Notice\n\nProvinces and municipalities directly under the Central Government shall report their "
        "brand enterprises.\n"
    )
    assert labelled(graph_of(text, resources), TKG.Organization) == {}


HUB = (
    "Foshan\n\nFoshan's garment and textile exports totaled $300 million last year. "
    "Foshan is a city in Guangdong.\n\n"
    "In 2021, the output value of the city's home textile and knitwear industry reached 20 billion yuan.\n"
)


def test_a_places_exports_and_the_citys_industry_are_its_industries(resources: Resources) -> None:
    g = graph_of(HUB, resources)
    assert {"garments", "textiles", "home-textiles", "knitwear"} <= industries(g, IDS.place("440600"))


def test_counted_firms_a_mainstay_and_produced_pairs_give_a_town_industries(resources: Resources) -> None:
    text = (
        "Datang\n\nDatang Town of Zhuji produces 20 billion pairs of socks every year.\n\n"
        "Humen Town of Dongguan is a garment town. Since the 1990s the knitting industry has become the "
        "mainstay of the town. The town has 300 embroidery companies.\n"
    )
    g = graph_of(text, resources)
    assert "socks" in industries(g, IDS.place("330681-datang"))
    assert {"knitwear", "embroidery"} <= industries(g, IDS.place("441900-humen"))


def test_a_place_inside_a_firms_name_is_no_subject(resources: Resources) -> None:
    text = (
        "Cluster\n\nTongcheng County is a textile county. With Huayang Knitting (Hubei) as the leader, "
        "it drives 500 textile enterprises, forming an industrial cluster integrating spinning, weaving "
        "and printing and dyeing.\n"
    )
    g = graph_of(text, resources)
    county = IDS.place("421222")
    assert {"yarns", "fabrics", "printing-and-dyeing"} <= industries(g, county)
    assert industries(g, IDS.place("420000")) == set()


def test_an_elided_coordination_names_both_industries(resources: Resources) -> None:
    terms = resources.industries.find("clusters of chemical and specialty fibers")
    assert [t.concept for t in terms] == [INDUSTRY["chemical-fibre"], INDUSTRY["specialty-fibres"]]
    text = (
        "Clusters\n\nJiangyin will foster four clusters: wool spinning, chemical and specialty fibers, "
        "specialty yarns, and knitwear.\n"
    )
    clusters = labelled(graph_of(text, resources), TKG.IndustrialCluster)
    assert len(clusters) == 4


def test_a_firms_industries_are_the_last_run_of_terms_not_the_next_firm(resources: Resources) -> None:
    text = (
        "Firms\n\nPuning has 400 underwear companies. Backbone companies such as Guangdong Hualian Group, "
        "Jiexin Weaving Co., Ltd and Meilan Knitwear Company are well known. The forum on textile and "
        "apparel brands was held in Zhongyi Pioneering Group.\n"
    )
    g = graph_of(text, resources)
    firms = labelled(g, TKG.Enterprise)
    assert industries(g, firms["Guangdong Hualian Group"]) == set()
    assert industries(g, firms["Zhongyi Pioneering Group"]) == {"textiles", "garments"}


def test_a_fashion_market_deals_in_garments(resources: Resources) -> None:
    text = "Market\n\nChangshu has many private markets, such as the Xinghe Fashion Market.\n"
    g = graph_of(text, resources)
    market = labelled(g, TKG.IndustrialPark)["Xinghe Fashion Market"]
    assert industries(g, market) == {"garments"}


def test_a_base_profiles_heading_gives_the_place_its_title(resources: Resources) -> None:
    text = (
        "China Famous Town of Denim Garments - Xintang Town, Zengcheng District, Guangzhou\n\n"
        "Xintang makes jeans for the world.\n"
    )
    g = graph_of(text, resources)
    held = {str(g.value(d, RDFS.label)) for d in g.objects(IDS.place("440118-xintang"), TKG.designatedAs)}
    assert held == {"China Famous Town of Denim Garments"}


def test_a_province_then_the_government_is_the_provincial_government(resources: Resources) -> None:
    text = (
        'Plan\n\nJiangsu Province, the Government has recently formulated the "Jiangsu Province textile '
        'industry to enhance the action plan (2018 ~ 2020)".\n'
    )
    g = graph_of(text, resources)
    government = labelled(g, TKG.Organization)["Jiangsu Provincial Government"]
    plan = next(iter(labelled(g, TKG.Initiative).values()))
    assert (plan, TKG.issuedBy, government) in g


def sentence(text: str) -> Sentence:
    return split_sentences(text, [(0, len(text))])[0]


def test_a_count_after_the_counted_noun_is_the_count() -> None:
    found = sentence_figures(
        sentence(
            "Speed up the construction of ultra-100 billion industrial clusters 10, cultivate more "
            "than 10 billion yuan leading enterprises 30."
        ),
        2017,
    )
    assert {(f.value, f.unit) for f in found} == {(Decimal(10), "clusters"), (Decimal(30), "enterprises")}


def test_the_first_half_of_a_year_is_no_fraction() -> None:
    assert [q for q in find_quantities("In the first half of 2022, the town grew.") if q.unit] == []
    assert [q.value for q in find_quantities("Half of the output is exported.")] == [Decimal(50)]


def test_a_dateline_without_a_year_opens_the_lead(resources: Resources) -> None:
    text = (
        "WUHAN, Dec. 2 (Xinhua) -- Located in Hubei Province, the town of Maozui sells over 100 million "
        "pairs of trousers every year.\n"
    )
    g = graph_of(text, resources, date=None)
    town = IDS.place("429004-maozui")
    assert {Decimal(str(g.value(f, TKG.value))) for f in g.subjects(TKG.figureOf, town)} == {
        Decimal(100000000)
    }


def test_the_industrial_park_in_a_town_is_that_towns_park(resources: Resources) -> None:
    text = (
        "Park\n\nToday, the garment industrial park in Shengze covers over 150 hectares. Ningbo Has Become "
        "the Largest Garment Production Base.\n"
    )
    parks = labelled(graph_of(text, resources), TKG.IndustrialPark)
    assert set(parks) == {"Shengze Garment Industrial Park"}


def test_a_ministrys_list_has_no_provincial_scope(resources: Resources) -> None:
    text = (
        "Notice\n\nNotice of the General Office of the Ministry of Industry and Information Technology on "
        "Issuing the List of Key Cultivated Textile Brand Enterprises (2021 Edition)\n\n"
        "Provinces and the Xinjiang Production and Construction Corps: we determined the list.\n"
    )
    g = graph_of(text, resources)
    listing = labelled(g, TKG.Initiative)["List of Key Cultivated Textile Brand Enterprises (2021 Edition)"]
    assert g.value(listing, TKG.issuedBy) is not None
    assert list(g.objects(listing, TKG.appliesTo)) == []
    assert "Xinjiang" not in {str(g.value(p, RDFS.label)) for p in g.subjects(RDF.type, TKG.Province)}


def test_things_that_amount_to_a_number_are_counted() -> None:
    found = sentence_figures(
        sentence("In 2019, the textile enterprises above designated size amounted to 251."), 2020
    )
    assert [(f.value, f.unit) for f in found] == [(Decimal(251), "enterprises")]


def test_places_in_a_list_are_no_subject_of_the_paragraph(resources: Resources) -> None:
    text = (
        "Belt\n\nGanzhou promotes a garment belt focusing on Yudu, Ningdu, Shicheng and Xingguo. "
        "The garment enterprises achieved 20 billion yuan in revenue.\n"
    )
    g = graph_of(text, resources)
    revenue = next(f for f in g.subjects(TKG.unit, None) if str(g.value(f, TKG.value)) == "20000000000")
    assert g.value(revenue, TKG.figureOf) == IDS.place("360700")


def test_among_these_things_n_are_ones_counts_the_things() -> None:
    found = sentence_figures(sentence("Among these enterprises, 138 are large-scale ones."), 2005)
    assert [(f.value, f.unit) for f in found] == [(Decimal(138), "enterprises")]


def test_a_name_framed_as_the_core_is_not_the_subject(resources: Resources) -> None:
    text = (
        "County\n\nTongcheng County grows fast. With Tongcheng Economic Development Zone as the core, it "
        "has formed a garment platform that drives more than 800 garment enterprises.\n"
    )
    g = graph_of(text, resources)
    counted = next(f for f in g.subjects(TKG.unit, None) if str(g.value(f, TKG.value)) == "800")
    assert g.value(counted, TKG.figureOf) == IDS.place("421222")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The industry has three characteristics: scale, leaders and brands.", id="characteristics"
        ),
        pytest.param("In this year's national two sessions, the report proposed upgrading.", id="sessions"),
    ],
)
def test_enumerated_things_are_no_counts(text: str) -> None:
    assert sentence_figures(sentence(text), 2023) == []
