"""Name rules of the mention finders: markets with title-like names, notices of programmes, descriptions
that are not names, and page furniture that must yield nothing."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import TKG, Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

IDS = Ids("https://example.org/id/")


def graph(text: str, resources: Resources, media_type: str = "text/plain") -> Graph:
    return extract(parse_article(text, article_id="t", media_type=media_type), resources, IDS)


def names(g: Graph, cls: URIRef) -> set[str]:
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, cls)}


@pytest.mark.parametrize(
    ("text", "cls", "name"),
    [
        pytest.param(
            "Keqiao District is home to China Textile City, one of the largest fabric markets in Asia.",
            TKG.IndustrialPark,
            "China Textile City",
            id="home-to-a-titled-market",
        ),
        pytest.param(
            "The Haining China Leather City market sells leather jackets.",
            TKG.IndustrialPark,
            "Haining China Leather City",
            id="place-title-market",
        ),
        pytest.param(
            "The China Oriental Silk Market in Shengze trades fabrics.",
            TKG.IndustrialPark,
            "China Oriental Silk Market",
            id="named-market",
        ),
        pytest.param(
            "The department issued the Jiangsu Textile Industry High-quality Development Action Plan "
            "(2024-2026).",
            TKG.Initiative,
            "Jiangsu Textile Industry High-quality Development Action Plan (2024-2026)",
            id="hyphenated-word-in-a-name",
        ),
        pytest.param(
            "The bureau has drawn up the Notice on the Dongguan Fashion Industry Support Programme.",
            TKG.Initiative,
            "Dongguan Fashion Industry Support Programme",
            id="notice-on-the-programme",
        ),
        pytest.param(
            "Changshu is also the home of Bosideng, China's best-known maker of down jackets.",
            TKG.Enterprise,
            "Bosideng",
            id="apposition-maker",
        ),
        pytest.param(
            "Jinjiang is the home of Anta Sports, the country's largest sportswear company by sales.",
            TKG.Enterprise,
            "Anta Sports",
            id="apposition-company",
        ),
        pytest.param(
            "Shihezi is a city run by the Xinjiang Production and Construction Corps.",
            TKG.Organization,
            "Xinjiang Production and Construction Corps",
            id="corps",
        ),
    ],
)
def test_names(text: str, cls: URIRef, name: str, shared_resources: Resources) -> None:
    assert name in names(graph("Headline\n\n" + text, shared_resources), cls)


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        pytest.param(
            "Zhejiang's textile towns bet on digital looms", TKG.IndustrialPark, id="possessive-description"
        ),
        pytest.param(
            "Keqiao District is home to China Textile City, one of the largest fabric markets.",
            TKG.IndustrialCluster,
            id="title-like-market-is-no-designation",
        ),
    ],
)
def test_no_names(text: str, cls: URIRef, shared_resources: Resources) -> None:
    assert names(graph(text + "\n\nThe weather was fine.\n", shared_resources), cls) == set()


FURNITURE = [
    pytest.param(
        "Body text about Shengze Town in Wujiang District.\n\nRecommended\n\n"
        "Putian shoe makers move their sales online\nGaomi textile firms add new looms\n",
        "text/plain",
        id="recommended-list",
    ),
    pytest.param(
        "Body text about Shengze Town in Wujiang District.\n\nHot news\n\n"
        "Puning jeans makers show collections\n",
        "text/plain",
        id="hot-news-list",
    ),
    pytest.param(
        "<html><body><article><p>Body text about Shengze Town in Wujiang District.</p></article>"
        '<div class="sidebar"><ul><li><a href="/1">Puning jeans makers show collections</a></li></ul>'
        '<div class="inner">Putian shoes</div></div></body></html>',
        "text/html",
        id="html-sidebar-class",
    ),
    pytest.param(
        '<html><body><div id="header"><a href="/">Putian Municipal Government</a></div>'
        "<p>Body text about Shengze Town in Wujiang District.</p></body></html>",
        "text/html",
        id="html-site-header",
    ),
    pytest.param(
        "<html><body><p>Body text about Shengze Town in Wujiang District.</p>"
        '<div class="share">Share to Gaomi</div></body></html>',
        "text/html",
        id="html-share-bar",
    ),
]


@pytest.mark.parametrize(("text", "media_type"), FURNITURE)
def test_furniture_lists_yield_no_places(text: str, media_type: str, shared_resources: Resources) -> None:
    g = graph(text, shared_resources, media_type)
    labels = {str(g.value(s, RDFS.label)) for s in g.subjects(TKG.sourceArticle, None)}
    found = " ".join(str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/oa#exact")))
    assert not {"Puning", "Putian", "Gaomi"} & set(found.split()), (labels, found)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Today, the largest maker of socks is in Datang.", id="sentence-opening"),
        pytest.param("Chen Hui, the manager of a shoe company, said so.", id="person-with-a-role"),
    ],
)
def test_no_enterprise_from_an_apposition(text: str, shared_resources: Resources) -> None:
    assert names(graph("Headline\n\n" + text + "\n", shared_resources), TKG.Enterprise) == set()


def test_bare_name_is_the_unit_spelled_out_elsewhere(shared_resources: Resources) -> None:
    text = "Headline\n\nAksu Prefecture grows cotton. The Aksu Cotton Plan (2024-2027) promotes spinning.\n"
    g = graph(text, shared_resources)
    assert URIRef(str(IDS.place("652901"))) not in set(
        g.objects(None, URIRef("http://www.w3.org/ns/oa#hasBody"))
    )


def test_dateline_and_agency_are_not_content(shared_resources: Resources) -> None:
    text = "Headline\n\nHUZHOU, Oct. 9, 2023 (Xinhua) -- Zhili Town makes clothes for children.\n"
    g = graph(text, shared_resources)
    found = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))}
    assert "Xinhua" not in found
    prefixes = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/oa#prefix"))}
    assert not any("HUZHOU" in p for p in prefixes)
