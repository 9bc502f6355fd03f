"""The SPARQL editor that ``GET /sparql`` shows a browser (``Accept: text/html`` and no ``query``).

YASGUI (``@zazuko/yasgui`` from npm, vendored by setup) posts the query to this server's ``/sparql``;
the project's prefixes are in the starting query and in the editor's prefix completion, and every
public named query of ``queries/`` (those ``GET /queries`` lists) is an example (parameters as a
commented ``VALUES`` line to fill in). The
completers that would ask Linked Open Vocabularies on the internet are switched off. Results show as a
table, or on the China map when a column holds WKT points (a small YASR plugin in ``editor.js``).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.web.render import page
from kg.namespaces import PREFIXES
from kg.sparql.named import NamedQuery, QueryRole

STARTER_PREFIXES = ("tkg", "rdf", "rdfs", "skos", "geo", "dcterms", "ind")
STARTER = """SELECT ?cluster ?label ?place ?wkt WHERE {
  ?cluster a tkg:IndustrialCluster ; rdfs:label ?label ; tkg:locatedIn ?place .
  OPTIONAL { ?place geo:hasGeometry/geo:asWKT ?wkt }
}
LIMIT 100
"""


def example(query: NamedQuery) -> dict[str, Any]:
    """A named query as an editor example: its text, and a line to set each parameter."""
    text = query.text.rstrip() + "\n"
    if query.params:
        lines = [
            "",
            "# Parameters: fill in and uncomment to bind them (unbound, an optional one means 'any')",
        ]
        for param in query.params:
            sample = "<https://w3id.org/textile-kg/id/...>" if param.type == "iri" else '"..."'
            lines.append(f"# VALUES ?{param.name} {{ {sample} }}  # {param.description}")
        text += "\n".join(lines) + "\n"
    return {
        "name": query.name,
        "summary": query.summary,
        "text": text,
        "required": any(p.required for p in query.params),
    }


def sparql_editor(request: Request) -> HTMLResponse:
    queries: dict[str, NamedQuery] = request.app.state.queries
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in STARTER_PREFIXES)
    return page(
        request,
        "sparql.html",
        endpoint=str(request.url_for("sparql_get")),
        prefixes=PREFIXES,
        starter=prologue + "\n" + STARTER,
        examples=[example(q) for q in queries.values() if q.role == QueryRole.PUBLIC],
    )
