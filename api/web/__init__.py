"""The browser side of the API: home page, entity and concept pages, map, SPARQL editor, vocabularies.

:func:`install_web` adds the routes, the static files (``/static/web``: the project's CSS and scripts,
the province boundaries, and the npm packages vendored by setup under ``vendor/``) and the HTML error
pages. ``/id/...`` and ``/sparql`` call :func:`entity_page` and :func:`sparql_editor` for browsers.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.deps import get_catalog
from api.web import home, mapview, vocab
from api.web.editor import sparql_editor
from api.web.entity import entity_view
from api.web.errors import install_html_errors
from api.web.render import STATIC, page, wants_html

__all__ = ["entity_page", "install_web", "sparql_editor", "wants_html"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_PATHS = {"IndustrialCluster": "clusters", "IndustrialPark": "parks", "Initiative": "initiatives"}


def entity_page(request: Request, iri: str) -> HTMLResponse:
    """The HTML page of an entity that exists (the caller has checked)."""
    view = entity_view(get_catalog(request), iri)
    api_path = None
    for type_iri in view["types"]:
        kind = API_PATHS.get(type_iri.rsplit("#", 1)[-1])
        if kind:
            api_path = f"/{kind}/{iri.rstrip('/').rsplit('/', 1)[-1]}"
    hidden = {
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        "https://w3id.org/textile-kg/ontology#pinyin",
        "http://www.opengis.net/ont/geosparql#hasGeometry",
    }
    return page(request, "entity.html", v=view, api_path=api_path, hidden=hidden)


def install_web(app: FastAPI) -> None:
    """Mount the static files and add the page routes and the HTML error pages to ``app``."""
    app.mount(STATIC, StaticFiles(directory=STATIC_DIR), name="web-static")
    for router in (home.router, mapview.router, vocab.router):
        app.include_router(router)
    install_html_errors(app)
