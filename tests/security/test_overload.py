"""Overload over HTTP: bounded work per kind, 503 with Retry-After beyond it, /health always answered,
recovery afterwards, and a request id in every error answer and log line."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import httpx
import pytest

BASE = "https://w3id.org/textile-kg/id/"
# ~100 KB of valid Turtle: each /validate of it keeps the one validation slot busy for a while
MEDIUM = b"".join(b'<%spark/m%d> <http://p> "v%d" .\n' % (BASE.encode(), i, i) for i in range(2_000))


def test_beyond_the_queue_is_503_with_retry_after_and_health_answers(api: str) -> None:
    """TKG_MAX_INFLIGHT_VALIDATION=1, TKG_OVERLOAD_QUEUE=1: of 8 at once, most are refused at once."""
    answers: list[httpx.Response] = []

    def post() -> None:
        answers.append(
            httpx.post(api + "/validate", content=MEDIUM, headers={"Content-Type": "text/turtle"}, timeout=60)
        )

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    health = [httpx.get(api + "/health", timeout=5) for _ in range(5)]
    for thread in threads:
        thread.join()
    statuses = sorted(a.status_code for a in answers)
    assert 500 not in statuses
    assert statuses.count(503) >= 4, statuses
    assert {200, 503} >= set(statuses), statuses
    for refused in (a for a in answers if a.status_code == 503):
        assert int(refused.headers["retry-after"]) > 0
        assert refused.json()["request_id"] == refused.headers["x-request-id"]
        assert "busy" in refused.json()["detail"]
    assert all(h.status_code == 200 for h in health)
    # recovery: once the burst is over the same request is served again
    started = time.monotonic()
    while True:
        again = httpx.post(
            api + "/validate", content=MEDIUM, headers={"Content-Type": "text/turtle"}, timeout=60
        )
        if again.status_code == 200 or time.monotonic() - started > 30:
            break
        time.sleep(0.5)
    assert again.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/no/such/route", 404, id="404"),
        pytest.param("GET", "/sparql?query=", 400, id="400"),  # without query= it is the service description
        pytest.param("PUT", "/graphs?graph=" + BASE + "graph/curated/x", 401, id="401"),
    ],
)
def test_every_error_answer_has_a_request_id(api: str, method: str, path: str, status: int) -> None:
    answer = httpx.request(method, api + path, headers={"X-Request-ID": "probe-123"}, timeout=10)
    assert answer.status_code == status
    assert answer.headers["x-request-id"] == "probe-123"
    assert answer.json()["request_id"] == "probe-123"


def test_a_hostile_request_id_is_replaced(api: str) -> None:
    answer = httpx.get(api + "/health", headers={"X-Request-ID": "a b<script>" * 10}, timeout=10)
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])


def test_log_lines_carry_the_request_id(api: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The overload warning of a refused request names that request's id in the server log."""
    refused: list[str] = []

    def post() -> None:
        answer = httpx.post(
            api + "/validate", content=MEDIUM, headers={"Content-Type": "text/turtle"}, timeout=60
        )
        if answer.status_code == 503:
            refused.append(answer.headers["x-request-id"])

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert refused
    log = next(Path(tmp_path_factory.getbasetemp()).glob("security*/api.log")).read_text()
    assert any(f"[{rid}]" in line and "overload" in line for rid in refused for line in log.splitlines())
