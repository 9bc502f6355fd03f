"""The service starts over the fixture and answers its health check over real HTTP."""

import httpx


def test_health(client: httpx.Client) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_health_says_whether_the_search_index_is_ready(client: httpx.Client) -> None:
    """After a search the embedded store's label index is built, and /health says so."""
    assert client.get("/health").json()["search_index"] in {"ready", "building", "on demand"}
    assert client.get("/search", params={"q": "qinghe"}).status_code == 200
    assert client.get("/health").json()["search_index"] == "ready"
