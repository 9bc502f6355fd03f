"""One place that turns the project's exceptions into HTTP answers; every router relies on it.

InputError -> 400, NotFoundError -> 404, StateConflict -> 409, Forbidden -> 403, QueryTimeout and
DeadlineExceeded -> 504, RemoteStoreError -> 502 (a remote SPARQL server down or answering garbage; its
message names no URL), StoreError -> 503, a malformed request parameter -> 400. Bodies are
``{"detail": message}``; never a traceback or a server path.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from kg.errors import (
    DeadlineExceeded,
    Forbidden,
    InputError,
    KGError,
    NotFoundError,
    NotReady,
    QueryTimeout,
    RemoteStoreError,
    StateConflict,
    StoreError,
)

log = logging.getLogger(__name__)

STATUS_BY_ERROR: tuple[tuple[type[KGError], int], ...] = (
    (NotReady, 503),
    (QueryTimeout, 504),  # before StoreError: it is one
    (DeadlineExceeded, 504),
    (RemoteStoreError, 502),
    (StoreError, 503),
    (NotFoundError, 404),
    (StateConflict, 409),
    (Forbidden, 403),
    (InputError, 400),
)


def status_for(exc: KGError) -> int:
    """The HTTP status of a project exception (500 only for a KGError nobody mapped: a bug)."""
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500


def _detail(exc: KGError, status: int) -> str:
    if status == 503 and not isinstance(exc, NotReady):
        # the store's message may hold a server path: log it, answer without it
        log.error("store error: %s", exc)
        return "the store is unavailable; try again later"
    return str(exc) or type(exc).__name__


async def handle_kg_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KGError)  # registered for KGError only
    status = status_for(exc)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, NotReady) else None
    return JSONResponse({"detail": _detail(exc, status)}, status_code=status, headers=headers)


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return JSONResponse({"detail": "invalid request: " + "; ".join(problems)}, status_code=400)


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app`` (create_app calls this once)."""
    app.add_exception_handler(KGError, handle_kg_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected)
