"""The extraction JSON is a view of a hand-made article graph in the project's RDF model."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.errors import InputError
from kg.extraction.document import extraction_json, graph_text
from kg.namespaces import INDUSTRY, OA, POLICY, TITLE, TKG, Ids
from loaders.gazetteer import Division, Gazetteer, Region
from loaders.vocabulary import Concept, Vocabulary

IDS = Ids("https://example.org/id/")
ARTICLE = IDS.article("a1")
QINGHE, XINGTAI, HEBEI = IDS.place("130534"), IDS.place("130500"), IDS.place("130000")
CLUSTER = IDS.entity("cluster", "Qinghe Cashmere Cluster")
PLAN = IDS.entity("initiative", "Hebei action plan")
OFFICE = IDS.entity("org", "General Office")


DIVISIONS = [
    Division("130000", "河北省", "Hebei", "province", None, None, None),
    Division("130500", "邢台市", "Xingtai", "city", "130000", None, None),
    Division("130534", "清河县", "Qinghe County", "county", "130500", None, None),
    Division("130100", "石家庄市", "Shijiazhuang", "city", "130000", None, None),
]
XIONGAN = Region("xiongan-new-area", "Xiong'an New Area", "雄安新区", (), ("130000",), "130000")
GAZETTEER = Gazetteer(DIVISIONS, [XIONGAN])


def annotate(
    g: Graph, n: int, body: URIRef, start: int, exact: str, prefix: str = "", suffix: str = ""
) -> None:
    ann = IDS.mint("annotation", f"a1-{n}")
    target, pos, quote = URIRef(f"{ann}#target"), URIRef(f"{ann}#position"), URIRef(f"{ann}#quote")
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.hasBody, body))
    g.add((ann, TKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((ann, OA.hasTarget, target))
    g.add((target, OA.hasSource, ARTICLE))
    g.add((target, OA.hasSelector, pos))
    g.add((target, OA.hasSelector, quote))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(start + len(exact), datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(exact)))
    g.add((quote, OA.prefix, Literal(prefix)))
    g.add((quote, OA.suffix, Literal(suffix)))


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    g.add((ARTICLE, RDF.type, TKG.Article))
    g.add((ARTICLE, DCTERMS.title, Literal("Qinghe news")))
    g.add((ARTICLE, DCTERMS.date, Literal("2022-11-24", datatype=XSD.date)))
    g.add((ARTICLE, DCTERMS.publisher, Literal("Hebei Daily")))
    g.add((CLUSTER, RDF.type, TKG.IndustrialCluster))
    g.add((CLUSTER, RDFS.label, Literal("Qinghe Cashmere Cluster", lang="en")))
    g.add((CLUSTER, SKOS.altLabel, Literal("Qinghe cashmere", lang="en")))
    g.add((CLUSTER, TKG.locatedIn, QINGHE))
    g.add((CLUSTER, TKG.specializesIn, INDUSTRY.cashmere))
    g.add((CLUSTER, TKG.sourceArticle, ARTICLE))
    designation = IDS.entity("designation", "qinghe-key-cluster")
    g.add((CLUSTER, TKG.designatedAs, designation))
    g.add((designation, RDF.type, TKG.Designation))
    g.add((designation, TKG.title, TITLE["hebei-key-characteristic-industrial-cluster"]))
    g.add((designation, TKG.sourceArticle, ARTICLE))
    g.add((QINGHE, TKG.sourceArticle, ARTICLE))
    g.add((PLAN, RDF.type, TKG.Initiative))
    g.add((PLAN, RDFS.label, Literal("Hebei action plan", lang="en")))
    g.add((PLAN, TKG.issuedBy, OFFICE))
    g.add((PLAN, TKG.startYear, Literal("2021", datatype=XSD.gYear)))
    g.add((PLAN, TKG.endYear, Literal("2023", datatype=XSD.gYear)))
    g.add((PLAN, TKG.appliesTo, HEBEI))
    g.add((PLAN, TKG.promotes, POLICY["digital-transformation"]))
    g.add((PLAN, TKG.sourceArticle, ARTICLE))
    g.add((OFFICE, RDF.type, TKG.Organization))
    g.add((OFFICE, SKOS.prefLabel, Literal("General Office", lang="en")))
    g.add((OFFICE, TKG.sourceArticle, ARTICLE))
    figure = IDS.entity("figure", "qinghe-revenue-2021")
    g.add((figure, RDF.type, TKG.Observation))
    g.add((figure, TKG.figureOf, CLUSTER))
    g.add((figure, TKG.measure, Literal("revenue")))
    g.add((figure, TKG.value, Literal("31780000000", datatype=XSD.decimal)))
    g.add((figure, TKG.unit, Literal("CNY")))
    g.add((figure, TKG.year, Literal("2021", datatype=XSD.gYear)))
    g.add((figure, TKG.comparator, TKG.MoreThan))
    g.add((figure, TKG.sourceArticle, ARTICLE))
    annotate(g, 1, CLUSTER, 10, "Qinghe cashmere")
    annotate(g, 2, QINGHE, 10, "Qinghe")
    annotate(g, 3, figure, 40, "31.78 billion yuan", prefix="In 2021, revenue reached ", suffix=".")
    annotate(g, 4, CLUSTER, 100, "Qinghe Cashmere Cluster")
    return g


LABELS = {INDUSTRY.cashmere: "cashmere", POLICY["digital-transformation"]: "digital transformation"}
LABELS[TITLE["hebei-key-characteristic-industrial-cluster"]] = "Hebei key characteristic industrial cluster"


def test_article_metadata(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)
    assert doc["article"] == {
        "id": "a1", "title": "Qinghe news", "date": "2022-11-24", "url": None, "publisher": "Hebei Daily"
    }  # fmt: skip


def test_cluster_entity(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)
    cluster = next(e for e in doc["entities"] if e["id"] == str(CLUSTER))
    assert cluster["type"] == "IndustrialCluster"
    assert cluster["aliases"] == ["Qinghe cashmere"]
    assert cluster["place"] == {"county": "Qinghe County", "city": "Xingtai", "province": "Hebei"}
    assert cluster["located_in"] == str(QINGHE)
    assert cluster["industries"] == ["cashmere"]
    assert cluster["designations"] == ["Hebei key characteristic industrial cluster"]
    assert [m["start"] for m in cluster["mentions"]] == [10, 100]
    assert cluster["confidence"] == 0.9


def test_initiative_entity(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)
    plan = next(e for e in doc["entities"] if e["type"] == "Initiative")
    assert plan["issuer"] == "General Office"
    assert plan["period"] == {"start": 2021, "end": 2023}
    assert plan["scope"] == ["Hebei"]
    assert plan["measures"] == ["digital transformation"]
    assert plan["mentions"] == [] and plan["confidence"] is None


def test_places_typed_and_named_by_gazetteer(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)
    county = next(e for e in doc["entities"] if e["id"] == str(QINGHE))
    assert county["type"] == "County" and county["label"] == "Qinghe County"
    assert county["place"] == {"county": "Qinghe County", "city": "Xingtai", "province": "Hebei"}
    assert county["located_in"] == str(XINGTAI)


def test_designations_and_figures_are_not_entities(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)
    assert {e["type"] for e in doc["entities"]} == {
        "County",
        "IndustrialCluster",
        "Organization",
        "Initiative",
    }


def test_fact(graph: Graph) -> None:
    (fact,) = extraction_json(graph, ARTICLE, GAZETTEER, labels=LABELS)["facts"]
    assert fact == {
        "subject": str(CLUSTER),
        "subject_label": "Qinghe Cashmere Cluster",
        "measure": "revenue",
        "value": 31780000000,
        "unit": "CNY",
        "year": 2021,
        "comparator": "more than",
        "kind": "observation",
        "evidence": {"start": 15, "end": 59, "text": "In 2021, revenue reached 31.78 billion yuan."},
    }


def test_keys_never_missing_and_json_serialisable(graph: Graph) -> None:
    doc = extraction_json(graph, ARTICLE)
    keys = {"id", "type", "label", "aliases", "place", "located_in", "industries", "designations", "issuer"}
    keys |= {"scope", "year", "period", "measures", "aims", "part_of", "mentions", "confidence"}
    assert all(set(e) == keys for e in doc["entities"])
    assert json.loads(json.dumps(doc)) == doc


def test_deterministic(graph: Graph) -> None:
    again = Graph()
    for triple in sorted(graph, reverse=True):
        again.add(triple)
    assert extraction_json(graph, ARTICLE, labels=LABELS) == extraction_json(again, ARTICLE, labels=LABELS)


def test_several_places_give_their_nearest_common_place(graph: Graph) -> None:
    base = IDS.entity("park", "Bedding Base")
    graph.add((base, RDF.type, TKG.IndustrialPark))
    graph.add((base, TKG.sourceArticle, ARTICLE))
    graph.add((base, TKG.locatedIn, XINGTAI))
    graph.add((base, TKG.locatedIn, IDS.place("130100")))
    park = next(e for e in extraction_json(graph, ARTICLE, GAZETTEER)["entities"] if e["id"] == str(base))
    assert park["located_in"] == str(HEBEI)
    assert park["place"] == {"county": None, "city": None, "province": "Hebei"}


# rdflib's JSON-LD *parser* warns about its own ConjunctiveGraph; the serializer under test does not.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_graph_text_round_trips(graph: Graph, fmt: str) -> None:
    text = graph_text(graph, fmt)
    assert len(Graph().parse(data=text, format="turtle" if fmt == "turtle" else "json-ld")) == len(graph)


def test_graph_text_unknown_format(graph: Graph) -> None:
    with pytest.raises(InputError, match="unknown RDF format"):
        graph_text(graph, "xml")


def test_region_named_and_placed_by_gazetteer(graph: Graph) -> None:
    region = IDS.region("Xiong'an New Area")
    graph.add((region, TKG.sourceArticle, ARTICLE))
    found = next(e for e in extraction_json(graph, ARTICLE, GAZETTEER)["entities"] if e["id"] == str(region))
    assert (found["type"], found["label"]) == ("Region", "Xiong'an New Area")
    assert found["located_in"] == str(HEBEI)
    assert found["place"] == {"county": None, "city": None, "province": "Hebei"}


def test_labels_from_a_vocabulary(graph: Graph) -> None:
    cashmere = Concept(
        INDUSTRY.cashmere, TKG.IndustryScheme, "cashmere fibre", ("cashmere fibre",), "羊绒", ()
    )
    doc = extraction_json(graph, ARTICLE, labels=Vocabulary([cashmere]))
    cluster = next(e for e in doc["entities"] if e["id"] == str(CLUSTER))
    assert cluster["industries"] == ["cashmere fibre"]


def test_town_codes(graph: Graph) -> None:
    town = IDS.place("130534-xyz")
    town_gazetteer = Gazetteer(
        [*DIVISIONS, Division("130534-xyz", "某镇", "Xyz", "town", "130534", None, None)], []
    )
    graph.add((CLUSTER, TKG.locatedIn, town))
    graph.remove((CLUSTER, TKG.locatedIn, QINGHE))
    graph.add((town, TKG.sourceArticle, ARTICLE))
    doc = extraction_json(graph, ARTICLE, town_gazetteer)
    found = next(e for e in doc["entities"] if e["id"] == str(town))
    assert (found["type"], found["label"], found["located_in"]) == ("Town", "Xyz", str(QINGHE))
    cluster = next(e for e in doc["entities"] if e["id"] == str(CLUSTER))
    assert cluster["place"] == {"county": "Qinghe County", "city": "Xingtai", "province": "Hebei"}
