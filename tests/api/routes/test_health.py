"""The service starts over the fixture and answers its health check over real HTTP."""

import httpx


def test_health(client: httpx.Client) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
