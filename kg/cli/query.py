"""``tkg query``: a named query of ``queries/`` with parameters bound as RDF terms; rows as JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import EndpointOpt, StoreOpt, app, emit_json, failures, make_settings, out
from kg.errors import InputError, NotFoundError


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
    from kg.sparql.named import load_queries, run_query
    from kg.store import open_store

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
        with open_store(settings) as kg_store:
            result = run_query(kg_store, queries[name], raw, settings.ids, limit=limit, offset=offset)
        emit_json([{k: str(v) for k, v in row.items()} for row in result])
