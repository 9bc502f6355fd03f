"""The pages as a person uses them, in Chromium: home and search, an entity page with its evidence, the
map (markers, filters, a click through), a query run in the SPARQL editor, the vocabularies and a
concept page, an HTML 404; and no page asks any other host for anything (see conftest.Visit)."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Visit

CLUSTER = "/id/cluster/qinghe-cashmere-cluster"


def test_home_page_counts_articles_and_search(visit: Visit) -> None:
    visit.goto("/")
    page = visit.page
    assert "3" in page.locator("#counts .card", has_text="industrial cluster").inner_text()
    assert page.locator("#counts .card").count() >= 10
    assert page.locator("#articles li").count() == 2
    assert page.locator("#articles li").first.inner_text().startswith("Qinghe Cashmere Town Was Selected")
    visit.shot("home")
    for text in ("清河", "yangrong", "Qinghe cashmere"):  # Chinese, pinyin, English
        visit.goto("/")
        page.fill("#home-search input[name=q]", text)
        page.press("#home-search input[name=q]", "Enter")
        page.wait_for_url(re.compile(r"/find\?q="))
        assert page.locator("#results a", has_text="Qinghe Cashmere Cluster").count() == 1, text
    visit.shot("search")


def test_entity_page_shows_labels_statements_and_evidence(visit: Visit) -> None:
    response = visit.goto(CLUSTER)
    page = visit.page
    assert response.status == 200 and response.headers["content-type"].startswith("text/html")
    assert page.locator("h1").inner_text() == "Qinghe Cashmere Cluster"
    labels = page.locator("#labels").inner_text()
    assert "清河羊绒产业集群" in labels and "Qīnghé Yángróng" in labels
    located = page.locator("#statements tr", has_text="located in")
    assert located.locator("a", has_text="Qinghe County").get_attribute("href") == "/id/place/130534"
    # every statement cites its articles; the footnotes resolve to the sources with the quoted span
    assert located.locator("a.note").count() == 2
    source = page.locator("#sources li", has_text="Hebei Will Build 5 Garment Industrial Innovation Parks")
    assert source.locator("mark").inner_text() == "Qinghe Cashmere Cluster"
    assert "2017-09-05" in source.inner_text()
    assert "Hebei will upgrade the" in source.locator("blockquote").inner_text()
    # incoming links, figures with their evidence, initiatives, a map of the place
    members = page.locator("#members").inner_text()
    assert "Qinghe Cashmere Town" in members and "Qinghe Cashmere Textiles Co." in members
    assert (
        page.locator("#figures", has_text="31,780,000,000")
        .locator("mark", has_text="31.78 billion yuan")
        .count()
    )
    assert "Hebei garment industry action plan" in page.locator("#initiatives").inner_text()
    page.wait_for_selector("#minimap[data-ready='1'] canvas")
    assert page.locator("[data-chart] canvas").count() == 1  # revenue in 2019 and 2021
    visit.shot("entity-cluster")
    # a place: what lies in it links to it
    visit.goto("/id/place/130534")
    assert "Qinghe Cashmere Cluster" in page.locator("#incoming tr", has_text="located in this").inner_text()
    assert "Qinghe Cashmere Town" in page.locator("#members").inner_text()  # parks and enterprises in it
    visit.shot("entity-place")


def test_map_markers_filters_and_click_through(visit: Visit) -> None:
    visit.goto("/map")
    page = visit.page
    page.wait_for_selector("#map[data-ready='1'] canvas")
    total = int(page.get_attribute("#map", "data-shown") or 0)
    assert total >= 5  # clusters and parks with a place that has coordinates
    assert "Tongxiang Sweater Cluster" in page.locator("main").inner_text()  # listed as without coordinates
    assert "DataV.GeoAtlas" in page.locator("#boundaries").inner_text()
    visit.shot("map")
    page.select_option("#f-industry", "wool")  # narrower industries included: the cashmere cluster and park
    assert page.get_attribute("#map", "data-shown") == "2"
    page.select_option("#f-industry", "")
    page.select_option("#f-province", "Hubei")
    assert page.get_attribute("#map", "data-shown") == "2"
    page.select_option("#f-province", "Hebei")
    page.select_option("#f-kind", "cluster")
    assert page.get_attribute("#map", "data-shown") == "2"
    page.select_option("#f-industry", "leather")
    assert page.get_attribute("#map", "data-shown") == "1"
    # click the Xinji leather cluster's marker: its pixel from the chart, relative to the map element
    x, y = page.evaluate("window.tkgMap.convertToPixel('geo', [115.2179, 37.9437])")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/id/cluster/xinji-leather-cluster")
    assert page.locator("h1").inner_text() == "Xinji Leather Cluster"


def test_sparql_editor_runs_a_named_query_and_maps_wkt(visit: Visit) -> None:
    visit.goto("/sparql")
    page = visit.page
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator("[data-example='entity_types']").count() == 0  # internal queries are no examples
    page.click("[data-example='clusters']")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr")
    table = page.locator(".yasr table").inner_text()
    assert "Qinghe Cashmere Cluster" in table and "Tongxiang Sweater Cluster" in table
    visit.shot("sparql-table")
    page.click("[data-example='map_places']")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr")
    page.click(".yasr .select_wktmap")
    page.wait_for_selector(".wkt-map[data-points] canvas")
    assert int(page.get_attribute(".wkt-map", "data-points") or 0) > 0
    visit.shot("sparql-map")


def test_vocabularies_and_a_concept_page(visit: Visit) -> None:
    visit.goto("/vocab")
    page = visit.page
    wool = page.locator("#schemes ~ ul.tree li", has_text="wool").first
    assert wool.locator("ul.tree a", has_text="cashmere").count() == 1  # narrower under broader
    visit.shot("vocab")
    wool.locator("ul.tree a", has_text="cashmere").click()
    page.wait_for_url("**/industry/cashmere")
    assert page.locator("h1").inner_text() == "cashmere"
    assert "羊绒" in page.locator("#labels").inner_text()
    users = page.locator("#users").inner_text()
    assert "Qinghe Cashmere Cluster" in users and "Qinghe Cashmere Town" in users
    visit.shot("concept")


@pytest.mark.parametrize("path", ["/id/cluster/no-such-cluster", "/nowhere"], ids=["entity", "route"])
def test_a_browser_gets_an_html_404(visit: Visit, path: str) -> None:
    response = visit.goto(path)
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")
    assert "404" in visit.page.locator("#error h1").inner_text()


def test_no_page_requests_another_host(visit: Visit) -> None:
    # the guard of conftest.visit aborts and records any request off the test server; here every page
    # is opened and its scripts are given time to run, so that a CDN link or a remote tile would show
    for path in [
        "/",
        "/find?q=hebei",
        "/browse/parks",
        CLUSTER,
        "/id/place/130534",
        "/map",
        "/sparql",
        "/vocab",
        "/industry/cashmere",
        "/vocab/IndustryScheme",
        "/id/article/hebei-garment-parks",
        "/docs",
    ]:
        visit.goto(path)
        visit.page.wait_for_load_state("networkidle")
    assert visit.off_host == []
