"""gunicorn's uvicorn worker for ``tkg serve --workers N``, with the request-head deadline of the settings
(``TKG_HEADER_TIMEOUT``, api/http/server.py). A module of its own: ``uvicorn.workers`` warns that it is
deprecated when imported, so only gunicorn imports it.
"""

from __future__ import annotations

from typing import Any

from uvicorn.workers import UvicornWorker

from api.http.server import head_deadline_protocol
from kg.settings import Settings


class Worker(UvicornWorker):
    """uvicorn's gunicorn worker with :class:`api.http.server.HeadDeadlineProtocol`."""

    CONFIG_KWARGS: dict[str, Any] = {  # noqa: RUF012 (declared so by UvicornWorker)
        **UvicornWorker.CONFIG_KWARGS,
        "http": head_deadline_protocol(Settings().header_timeout),
    }
