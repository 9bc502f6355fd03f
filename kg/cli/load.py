"""``tkg load``: RDF files, or the project's own graph, into the configured store (embedded or remote)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, err, failures, make_settings
from kg.cli.store import print_build, run_build

GraphOpt = Annotated[
    str | None,
    typer.Option("--graph", help="named graph for triples without one (default: graph/<file stem>)"),
]


@app.command("load")
def load_command(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files (N-Quads, TriG, Turtle...)")] = None,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Load RDF files into the store; without files, push the project's graph (ontology, gazetteer,
    articles, curated) into it, e.g. into a remote SPARQL server with --endpoint."""
    from rdflib import URIRef
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.ingest.bulk import load_files
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    target = settings.endpoint or str(settings.store)
    with failures():  # a missing file is named before the store is opened (or made)
        paths = expand(files) if files else []
    with failures(), open_store(settings) as kg_store:
        t0 = time.perf_counter()
        if not files:
            result = run_build(settings, kg_store)
            print_build(result)
            err.print(
                f"loaded {sum(result.graphs.values()):,} triples in {len(result.graphs)} graphs "
                f"into {target} in {time.perf_counter() - t0:.1f} s"
            )
            if not result.ok:
                raise typer.Exit(1)
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("graphs", total=None)

            def advance(name: URIRef, count: int) -> None:
                progress.update(task, advance=1, description=f"{name.rsplit('/', 1)[-1]} ({count:,})")

            loaded = load_files(
                kg_store, paths, settings.ids, graph=URIRef(graph) if graph else None, on_graph=advance
            )
        triples = sum(item.triples for item in loaded)
        graphs = sum(len(item.graphs) for item in loaded)
        err.print(
            f"loaded {triples:,} triples in {graphs} graphs from {len(loaded)} file(s) into {target} "
            f"in {time.perf_counter() - t0:.1f} s"
        )


def expand(files: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the RDF files in it (by suffix, sorted)."""
    from kg.errors import InputError
    from kg.rdf.io import SUFFIXES

    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        elif path.exists():
            paths.append(path)
        else:  # before anything is loaded: a typo in the last of several files loads none of them
            raise InputError(f"no such file or directory: {path}")
    return paths
