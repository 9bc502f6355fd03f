"""Curation over real HTTP (issue 13): token roles, the article catalogue, retract and restore, versions
and diffs of curated graphs, If-Match, the change log as CSV. The consolidated graph is maintained by
the store (as ``tkg serve`` does), so a retraction shows in the answers at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from pydantic import SecretStr

from api.app import create_app
from kg.consolidation.view import Consolidation
from kg.settings import Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.api.routes.test_curator import BASE, CURATED, GOOD, MORE, TURTLE
from tests.paths import FIXTURE, consolidate

TOKENS = "carol:carol-token,rita:rita-token:reviewer,ruth:ruth-token:reviewer,adam:adam-token:admin"
ARTICLE = "qinghe-cashmere-town"
TOWN = BASE + "park/qinghe-cashmere-town"


def bearer(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {name}-token"}


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "base_iri": BASE,
        "write_tokens": SecretStr(TOKENS),
        "response_cache": False,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


def consolidated_store() -> EmbeddedStore:
    """The fixture in a store that keeps graph/current with every write (like ``open_store``)."""
    config = settings()
    store = EmbeddedStore(ids=config.ids, consolidation=Consolidation.from_settings(config))
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    consolidate(store)
    return store


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    store = consolidated_store()
    with live_server(create_app(settings(), store)) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield http
    store.close()


def in_current(http: httpx.Client, iri: str) -> bool:
    query = f"ASK {{ <{iri}> ?p ?o }}"
    answer = http.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["boolean"])


def test_tokens_carry_roles() -> None:
    from api.http.auth import Role, write_tokens

    tokens = write_tokens(settings(write_token=SecretStr("root")))
    assert tokens["default"] == ("root", Role.admin)
    assert tokens["carol"] == ("carol-token", Role.curator)
    assert tokens["rita"] == ("rita-token", Role.reviewer)
    assert tokens["adam"] == ("adam-token", Role.admin)
    odd = write_tokens(settings(write_tokens=SecretStr("old:se:cret,x:y:admin")))
    assert odd == {"old": ("se:cret", Role.curator), "x": ("y", Role.admin)}


def test_article_catalogue(api: httpx.Client) -> None:
    listed = api.get("/articles").json()
    assert listed["total"] == 2 and [a["id"] for a in listed["items"]] == ["hebei-garment-parks", ARTICLE]
    first = listed["items"][0]
    assert first["title"] == "Hebei Will Build 5 Garment Industrial Innovation Parks"
    assert first["date"] == "2017-09-05" and first["publisher"] == "Hebei Daily"
    assert first["url"] == "https://example.org/news/hebei-garment-parks"
    assert first["triples"] > 10 and first["status"] == "published" and first["version"] is None
    page = api.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert [a["id"] for a in page["items"]] == [ARTICLE]
    one = api.get(f"/articles/{ARTICLE}")
    assert one.status_code == 200 and one.headers["etag"].startswith('"0-')
    document = one.json()
    assert document["extraction"]["IndustrialPark"] >= 1 and isinstance(document["shacl"]["conforms"], bool)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/articles/no-such-article", 404, id="unknown"),
        pytest.param("GET", "/articles/..%2Fx", 404, id="not-an-id"),
        pytest.param("GET", "/articles/no-such-article/versions", 404, id="versions-unknown"),
        pytest.param("GET", f"/articles/{ARTICLE}/versions/7/diff", 404, id="version-unknown"),
        pytest.param("GET", f"/articles/{ARTICLE}/versions/0/diff", 400, id="version-zero"),
        pytest.param("GET", "/articles?limit=0", 400, id="limit"),
        pytest.param("GET", "/articles?status=lost", 400, id="status"),
        pytest.param("DELETE", "/articles/no-such-article", 404, id="retract-unknown"),
        pytest.param("POST", f"/articles/{ARTICLE}/restore", 409, id="restore-published"),
    ],
)
def test_article_errors(api: httpx.Client, method: str, path: str, status: int) -> None:
    answer = api.request(method, path, headers=bearer("adam"))
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({}, 401, id="missing"),
        pytest.param({"Authorization": "Bearer wrong"}, 401, id="wrong"),
    ],
)
def test_retract_needs_a_token(api: httpx.Client, headers: dict[str, str], status: int) -> None:
    assert api.delete(f"/articles/{ARTICLE}", headers=headers).status_code == status
    assert in_current(api, TOWN)


def test_retract_and_restore_an_article(api: httpx.Client) -> None:
    assert in_current(api, TOWN)
    etag = api.get(f"/articles/{ARTICLE}").headers["etag"]
    stale = api.delete(f"/articles/{ARTICLE}", headers={**bearer("carol"), "If-Match": '"9-abc"'})
    assert stale.status_code == 412 and stale.headers["etag"] == etag
    retracted = api.delete(f"/articles/{ARTICLE}", headers={**bearer("carol"), "If-Match": etag})
    assert retracted.status_code == 200, retracted.text
    assert retracted.json()["version"] == 2 and retracted.json()["status"] == "retracted"
    assert not in_current(api, TOWN)  # its statements left the consolidated graph at once
    assert api.get("/parks/qinghe-cashmere-town").status_code == 404
    again = api.delete(f"/articles/{ARTICLE}", headers=bearer("carol"))
    assert again.status_code == 409
    listed = {a["id"]: a for a in api.get("/articles").json()["items"]}
    assert listed[ARTICLE]["status"] == "retracted" and listed[ARTICLE]["title"]
    assert api.get("/articles", params={"status": "retracted"}).json()["total"] == 1
    history = api.get(f"/articles/{ARTICLE}/versions").json()["versions"]
    assert [(v["version"], v["operation"], v["by"]) for v in history] == [
        (1, "BASELINE", "loader"),
        (2, "RETRACT", "carol"),
    ]
    removed = api.get(f"/articles/{ARTICLE}/versions/2/diff").json()
    assert removed["added"] == [] and any(TOWN in line for line in removed["removed"])
    restored = api.post(f"/articles/{ARTICLE}/restore", headers=bearer("carol"))
    assert restored.status_code == 200 and restored.json()["version"] == 3
    assert in_current(api, TOWN) and api.get("/parks/qinghe-cashmere-town").status_code == 200
    history = api.get(f"/articles/{ARTICLE}/versions").json()["versions"]
    assert history[-1]["restored_from"] == 1 and history[-1]["hash"] == history[0]["hash"]
    changes = api.get("/graphs/changes").json()
    assert [c["operation"] for c in changes[:2]] == ["RESTORE", "RETRACT"]
    assert changes[0]["version"] == 3 and changes[0]["diff"] == f"/articles/{ARTICLE}/versions/3/diff"
    assert changes[0]["hash"].startswith("sha256:")


def test_curated_graph_versions_diff_restore_and_csv(api: httpx.Client) -> None:
    params = {"graph": CURATED}
    first = api.put("/graphs", params=params, content=GOOD, headers={**TURTLE, **bearer("carol")})
    assert first.status_code == 201 and first.json()["version"] == 1
    blind = api.put("/graphs", params=params, content=MORE, headers={**TURTLE, **bearer("rita")})
    assert blind.status_code == 409 and blind.headers["etag"] == first.headers["etag"]
    second = api.put(
        "/graphs",
        params=params,
        content=MORE,
        headers={**TURTLE, **bearer("rita"), "If-Match": first.headers["etag"]},
    )
    assert second.status_code == 200 and second.json()["version"] == 2
    assert api.get("/graphs", params=params).headers["etag"] == second.headers["etag"]
    listed = api.get("/graphs/versions", params=params).json()["versions"]
    assert [(v["version"], v["operation"], v["by"]) for v in listed] == [
        (1, "PUT", "carol"),
        (2, "PUT", "rita"),
    ]
    changed = api.get("/graphs/versions/2/diff", params=params).json()
    assert any("other-park" in t for t in changed["added"]) and any(
        "new-park" in t for t in changed["removed"]
    )
    stale = api.post(
        "/graphs/versions/1/restore",
        params=params,
        headers={**bearer("carol"), "If-Match": first.headers["etag"]},
    )
    assert stale.status_code == 412
    back = api.post("/graphs/versions/1/restore", params=params, headers=bearer("carol"))
    assert back.status_code == 200 and back.json()["version"] == 3
    assert in_current(api, BASE + "park/new-park") and not in_current(api, BASE + "park/other-park")
    assert api.post("/graphs/versions/9/restore", params=params, headers=bearer("carol")).status_code == 404
    assert api.get("/graphs/versions", params={"graph": CURATED + "-none"}).status_code == 404
    table = api.get("/graphs/changes", params=params, headers={"Accept": "text/csv"})
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [r["operation"] for r in rows] == ["RESTORE", "PUT", "PUT"]
    assert {"at", "graph", "by", "version", "hash", "diff", "added", "removed"} <= set(rows[0])


def test_curators_may_be_kept_from_publishing() -> None:
    store = consolidated_store()
    app = create_app(settings(curators_publish=False), store)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        params = {"graph": CURATED}
        refused = http.put("/graphs", params=params, content=GOOD, headers={**TURTLE, **bearer("carol")})
        assert refused.status_code == 403 and "POST /drafts" in refused.json()["detail"]
        assert http.delete(f"/articles/{ARTICLE}", headers=bearer("carol")).status_code == 403
        allowed = http.put("/graphs", params=params, content=GOOD, headers={**TURTLE, **bearer("rita")})
        assert allowed.status_code == 201
    store.close()


KIND = "https://w3id.org/textile-kg/kind/"
FIX = f"""@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{TOWN}> tkg:parkKind <{KIND}industrial-base> ; dcterms:source "site visit" ."""
FIX_GRAPH = BASE + "graph/curated/fix"


def town_kind(http: httpx.Client) -> str:
    answer = http.get("/parks/qinghe-cashmere-town", headers={"Accept": "application/json"})
    assert answer.status_code == 200, answer.text
    return str(
        answer.json()["kind"]["id"] if isinstance(answer.json()["kind"], dict) else answer.json()["kind"]
    )


def test_conflicts_list_filter_and_resolve(api: httpx.Client) -> None:
    assert api.get("/conflicts").json()["total"] == 0
    put = api.put("/graphs", params={"graph": FIX_GRAPH}, content=FIX, headers={**TURTLE, **bearer("carol")})
    assert put.status_code == 201
    listed = api.get("/conflicts", params={"entity": "park/qinghe-cashmere-town"}).json()
    assert listed["total"] == 1
    found = listed["items"][0]
    assert found["property"].endswith("#parkKind") and found["status"] == "open"
    assert found["current"] == [{"iri": KIND + "industrial-base"}]
    by_value = {v["value"]["iri"]: v for v in found["values"]}
    article = by_value[KIND + "characteristic-town"]["sources"][0]
    assert article["graph"].endswith("graph/article/qinghe-cashmere-town") and article["date"] == "2022-11-24"
    assert "Qinghe Cashmere Town" in article["evidence"][0]
    assert by_value[KIND + "industrial-base"]["sources"][0]["evidence"] == ["site visit"]
    for params, total in [
        ({"class": "IndustrialPark"}, 1),
        ({"class": "IndustrialCluster"}, 0),
        ({"property": "tkg:parkKind"}, 1),
        ({"property": "https://w3id.org/textile-kg/ontology#parkKind"}, 1),
        ({"property": "rdfs:label"}, 0),
        ({"entity": BASE + "park/other"}, 0),
        ({"status": "resolved"}, 0),
    ]:
        assert api.get("/conflicts", params=params).json()["total"] == total, params
    assert api.get(f"/conflicts/{found['id']}").json()["entity"] == TOWN
    choose = by_value[KIND + "characteristic-town"]["id"]
    url = f"/conflicts/{found['id']}/resolve"
    assert api.post(url, json={"alternative": choose}).status_code == 401
    assert api.post(url, json={"alternative": "nope"}, headers=bearer("carol")).status_code == 400
    assert api.post(url, json={}, headers=bearer("carol")).status_code == 400
    assert (
        api.post(url, json={"alternative": choose, "iri": KIND + "x"}, headers=bearer("carol")).status_code
        == 400
    )
    assert api.post(url, json={"colour": "red"}, headers=bearer("carol")).status_code == 400
    resolved = api.post(
        url, json={"alternative": choose, "note": "the article is right"}, headers=bearer("carol")
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved" and resolved.json()["resolution"]["operation"] == "RESOLVE"
    assert api.get("/conflicts", params={"status": "open"}).json()["total"] == 0
    assert api.get("/conflicts", params={"status": "resolved"}).json()["total"] == 1
    assert "characteristic-town" in town_kind(api)
    graph = resolved.json()["resolution"]["graph"]
    assert api.get("/graphs/versions", params={"graph": graph}).json()["versions"][0]["by"] == "carol"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/conflicts/0123", 404, id="malformed-id"),
        pytest.param("/conflicts/" + "0" * 40, 404, id="unknown-id"),
        pytest.param("/conflicts?status=closed", 400, id="bad-status"),
        pytest.param("/conflicts?entity=" + "park/a%20b", 400, id="bad-iri"),
    ],
)
def test_conflict_errors(api: httpx.Client, path: str, status: int) -> None:
    answer = api.get(path)
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]


@pytest.mark.slow
def test_articles_are_never_silently_overwritten(api: httpx.Client) -> None:
    text = "The weather was mild on Tuesday, and nothing else happened."
    body = {"text": text, "title": "A quiet day", "date": "2024-01-02"}
    stored = api.post("/articles", params={"dry_run": "false"}, json=body, headers=bearer("carol"))
    assert stored.status_code == 200, stored.text
    article_id = stored.json()["id"]
    assert article_id.startswith("a-quiet-day-") and stored.json()["version"]["version"] == 1
    again = api.post("/articles", params={"dry_run": "false"}, json=body, headers=bearer("ruth"))
    assert again.status_code == 409 and again.headers["etag"] == stored.headers["etag"]
    same_title = {**body, "text": "Another mild day; again nothing happened."}
    other = api.post("/articles", params={"dry_run": "false"}, json=same_title, headers=bearer("ruth"))
    assert other.status_code == 200 and other.json()["id"] != article_id  # no overwrite by title
    edit = {**same_title, "id": article_id}
    stale = api.post(
        "/articles", params={"dry_run": "false"}, json=edit, headers={**bearer("ruth"), "If-Match": '"7-x"'}
    )
    assert stale.status_code == 412
    new = api.post(
        "/articles",
        params={"dry_run": "false"},
        json=edit,
        headers={**bearer("ruth"), "If-Match": stored.headers["etag"]},
    )
    assert new.status_code == 200 and new.json()["version"]["version"] == 2
    versions = api.get(f"/articles/{article_id}/versions").json()["versions"]
    assert [(v["version"], v["by"]) for v in versions] == [(1, "carol"), (2, "ruth")]
    by_url = api.post(
        "/articles",
        params={"dry_run": "false"},
        json={**body, "url": "https://example.org/news/quiet"},
        headers=bearer("carol"),
    )
    assert by_url.status_code == 200 and by_url.json()["id"].startswith("example-org-news-quiet-")
    listed = api.get("/articles").json()
    assert listed["total"] == 5


@pytest.mark.slow
def test_article_draft_approved(api: httpx.Client) -> None:
    body = {"text": "The weather was mild on Tuesday.", "title": "Mild", "date": "2024-01-02"}
    made = api.post("/drafts", json=body, headers=bearer("carol"))
    assert made.status_code == 201, made.text
    assert made.json()["kind"] == "article" and "extraction" in made.json()
    assert api.get("/articles").json()["total"] == 2  # not published yet
    approved = api.post(f"/drafts/{made.json()['id']}/approve", headers=bearer("rita"))
    assert approved.status_code == 200, approved.text
    listed = {a["id"]: a for a in api.get("/articles").json()["items"]}
    assert made.json()["target"].rsplit("/", 1)[1] in listed


def test_concurrent_merges_are_serialised_and_none_is_lost() -> None:
    """Six merges at once into one graph (queued by the write admission, serialised by the write lock):
    every one is answered 200/201 and none is lost."""
    store = consolidated_store()
    app = create_app(settings(overload_wait=120.0), store)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=120) as api:
        run_concurrent_merges(api)
    store.close()


def run_concurrent_merges(api: httpx.Client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def merge(n: int) -> httpx.Response:
        body = GOOD.replace("park/new-park", f"park/new-park-{n}").replace("New Park", f"New Park {n}")
        with httpx.Client(base_url=str(api.base_url), timeout=120) as http:
            return http.post(
                "/graphs", params={"graph": CURATED}, content=body, headers={**TURTLE, **bearer("rita")}
            )

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(merge, range(6)))
    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    assert sorted(a.json()["version"] for a in answers) == [1, 2, 3, 4, 5, 6]
    turtle = api.get("/graphs", params={"graph": CURATED}, headers={"Accept": "application/n-triples"}).text
    assert all(f"park/new-park-{n}>" in turtle for n in range(6))
    versions = api.get("/graphs/versions", params={"graph": CURATED}).json()["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3, 4, 5, 6]
