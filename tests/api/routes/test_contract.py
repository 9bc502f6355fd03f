"""One model per resource over real HTTP: list items and profiles share field names and shapes, every
field is present, closed value sets are words; ids and filters take English, Chinese and pinyin names."""

from __future__ import annotations

import httpx
import pytest
from pydantic import BaseModel

from api.models import (
    Cluster,
    ClusterProfile,
    Designation,
    Enterprise,
    EnterpriseProfile,
    Initiative,
    InitiativeProfile,
    Organization,
    Park,
    ParkProfile,
    Province,
    ProvinceProfile,
)

BASE = "https://w3id.org/textile-kg/id/"
QINGHE = BASE + "cluster/qinghe-cashmere-cluster"


def items(client: httpx.Client, url: str) -> list[dict[str, object]]:
    answer = client.get(url + ("&" if "?" in url else "?") + "limit=1000")
    assert answer.status_code == 200, answer.text
    found = answer.json()["items"]
    assert isinstance(found, list) and found, url
    return found


@pytest.mark.parametrize(
    ("url", "model"),
    [
        pytest.param("/provinces", Province, id="provinces"),
        pytest.param("/clusters", Cluster, id="clusters"),
        pytest.param("/provinces/hebei/clusters", Cluster, id="province-clusters"),
        pytest.param("/parks", Park, id="parks"),
        pytest.param("/provinces/hebei/parks", Park, id="province-parks"),
        pytest.param("/enterprises", Enterprise, id="enterprises"),
        pytest.param("/initiatives", Initiative, id="initiatives"),
        pytest.param("/provinces/hebei/initiatives", Initiative, id="province-initiatives"),
        pytest.param("/organizations", Organization, id="organizations"),
        pytest.param("/designations", Designation, id="designations"),
    ],
)
def test_list_items_have_every_field_of_their_model(
    client: httpx.Client, url: str, model: type[BaseModel]
) -> None:
    for item in items(client, url):
        assert list(item) == list(model.model_fields), (url, item)
        assert model.model_validate(item).model_dump(mode="json") == item


@pytest.mark.parametrize(
    ("url", "profile_url", "model"),
    [
        pytest.param("/clusters", "/clusters/{}", ClusterProfile, id="cluster"),
        pytest.param("/parks", "/parks/{}", ParkProfile, id="park"),
        pytest.param("/enterprises", "/enterprises/{}", EnterpriseProfile, id="enterprise"),
        pytest.param("/initiatives", "/initiatives/{}", InitiativeProfile, id="initiative"),
        pytest.param("/provinces", "/provinces/{}", ProvinceProfile, id="province"),
    ],
)
def test_a_profile_is_its_list_item_and_more(
    client: httpx.Client, url: str, profile_url: str, model: type[BaseModel]
) -> None:
    for item in items(client, url):
        key = str(item["id"]).rsplit("/", 1)[1]
        answer = client.get(profile_url.format(key))
        assert answer.status_code == 200, answer.text
        profile = answer.json()
        assert set(model.model_fields) == set(profile)
        for field in ("id", "type", "label", "kind", "year", "start_year", "end_year", "code", "label_zh"):
            if field in item:
                assert profile[field] == item[field], (key, field)
        if item.get("issuer"):
            assert profile["issuer"]["id"] == item["issuer"]["id"]  # type: ignore[index]
        places = {p["id"] for p in item.get("places", []) if "/place/" in p["id"]}  # type: ignore[attr-defined]
        assert places <= {p["id"] for p in profile["places"]}  # the chain starts with them


def test_closed_value_sets_are_words(client: httpx.Client) -> None:
    profile = client.get("/clusters/qinghe-cashmere-cluster").json()
    assert {f["comparator"] for f in profile["figures"]} <= {
        None,
        "more-than",
        "at-least",
        "about",
        "less-than",
        "at-most",
    }
    assert {f["kind"] for f in profile["figures"]} <= {"target", "observation", "event"}
    assert {p["kind"] for p in items(client, "/parks")} <= {
        None, "park", "development-zone", "characteristic-town", "incubator-base", "industrial-base",
        "professional-market",
    }  # fmt: skip


def test_the_enums_are_the_ontology_schemes() -> None:
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from api.models import InitiativeKind, OrganizationKind, ParkKind
    from kg.namespaces import TKG
    from tests.paths import ONTOLOGY

    kinds = Graph().parse(ONTOLOGY / "kinds.ttl")
    for scheme, enum in [
        (TKG.ParkKindScheme, ParkKind),
        (TKG.OrganizationKindScheme, OrganizationKind),
        (TKG.InitiativeKindScheme, InitiativeKind),
    ]:
        slugs = {str(c).rsplit("/", 1)[1] for c in kinds.subjects(SKOS.inScheme, scheme)}
        assert slugs == {e.value for e in enum}, scheme


def test_an_enterprise_profile(client: httpx.Client) -> None:
    profile = client.get("/enterprises/qinghe-cashmere-textiles-co-130534").json()
    assert profile["type"] == "Enterprise" and profile["part_of"][0]["id"] == QINGHE
    assert [p["code"] for p in profile["places"]][-1] == "130000"
    assert client.get("/enterprises/nothing-here").status_code == 404


def test_organizations_and_designations(client: httpx.Client) -> None:
    kinds = {o["kind"] for o in items(client, "/organizations")}
    assert {"government-body", "industry-association"} <= kinds
    bodies = items(client, "/organizations?kind=government-body")
    assert bodies and {o["kind"] for o in bodies} == {"government-body"}
    assert client.get("/organizations?kind=nonsense").status_code == 400
    sweater = items(client, "/designations?title=china-famous-sweater-city")
    assert [d["holder"]["id"] for d in sweater] == [BASE + "cluster/tongxiang-sweater-cluster"]
    assert [d["year"] for d in items(client, "/designations?year=2019")] == [2019]
    assert items(client, "/designations?title=China Famous Sweater City") == sweater


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("/provinces/河北/parks", BASE + "park/qinghe-cashmere-town", id="province-zh-short"),
        pytest.param("/provinces/河北省/clusters", QINGHE, id="province-zh-full"),
        pytest.param("/provinces/Héběi/clusters", QINGHE, id="province-pinyin-tones"),
        pytest.param("/provinces/HEBEI/clusters", QINGHE, id="province-upper"),
        pytest.param("/clusters?city=邢台", QINGHE, id="city-zh"),
        pytest.param("/clusters?province=河北", QINGHE, id="filter-province-zh"),
        pytest.param("/clusters?industry=羊绒", QINGHE, id="industry-zh"),
        pytest.param("/clusters?industry=cashmere", QINGHE, id="industry-slug"),
    ],
)
def test_names_in_english_chinese_and_pinyin(client: httpx.Client, url: str, expected: str) -> None:
    assert expected in [item["id"] for item in items(client, url)]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("qinghe-cashmere-cluster", id="slug"),
        pytest.param("Qinghe Cashmere Cluster", id="english"),
        pytest.param("清河羊绒产业集群", id="chinese"),
        pytest.param("Qīnghé Yángróng", id="pinyin"),
        pytest.param("qinghe yangrong", id="pinyin-plain"),
    ],
)
def test_profile_ids_in_every_script(client: httpx.Client, path: str) -> None:
    answer = client.get(f"/clusters/{path}")
    assert answer.status_code == 200 and answer.json()["id"] == QINGHE


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        pytest.param("cluster/Qinghe Cashmere Cluster", "cluster/qinghe-cashmere-cluster", id="english"),
        pytest.param("cluster/清河羊绒产业集群", "cluster/qinghe-cashmere-cluster", id="chinese"),
        pytest.param("park/Qinghe Cashmere Town", "park/qinghe-cashmere-town", id="park"),
        pytest.param("place/河北", "place/130000", id="place-zh"),
        pytest.param("place/hebei", "place/130000", id="place-slug"),
    ],
)
def test_id_takes_the_names_the_rest_routes_take(client: httpx.Client, path: str, canonical: str) -> None:
    answer = client.get(f"/id/{path}", headers={"Accept": "text/turtle"})
    assert answer.status_code == 303 and answer.headers["location"].endswith(f"/id/{canonical}")
    followed = client.get(answer.headers["location"], headers={"Accept": "text/turtle"})
    assert (followed.status_code == 200 and BASE + canonical in followed.text) or canonical in followed.text


def test_a_named_query_shows_its_text(client: httpx.Client) -> None:
    info = client.get("/queries/parks_by_province/info").json()
    assert info["text"].startswith("# Industrial parks") and "SELECT" in info["text"]
    assert [p["name"] for p in info["params"]] == ["province", "known_at"]
    assert client.get("/queries/nope/info").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("industry/cashmere", id="industry"),
        pytest.param("kind/characteristic-town", id="kind"),
        pytest.param("title/china-famous-sweater-city", id="title"),
        pytest.param("policy/digital-transformation", id="policy"),
    ],
)
def test_concept_iris_dereference(client: httpx.Client, path: str) -> None:
    for accept in ("text/turtle", "application/ld+json"):
        answer = client.get(f"/{path}", headers={"Accept": accept})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
        assert "skos" in answer.text and path.rsplit("/", 1)[1] in answer.text
