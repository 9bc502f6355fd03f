"""The API's limits from Settings: the overload middleware's, RDF input's, uvicorn's; and the answer to
a LimitExceeded (413 or 422 with the message)."""

from __future__ import annotations

import copy
from typing import Any

import uvicorn.config
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.http.overload import KindLimits, OverloadConfig, OverloadMiddleware, install_request_id_logging
from api.http.server import head_deadline_protocol
from kg.rdf.limits import InputLimits, LimitExceeded
from kg.settings import Settings


def rdf_limits(settings: Settings) -> InputLimits:
    """What parsing one RDF request body may cost."""
    return InputLimits(
        max_bytes=settings.max_body_bytes,
        max_depth=settings.max_rdf_depth,
        deadline=settings.parse_timeout,
        isolate_above=settings.parse_isolate_bytes,
        memory_bytes=settings.parse_memory_bytes,
    )


def overload_config(settings: Settings) -> OverloadConfig:
    return OverloadConfig(
        kinds={
            "queries": KindLimits(
                settings.max_inflight_queries, settings.overload_queue, settings.overload_wait
            ),
            "validation": KindLimits(
                settings.max_inflight_validation,
                settings.overload_queue,
                settings.overload_wait,
                deadline=settings.heavy_deadline,
                own_loop=True,
            ),
            "writes": KindLimits(
                settings.max_inflight_writes,
                settings.overload_queue,
                settings.overload_wait,
                deadline=settings.heavy_deadline,
                own_loop=True,
            ),
        },
        retry_after=settings.retry_after,
        body_timeout=settings.body_timeout,
        max_query_body=4 * settings.max_query_chars + 4_096,  # a form may percent-encode every character
        rdf_limits=rdf_limits(settings),
    )


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for slow or greedy clients (``uvicorn.run(app, **server_options(s))``), and its
    log configuration with the request id on every line (ours and uvicorn's, access log included)."""
    install_request_id_logging()
    return {
        "http": head_deadline_protocol(settings.header_timeout),
        "timeout_keep_alive": settings.keep_alive_timeout,
        "limit_concurrency": settings.max_connections,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "log_config": logging_config(),
    }


def logging_config() -> dict[str, Any]:
    """uvicorn's logging configuration with ``[request_id]`` in each format, and our loggers (root) too."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    for formatter in config["formatters"].values():
        formatter["fmt"] = formatter["fmt"].replace("%(levelprefix)s", "%(levelprefix)s [%(request_id)s]")
    config["loggers"][""] = {"handlers": ["default"], "level": "INFO"}
    return config


async def handle_limit(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LimitExceeded)
    return JSONResponse({"detail": str(exc)}, status_code=exc.status)


def install_limits(app: FastAPI, settings: Settings) -> None:
    """The overload middleware (outermost), the LimitExceeded answer and request ids in the log."""
    install_request_id_logging()
    app.add_exception_handler(LimitExceeded, handle_limit)
    app.add_middleware(OverloadMiddleware, config=overload_config(settings))
