"""A real uvicorn on loopback over tests/data/fixture.trig (plus one figure), and Debian's Chromium
driven by Playwright.

Every browser context routes all requests through :func:`_guard`: a request to any host but the test
server is aborted and recorded, and every browser test fails at teardown if one was made (the pages
must work offline). Screenshots go to ``var/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.settings import PROJECT_ROOT, Settings
from kg.store import EmbeddedStore
from tests.api.http_server import live_server
from tests.paths import consolidate

FIXTURE = PROJECT_ROOT / "tests" / "data" / "fixture.trig"
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# One more year of the Qinghe cluster's revenue, so that its page has a measure with several years (a chart).
EXTRA = """
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/textile-kg/id/graph/curated/web-test> {
  <https://w3id.org/textile-kg/id/figure/qinghe-cashmere-cluster-revenue-2019> a tkg:Observation ;
    tkg:figureOf <https://w3id.org/textile-kg/id/cluster/qinghe-cashmere-cluster> ; tkg:measure "revenue" ;
    tkg:value 25000000000.0 ; tkg:unit "CNY" ; tkg:year "2019"^^xsd:gYear .
}
"""


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.oxigraph.load(EXTRA.encode(), format=ox.RdfFormat.TRIG)
    consolidate(store)
    settings = Settings(store=tmp_path_factory.mktemp("store"), queries_dir=PROJECT_ROOT / "queries")
    with live_server(create_app(settings, store)) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/setup installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser tab on the test server, with the requests it tried to send elsewhere."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base, self.off_host, self.errors = page, base, [], []

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def visit(browser: Any, web_server: str) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    tab = Visit(page, web_server)
    host = urlsplit(web_server).netloc

    def _guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("data:") or urlsplit(url).netloc == host:
            route.continue_()
        else:
            tab.off_host.append(url)
            route.abort()

    context.route("**/*", _guard)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.set_default_timeout(10_000)
    yield tab
    context.close()
    assert not tab.off_host, f"pages requested other hosts: {tab.off_host}"
    assert not tab.errors, f"script errors: {tab.errors}"
