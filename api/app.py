"""The FastAPI application: ``create_app(settings, store)`` wires routers, error handlers and docs.

Nothing happens at import time. Named queries are loaded (and checked) in :func:`create_app`, so a broken
``queries/*.rq`` fails start-up, never a request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI

from api.deps import start_validators
from api.errors import install_error_handlers
from api.http.cache import ResponseCacheMiddleware
from api.http.cors import ReadOnlyCors, origins
from api.http.docs import install_docs
from api.http.limits import install_limits
from api.http.openapi import install_openapi
from api.routes import articles as articles
from api.routes import clusters as clusters
from api.routes import conflicts as conflicts
from api.routes import curator as curator
from api.routes import drafts as drafts
from api.routes import dump as dump
from api.routes import enterprises as enterprises
from api.routes import graph_versions as graph_versions
from api.routes import graphs as graphs
from api.routes import health as health
from api.routes import ids as ids
from api.routes import initiatives as initiatives
from api.routes import organizations as organizations
from api.routes import parks as parks
from api.routes import provinces as provinces
from api.routes import queries as queries
from api.routes import search as search
from api.routes import sparql as sparql
from api.web import install_web
from kg import __version__
from kg.heap import settle
from kg.settings import Settings
from kg.sparql.named import load_queries
from kg.store import Store, open_store

# Every router of the service. Another resource is added by appending its module's router here
# (e.g. api.routes.sparql.router, api.routes.curator.router).
ROUTERS: list[APIRouter] = [
    health.router,
    provinces.router,
    clusters.router,
    parks.router,
    enterprises.router,
    initiatives.router,
    organizations.router,
    search.router,
    queries.router,
    ids.router,
    sparql.router,
    curator.router,
    graphs.router,
    # curation (issue 13)
    articles.router,
    graph_versions.router,
    conflicts.router,
    drafts.router,
    # the dataset (issue 15)
    dump.router,
]

DESCRIPTION = (
    "An open knowledge graph of China's textile and garment industry: provinces, cities, counties, "
    "clusters, parks, enterprises and initiatives, each statement with the articles it comes from. "
    "Answers are JSON by default; JSON-LD, Turtle and (for lists) CSV by `Accept`."
)


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    routers: Sequence[APIRouter] = ROUTERS,
    settle_heap: bool = False,
) -> FastAPI:
    """The app over ``store``, or over the store the settings name (opened at start-up, closed at stop).

    ``routers`` are the resources it serves: all of them, or (in tests) a few. ``settle_heap``: the app
    owns its process (``tkg serve``), so what is loaded at start-up is frozen out of the garbage
    collector's walks (kg/heap.py); not for apps inside another process, such as the tests'.
    """
    named_queries = load_queries(settings.queries_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = open_store(settings) if own else store
        app.state.store.start()  # /sparql's query workers and the search index, not at the first request
        if curator.router in routers or drafts.router in routers:
            # the validation processes load the shapes now, not at the first request
            await anyio.to_thread.run_sync(start_validators(settings).wait_ready, 60.0)
        if settle_heap:  # what is loaded now stays until exit
            settle()
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="textile-kg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.queries = named_queries
    app.state.store = store
    install_error_handlers(app)
    install_docs(app)
    install_openapi(app)
    install_web(app)  # the pages for browsers (after the error handlers: it wraps them)
    for router in routers:
        app.include_router(router)
    if settings.response_cache:
        app.add_middleware(ResponseCacheMiddleware)
    install_limits(app, settings)  # its middleware is outside the others but CORS
    if origins(settings.cors_origins):  # outermost: preflights never queue, every answer has the headers
        app.add_middleware(ReadOnlyCors, allow_origins=origins(settings.cors_origins))
    return app


def create_app_from_env() -> FastAPI:
    """The app with settings from the environment (TKG_*): the factory ``uvicorn --workers N`` imports
    in every worker process (``api.app:create_app_from_env``); each worker opens its own store."""
    from kg.settings import Settings

    return create_app(Settings(), settle_heap=True)
