"""``tkg validate``: SHACL on RDF files with the store context they refer to, or on the whole store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, emit_json, err, failures, make_settings, out

if TYPE_CHECKING:
    from kg.validation.report import ValidationReport


@app.command("validate")
def validate_command(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files; none: the whole store")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """SHACL-validate RDF files with the store context they refer to, as an ingest would.

    Exit 0 when the data conforms, 1 on violations, 2 on unreadable input.
    """
    from kg.ingest.build import validate_store
    from kg.ingest.pipeline import load_pipeline
    from kg.rdf.io import parse_rdf_file
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        if not files:
            report = validate_store(settings, kg_store)
        else:
            data = parse_rdf_file(files[0])
            for path in files[1:]:
                data += parse_rdf_file(path)
            report = load_pipeline(settings, kg_store).validate(data)
    print_report(report, as_json)
    if not report.conforms:
        raise typer.Exit(1)


def print_report(report: ValidationReport, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_dict())
        return
    for item in report.results:
        out.print(f"{item.severity:9} {item.focus_node} {item.path or ''}: {item.message}")
    verdict = "conforms" if report.conforms else f"{len(report.violations)} violation(s)"
    err.print(f"{verdict}; {len(report.results)} result(s) in all")
