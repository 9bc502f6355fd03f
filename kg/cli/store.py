"""Commands over the whole store: build, serve, summary, export."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from kg.cli.app import EndpointOpt, StoreOpt, app, err, failures, make_settings, opened, out
from kg.cli.summary import Summary, summarize
from kg.ingest.build import BuildResult, build, validate_store
from kg.settings import Settings
from kg.store import Store


@app.command("build")
def build_command(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Load ontology, gazetteer, articles and curated graphs into the store; print a summary."""
    settings = make_settings(store, endpoint)
    with failures(), opened(settings) as kg_store:
        result = run_build(settings, kg_store)
        print_build(result)
        t0 = time.perf_counter()
        report = validate_store(settings, kg_store)
        seconds = time.perf_counter() - t0
        print_summary(summarize(kg_store, settings.queries_dir), report.conforms, report.counts(), seconds)
        if not result.ok or not report.conforms:
            raise typer.Exit(1)


def run_build(settings: Settings, kg_store: Store) -> BuildResult:
    articles_dir = settings.data_dir / "articles"
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None)
        result = build(settings, kg_store, on_article=lambda name: progress.advance(task))
    err.print(f"built from {articles_dir.parent} into {settings.endpoint or settings.store}")
    return result


def print_build(result: BuildResult) -> None:
    for name, seconds in result.timings.items():
        err.print(f"  {name}: {seconds:.2f} s")
    for name, report in result.refused.items():
        err.print(f"[red]refused {name}[/red]: {len(report.violations)} SHACL violation(s)")
        for item in report.violations[:10]:
            err.print(f"  {item.focus_node} {item.path or ''}: {item.message}")


def print_summary(
    summary: Summary, conforms: bool, counts: dict[tuple[str, str], int], seconds: float
) -> None:
    graphs = Table("named graph", "triples", title="Triples per graph")
    for graph, n in sorted(summary.graphs.items()):
        graphs.add_row(str(graph), f"{n:,}")
    graphs.add_row("[b]total[/b]", f"[b]{summary.total:,}[/b]")
    classes = Table("class", "entities", title="Entities per class")
    for cls, n in summary.classes.items():
        classes.add_row(cls, f"{n:,}")
    out.print(graphs, classes)
    verdict = "[green]conforms[/green]" if conforms else "[red]does not conform[/red]"
    out.print(f"SHACL (whole graph, {seconds:.2f} s): {verdict}")
    for (shape, severity), n in sorted(counts.items()):
        out.print(f"  {severity:9} {n:5}  {shape}")


@app.command("summary")
def summary_command(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Triples per graph, entities per class and the SHACL result of the store."""
    settings = make_settings(store, endpoint)
    with failures(), opened(settings) as kg_store:
        t0 = time.perf_counter()
        report = validate_store(settings, kg_store)
        print_summary(
            summarize(kg_store, settings.queries_dir),
            report.conforms,
            report.counts(),
            time.perf_counter() - t0,
        )
        if not report.conforms:
            raise typer.Exit(1)


@app.command("export")
def export_command(
    output: Annotated[Path | None, typer.Option("--out", help="file to write (default stdout)")] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Write every named graph of the store as N-Quads."""
    settings = make_settings(store, endpoint)
    with failures(), opened(settings) as kg_store:
        lines: list[str] = []
        for graph in sorted(kg_store.graph_sizes()):
            data = kg_store.get_graph(graph)
            for line in data.serialize(format="nt").splitlines():
                if line.strip():
                    lines.append(f"{line[:-1].rstrip()} <{graph}> .")
        text = "\n".join(lines) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {len(lines):,} quads to {output}")
        else:
            sys.stdout.write(text)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(help="API worker processes (remote store only)")] = 1,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Serve the API; builds the graph first if the store is empty."""
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
            create_app(settings, kg_store), host=host, port=port, log_level="info", **server_options(settings)
        )


def serve_workers(host: str, port: int, workers: int, settings: Settings) -> None:
    """gunicorn with uvicorn workers: measured 37 ms per request like one worker, where
    ``uvicorn --workers 2`` took 80 ms (docs/deployment.md); uvicorn's own workers if gunicorn is absent.
    Slow-client limits: keep-alive and the request head's limits (gunicorn passes keep-alive on)."""
    from api.http.limits import server_options

    gunicorn = Path(sys.executable).parent / "gunicorn"
    if gunicorn.exists():
        args = ["-k", "uvicorn.workers.UvicornWorker", "-w", str(workers), "-b", f"{host}:{port}"]
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


def open_store_built(settings: Settings) -> Store:
    """Open the store and build it if it holds nothing yet."""
    from kg.store import open_store

    kg_store = open_store(settings)
    if not kg_store.ask("ASK { GRAPH ?g { ?s ?p ?o } }"):  # not graph_sizes(): it counts every quad
        err.print("the store is empty: building the graph first")
        print_build(run_build(settings, kg_store))
    return kg_store
