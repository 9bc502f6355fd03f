"""The REST resources over real HTTP: lists, filters, paging, profiles, id resolution, errors."""

import httpx
import pytest

BASE = "https://w3id.org/textile-kg/id/"
QINGHE = BASE + "cluster/qinghe-cashmere-cluster"


def ids_of(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("/provinces", BASE + "place/130000", id="provinces"),
        pytest.param("/clusters", QINGHE, id="clusters"),
        pytest.param("/parks", BASE + "park/qinghe-cashmere-town", id="parks"),
        pytest.param("/enterprises", BASE + "enterprise/tianmen-textile-machinery", id="enterprises"),
        pytest.param(
            "/initiatives", BASE + "initiative/hebei-garment-industry-action-plan", id="initiatives"
        ),
        pytest.param("/provinces/hebei/parks", BASE + "park/qinghe-cashmere-town", id="parks-by-province"),
        pytest.param("/provinces/130000/clusters", QINGHE, id="clusters-by-province"),
        pytest.param(
            "/provinces/Hebei/initiatives",
            BASE + "initiative/hebei-garment-industry-action-plan",
            id="initiatives-by-province",
        ),
        pytest.param("/search?q=qinghe", QINGHE, id="search-en"),
        pytest.param("/search?q=羊绒", QINGHE, id="search-zh"),
        pytest.param("/search?q=yangrong", QINGHE, id="search-pinyin"),
    ],
)
def test_lists(client: httpx.Client, url: str, expected: str) -> None:
    assert expected in ids_of(client.get(url))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "/clusters?province=hebei", {QINGHE, BASE + "cluster/xinji-leather-cluster"}, id="province-slug"
        ),
        pytest.param("/clusters?city=130500", {QINGHE}, id="city-code"),
        pytest.param("/clusters?industry=wool", {QINGHE}, id="industry-narrower"),
        pytest.param(
            "/clusters?industry=garments",
            {BASE + "cluster/tongxiang-sweater-cluster"},
            id="industry-garments",
        ),
        pytest.param(
            "/clusters?designation=china-famous-sweater-city&year=2002",
            {BASE + "cluster/tongxiang-sweater-cluster"},
            id="designation-year",
        ),
        pytest.param("/clusters?year=1999", set(), id="year-none"),
        pytest.param(
            "/parks?province=Hubei&kind=development-zone",
            {BASE + "park/tianmen-economic-development-zone"},
            id="park-kind",
        ),
        pytest.param(
            "/enterprises?cluster=qinghe-cashmere-cluster",
            {BASE + "enterprise/qinghe-cashmere-textiles-co-130534"},
            id="enterprise-cluster",
        ),
        pytest.param(
            "/initiatives?year=2024",
            {
                BASE + "initiative/implementation-plan-for-the-coordinated-"
                "development-of-beijing-tianjin-hebei-industries"
            },
            id="initiative-year",
        ),
    ],
)
def test_filters(client: httpx.Client, url: str, expected: set[str]) -> None:
    assert set(ids_of(client.get(url))) == expected


def test_paging_follows_next_links(client: httpx.Client) -> None:
    seen: list[str] = []
    url: str | None = "/provinces?limit=2"
    while url:
        answer = client.get(url)
        seen += ids_of(answer)
        url = answer.json()["next"]
    assert len(seen) == len(set(seen)) == 5


def test_cluster_profile(client: httpx.Client) -> None:
    profile = client.get("/clusters/qinghe-cashmere-cluster").json()
    assert profile["labels"] == {
        "en": "Qinghe Cashmere Cluster",
        "zh": "清河羊绒产业集群",
        "pinyin": "Qīnghé Yángróng",
        "aliases": ["Qinghe cashmere", "Qinghe Yangrong"],
    }
    assert [(p["type"], p["code"]) for p in profile["places"]] == [
        ("County", "130534"),
        ("City", "130500"),
        ("Province", "130000"),
    ]
    assert profile["places"][0]["wkt"].startswith("POINT(")
    assert profile["industries"] == [
        {"id": "https://w3id.org/textile-kg/industry/cashmere", "label": "cashmere"}
    ]
    designation = profile["designations"][0]
    assert designation["year"] == 2019 and "Industry and Information" in designation["conferred_by"]["label"]
    assert [p["label"] for p in profile["parks"]] == ["Qinghe Cashmere Town"]
    assert [e["label"] for e in profile["enterprises"]] == ["Qinghe Cashmere Textiles Co."]
    revenue = next(f for f in profile["figures"] if f["measure"] == "revenue")
    assert (revenue["value"], revenue["unit"], revenue["year"]) == (31780000000, "CNY", 2021)
    assert revenue["comparator"] == "about"
    assert len(profile["initiatives"]) == 2  # through its province and a region spanning it
    located = next(s for s in profile["statements"] if s["property"].endswith("#locatedIn"))
    assert len(located["articles"]) == 2
    assert {s["date"] for s in profile["sources"]} == {"2017-09-05", "2022-11-24"}
    assert any("key characteristic" in e for s in profile["sources"] for e in s["evidence"])


def test_park_and_initiative_profiles(client: httpx.Client) -> None:
    park = client.get("/parks/qinghe-cashmere-town").json()
    assert park["kind"] == "characteristic-town" and park["part_of"][0]["id"] == QINGHE
    plan = client.get("/initiatives/hebei-garment-industry-action-plan").json()
    assert plan["issuer"]["label"] == "General Office of the Hebei Provincial Government"
    assert (plan["start_year"], plan["end_year"], plan["year"], plan["kind"]) == (
        2017,
        2020,
        2017,
        "action-plan",
    )
    assert [s["label"] for s in plan["scope"]] == ["Hebei"]
    assert len(plan["measures"]) == 2 and len(plan["targets"]) == 2


def test_province_profile_by_code_name_and_slug(client: httpx.Client) -> None:
    for province_id in ("hebei", "130000", "Hebei"):
        profile = client.get(f"/provinces/{province_id}").json()
        assert profile["code"] == "130000"
        assert profile["counts"] == {"clusters": 2, "parks": 3, "initiatives": 3}


@pytest.mark.parametrize(
    "url",
    [
        "/provinces/atlantis",
        "/provinces/999999",
        "/provinces/130500",
        "/clusters/nowhere",
        "/parks/qinghe-cashmere-cluster",
        "/initiatives/x",
        "/queries/nope",
        "/id/cluster/nothing-here",
        "/clusters?province=atlantis",
    ],
)
def test_unknown_ids_are_404_with_a_message(client: httpx.Client, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 404
    assert answer.json()["detail"]


@pytest.mark.parametrize(
    "value", ['x" } ; DROP ALL ; #', "\\u0022 }", "> } ; DROP", "'; DELETE WHERE { ?s ?p ?o }", "<a>", "%00"]
)
@pytest.mark.parametrize("param", ["q", "industry", "year", "province"])
def test_hostile_values_return_nothing_or_400(client: httpx.Client, param: str, value: str) -> None:
    url = "/search" if param == "q" else "/clusters"
    answer = client.get(url, params={param: value})
    assert answer.status_code in (200, 400, 404), answer.text
    if answer.status_code == 200:
        assert answer.json()["items"] == []
    assert "Traceback" not in answer.text and "/work/" not in answer.text
    assert client.get("/clusters").json()["items"]  # nothing was dropped


@pytest.mark.parametrize(
    "url", ["/clusters?limit=0", "/clusters?limit=abc", "/clusters?offset=-1", "/search"]
)
def test_bad_paging_and_missing_parameters_are_400(client: httpx.Client, url: str) -> None:
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/clusters", id="clusters"),
        pytest.param("/parks", id="parks"),
        pytest.param("/provinces/hebei/clusters", id="clusters-by-province"),
        pytest.param("/search?q=qinghe", id="search-en"),
        pytest.param("/search?q=cashmere", id="search-industry-word"),
    ],
)
def test_lists_name_each_entity_once_though_several_articles_state_it(client: httpx.Client, url: str) -> None:
    ids = ids_of(client.get(url))
    assert ids and len(ids) == len(set(ids))
