"""Commands over RDF data and the project's resources: validate, query, gazetteer, docs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, emit_json, err, failures, make_settings, opened, out
from kg.ingest.build import load_pipeline, validate_store
from kg.rdf.io import parse_rdf_file
from kg.validation.shacl import Report


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
    settings = make_settings(store, endpoint)
    with failures(), opened(settings) as kg_store:
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


def print_report(report: Report, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_dict())
        return
    for item in report.results:
        out.print(f"{item.severity:9} {item.focus_node} {item.path or ''}: {item.message}")
    verdict = "conforms" if report.conforms else f"{len(report.violations)} violation(s)"
    err.print(f"{verdict}; {len(report.results)} result(s) in all")


@app.command("query")
def query_command(
    name: Annotated[str, typer.Argument(help="a named query of queries/ (see --list)")] = "",
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="k=v, repeatable")] = None,
    limit: Annotated[int, typer.Option(help="at most this many rows")] = 100,
    offset: Annotated[int, typer.Option(help="skip this many rows")] = 0,
    list_queries: Annotated[bool, typer.Option("--list", help="list the named queries")] = False,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Run a named query with parameters bound as RDF terms; rows as JSON on stdout."""
    from kg.errors import InputError, NotFoundError
    from kg.sparql.named import load_queries, run_query

    settings = make_settings(store, endpoint)
    with failures():
        queries = load_queries(settings.queries_dir)
        if list_queries or not name:
            for query in queries.values():
                params = ", ".join(p.name for p in query.params)
                out.print(f"{query.name:28} {query.summary}  [dim]({params})[/dim]")
            return
        if name not in queries:
            raise NotFoundError(f"no named query {name!r}; `tkg query --list` shows them")
        raw: dict[str, str] = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise InputError(f"--param {item!r}: expected key=value")
            raw[key] = value
        with opened(settings) as kg_store:
            result = run_query(kg_store, queries[name], raw, settings.ids, limit=limit, offset=offset)
        emit_json([{k: str(v) for k, v in row.items()} for row in result])


@app.command("gazetteer")
def gazetteer_command(
    out_dir: Annotated[Path | None, typer.Option("--out", help="directory (default data/gazetteer)")] = None,
) -> None:
    """Rebuild data/gazetteer/ from the upstream data packages (needs the `gazetteer` extra)."""
    from kg.gazetteer.rebuild import build_gazetteer

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
