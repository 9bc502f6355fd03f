"""``tkg serve``: the API over the configured store (built first if empty). kg.cli is the composition
root, the only kg package that imports api (tests/test_layers.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, err, failures, make_settings
from kg.cli.store import open_store_built

if TYPE_CHECKING:
    from kg.settings import Settings


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(help="API worker processes (remote store only)")] = 1,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Serve the API; builds the graph first if the store is empty."""
    # imported here, not at the top: every other tkg command would pay for loading the app and the server
    import uvicorn

    from api.app import create_app
    from api.http.limits import server_options

    settings = make_settings(store, endpoint)
    if workers > 1 and not settings.endpoint:
        err.print(
            "error: --workers > 1 needs a remote store (--endpoint); the embedded one is single-process"
        )
        raise typer.Exit(2)
    with failures():
        kg_store = open_store_built(settings)
        err.print(f"serving on http://{host}:{port}/ (docs at /docs)")
        if workers > 1:  # each worker process builds its app from the environment (TKG_*)
            kg_store.close()
            os.environ["TKG_ENDPOINT"] = settings.endpoint or ""
            serve_workers(host, port, workers, settings)
            return
        uvicorn.run(
            create_app(settings, kg_store, settle_heap=True),
            host=host,
            port=port,
            log_level="info",
            **server_options(settings),
        )


def serve_workers(host: str, port: int, workers: int, settings: Settings) -> None:
    """gunicorn with uvicorn workers: measured 37 ms per request like one worker, where
    ``uvicorn --workers 2`` took 80 ms (docs/deployment.md); uvicorn's own workers if gunicorn is absent.
    Slow-client limits: keep-alive and the request head's limits (gunicorn passes keep-alive on), and the
    head deadline (api.http.gunicorn_worker.Worker)."""
    from api.http.limits import server_options

    gunicorn = Path(sys.executable).parent / "gunicorn"
    if gunicorn.exists():
        args = ["-k", "api.http.gunicorn_worker.Worker", "-w", str(workers), "-b", f"{host}:{port}"]
        args += ["--keep-alive", f"{settings.keep_alive_timeout:g}", "--limit-request-line", "8190"]
        os.execv(str(gunicorn), [str(gunicorn), *args, "api.app:create_app_from_env()"])
    import uvicorn

    uvicorn.run(
        "api.app:create_app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        **server_options(settings),
    )
