"""The scorer on tiny hand-made gold/prediction pairs: one test per matching rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from kg.eval.gold import GoldArticle, GoldEntity, GoldFact
from kg.eval.places import Resolvers, resolvers_for
from kg.eval.scorer import check_thresholds, evaluate, score_article
from kg.eval.scores import Scores
from loaders.gazetteer import Division, Gazetteer
from loaders.vocabulary import Concept, Vocabulary

BASE = "https://example.org/id/"
CODES: dict[tuple[str, str | None, str | None], str] = {
    ("Qinghe County", "Hebei", "Xingtai"): "130534",
    ("Qinghe", "Hebei", "Xingtai"): "130534",
}
CODES |= {("Xingtai", "Hebei", None): "130500", ("Hebei", None, None): "130000"}
CODES |= {("Ningjin County", "Hebei", "Xingtai"): "130528", ("Ci County", "Hebei", "Handan"): "130427"}
CONCEPTS = {"casual wear": "ind:casual-wear", "leisure wear": "ind:casual-wear", "cashmere": "ind:cashmere"}
RESOLVERS = Resolvers(place=lambda n, p, c: CODES.get((n, p, c)), concept=lambda label: CONCEPTS.get(label))


def entity(type_: str, label: str, iri: str | None = None, **fields: Any) -> dict[str, Any]:
    base = {"id": iri or BASE + label.replace(" ", "-"), "type": type_, "label": label, "aliases": []}
    place = {"county": None, "city": None, "province": None}
    return base | {"place": place, "located_in": None, "industries": [], "designations": []} | fields


def fact(
    subject: str, label: str, value: object, unit: str, year: int | None, kind: str = "target"
) -> dict[str, Any]:
    return {"subject": subject, "subject_label": label, "measure": "m", "value": value, "unit": unit,
            "year": year, "comparator": None, "kind": kind, "evidence": None}  # fmt: skip


def score(
    entities: list[GoldEntity], predicted: list[dict[str, Any]], facts: tuple[GoldFact, ...] = (),
    predicted_facts: list[dict[str, Any]] | None = None,
) -> Scores:  # fmt: skip
    report = Scores()
    gold = GoldArticle("a.txt", tuple(entities), facts)
    score_article(report, gold, {"entities": predicted, "facts": predicted_facts or []}, RESOLVERS)
    return report


def counts(report: Scores, section: str = "entities") -> tuple[int, int, int]:
    overall = getattr(report, section).overall
    return overall.tp, overall.fp, overall.fn


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        pytest.param(
            "Children's Wear Cluster", "childrens wear cluster", (1, 0, 0), id="case-and-punctuation"
        ),
        pytest.param("Xiong'an Park", "Xiongan Park", (1, 0, 0), id="apostrophe-and-spaces"),
        pytest.param(
            "Tianmen Textile and Garment Cluster",
            "Tianmen Textile & Garment Cluster",
            (1, 0, 0),
            id="fuzzy-above-0.85",
        ),
        pytest.param("Hanpai Clothing Town", "Longteng Clothing Town", (0, 1, 1), id="fuzzy-below-0.85"),
    ],
)
def test_entity_names(gold: str, predicted: str, expected: tuple[int, int, int]) -> None:
    report = score([GoldEntity("IndustrialPark", gold)], [entity("IndustrialPark", predicted)])
    assert counts(report) == expected


def test_alias_matches() -> None:
    gold = GoldEntity("Organization", "Ministry of Industry and Information Technology", aliases=("MIIT",))
    assert counts(score([gold], [entity("Organization", "MIIT")])) == (1, 0, 0)


def test_type_group_must_agree() -> None:
    report = score(
        [GoldEntity("IndustrialPark", "Qinghe Cashmere Town")], [entity("Enterprise", "Qinghe Cashmere Town")]
    )
    assert counts(report) == (0, 1, 1)
    assert report.entities.groups["parks"].fn == 1 and report.entities.groups["enterprises"].fp == 1


def test_places_of_one_group_match_across_types() -> None:
    gold = GoldEntity("Region", "Xiong'an New Area")
    assert counts(score([gold], [entity("City", "Xiongan New Area")])) == (1, 0, 0)


def test_places_match_on_code_not_spelling() -> None:
    gold = GoldEntity("County", "Qinghe County", attributes={"province": "Hebei", "city": "Xingtai"})
    assert counts(score([gold], [entity("County", "Qinghe", BASE + "place/130534")])) == (1, 0, 0)


def test_places_with_other_code_do_not_match() -> None:
    gold = GoldEntity("County", "Ningjin County", attributes={"province": "Hebei", "city": "Xingtai"})
    shandong_ningjin = entity("County", "Ningjin County", BASE + "place/371426")
    assert counts(score([gold], [shandong_ningjin])) == (0, 1, 1)


def test_cluster_matches_on_place_and_industry_whatever_its_name() -> None:
    attrs = {
        "located_in": "Ningjin County",
        "city": "Xingtai",
        "province": "Hebei",
        "industries": ["casual wear"],
    }
    gold = GoldEntity("IndustrialCluster", "Ningjin Casual Wear Cluster", attributes=attrs)
    same = entity(
        "IndustrialCluster",
        "Leisure Industry Base",
        located_in=BASE + "place/130528",
        industries=["leisure wear"],
    )
    assert counts(score([gold], [same])) == (1, 0, 0)
    other_industry = same | {"industries": ["cashmere"]}
    assert counts(score([gold], [other_industry])) == (0, 1, 1)


def test_uncertain_is_neither_miss_nor_false_positive() -> None:
    gold = [
        GoldEntity("Enterprise", "Tmall", uncertain=True),
        GoldEntity("Enterprise", "Taobao", uncertain=True),
    ]
    assert counts(score(gold, [entity("Enterprise", "Tmall")])) == (0, 0, 0)


def test_matching_is_one_to_one_and_best_first() -> None:
    gold = [
        GoldEntity("IndustrialPark", "Towel Industry Base"),
        GoldEntity("IndustrialPark", "Bedding Industry Base"),
    ]
    predicted = [
        entity("IndustrialPark", "Bedding Industry Base"),
        entity("IndustrialPark", "Bedding Industry Base"),
    ]
    report = score(gold, predicted)
    assert counts(report) == (1, 1, 1)
    assert [m.text for m in report.entities.misses] == ["IndustrialPark Towel Industry Base"]


def test_an_equal_name_outranks_a_name_containing_a_generic_alias() -> None:
    gold = [GoldEntity("IndustrialPark", "Hechi Silk Industrial Park", aliases=("industrial park",))]
    predicted = [
        entity("IndustrialPark", "Yizhou Industrial Park"),
        entity("IndustrialPark", "Hechi Silk Industrial Park"),
    ]
    report = score(gold, predicted)
    assert counts(report) == (1, 1, 0)
    assert [f.text for f in report.entities.false_positives] == ["IndustrialPark Yizhou Industrial Park"]


def test_attribute_place_chain() -> None:
    attrs = {"located_in": "Qinghe County", "city": "Xingtai", "province": "Hebei"}
    gold = GoldEntity("IndustrialCluster", "Qinghe Cashmere Cluster", attributes=attrs)
    place = {"county": "Qinghe County", "city": "Xingtai", "province": "Hebei"}
    right = entity(
        "IndustrialCluster", "Qinghe Cashmere Cluster", located_in=BASE + "place/130534", place=place
    )
    assert counts(score([gold], [right]), "attributes") == (3, 0, 0)
    wrong = right | {"located_in": BASE + "place/130500", "place": place | {"county": None}}
    report = score([gold], [wrong])
    assert counts(report, "attributes") == (2, 1, 1)  # a wrong place claimed is also a false positive
    assert report.attributes.groups["located_in"].fn == 1


def test_attribute_industries_on_the_concept() -> None:
    gold = GoldEntity(
        "IndustrialCluster", "Ningjin Cluster", attributes={"industries": ["casual wear", "cashmere"]}
    )
    predicted = entity("IndustrialCluster", "Ningjin Cluster", industries=["leisure wear", "denim"])
    report = score([gold], [predicted])
    assert counts(report, "attributes") == (1, 1, 1)
    assert report.attribute_accuracy == 0.5


@pytest.mark.parametrize(
    ("key", "gold_value", "predicted_value", "correct"),
    [
        pytest.param(
            "issuer",
            "General Office of the Hebei Provincial Government",
            "general office of the Hebei provincial government",
            1,
            id="issuer-normalised",
        ),
        pytest.param("issuer", "Hebei Daily", "Ministry of Commerce", 0, id="issuer-wrong"),
        pytest.param("year", 2022, 2022, 1, id="year"),
        pytest.param("year", 2022, 2021, 0, id="year-wrong"),
        pytest.param("period", "2021/2023", {"start": 2021, "end": 2023}, 1, id="period"),
        pytest.param("period", "2021/2023", {"start": 2021, "end": 2025}, 0, id="period-wrong"),
        pytest.param("scope", ["Tianmen"], ["Tianmen City"], 1, id="scope-place-suffix"),
        pytest.param(
            "designations", ["China Famous Sweater City"], ["China's Famous Sweater City"], 1, id="title"
        ),
        pytest.param("part_of", ["Tianmen Economic Development Zone"], [], 0, id="part-of-missing"),
    ],
)
def test_attribute_values(key: str, gold_value: object, predicted_value: object, correct: int) -> None:
    gold = GoldEntity("Initiative", "Plan", attributes={key: gold_value})
    predicted = entity("Initiative", "Plan") | {key: predicted_value}
    report = score([gold], [predicted])
    assert report.attributes.overall.tp == correct
    assert report.attributes.overall.fn == 1 - correct


def test_part_of_answers_to_the_aliases_the_gold_gives_the_whole() -> None:
    city = GoldEntity("IndustrialPark", "Changshu Garment City", aliases=("Changshu Garments Town",))
    market = GoldEntity("IndustrialPark", "Tianhong Market", attributes={"part_of": "Changshu Garment City"})
    predicted = [
        entity("IndustrialPark", "Changshu Garments Town"),
        entity("IndustrialPark", "Tianhong Market", part_of=["Changshu Garments Town"]),
    ]
    assert score([city, market], predicted).attributes.overall.tp == 1
    wrong = [predicted[0], predicted[1] | {"part_of": ["Suzhou Garments Town"]}]
    assert score([city, market], wrong).attributes.overall.tp == 0


def test_attributes_of_uncertain_entities_are_not_scored() -> None:
    gold = GoldEntity("Enterprise", "Tmall", uncertain=True, attributes={"year": 2020})
    assert counts(score([gold], [entity("Enterprise", "Tmall")]), "attributes") == (0, 0, 0)


PLAN = GoldEntity("Initiative", "Hebei action plan")
PLAN_IRI = BASE + "Hebei-action-plan"


@pytest.mark.parametrize(
    ("value", "unit", "year", "matches"),
    [
        pytest.param(180e9, "CNY", 2020, True, id="exact"),
        pytest.param(180.8e9, "yuan", 2020, True, id="within-0.5%-and-yuan"),
        pytest.param(181e9, "CNY", 2020, False, id="beyond-0.5%"),
        pytest.param(180e9, "percent", 2020, False, id="other-unit"),
        pytest.param(180e9, "CNY", 2021, False, id="other-year"),
    ],
)
def test_fact_rules(value: float, unit: str, year: int, matches: bool) -> None:
    gold = (GoldFact("Hebei action plan", "income", 180000000000, "CNY", "target", year=2020),)
    predicted = [fact(PLAN_IRI, "Hebei action plan", value, unit, year)]
    report = score([PLAN], [entity("Initiative", "Hebei action plan")], gold, predicted)
    assert counts(report, "facts") == ((1, 0, 0) if matches else (0, 1, 1))


def test_fact_without_gold_year_and_percent_sign() -> None:
    gold = (GoldFact("Hebei action plan", "growth", 10, "percent", "target"),)
    predicted = [fact(PLAN_IRI, "Hebei action plan", 10, "%", 2020)]
    report = score([PLAN], [entity("Initiative", "Hebei action plan")], gold, predicted)
    assert counts(report, "facts") == (1, 0, 0)


def test_fact_subject_must_agree() -> None:
    gold = (GoldFact("Hebei action plan", "parks", 5, "parks", "target"),)
    predicted = [fact(BASE + "Hebei", "Hebei", 5, "parks", None)]
    entities = [entity("Initiative", "Hebei action plan"), entity("Province", "Hebei")]
    report = score([PLAN, GoldEntity("Province", "Hebei")], entities, gold, predicted)
    assert counts(report, "facts") == (0, 1, 1)


def test_uncertain_fact_neither_miss_nor_false_positive() -> None:
    gold = (GoldFact("Hebei action plan", "workshops", 2, "workshops", "target", uncertain=True),)
    predicted = [fact(PLAN_IRI, "Hebei action plan", 2, "workshops", None)]
    report = score([PLAN], [entity("Initiative", "Hebei action plan")], gold, predicted)
    assert counts(report, "facts") == (0, 0, 0)


def test_fact_groups_are_kinds() -> None:
    gold = (GoldFact("Hebei action plan", "parks", 5, "parks", "target"),)
    predicted = [fact(PLAN_IRI, "Hebei action plan", 7, "clusters", None, kind="observation")]
    report = score([PLAN], [entity("Initiative", "Hebei action plan")], gold, predicted)
    assert report.facts.groups["target"].fn == 1 and report.facts.groups["observation"].fp == 1


def test_evaluate_runs_the_extractor_and_skips_absent_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hebei", encoding="utf-8")
    gold = [GoldArticle("a.txt", (GoldEntity("Province", "Hebei"),), ()), GoldArticle("b.txt", (), ())]
    seen: list[str] = []

    def extract(path: Path) -> dict[str, Any]:
        seen.append(path.name)
        return {"entities": [entity("Province", "Hebei")], "facts": []}

    report = evaluate(gold, tmp_path, extract, RESOLVERS)
    assert seen == ["a.txt"] and report.skipped == ["b.txt"]
    assert report.entities.overall.f1 == 1.0


def test_check_thresholds() -> None:
    report = score(
        [GoldEntity("Province", "Hebei"), GoldEntity("Province", "Shandong")], [entity("Province", "Hebei")]
    )
    assert check_thresholds(report) == ["entity F1 0.667 < 0.90"]
    assert check_thresholds(report, entity_f1=0.6) == []


def test_report_json_has_scores_and_lists() -> None:
    report = score([GoldEntity("Province", "Hebei")], [entity("Province", "Shandong")])
    doc = report.as_json()
    assert doc["entities"]["overall"]["f1"] == 0.0
    assert doc["entities"]["misses"] == [{"article": "a.txt", "group": "places", "text": "Province Hebei"}]
    assert doc["entities"]["false_positives"][0]["text"] == "Province Shandong"
    assert doc["attributes"]["accuracy"] == 1.0


def test_resolvers_for_gazetteer_and_vocabulary() -> None:
    divisions = [
        Division("130000", "河北省", "Hebei", "province", None, None, None),
        Division("130500", "邢台市", "Xingtai", "city", "130000", None, None),
        Division("130528", "宁晋县", "Ningjin County", "county", "130500", None, None, ("Ningjin",)),
        Division("370000", "山东省", "Shandong", "province", None, None, None),
        Division("371400", "德州市", "Dezhou", "city", "370000", None, None),
        Division("371426", "宁津县", "Ningjin County", "county", "371400", None, None, ("Ningjin",)),
    ]
    casual = Concept(
        URIRef("urn:ind:casual-wear"),
        URIRef("urn:s"),
        "casual wear",
        ("casual wear", "causal wear"),
        None,
        (),
    )
    resolvers = resolvers_for(Gazetteer(divisions, []), Vocabulary([casual]))
    assert resolvers.place_code("Ningjin", "Hebei", None) == "130528"
    assert resolvers.place_code("Ningjin County", "Shandong", "Dezhou") == "371426"
    assert (
        resolvers.place_code("Ningjin", "Hebei", "Dezhou") == "130528"
    )  # a wrong city does not empty the answer
    assert resolvers.place_code("Ningjin", "Beijing", None) is None
    assert (
        resolvers.concept_key("Causal Wear") == resolvers.concept_key("casual wear") == "urn:ind:casual-wear"
    )
    assert resolvers.concept_key("denim") == "label:denim"


def test_measures_match_on_concept_or_name() -> None:
    gold = GoldEntity(
        "Initiative", "Plan", attributes={"measures": ["supply chain coordination platform", "casual wear"]}
    )
    predicted = entity("Initiative", "Plan") | {"measures": ["supply chain coordination", "leisure wear"]}
    assert counts(score([gold], [predicted]), "attributes") == (2, 0, 0)


def test_measures_also_answer_to_the_initiatives_aims_as_written() -> None:
    gold = GoldEntity(
        "Initiative", "Plan", attributes={"measures": ["high-end silk products", "casual wear", "logistics"]}
    )
    predicted = entity("Initiative", "Plan") | {
        "measures": ["leisure wear"],
        "aims": ["high-end silk and linen products", "power supply"],
    }
    assert counts(score([gold], [predicted]), "attributes") == (2, 1, 1)  # "power supply" is no logistics


def test_two_gold_labels_of_one_industry_concept_are_one_check() -> None:
    gold = GoldEntity(
        "IndustrialCluster", "Ningjin Cluster", attributes={"industries": ["casual wear", "leisure wear"]}
    )
    predicted = entity("IndustrialCluster", "Ningjin Cluster", industries=["casual wear"])
    report = score([gold], [predicted])
    assert counts(report, "attributes") == (1, 0, 0)
    assert report.attribute_accuracy == 1.0
