"""Clusters described in prose: a county or town a clause presents as the seat of an industry."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph, Literal

from kg.namespaces import TKG, Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

IDS = Ids("https://example.org/id/")


def clusters(text: str, resources: Resources) -> set[tuple[str, str]]:
    """(place code, industry slug) of every cluster the text yields."""
    g: Graph = extract(parse_article("Headline\n\n" + text, article_id="t"), resources, IDS)
    found = set()
    for cluster in g.subjects(RDF.type, TKG.IndustrialCluster):
        for place in g.objects(cluster, TKG.locatedIn):
            for industry in g.objects(cluster, TKG.specializesIn):
                found.add((str(place).rsplit("/", 1)[-1], str(industry).rsplit("/", 1)[-1]))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Datang Town in Zhuji, a county-level city administered by Shaoxing, has grown into the "
            "country's best-known sock-making base.",
            ("330681-datang", "socks"),
            id="town-base-after-apposition",
        ),
        pytest.param(
            "Changshu, a county-level city under Suzhou, is a garment city.",
            ("320581", "garments"),
            id="industry-city",
        ),
        pytest.param(
            "Humen Town is known across China for women's wear.",
            ("441900-humen", "womens-wear"),
            id="known-for",
        ),
        pytest.param(
            "It works with Xintang Town in Zengcheng District, Guangzhou, a major base of denim jeans.",
            ("440118-xintang", "jeans"),
            id="appositive-base-of",
        ),
        pytest.param(
            "Shangshui County of Zhoukou City has built a garment industry of hundreds of factories.",
            ("411623", "garments"),
            id="built-an-industry",
        ),
        pytest.param(
            "Shengze Town in Wujiang District has woven silk for centuries.",
            ("320509-shengze", "silk"),
            id="industry-for-centuries",
        ),
    ],
)
def test_described_clusters(text: str, expected: tuple[str, str], shared_resources: Resources) -> None:
    assert expected in clusters(text, shared_resources)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Workers in Datang Town buy silk shirts at the market.", id="no-cue"),
        pytest.param(
            "Haining Warp Knitting Industrial Park is a base for knitted fabrics.", id="inside-a-name"
        ),
        pytest.param("South of Keqiao, Datang Town in Zhuji sells tea.", id="no-industry"),
        pytest.param("Zhejiang Province is a garment base.", id="province-is-not-local"),
    ],
)
def test_no_described_cluster(text: str, shared_resources: Resources) -> None:
    assert clusters(text, shared_resources) == set()


def test_cluster_has_a_chinese_label(shared_resources: Resources) -> None:
    text = "Headline\n\nQinghe County is the largest cashmere processing base in China.\n"
    g = extract(parse_article(text, article_id="t"), shared_resources, IDS)
    cluster = next(g.subjects(RDF.type, TKG.IndustrialCluster))
    assert Literal("清河羊绒产业集群", lang="zh") in set(g.objects(cluster, SKOS.prefLabel))


def test_a_listed_industry_run_joins_the_city_cluster(shared_resources: Resources) -> None:
    text = (
        "The Tianmen Textile Cluster grows. At present, Tianmen has built industrial "
        "production systems for cotton spinning, chemical fiber, non-woven fabrics and clothing."
    )
    found = clusters(text, shared_resources)
    assert {("429006", "cotton-spinning"), ("429006", "non-woven-fabrics"), ("429006", "garments")} <= found


def test_a_city_alone_makes_no_described_cluster(shared_resources: Resources) -> None:
    text = "At present, Tianmen has built industrial production systems for cotton spinning."
    assert clusters(text, shared_resources) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Zhili Town in Wuxing District of Huzhou City produces more than half of the children's clothing "
            "sold in China.",
            ("330502-zhili", "childrens-wear"),
            id="produces-a-share",
        ),
        pytest.param(
            "Yiwu, famous for its small commodities, is also a major base of socks.",
            ("330782", "socks"),
            id="apposition-famous-for",
        ),
    ],
)
def test_more_described_clusters(text: str, expected: tuple[str, str], shared_resources: Resources) -> None:
    assert expected in clusters(text, shared_resources)


def test_described_cluster_is_named_without_the_unit() -> None:
    from loaders.linking import short_place

    assert short_place("Zhili Town") == "Zhili"


def test_a_city_with_a_strong_cue_is_a_cluster(shared_resources: Resources) -> None:
    text = "Nantong in Jiangsu Province is one of the country's largest home textile bases."
    assert ("320600", "home-textiles") in clusters(text, shared_resources)


def test_known_as_a_county_of_and_the_countys_figures(shared_resources: Resources) -> None:
    text = (
        "Headline\n\nWangjiang County of Anqing City in Anhui Province is known as a county of textiles. "
        "It has many mills.\n\nIn 2022, the county's textile industry had 356 enterprises above "
        "designated size.\n"
    )
    g = extract(parse_article(text, article_id="t"), shared_resources, IDS)
    cluster = next(g.subjects(RDF.type, TKG.IndustrialCluster))
    assert (cluster, TKG.locatedIn, IDS.place("340827")) in g
    figure = next(g.subjects(TKG.unit, Literal("enterprises")))
    assert (figure, TKG.figureOf, cluster) in g
