"""Valid time (``as_of``) and publication time (``known_at``) over real HTTP (issue 13).

The store is the fixture with a later article (tests/data/validtime.trig, 2024-03-10) that corrects the
2021 revenue of the Qinghe cluster (31.78 -> 32 billion), gives its 2023 revenue, a designation of 2023,
a new park and a programme for 2024-2026: ``as_of`` and ``known_at`` must pick different answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from pydantic import SecretStr

from api.app import create_app
from kg.consolidation.view import Consolidation
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import DATA, FIXTURE, consolidate

BASE = "https://w3id.org/textile-kg/id/"
CLUSTER = "/clusters/qinghe-cashmere-cluster"
ACTION_PLAN = BASE + "initiative/hebei-garment-industry-action-plan"
PROGRAMME = BASE + "initiative/qinghe-cashmere-upgrade-programme"
IMPLEMENTATION = (
    BASE
    + "initiative/implementation-plan-for-the-coordinated-development-of-beijing-tianjin-hebei-industries"
)
LOGISTICS = BASE + "park/qinghe-cashmere-logistics-park"
CAPITAL = BASE + "designation/china-cashmere-capital-130534"
HEBEI_KEY = BASE + "designation/hebei-key-characteristic-industrial-cluster-130534"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.oxigraph.load(path=str(DATA / "validtime.trig"), format=ox.RdfFormat.TRIG)
    consolidate(store)
    settings = Settings(store=tmp_path_factory.mktemp("store"), queries_dir=PROJECT_ROOT / "queries")
    with live_server(create_app(settings, store)) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def get(client: httpx.Client, path: str, **params: str) -> dict[str, object]:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert isinstance(body, dict)
    return body


def revenues(profile: dict[str, object]) -> dict[int, float]:
    figures = profile["figures"]
    assert isinstance(figures, list)
    return {f["year"]: f["value"] for f in figures if f["measure"] == "revenue"}


def ids(items: object) -> set[str]:
    assert isinstance(items, list)
    return {item["id"] for item in items}


def test_every_figure_and_designation_keeps_its_year_apart_from_its_publication(client: httpx.Client) -> None:
    profile = get(client, CLUSTER)
    by_year = {f["year"]: f for f in profile["figures"] if f["measure"] == "revenue"}  # type: ignore[attr-defined]
    assert by_year[2021]["published"] == "2022-11-24"  # first stated in 2022, corrected in 2024
    assert by_year[2023]["published"] == "2024-03-10"
    held = {d["id"]: d for d in profile["designations"]}  # type: ignore[attr-defined]
    assert (held[HEBEI_KEY]["year"], held[HEBEI_KEY]["published"]) == (2019, "2022-11-24")
    assert (held[CAPITAL]["year"], held[CAPITAL]["published"]) == (2023, "2024-03-10")


def test_the_default_profile_holds_the_current_values(client: httpx.Client) -> None:
    profile = get(client, CLUSTER)
    assert revenues(profile) == {2021: 32_000_000_000, 2023: 35_000_000_000}  # the later article wins
    assert {CAPITAL, HEBEI_KEY} <= ids(profile["designations"])
    assert PROGRAMME in ids(profile["initiatives"])


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param("2015-06-30", {}, id="before-any-figure"),
        pytest.param("2022-06-30", {2021: 32_000_000_000}, id="latest-up-to-2022"),
        pytest.param("2023-01-01", {2023: 35_000_000_000}, id="latest-is-2023"),
    ],
)
def test_as_of_keeps_the_latest_figure_per_measure_up_to_the_date(
    client: httpx.Client, as_of: str, expected: dict[int, float]
) -> None:
    assert revenues(get(client, CLUSTER, as_of=as_of)) == expected


def test_as_of_keeps_designations_conferred_and_initiatives_in_force(client: httpx.Client) -> None:
    profile = get(client, CLUSTER, as_of="2019-06-30")
    assert ids(profile["designations"]) == {HEBEI_KEY}
    assert ids(profile["initiatives"]) == {ACTION_PLAN}  # 2017-2020
    profile = get(client, CLUSTER, as_of="2018-06-30")
    assert ids(profile["designations"]) == set()
    assert ACTION_PLAN in ids(profile["initiatives"])
    profile = get(client, CLUSTER, as_of="2025-06-30")
    assert {PROGRAMME, IMPLEMENTATION} <= ids(profile["initiatives"])
    assert ACTION_PLAN not in ids(profile["initiatives"])  # ended in 2020


def test_known_at_answers_from_the_sources_published_by_then(client: httpx.Client) -> None:
    now = get(client, CLUSTER)
    then = get(client, CLUSTER, known_at="2023-01-01")
    assert revenues(then) == {2021: 31_780_000_000}  # the 2024 correction was not published yet
    current_2021 = next(f["id"] for f in now["figures"] if f["year"] == 2021 and f["measure"] == "revenue")  # type: ignore[attr-defined]
    assert any(f["id"] == current_2021 for f in then["figures"])  # type: ignore[attr-defined]
    assert CAPITAL not in ids(then["designations"]) and HEBEI_KEY in ids(then["designations"])
    assert PROGRAMME not in ids(then["initiatives"])
    assert {s["date"] for s in then["sources"]} == {"2017-09-05", "2022-11-24"}  # type: ignore[attr-defined]


def test_known_at_and_as_of_combine(client: httpx.Client) -> None:
    profile = get(client, CLUSTER, known_at="2023-01-01", as_of="2030-01-01")
    assert revenues(profile) == {2021: 31_780_000_000}


def test_a_profile_no_source_published_by_known_at_states_is_404(client: httpx.Client) -> None:
    answer = client.get(CLUSTER, params={"known_at": "2016-01-01"})
    assert answer.status_code == 404
    assert "2016-01-01" in answer.json()["detail"]


def test_initiative_targets_count_from_the_year_the_initiative_was_issued(client: httpx.Client) -> None:
    path = "/initiatives/hebei-garment-industry-action-plan"
    assert len(get(client, path)["targets"]) == 2  # type: ignore[arg-type]
    assert get(client, path, as_of="2016-12-31")["targets"] == []
    assert len(get(client, path, as_of="2018-01-01")["targets"]) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "params", "present", "absent"),
    [
        pytest.param("/parks", {}, LOGISTICS, None, id="parks-now"),
        pytest.param(
            "/parks",
            {"known_at": "2023-01-01"},
            BASE + "park/qinghe-cashmere-town",
            LOGISTICS,
            id="parks-known",
        ),
        pytest.param(
            "/parks",
            {"known_at": "2016-01-01"},
            BASE + "park/tianmen-economic-development-zone",
            LOGISTICS,
            id="curated-always-known",
        ),
        pytest.param(
            "/provinces/hebei/parks",
            {"known_at": "2023-01-01"},
            BASE + "park/qinghe-cashmere-town",
            LOGISTICS,
            id="province-parks",
        ),
        pytest.param(
            "/clusters",
            {"known_at": "2016-01-01"},
            BASE + "cluster/tongxiang-sweater-cluster",
            BASE + "cluster/qinghe-cashmere-cluster",
            id="clusters-known",
        ),
        pytest.param(
            "/provinces/hebei/clusters",
            {"known_at": "2018-01-01"},
            BASE + "cluster/qinghe-cashmere-cluster",
            None,
            id="province-clusters",
        ),
        pytest.param(
            "/enterprises",
            {"known_at": "2020-01-01"},
            BASE + "enterprise/tianmen-textile-machinery",
            BASE + "enterprise/qinghe-cashmere-textiles-co-130534",
            id="enterprises-known",
        ),
        pytest.param("/initiatives", {"as_of": "2018-06-30"}, ACTION_PLAN, PROGRAMME, id="initiatives-as-of"),
        pytest.param(
            "/initiatives", {"as_of": "2024-06-30"}, PROGRAMME, ACTION_PLAN, id="initiatives-as-of-later"
        ),
        pytest.param(
            "/initiatives", {"known_at": "2023-01-01"}, ACTION_PLAN, PROGRAMME, id="initiatives-known"
        ),
        pytest.param(
            "/provinces/hebei/initiatives",
            {"as_of": "2018-06-30"},
            ACTION_PLAN,
            IMPLEMENTATION,
            id="province-initiatives",
        ),
        pytest.param("/designations", {"as_of": "2020-01-01"}, HEBEI_KEY, CAPITAL, id="designations-as-of"),
        pytest.param(
            "/designations", {"known_at": "2023-01-01"}, HEBEI_KEY, CAPITAL, id="designations-known"
        ),
        pytest.param("/designations", {"as_of": "2024-01-01"}, CAPITAL, None, id="designations-later"),
    ],
)
def test_lists_filter_by_valid_and_publication_time(
    client: httpx.Client, path: str, params: dict[str, str], present: str, absent: str | None
) -> None:
    found = ids(get(client, path, limit="1000", **params)["items"])
    assert present in found
    assert absent is None or absent not in found


def test_the_designation_filter_of_a_list_counts_from_the_conferral(client: httpx.Client) -> None:
    title = "national-textile-and-garment-creative-design-demonstration-park"
    assert ids(get(client, "/parks", designation=title, as_of="2021-12-31")["items"]) == set()
    found = ids(get(client, "/parks", designation=title, as_of="2022-12-31")["items"])
    assert found == {BASE + "park/qinghe-cashmere-town"}
    assert ids(get(client, "/clusters", year="2019", as_of="2018-01-01")["items"]) == set()


def test_the_province_profile_counts_what_was_known(client: httpx.Client) -> None:
    now = get(client, "/provinces/hebei")
    then = get(client, "/provinces/hebei", known_at="2023-01-01")
    assert LOGISTICS in ids(now["parks"]) and LOGISTICS not in ids(then["parks"])
    counts_now, counts_then = now["counts"], then["counts"]
    assert isinstance(counts_now, dict) and isinstance(counts_then, dict)
    assert counts_then["parks"] == counts_now["parks"] - 1
    in_2018 = get(client, "/provinces/hebei", as_of="2018-06-30")
    assert ids(in_2018["initiatives"]) == {ACTION_PLAN}


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        pytest.param(CLUSTER, "as_of", "2015-02-30", id="profile-no-such-day"),
        pytest.param(CLUSTER, "known_at", "2015-13-01", id="profile-no-such-month"),
        pytest.param("/parks", "as_of", "2015", id="list-year-only"),
        pytest.param("/designations", "known_at", "yesterday", id="list-word"),
        pytest.param("/provinces/hebei/initiatives", "as_of", "0000-01-01", id="year-zero"),
        pytest.param("/provinces/hebei", "known_at", "2015-06-30T00:00:00", id="date-time"),
    ],
)
def test_a_bad_date_is_a_400_naming_the_parameter(
    client: httpx.Client, path: str, name: str, value: str
) -> None:
    answer = client.get(path, params={name: value})
    assert answer.status_code == 400, answer.text
    assert name in answer.json()["detail"]


def test_rdf_profiles_refuse_a_time_they_cannot_apply(client: httpx.Client) -> None:
    answer = client.get(CLUSTER, params={"as_of": "2020-01-01"}, headers={"Accept": "text/turtle"})
    assert answer.status_code == 400
    assert "as_of" in answer.json()["detail"]


def test_openapi_shows_both_parameters(client: httpx.Client) -> None:
    paths = get(client, "/openapi.json")["paths"]
    assert isinstance(paths, dict)
    for path in (
        "/clusters",
        "/clusters/{cluster_id}",
        "/parks",
        "/parks/{park_id}",
        "/enterprises",
        "/enterprises/{enterprise_id}",
        "/initiatives",
        "/initiatives/{initiative_id}",
        "/designations",
        "/provinces/{province_id}",
        "/provinces/{province_id}/parks",
        "/provinces/{province_id}/clusters",
        "/provinces/{province_id}/initiatives",
    ):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert {"as_of", "known_at"} <= names, path


def test_a_curated_graph_counts_from_its_first_write(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A curated graph written through the API now is known from today on, not before (its first write
    in the change log); the fixture's curated graph, loaded in bulk, is always known."""
    token = "validtime-token"
    settings = Settings(
        store=tmp_path_factory.mktemp("written"),
        queries_dir=PROJECT_ROOT / "queries",
        write_token=SecretStr(token),
    )
    store = EmbeddedStore(consolidation=Consolidation.from_settings(settings))
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    park = BASE + "park/curated-valid-time-park"
    body = f"""@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{park}> a tkg:IndustrialPark ; rdfs:label "Curated Valid Time Park"@en ; dcterms:source "site visit" ;
    tkg:locatedIn <{BASE}place/130534> ."""
    today = datetime.datetime.now(datetime.UTC).date()
    with live_server(create_app(settings, store)) as url, httpx.Client(base_url=url, timeout=60) as http:
        put = http.put(
            "/graphs",
            params={"graph": BASE + "graph/curated/valid-time"},
            content=body,
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
        )
        assert put.status_code == 201, put.text
        yesterday = (today - datetime.timedelta(days=1)).isoformat()
        assert park not in ids(get(http, "/parks", known_at=yesterday, limit="1000")["items"])
        assert park in ids(get(http, "/parks", known_at=today.isoformat(), limit="1000")["items"])
        tianmen = BASE + "park/tianmen-economic-development-zone"  # graph/curated/tongxiang: no write logged
        assert tianmen in ids(get(http, "/parks", known_at="2000-01-01", limit="1000")["items"])
        assert http.get("/parks/curated-valid-time-park", params={"known_at": yesterday}).status_code == 404
        profile = get(http, "/parks/curated-valid-time-park", known_at=today.isoformat())
        assert profile["label"] == "Curated Valid Time Park"
    store.close()
