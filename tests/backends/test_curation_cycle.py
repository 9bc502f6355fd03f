"""The curators' review cycle over real HTTP, on the embedded store and on an Oxigraph server (issue 13):
draft, reject, draft again, approve, a conflict appears, resolve it, retract an article, restore an older
version. Curators may not publish directly here (TKG_CURATORS_PUBLISH=false): every change is reviewed.
(Virtuoso 7 does not run the consolidation's update text: see tests/backends/conftest.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from kg.consolidation.view import Consolidation
from kg.ingest.bulk import load_files
from kg.namespaces import Ids
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore, Store
from kg.store.remote import RemoteStore
from tests.api.http_server import live_server
from tests.backends.servers import Server
from tests.paths import FIXTURE, consolidate

BASE = Ids().base
TOWN = BASE + "park/qinghe-cashmere-town"
KIND = "https://w3id.org/textile-kg/kind/"
GRAPH = BASE + "graph/curated/qinghe-kind"
ARTICLE = "qinghe-cashmere-town"
DESIGNATION = "https://w3id.org/textile-kg/ontology#designatedAs"
SETTINGS = Settings(
    queries_dir=PROJECT_ROOT / "queries",
    write_tokens=SecretStr("carol:carol-token,rita:rita-token:reviewer"),
    curators_publish=False,
    response_cache=False,
)
TURTLE = {"Content-Type": "text/turtle"}


def kind_draft(kind: str, source: str) -> str:
    return f"""@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{TOWN}> tkg:parkKind <{KIND}{kind}> ; dcterms:source "{source}" ."""


def bearer(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {name}-token"}


def open_store(request: pytest.FixtureRequest, name: str) -> Store:
    consolidation = Consolidation.from_settings(SETTINGS)
    if name == "embedded":
        return EmbeddedStore(ids=SETTINGS.ids, consolidation=consolidation)
    server: Server = request.getfixturevalue(f"{name}_server")
    store = RemoteStore(server.endpoints, chunk=500, ids=SETTINGS.ids, consolidation=consolidation)
    for graph in store.graph_sizes():
        store.drop_graph(graph)
    return store


@pytest.fixture(params=["embedded", "oxigraph"])
def api(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    store = open_store(request, request.param)
    load_files(store, [FIXTURE], Ids())
    consolidate(store)
    with live_server(create_app(SETTINGS, store)) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield http
    store.close()


def holds(http: httpx.Client, triple: str) -> bool:
    answer = http.get(
        "/sparql",
        params={"query": f"ASK {{ {triple} }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["boolean"])


def test_review_cycle(api: httpx.Client) -> None:
    kind = f"<{TOWN}> <https://w3id.org/textile-kg/ontology#parkKind> <{KIND}%s>"
    # a curator may not publish here, only propose
    direct = api.put(
        "/graphs",
        params={"graph": GRAPH},
        content=kind_draft("industrial-base", "x"),
        headers={**TURTLE, **bearer("carol")},
    )
    assert direct.status_code == 403
    # draft, rejected
    first = api.post(
        "/drafts",
        params={"graph": GRAPH},
        content=kind_draft("industrial-base", "rumour"),
        headers={**TURTLE, **bearer("carol")},
    )
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "pending" and first.json()["report"]["conforms"] is True
    assert not holds(api, kind % "industrial-base")  # a draft touches nothing the answers read
    assert (
        api.post(
            f"/drafts/{first.json()['id']}/reject",
            json={"reason": "a rumour is no source"},
            headers=bearer("carol"),
        ).status_code
        == 403
    )
    assert (
        api.post(f"/drafts/{first.json()['id']}/reject", json={}, headers=bearer("rita")).status_code == 400
    )
    rejected = api.post(
        f"/drafts/{first.json()['id']}/reject",
        json={"reason": "a rumour is no source"},
        headers=bearer("rita"),
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert rejected.json()["note"] == "a rumour is no source" and rejected.json()["reviewer"] == "rita"
    assert api.post(f"/drafts/{first.json()['id']}/approve", headers=bearer("rita")).status_code == 409
    # draft again, approved: the curated kind wins and a conflict appears
    second = api.post(
        "/drafts",
        params={"graph": GRAPH},
        content=kind_draft("industrial-base", "site visit 2024"),
        headers={**TURTLE, **bearer("carol")},
    )
    assert second.status_code == 201
    pending = api.get("/drafts", params={"status": "pending"}).json()
    assert [d["id"] for d in pending["items"]] == [second.json()["id"]]
    assert api.get(f"/drafts/{second.json()['id']}").json()["content"]
    approved = api.post(f"/drafts/{second.json()['id']}/approve", headers=bearer("rita"))
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["version"]["version"] == 1
    assert holds(api, kind % "industrial-base") and not holds(api, kind % "characteristic-town")
    conflicts = api.get("/conflicts", params={"entity": TOWN, "status": "open"}).json()["items"]
    assert len(conflicts) == 1 and conflicts[0]["current"] == [{"iri": KIND + "industrial-base"}]
    # resolve: the article's kind after all
    article_value = next(
        v for v in conflicts[0]["values"] if v["value"]["iri"].endswith("characteristic-town")
    )
    resolved = api.post(
        f"/conflicts/{conflicts[0]['id']}/resolve",
        json={"alternative": article_value["id"], "note": "checked"},
        headers=bearer("rita"),
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved"
    assert holds(api, kind % "characteristic-town") and not holds(api, kind % "industrial-base")
    assert api.get("/conflicts", params={"status": "open"}).json()["total"] == 0
    # retract the article: its statements leave the consolidated graph at once
    designation = f"<{TOWN}> <{DESIGNATION}> ?d"
    assert holds(api, designation)
    retracted = api.delete(f"/articles/{ARTICLE}", headers=bearer("rita"))
    assert retracted.status_code == 200, retracted.text
    assert not holds(api, designation)
    assert api.get("/articles", params={"status": "retracted"}).json()["items"][0]["id"] == ARTICLE
    # restore an older version (1: the article as loaded)
    restored = api.post(f"/articles/{ARTICLE}/versions/1/restore", headers=bearer("rita"))
    assert restored.status_code == 200 and restored.json()["version"] == 3
    assert holds(api, designation)
    versions = api.get(f"/articles/{ARTICLE}/versions").json()["versions"]
    assert [v["operation"] for v in versions] == ["BASELINE", "RETRACT", "RESTORE"]
    log = api.get("/graphs/changes").json()
    operations = [c["operation"] for c in log if c["operation"] != "BASELINE"]  # same time as RETRACT
    assert operations == ["RESTORE", "RETRACT", "RESOLVE", "APPROVE"]


def test_an_author_does_not_approve_their_own_draft(api: httpx.Client) -> None:
    mine = api.post(
        "/drafts",
        params={"graph": GRAPH},
        content=kind_draft("industrial-base", "mine"),
        headers={**TURTLE, **bearer("rita")},
    )
    assert mine.status_code == 201
    answer = api.post(f"/drafts/{mine.json()['id']}/approve", headers=bearer("rita"))
    assert answer.status_code == 403 and "another reviewer" in answer.json()["detail"]
    assert api.post(f"/drafts/{mine.json()['id']}/approve", headers={}).status_code == 401
    assert api.get("/drafts/unknown0draft").status_code == 404
    assert api.post("/drafts/unknown0draft/approve", headers=bearer("rita")).status_code == 404
    assert (
        api.post("/drafts", content=kind_draft("x", "y"), headers={**TURTLE, **bearer("carol")}).status_code
        == 400
    )
    assert (
        api.post(
            "/drafts", params={"graph": GRAPH}, content="<a> <b> .", headers={**TURTLE, **bearer("carol")}
        ).status_code
        == 400
    )
    assert (
        api.post(
            "/drafts",
            params={"graph": GRAPH},
            content="x",
            headers={"Content-Type": "image/png", **bearer("carol")},
        ).status_code
        == 415
    )


def test_a_draft_of_a_graph_that_changed_needs_if_match(api: httpx.Client) -> None:
    drafts = [
        api.post(
            "/drafts",
            params={"graph": GRAPH},
            content=kind_draft(kind, "visit"),
            headers={**TURTLE, **bearer("carol")},
        ).json()["id"]
        for kind in ("industrial-base", "development-zone")
    ]
    first = api.post(f"/drafts/{drafts[0]}/approve", headers=bearer("rita"))
    assert first.status_code == 200, first.text
    stale = api.post(f"/drafts/{drafts[1]}/approve", headers=bearer("rita"))
    assert stale.status_code == 409 and first.headers["etag"] in stale.json()["detail"]
    seen = api.post(
        f"/drafts/{drafts[1]}/approve", headers={**bearer("rita"), "If-Match": first.headers["etag"]}
    )
    assert seen.status_code == 200, (seen.text, first.headers["etag"])
    assert seen.json()["version"]["version"] == 2
