"""extract(): mentions, linking and the RDF shape of small articles, real gazetteer and vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

from kg.namespaces import INDUSTRY, OA, TITLE, TKG, Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

REPO = Path(__file__).resolve().parents[2]
IDS = Ids("https://example.org/id/")


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(REPO / "data", REPO / "ontology")


def graph_of(text: str, resources: Resources, date: str | None = None) -> Graph:
    return extract(
        parse_article(text, article_id="t", metadata={"date": date} if date else None), resources, IDS
    )


def labelled(g: Graph, cls: URIRef) -> dict[str, URIRef]:
    return {str(g.value(s, RDFS.label)): s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}


HEBEI = (
    "Hebei builds clusters\n\n"
    "The General Office of the Hebei Provincial Government released an action plan for the garment industry. "
    "Clusters such as Qinghe Cashmere Cluster and Ningjin Causal Wear Cluster will grow. "
    "By 2020, the main business income of garment enterprises will reach CNY 180 billion.\n"
)


def test_clusters_are_linked_to_places_and_industries(resources: Resources) -> None:
    g = graph_of(HEBEI, resources)
    clusters = labelled(g, TKG.IndustrialCluster)
    ningjin = clusters["Ningjin Casual Wear Cluster"]
    assert (ningjin, TKG.locatedIn, IDS.place("130528")) in g  # Ningjin County of Xingtai, not Shandong's
    assert (ningjin, TKG.specializesIn, INDUSTRY["casual-wear"]) in g
    assert (clusters["Qinghe Cashmere Cluster"], TKG.locatedIn, IDS.place("130534")) in g


def test_plan_has_issuer_scope_and_target(resources: Resources) -> None:
    g = graph_of(HEBEI, resources)
    plan = labelled(g, TKG.Initiative)["Hebei garment industry action plan"]
    issuer = labelled(g, TKG.Organization)["General Office of the Hebei Provincial Government"]
    assert (plan, TKG.issuedBy, issuer) in g
    assert (plan, TKG.appliesTo, IDS.place("130000")) in g
    target = g.value(None, TKG.figureOf, plan)
    assert target is not None and (target, RDF.type, TKG.Target) in g
    assert int(g.value(target, TKG.value).toPython()) == 180_000_000_000  # type: ignore[union-attr]


def test_every_mention_has_evidence_in_its_sentence(resources: Resources) -> None:
    g = graph_of(HEBEI, resources)
    annotations = list(g.subjects(RDF.type, OA.Annotation))
    assert len(annotations) > 5
    for annotation in annotations:
        target = g.value(annotation, OA.hasTarget)
        selectors = list(g.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        start, end = (int(g.value(position, p).toPython()) for p in (OA.start, OA.end))  # type: ignore[union-attr]
        assert HEBEI[start:end] == str(g.value(quote, OA.exact))
        sentence = str(g.value(quote, OA.prefix)) + HEBEI[start:end] + str(g.value(quote, OA.suffix))
        assert sentence in HEBEI


def test_designation_makes_a_cluster(resources: Resources) -> None:
    text = "Shandong supports clusters.\n\nShandong backs Yantai Haiyang City, China's Famous Sweater City.\n"
    g = graph_of(text, resources)
    cluster = labelled(g, TKG.IndustrialCluster)["Haiyang Sweaters Cluster"]
    designation = g.value(cluster, TKG.designatedAs)
    assert (designation, TKG.title, TITLE["china-famous-sweater-city"]) in g
    assert (cluster, TKG.locatedIn, IDS.place("370687")) in g


def test_furniture_gives_nothing(resources: Resources) -> None:
    text = "Zhejiang invests\n\nKeqiao District of Shaoxing is busy.\n\nRelated:\n- Jinjiang shoes sell\n"
    g = graph_of(text, resources)
    assert IDS.place("350582") not in set(g.objects(None, OA.hasBody))  # Jinjiang only in the Related list


def test_same_cluster_same_iri_across_articles(resources: Resources) -> None:
    other = "Qinghe cashmere\n\nQinghe cashmere in Xingtai is one of the clusters in Hebei Province.\n"
    one = labelled(graph_of(HEBEI, resources), TKG.IndustrialCluster)["Qinghe Cashmere Cluster"]
    two = labelled(graph_of(other, resources), TKG.IndustrialCluster)["Qinghe Cashmere Cluster"]
    assert one == two


def test_extraction_is_deterministic(resources: Resources) -> None:
    assert isomorphic(graph_of(HEBEI, resources), graph_of(HEBEI, resources))


def test_article_node_carries_metadata(resources: Resources) -> None:
    g = graph_of(HEBEI, resources, date="2020-05-01")
    article = IDS.article("t")
    assert (article, RDF.type, TKG.Article) in g
    assert str(g.value(article, URIRef("http://purl.org/dc/terms/date"))) == "2020-05-01"
