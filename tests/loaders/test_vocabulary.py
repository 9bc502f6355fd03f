from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.namespaces import INDUSTRY, KIND, POLICY, TITLE, TKG
from loaders.vocabulary import Concept, Vocabulary, normalize_label

DATA = Path(__file__).resolve().parent.parent / "data" / "vocabulary"
ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
EX = "urn:example:"


@pytest.fixture(scope="module")
def tiny() -> Vocabulary:
    return Vocabulary.from_graph(Graph().parse(DATA / "tiny.ttl"))


@pytest.fixture(scope="module")
def project() -> Vocabulary:
    return Vocabulary.from_dir(ONTOLOGY)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Children's Wear", "childrens wear", id="apostrophe"),
        pytest.param("children’s wear", "CHILDREN'S WEAR", id="typographic-apostrophe-and-case"),
        pytest.param("non-woven fabrics", "Non woven fabric", id="hyphen-and-plural"),
        pytest.param("Printing & Dyeing", "printing and dyeing", id="ampersand"),
        pytest.param("  ropes,  and   nets. ", "rope and net", id="punctuation-and-space"),
        pytest.param("industries", "industry", id="ies-plural"),
    ],
)
def test_normalize_label_equates_variants(a: str, b: str) -> None:
    assert normalize_label(a) == normalize_label(b)


def test_normalize_label_keeps_distinct_words_apart() -> None:
    assert normalize_label("down") != normalize_label("down jackets")
    assert normalize_label("glass") == "glass"


def test_from_graph_builds_typed_concepts(tiny: Vocabulary) -> None:
    wear = tiny.get(URIRef(EX + "childrens-wear"))
    assert wear == Concept(
        iri=URIRef(EX + "childrens-wear"),
        scheme=URIRef(EX + "industries"),
        pref_label="children's wear",
        labels=("children's wear", "kidswear"),
        label_zh="童装",
        broader=(URIRef(EX + "garments"),),  # from the parent's skos:narrower
    )


def test_concepts_without_english_pref_label_are_left_out(tiny: Vocabulary) -> None:
    assert tiny.get(URIRef(EX + "unlabelled")) is None
    assert [c.pref_label for c in tiny.concepts(URIRef(EX + "kinds"))] == ["development zone"]


@pytest.mark.parametrize("text", ["Children's Wear", "childrens wear", "children’s wear", "KIDSWEAR", "童装"])
def test_lookup_ignores_case_punctuation_and_plurals(tiny: Vocabulary, text: str) -> None:
    hit = tiny.lookup(text)
    assert hit is not None
    assert hit.iri == URIRef(EX + "childrens-wear")


def test_lookup_in_a_scheme_and_across_schemes(tiny: Vocabulary) -> None:
    assert tiny.lookup("zone", URIRef(EX + "industries")) is None
    kinds_hit = tiny.lookup("apparel", URIRef(EX + "kinds"))
    assert kinds_hit is not None and kinds_hit.iri == URIRef(EX + "zone")
    any_hit = tiny.lookup("apparel")
    assert any_hit is not None and any_hit.scheme == URIRef(EX + "industries")  # schemes in IRI order
    assert tiny.lookup("nothing like it") is None


def test_ancestors_are_nearest_first(tiny: Vocabulary) -> None:
    assert tiny.ancestors(URIRef(EX + "socks")) == [URIRef(EX + "childrens-wear"), URIRef(EX + "garments")]
    assert tiny.ancestors(URIRef(EX + "garments")) == []
    assert tiny.ancestors(URIRef(EX + "unknown")) == []


def test_label_index_maps_normalised_labels(tiny: Vocabulary) -> None:
    index = tiny.label_index(URIRef(EX + "industries"))
    assert index["clothing"].iri == URIRef(EX + "garments")
    assert index[normalize_label("children's wear")].iri == URIRef(EX + "childrens-wear")
    assert tiny.label_index(URIRef(EX + "missing")) == {}


def test_from_dir_reports_the_bad_file(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text("@prefix skos: <x> .\n<a> skos:b ", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.ttl"):
        Vocabulary.from_dir(tmp_path)


@pytest.mark.parametrize(
    ("text", "scheme", "expected"),
    [
        pytest.param("Causal Wear", TKG.IndustryScheme, INDUSTRY["casual-wear"], id="casual-typo"),
        pytest.param("apparel", TKG.IndustryScheme, INDUSTRY["garments"], id="apparel"),
        pytest.param("woollen sweaters", TKG.IndustryScheme, INDUSTRY["sweaters"], id="sweaters"),
        pytest.param("chemical fiber", TKG.IndustryScheme, INDUSTRY["chemical-fibre"], id="us-spelling"),
        pytest.param(
            "live streaming e-commerce",
            TKG.PolicyMeasureScheme,
            POLICY["live-streaming-e-commerce"],
            id="live-streaming",
        ),
        pytest.param(
            "China's Famous Sweater City",
            TKG.DesignationTitleScheme,
            TITLE["china-famous-sweater-city"],
            id="title-variant",
        ),
        pytest.param(
            "中国毛衫名城", TKG.DesignationTitleScheme, TITLE["china-famous-sweater-city"], id="title-zh"
        ),
        pytest.param("economic development zone", TKG.ParkKindScheme, KIND["development-zone"], id="zone"),
        pytest.param("Ministry", TKG.OrganizationKindScheme, KIND["government-body"], id="ministry"),
        pytest.param("action plan", TKG.InitiativeKindScheme, KIND["action-plan"], id="action-plan"),
    ],
)
def test_project_vocabulary_finds_common_text_variants(
    project: Vocabulary, text: str, scheme: URIRef, expected: URIRef
) -> None:
    hit = project.lookup(text, scheme)
    assert hit is not None
    assert hit.iri == expected


def test_project_vocabulary_has_every_scheme(project: Vocabulary) -> None:
    sizes = {scheme: len(project.concepts(scheme)) for scheme in project.schemes}
    assert sizes[TKG.IndustryScheme] >= 70
    assert sizes[TKG.PolicyMeasureScheme] >= 35
    assert sizes[TKG.DesignationTitleScheme] >= 20
    assert {TKG.ParkKindScheme, TKG.OrganizationKindScheme, TKG.InitiativeKindScheme} <= set(sizes)
    assert INDUSTRY["garments"] in project.ancestors(INDUSTRY["sweaters"])
