"""Commands over the whole store: build, summary, export."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, err, failures, make_settings, out

if TYPE_CHECKING:
    from kg.cli.summary import Summary
    from kg.ingest.build import BuildResult
    from kg.settings import Settings
    from kg.store import Store


@app.command("build")
def build_command(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Load ontology, gazetteer, articles and curated graphs into the store; print a summary."""
    from kg.cli.summary import summarize
    from kg.ingest.build import validate_store
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        result = run_build(settings, kg_store)
        print_build(result)
        t0 = time.perf_counter()
        report = validate_store(settings, kg_store)
        seconds = time.perf_counter() - t0
        print_summary(summarize(kg_store, settings.queries_dir), report.conforms, report.counts(), seconds)
        if not result.ok or not report.conforms:
            raise typer.Exit(1)


def run_build(settings: Settings, kg_store: Store) -> BuildResult:
    from rich.progress import Progress

    from kg.ingest.build import build

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
    from rich.table import Table

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
    from kg.cli.summary import summarize
    from kg.ingest.build import validate_store
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
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
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
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


def open_store_built(settings: Settings) -> Store:
    """Open the store and build it if it holds nothing yet."""
    from kg.store import open_store

    kg_store = open_store(settings)
    if not kg_store.ask("ASK { GRAPH ?g { ?s ?p ?o } }"):  # not graph_sizes(): it counts every quad
        err.print("the store is empty: building the graph first")
        print_build(run_build(settings, kg_store))
    return kg_store


@app.command("rebuild-view")
def rebuild_view_command(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Recompute the consolidated graph (graph/current, graph/conflicts) from the source graphs.

    Writes keep it current by themselves; run this after changing the ontology's rules or schemes, or
    after writing source graphs behind the API's back."""
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    if not settings.consolidation:
        err.print("error: TKG_CONSOLIDATION is off: this store keeps no consolidated graph")
        raise typer.Exit(2)
    with failures(), open_store(settings) as kg_store:
        t0 = time.perf_counter()
        kg_store.rebuild_consolidated()
        sizes = kg_store.graph_sizes()
        current = sizes.get(settings.ids.current_graph, 0)
        conflicts = sizes.get(settings.ids.conflicts_graph, 0)
        err.print(
            f"rebuilt the consolidated graph in {time.perf_counter() - t0:.1f} s: {current:,} triples, "
            f"{conflicts:,} in conflict records"
        )
