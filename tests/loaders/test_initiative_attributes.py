"""Attributes of initiatives and designations: issuers named before or after, measures from the sentences
about the initiative, designations from selections with the conferring body and year."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kg.namespaces import POLICY, TITLE, TKG, Ids
from loaders.article import parse_article
from loaders.pipeline import extract
from loaders.resources import Resources

IDS = Ids("https://example.org/id/")


def graph(text: str, resources: Resources, date: str = "2024-05-01") -> Graph:
    return extract(parse_article(text, article_id="t", metadata={"date": date}), resources, IDS)


def by_label(g: Graph, cls: URIRef) -> dict[str, URIRef]:
    return {str(g.value(s, RDFS.label)): s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}


@pytest.mark.parametrize(
    ("text", "plan", "issuer"),
    [
        pytest.param(
            "Under the Keqiao Textile Digitalization Action Plan (2024-2026), issued by the Keqiao District "
            "Government, the district will build workshops.",
            "Keqiao Textile Digitalization Action Plan (2024-2026)",
            "Keqiao District Government",
            id="issued-by-after",
        ),
        pytest.param(
            "The Dongguan Municipal Bureau of Industry and Information Technology has drawn up the Dongguan "
            "Fashion Industry Support Programme.",
            "Dongguan Fashion Industry Support Programme",
            "Dongguan Municipal Bureau of Industry and Information Technology",
            id="drawn-up",
        ),
        pytest.param(
            "The survey of Hubei Provincial Federation of Social Sciences’s “2022 Experts City and County "
            "Tour” was launched.",
            "2022 Experts City and County Tour",
            "Hubei Provincial Federation of Social Sciences",
            id="possessive-before-quote",
        ),
        pytest.param(
            "Notice of the General Office of the Ministry of Commerce on Issuing the List of Key Cultivated "
            "Silk Brands (2022 Edition)",
            "List of Key Cultivated Silk Brands (2022 Edition)",
            "General Office of the Ministry of Commerce",
            id="notice-on-issuing",
        ),
    ],
)
def test_issuer(text: str, plan: str, issuer: str, shared_resources: Resources) -> None:
    g = graph("Headline\n\n" + text, shared_resources)
    assert g.value(by_label(g, TKG.Initiative)[plan], TKG.issuedBy) == by_label(g, TKG.Organization)[issuer]


MEASURES = (
    "Headline\n\nGurao Town in Chaoyang District is one of the main bases of knitted underwear in China. "
    "Many firms there use live-streaming e-commerce.\n\n"
    "Shengze Town is near Suzhou. The Shengze Weaving Upgrading Plan (2025-2027), published by the Shengze "
    "Town Government, promotes smart factories. The plan also supports green manufacturing.\n\n"
    "Some firms use the industrial internet to find buyers.\n"
)


@pytest.mark.parametrize(
    ("concept", "expected"),
    [
        pytest.param(POLICY["smart-factories"], True, id="own-sentence"),
        pytest.param(POLICY["green-manufacturing"], True, id="anaphoric-sentence"),
        pytest.param(POLICY["live-streaming-e-commerce"], False, id="sentence-before"),
        pytest.param(POLICY["industrial-internet"], False, id="unrelated-paragraph-after"),
    ],
)
def test_measures_come_from_sentences_about_the_plan(
    concept: URIRef, expected: bool, shared_resources: Resources
) -> None:
    g = graph(MEASURES, shared_resources)
    plan = by_label(g, TKG.Initiative)["Shengze Weaving Upgrading Plan (2025-2027)"]
    assert ((plan, TKG.promotes, concept) in g) is expected


def designation(g: Graph, title: URIRef) -> URIRef:
    node = g.value(None, TKG.title, title)
    assert isinstance(node, URIRef)
    return node


def test_selection_confers_title_body_and_year(shared_resources: Resources) -> None:
    text = (
        "Headline\n\nRecently, the Ministry of Industry and Information Technology announced the list of the "
        "second batch of textile and garment creative design demonstration parks (platforms). A total of 7 "
        "parks were selected, including Qinghe cashmere town in Xingtai, Hebei Province. Hebei has one "
        "national pilot park (Langfang Yongqing yunshang town).\n"
    )
    g = graph(text, shared_resources, "2022-11-24")
    demo = designation(g, TITLE["national-textile-and-garment-creative-design-demonstration-park"])
    pilot = designation(g, TITLE["national-textile-and-garment-creative-design-pilot-park"])
    miit = by_label(g, TKG.Organization)["Ministry of Industry and Information Technology"]
    assert g.value(demo, TKG.conferredBy) == miit
    assert str(g.value(demo, TKG.year)) == "2022"
    assert g.value(None, TKG.designatedAs, pilot) is not None


def test_designation_year_from_its_sentence(shared_resources: Resources) -> None:
    text = "Headline\n\nDalang Town was named China's Famous Woollen Sweater Town in 2002 by the council.\n"
    g = graph(text, shared_resources)
    node = designation(g, TITLE["china-famous-sweater-town"])
    assert str(g.value(node, TKG.year)) == "2002"


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        pytest.param(
            "To implement the Guiding Opinions on Silk Brand Building (Shangbanfa [2019] No. 12), firms "
            "will register brands.",
            "Guiding Opinions on Silk Brand Building",
            2019,
            id="document-number",
        ),
        pytest.param(
            'In 2021, the Nanchong Silk Park was included in the list of the first batch of "Sichuan Silk '
            'Parks".',
            "First Batch of Sichuan Silk Parks",
            2021,
            id="selection-sentence",
        ),
    ],
)
def test_initiative_year_stated_in_the_text(
    text: str, name: str, year: int, shared_resources: Resources
) -> None:
    g = graph("Headline\n\n" + text, shared_resources, date="2024-05-01")
    initiatives = by_label(g, TKG.Initiative)
    assert int(str(g.value(initiatives[name], TKG.year))) == year, initiatives
