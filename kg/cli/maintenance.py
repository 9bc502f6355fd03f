"""Commands that regenerate files of the repository: ``tkg gazetteer`` and ``tkg docs``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app, err, failures, make_settings, out


@app.command("gazetteer")
def gazetteer_command(
    out_dir: Annotated[Path | None, typer.Option("--out", help="directory (default data/gazetteer)")] = None,
) -> None:
    """Rebuild data/gazetteer/ from the upstream data packages (needs the `gazetteer` extra)."""
    from kg.gazetteer.rebuild import build_gazetteer  # the optional `gazetteer` extra

    settings = make_settings()
    with failures():
        counts = build_gazetteer(out_dir or settings.data_dir / "gazetteer")
    for level, n in counts.items():
        out.print(f"{level:10} {n:6,}")


@app.command("docs")
def docs_command() -> None:
    """Regenerate the generated parts of docs/ (the ontology diagram)."""
    from kg.rdf import diagram

    diagram.main()
    err.print("docs/ontology.md regenerated")
