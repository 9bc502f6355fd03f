"""Error pages for browsers: the same status and message as the JSON answer, as an HTML page.

A request whose ``Accept`` prefers HTML (see :func:`api.web.render.wants_html`) gets the page; every
other client keeps the JSON ``{"detail": ...}`` of :mod:`api.errors`, which these handlers call.
"""

from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import handle_kg_error, handle_unexpected, handle_validation_error
from api.web.render import page, wants_html
from kg.errors import KGError

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    500: "Error",
    502: "The store failed",
    503: "Unavailable",
    504: "Too slow",
}


def as_page(request: Request, answer: Response) -> Response:
    """The HTML page for a JSON error answer (kept as it is for API clients)."""
    if not wants_html(request):
        return answer
    try:
        detail = str(json.loads(bytes(answer.body))["detail"])
    except (ValueError, KeyError, TypeError):
        detail = ""
    status = answer.status_code
    return page(
        request,
        "error.html",
        status_code=status,
        status=status,
        title=TITLES.get(status, "Error"),
        detail=detail,
    )


async def html_kg_error(request: Request, exc: Exception) -> Response:
    return as_page(request, await handle_kg_error(request, exc))


async def html_validation_error(request: Request, exc: Exception) -> Response:
    return as_page(request, await handle_validation_error(request, exc))


async def html_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # registered for it only
    return as_page(request, await http_exception_handler(request, exc))


async def html_unexpected(request: Request, exc: Exception) -> Response:
    return as_page(request, await handle_unexpected(request, exc))


def install_html_errors(app: FastAPI) -> None:
    """Wrap the JSON error handlers so that browsers get a page (call after install_error_handlers)."""
    app.add_exception_handler(KGError, html_kg_error)
    app.add_exception_handler(RequestValidationError, html_validation_error)
    app.add_exception_handler(StarletteHTTPException, html_http_error)
    app.add_exception_handler(Exception, html_unexpected)
