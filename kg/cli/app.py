"""The ``tkg`` Typer app and what its commands share (settings from options, error handling, output).

Exit codes: 0 ok, 1 invalid data (SHACL violations, missed thresholds), 2 bad usage or unreadable input.
Messages go to stderr, results to stdout.

Every ``tkg`` run imports every command module to build the app, so the command modules import only
what their signatures need (typer, options) at the top; the graph, store, validation and loader code
is imported inside the commands that run it. ``tkg --help`` then starts without rdflib, pyshacl or the
loaders (tests/kg/cli/test_startup.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from kg.errors import InputError, KGError, NotFoundError

if TYPE_CHECKING:
    from kg.settings import Settings

app = typer.Typer(
    name="tkg",
    help="The textile and garment knowledge graph of China: build, serve, extract, validate, query.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

StoreOpt = Annotated[Path | None, typer.Option("--store", help="embedded store directory [env TKG_STORE]")]
EndpointOpt = Annotated[
    str | None, typer.Option("--endpoint", help="remote SPARQL endpoint [env TKG_ENDPOINT]")
]
FilesArg = Annotated[list[Path], typer.Argument(help="article files or directories")]


def make_settings(store: Path | None = None, endpoint: str | None = None) -> Settings:
    """Settings from the environment, with the CLI options on top."""
    from kg.settings import Settings

    overrides: dict[str, object] = {}
    if store is not None:
        overrides["store"] = store
    if endpoint is not None:
        overrides["endpoint"] = endpoint
    return Settings(**overrides)  # type: ignore[arg-type]


@contextmanager
def failures() -> Iterator[None]:
    """Turn the project's errors into a message on stderr and exit code 2 (1 for invalid data)."""
    try:
        yield
    except (InputError, NotFoundError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except KGError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
