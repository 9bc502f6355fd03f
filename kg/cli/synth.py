"""``tkg synth``: write a synthetic graph of about N triples (N-Quads) for benchmarks."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app, err, failures, make_settings
from kg.errors import InputError

MIN_TRIPLES = 5_000


@app.command("synth")
def synth_command(
    triples: Annotated[float, typer.Option("--triples", help="about how many triples (1e4 to 1e7)")],
    out: Annotated[Path, typer.Option("--out", help="N-Quads file to write")],
    seed: Annotated[int, typer.Option("--seed", help="same seed, same file")] = 1,
) -> None:
    """Write a realistic synthetic graph (real gazetteer and ontology, synthetic articles) as N-Quads."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.synth.generate import synthesize

    settings = make_settings()
    with failures():
        if triples < MIN_TRIPLES:
            raise InputError(f"--triples {triples:g} is too small: at least {MIN_TRIPLES:,}")
        target = int(triples)
        t0 = time.perf_counter()
        columns = (TextColumn("synth"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("triples", total=target)
            try:
                with out.open("w", encoding="utf-8") as handle:
                    result = synthesize(
                        handle,
                        triples=target,
                        seed=seed,
                        data_dir=settings.data_dir,
                        ontology_dir=settings.ontology_dir,
                        ids=settings.ids,
                        on_progress=lambda n: progress.update(task, completed=n),
                    )
            except OSError as exc:
                raise InputError(f"cannot write {out}: {exc}") from exc
        err.print(
            f"wrote {result.triples:,} quads ({result.articles:,} articles over {result.counties:,} "
            f"counties) to {out} in {time.perf_counter() - t0:.1f} s"
        )
