"""``tkg eval``: score the loaders against gold annotations (P/R/F1 per group, misses, false positives)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app, emit_json, err, failures, make_settings, out

GoldOpt = Annotated[Path, typer.Option("--gold", help="gold annotations (YAML, scheme of gold/README.md)")]
ArticlesOpt = Annotated[Path, typer.Option("--articles", help="directory holding the gold's article files")]


@app.command("eval")
def eval_command(
    gold: GoldOpt,
    articles: ArticlesOpt,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="exit 1 when a threshold of issue 3 is missed")
    ] = False,
    brief: Annotated[bool, typer.Option("--brief", help="scores only, without misses")] = False,
) -> None:
    """Extract the gold's articles with the loaders and score them: entities, attributes, facts."""
    from kg.eval.run import run_eval
    from kg.eval.scorer import check_thresholds
    from kg.eval.scores import print_report
    from loaders.resources import Resources

    settings = make_settings()
    with failures():
        resources = Resources.load(settings.data_dir, settings.ontology_dir)
        report = run_eval(gold, articles, resources, settings.ids)
    if as_json:
        emit_json(report.as_json())
    else:
        print_report(report, out, details=not brief)
    missed = check_thresholds(report)
    for message in missed:
        err.print(f"[red]threshold missed:[/red] {message}")
    if check and missed:
        raise typer.Exit(1)
