"""Aims of an initiative as written (tkg:aim, `loaders/aims.py`) and industries implied by capacity
figures (`loaders/capacity.py`) on small texts written for these tests:
objects of verbs of focus and development split into list items, a zone's orientation, functions listed
after "with ... including", a word-for-word run of sectors ("A, B, C and other 8 industries"), and what
is no aim (names, places, clauses, items the measure scheme names)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import TKG
from loaders.aims import aims_of
from loaders.resources import Resources
from tests.loaders.helpers import graph_of, labelled


def aims(g: Graph, node: URIRef) -> set[str]:
    return {str(o) for o in g.objects(node, TKG.aim)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Focus on the development of high-grade wool fabrics, fine linen and ramie products, expand "
            "the application of medical textiles.",
            ["high-grade wool fabrics", "fine linen and ramie products", "medical textiles"],
            id="focus-and-expand",
        ),
        pytest.param(
            "The planned zone covers 12 square kilometres and is oriented by silk reeling.",
            ["silk reeling"],
            id="oriented-by",
        ),
        pytest.param(
            "It aims at building a base for fine cotton yarn, with functions including weaving, dyeing "
            "& finishing, clothes, storage and logistics, power.",
            [
                "base for fine cotton yarn",
                "weaving",
                "dyeing and finishing",
                "clothes",
                "storage and logistics",
            ],
            id="functions-including",
        ),
        pytest.param(
            "This year the province will start the silk, hemp, footwear, chemical fiber and other 8 "
            "industries upgrading.",
            ["silk", "hemp", "footwear", "chemical fiber"],
            id="run-of-sectors",
        ),
        pytest.param(
            "Speed up the construction of ultra-50 billion industrial clusters 6, cultivate more than 5 "
            "billion yuan leading enterprises 20.",
            ["ultra-50 billion industrial clusters", "5 billion yuan leading enterprises"],
            id="word-for-word-counts",
        ),
    ],
)
def test_aims_as_written(sentence: str, expected: list[str], resources: Resources) -> None:
    assert aims_of([sentence], resources.measures, resources.industries) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The county will focus on supporting Lanxi City, Yiwu and Dongyang.", id="places"),
        pytest.param(
            "The bureau announced the List of Key Cultivating Silk Brand Enterprises (2023 Edition).",
            id="name-of-a-list",
        ),
        pytest.param("The city will promote digital transformation, brand building.", id="measure-concepts"),
        pytest.param(
            "To promote growth, upon recommendation by the industry departments, the council was entrusted.",
            id="clause",
        ),
        pytest.param(
            "The plan will promote the industry to high-end, green, smart direction.", id="direction"
        ),
    ],
)
def test_no_aims(sentence: str, resources: Resources) -> None:
    assert aims_of([sentence], resources.measures, resources.industries) == []


def test_a_plan_gets_its_aims_in_the_graph(resources: Resources) -> None:
    text = (
        "Plan\n\n"
        "The General Plan of Hotan Silk Industry Zone was approved by the autonomous region government. "
        "The zone is oriented by silk reeling and aims at forming a base with functions including "
        "carpets, home textile and logistics.\n"
    )
    g = graph_of(text, resources)
    plan = labelled(g, TKG.Initiative)["General Plan of Hotan Silk Industry Zone"]
    assert {"silk reeling", "carpets", "home textile and logistics"} <= aims(g, plan)  # no split at "and"
    assert all(isinstance(o, Literal) and o.language == "en" for o in g.objects(plan, TKG.aim))


def industries(g: Graph, node: URIRef) -> set[str]:
    return {str(o).rsplit("/", 1)[-1] for o in g.objects(node, TKG.specializesIn)}


def test_a_spindle_count_makes_its_firm_a_cotton_spinner(resources: Resources) -> None:
    text = (
        "Mills\n\n"
        "Last year, Korla attracted investment in its textile zone. Newly invested Tarim Lianhe Textile "
        "Co., Ltd. 80,000 spindles program had been put into production.\n"
    )
    g = graph_of(text, resources)
    firm = labelled(g, TKG.Enterprise)["Tarim Lianhe Textile Co., Ltd"]
    assert industries(g, firm) == {"cotton-spinning"}  # narrower than "textiles", which its name says


def test_spindles_of_worsted_spinning_are_yarns_of_the_place_and_its_cluster(
    resources: Resources,
) -> None:
    text = (
        "Mills\n\nDalang Town is famous for woollen sweaters. The town has worsted spinning mills with "
        "300,000 spindles.\n"
    )
    g = graph_of(text, resources)
    town = next(s for s in g.subjects(TKG.specializesIn, None) if str(s).endswith("/place/441900-dalang"))
    assert industries(g, town) == {"sweaters", "yarns"}
    cluster = labelled(g, TKG.IndustrialCluster)["Dalang Sweaters Cluster"]
    assert industries(g, cluster) == {"sweaters", "yarns"}  # the town's capacity is its cluster's


def test_an_initiative_concerns_the_industries_of_its_name_and_its_listed_sectors(
    resources: Resources,
) -> None:
    text = (
        "Plan\n\n"
        "Jiangxi Province recently issued the “Jiangxi Province Action Plan for Upgrading Light Industry "
        "(2024-2026)”. The province will start the textile, footwear, leather and other 6 industries "
        "upgrading.\n"
    )
    g = graph_of(text, resources)
    plan = next(iri for name, iri in labelled(g, TKG.Initiative).items() if "Light Industry" in name)
    concerned = {str(o).rsplit("/", 1)[-1] for o in g.objects(plan, TKG.concernsIndustry)}
    assert concerned == {"textiles", "footwear", "leather"}
    assert not set(g.objects(plan, TKG.specializesIn))  # that is for places, clusters, parks and firms
