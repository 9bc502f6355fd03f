"""Places and industries of parks and enterprises, and scopes of initiatives, from the text around them."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import INDUSTRY, TKG, Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

IDS = Ids("https://example.org/id/")


def graph(text: str, resources: Resources) -> Graph:
    return extract(parse_article("Headline\n\n" + text, article_id="t"), resources, IDS)


def node(g: Graph, label: str) -> URIRef:
    found = next(s for s in g.subjects(RDFS.label, None) if str(g.value(s, RDFS.label)) == label)
    assert isinstance(found, URIRef)
    return found


@pytest.mark.parametrize(
    ("text", "label", "industry"),
    [
        pytest.param(
            "Changshu is also the home of Bosideng, China's best-known maker of down jackets.",
            "Bosideng",
            "down-jackets",
            id="enterprise-apposition",
        ),
        pytest.param(
            "Keqiao District is home to China Textile City, one of the largest fabric markets in Asia.",
            "China Textile City",
            "fabrics",
            id="park-apposition-narrower",
        ),
        pytest.param(
            "Shandong will focus on the development of aramid, lyocell fiber and graphene fiber to create "
            "the country's leading high-end fiber material base.",
            "High-end Fiber Material Base",
            "lyocell",
            id="park-clause-narrower",
        ),
        pytest.param(
            "Five garment industrial innovation parks will be built in Hebei Province, including the "
            "Shijiazhuang fashion design incubator base and the Cangzhou Textile City.",
            "Cangzhou Textile City",
            "textiles",
            id="name-beats-list",
        ),
    ],
)
def test_industries(text: str, label: str, industry: str, shared_resources: Resources) -> None:
    g = graph(text, shared_resources)
    assert (node(g, label), TKG.specializesIn, INDUSTRY[industry]) in g


def test_enterprise_is_in_the_place_before_it(shared_resources: Resources) -> None:
    g = graph(
        "Shengze Town in Wujiang District weaves silk. Changshu is also the home of Bosideng, China's "
        "best-known maker of down jackets.",
        shared_resources,
    )
    assert (node(g, "Bosideng"), TKG.locatedIn, IDS.place("320581")) in g


def test_scope_is_the_place_the_sentence_names(shared_resources: Resources) -> None:
    g = graph(
        "The survey of Hubei Provincial Federation of Social Sciences’s “2022 Experts City and County Tour” "
        "was launched in Tianmen City.",
        shared_resources,
    )
    tour = next(s for s in g.subjects(RDF.type, TKG.Initiative))
    assert set(g.objects(tour, TKG.appliesTo)) == {IDS.place("429006")}


@pytest.mark.parametrize(
    ("text", "label", "place"),
    [
        pytest.param(
            'Three parks will be built in Hebei Province, including the "smart knitting" industrial park in '
            "Xiongan New Area, Baoding Textile Creative Park and Cangzhou Fashion Creative Park.",
            "Smart Knitting Industrial Park",
            "region/xiongan-new-area",
            id="list-item-after-in-has-its-own-place",
        ),
        pytest.param(
            'Three parks will be built in Hebei Province, including the "cashmere valley" industrial park in '
            "Qinghe County, Xingtai, and Cangzhou Fashion Creative Park.",
            "Cashmere Valley Industrial Park",
            "place/130534",
            id="county-city-address-is-one-place",
        ),
    ],
)
def test_park_place_after_in(text: str, label: str, place: str, shared_resources: Resources) -> None:
    g = graph(text, shared_resources)
    parks = {str(g.value(p, RDFS.label)): p for p in g.subjects(RDF.type, TKG.IndustrialPark)}
    match = next(p for name, p in parks.items() if label.lower() in name.lower())
    assert set(g.objects(match, TKG.locatedIn)) == {URIRef(IDS.base + place)}
