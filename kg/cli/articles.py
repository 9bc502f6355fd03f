"""Commands over articles: extract (no store), ingest (extract, validate, store), and the catalogue
(``tkg articles list|show|retract|restore``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import EndpointOpt, FilesArg, StoreOpt, app, emit_json, err, failures, make_settings
from kg.errors import InputError


class ExtractFormat(StrEnum):
    json = "json"
    turtle = "turtle"
    jsonld = "jsonld"


def article_paths(files: list[Path]) -> list[Path]:
    from kg.ingest.articles import find_article_files

    paths = [p for f in files for p in find_article_files(f)]
    if not paths:
        raise InputError("no article files found in " + ", ".join(map(str, files)))
    return paths


@app.command("extract")
def extract_command(
    files: FilesArg,
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="output format")] = ExtractFormat.json,
) -> None:
    """Extract entities and figures from articles and print them; nothing is stored."""
    from kg.extraction.document import extraction_json, graph_text
    from kg.ingest.articles import read_article_file
    from kg.ingest.pipeline import load_pipeline
    from kg.store import EmbeddedStore

    settings = make_settings()
    with failures():
        pipeline = load_pipeline(settings, EmbeddedStore())
        documents: list[dict[str, object]] = []
        for path in article_paths(files):
            article = read_article_file(path)
            graph = pipeline.extract(article)
            if fmt is ExtractFormat.json:
                resources = pipeline.resources
                article_iri = settings.ids.article(article.id)
                documents.append(
                    extraction_json(graph, article_iri, resources.gazetteer, labels=resources.vocabulary)
                )
            else:
                sys.stdout.write(graph_text(graph, fmt.value))
        if documents:
            emit_json(documents[0] if len(documents) == 1 else documents)


@app.command("ingest")
def ingest_command(
    files: FilesArg,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate only, write nothing")] = False,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Extract, validate (SHACL with store context) and store articles; a failing article writes nothing."""
    from kg.heap import settle
    from kg.ingest.articles import read_article_file
    from kg.ingest.pipeline import load_pipeline
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    failed = 0
    with failures(), open_store(settings) as kg_store:
        pipeline = load_pipeline(settings, kg_store)
        settle()  # the resources stay until exit: no full collection walks them again (kg/heap.py)
        for path in article_paths(files):
            result = pipeline.ingest(read_article_file(path), dry_run=dry_run)
            status = "stored" if result.written else ("valid" if result.report.conforms else "REFUSED")
            err.print(f"{path.name}: {status}, {len(result.data)} triples, {result.seconds * 1000:.0f} ms")
            for item in result.report.violations:
                err.print(f"  {item.severity}: {item.focus_node} {item.path or ''}: {item.message}")
            failed += not result.report.conforms
    if failed:
        raise typer.Exit(1)


catalogue = typer.Typer(
    help="The article catalogue: list, show, retract, restore (docs/curation.md).", no_args_is_help=True
)
app.add_typer(catalogue, name="articles")
ByOpt = Annotated[str, typer.Option("--by", help="the name the change log records")]


@catalogue.command("list")
def articles_list(
    status: Annotated[str | None, typer.Option(help="published or retracted")] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Every article: id, title, date, publisher, url, triples, version, status (JSON)."""
    from kg.curation import catalog
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        found = catalog.with_counts(kg_store, catalog.articles(kg_store, settings.ids, status=status))
        emit_json([a.to_dict() for a in found])


@catalogue.command("show")
def articles_show(article_id: str, store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """One article with its versions (JSON)."""
    from rdflib import URIRef

    from kg.curation import catalog, versions
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        info = catalog.article(kg_store, settings.ids, article_id)
        history = versions.versions(kg_store, settings.ids, URIRef(info.graph))
        emit_json({**info.to_dict(), "versions": [v.to_dict() for v in history]})


@catalogue.command("retract")
def articles_retract(
    article_id: str, by: ByOpt = "cli", store: StoreOpt = None, endpoint: EndpointOpt = None
) -> None:
    """Retract an article: its statements leave the consolidated graph; its content stays in its versions."""
    from kg.curation import catalog, versions
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        graph = settings.ids.article_graph(catalog.checked_id(article_id))
        catalog.article(kg_store, settings.ids, article_id)  # NotFoundError for an unknown id
        emit_json(versions.retract(kg_store, settings.ids, graph, by=by).to_dict())


@catalogue.command("restore")
def articles_restore(
    article_id: str,
    version: Annotated[
        int | None, typer.Option(help="the version to make current (default: the last one with content)")
    ] = None,
    by: ByOpt = "cli",
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Publish a retracted article again, or make one of its versions current."""
    from kg.curation import catalog, versions
    from kg.store import open_store

    settings = make_settings(store, endpoint)
    with failures(), open_store(settings) as kg_store:
        graph = settings.ids.article_graph(catalog.checked_id(article_id))
        if version is None:
            written = versions.unretract(kg_store, settings.ids, graph, by=by)
        else:
            written = versions.restore(kg_store, settings.ids, graph, version, by=by)
        emit_json(written.to_dict())
