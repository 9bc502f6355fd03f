"""Titles outside the designation scheme, kept as written (loaders/written_titles.py), on texts written
for these tests: the title, its holder (a name, "we", "it", "the city"), body and year, and what is no
title."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import TKG, Ids
from kg.validation.shacl import load_shapes, validate
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

REPO = Path(__file__).resolve().parents[2]
IDS = Ids("https://example.org/id/")

MARKET = (
    "Lanxi Cloth Market\n\n"
    "Founded in 1992, Lanxi Cloth Market is the largest fabric market of central Zhejiang. "
    "Lanxi Cloth Market trades cotton cloth from 600 mills. "
    "In 2012, Lanxi Cloth Market was awarded China Cotton Cloth Trading Centre and Zhejiang Star Market "
    "by the China Textile Industry Federation. "
    'In 2015 we were cited as "National model unit for fair trade". '
    "It is one of the first 20 key markets in Zhejiang Province.\n"
)
TOWN = (
    "Dalang\n\n"
    "Dalang Town in Dongguan has more than 3,000 sweater factories. "
    "The town is known as China's woollen sweater hometown. "
    "Dalang is also the pilot town for the provincial programme of digital garment making.\n"
)
NO_TITLE = (
    "Trade\n\n"
    "Haining is one of the 10 largest leather centres in the country. "
    "The plant was named after its founder. "
    "The county awarded 3 million yuan to the firms.\n"
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(REPO / "data", REPO / "ontology")


def graph_of(text: str, resources: Resources) -> Graph:
    return extract(parse_article(text, article_id="t", metadata={"date": "2024-05-01"}), resources, IDS)


def titles(g: Graph) -> dict[str, tuple[URIRef, str | None, str | None]]:
    """Label -> (holder, conferring body's label, year) of every designation without a scheme title."""
    found = {}
    for node in g.subjects(RDF.type, TKG.Designation):
        if g.value(node, TKG.title) is None:
            holder = g.value(None, TKG.designatedAs, node)
            body = g.value(node, TKG.conferredBy)
            year = g.value(node, TKG.year)
            assert isinstance(holder, URIRef)
            found[str(g.value(node, RDFS.label))] = (
                holder,
                str(g.value(body, RDFS.label)) if body is not None else None,
                str(year) if year is not None else None,
            )
    return found


def test_a_market_keeps_the_titles_it_was_given(resources: Resources) -> None:
    g = graph_of(MARKET, resources)
    market = next(
        s for s in g.subjects(RDFS.label, None) if "Lanxi Cloth Market" in str(g.value(s, RDFS.label))
    )
    found = titles(g)
    federation = "China Textile Industry Federation"
    assert found["China Cotton Cloth Trading Centre"] == (market, federation, "2012")
    assert found["Zhejiang Star Market"] == (market, federation, "2012")
    assert found["National model unit for fair trade"] == (market, None, "2015")  # "we": the market
    assert found["one of the first 20 key markets in Zhejiang Province"][0] == market  # "It"


def test_a_town_is_known_as_and_piloted(resources: Resources) -> None:
    found = titles(graph_of(TOWN, resources))
    dalang = IDS.place("441900-dalang")
    assert found["China's woollen sweater hometown"][0] == dalang  # "The town"
    assert found["pilot town for the provincial programme of digital garment making"][0] == dalang


def test_rankings_and_other_verbs_are_no_titles(resources: Resources) -> None:
    assert titles(graph_of(NO_TITLE, resources)) == {}


def test_written_titles_conform_to_the_shapes(resources: Resources) -> None:
    g = graph_of(MARKET, resources) + graph_of(TOWN, resources)
    designations = {s for s in g.subjects(RDF.type, TKG.Designation) if isinstance(s, URIRef)}
    assert len(designations) == 6
    bad = Graph()
    bad.add((URIRef("https://example.org/id/designation/x"), RDF.type, TKG.Designation))
    ontology = Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        ontology.parse(path)
    shapes = load_shapes(REPO / "shapes")
    report = validate(g, shapes, ontology=ontology, focus_nodes=designations)
    assert report.violations == (), report.results
    assert validate(bad, shapes, ontology=ontology).violations != ()  # neither a title nor a label


def test_a_park_included_in_a_selection_holds_its_name(resources: Resources) -> None:
    text = (
        "Parks\n\nNanchong Silk Park makes silk fabrics. In 2021, Nanchong Silk Park was included in the "
        'list of the first batch of "Sichuan Silk Parks".\n'
    )
    g = graph_of(text, resources)
    found = titles(g)
    holder, _, year = found["First Batch of Sichuan Silk Parks"]
    assert str(g.value(holder, RDFS.label)) == "Nanchong Silk Park" and year == "2021"
