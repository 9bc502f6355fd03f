"""Rendering for browsers: the Jinja2 templates, who counts as a browser, and links to local pages.

An IRI of this graph is linked to the page that dereferences it: instances under the base IRI to
``/id/...``, concepts of the schemes to ``/industry/...``, ``/policy/...``, ``/title/...``, ``/kind/...``,
and the schemes themselves to ``/vocab/...``. Property and class names are shown by their ``rdfs:label``
in ``ontology/`` (read once), else by their local name in words.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from api.http.negotiation import parse_accept
from kg.namespaces import INDUSTRY, KIND, POLICY, PREFIXES, TITLE, TKG, Ids
from kg.rdf.ontology import load_ontology

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = "/static/web"
CONCEPT_NAMESPACES = {
    "industry": str(INDUSTRY),
    "policy": str(POLICY),
    "title": str(TITLE),
    "kind": str(KIND),
}
_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# names of standard terms that read badly as split local names
STANDARD_LABELS = {
    PREFIXES["rdf"] + "type": "type",
    PREFIXES["rdfs"] + "label": "label",
    PREFIXES["skos"] + "prefLabel": "preferred label",
    PREFIXES["skos"] + "altLabel": "alias",
    PREFIXES["geo"] + "hasGeometry": "coordinates",
    PREFIXES["geo"] + "asWKT": "WKT",
    PREFIXES["schema"] + "url": "web address",
    PREFIXES["prov"] + "wasDerivedFrom": "derived from",
}


def wants_html(request: Request) -> bool:
    """A browser: ``Accept`` names ``text/html`` itself, at least as high as JSON, and no ``?format=``."""
    if request.query_params.get("format"):
        return False
    ranges = {r.media: r.q for r in parse_accept(request.headers.get("accept"))}
    html = max(ranges.get("text/html", 0.0), ranges.get("application/xhtml+xml", 0.0))
    return html > 0 and html >= max(
        ranges.get("application/json", 0.0), ranges.get("application/ld+json", 0.0)
    )


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def words(name: str) -> str:
    """``specializesIn`` -> ``specializes in``; ``IndustrialCluster`` -> ``industrial cluster``."""
    return _WORDS.sub(" ", name).lower()


@lru_cache(maxsize=4)
def ontology_labels(ontology_dir: Path) -> dict[str, dict[str, str]]:
    """IRI -> {"en": ..., "zh": ...} for every term of ``ontology/`` with an rdfs:label or skos:prefLabel."""
    graph = load_ontology(ontology_dir)
    labels: dict[str, dict[str, str]] = {}
    for prop in (RDFS.label, SKOS.prefLabel):
        for subject, _, value in graph.triples((None, prop, None)):
            if isinstance(value, Literal) and value.language in ("en", "zh"):
                labels.setdefault(str(subject), {}).setdefault(value.language, str(value))
    return labels


class Names:
    """Labels of ontology terms and links of IRIs, for one request's templates."""

    def __init__(self, ids: Ids, ontology_dir: Path) -> None:
        self.ids = ids
        try:
            self.labels = ontology_labels(ontology_dir)
        except Exception:  # an unreadable ontology makes plain names, not a broken page
            self.labels = {}

    def term(self, iri: str) -> str:
        """The English label of a property or class (``located in``)."""
        found = self.labels.get(iri, {}).get("en") or STANDARD_LABELS.get(iri)
        return found or words(local_name(iri))

    def label(self, iri: object) -> str | None:
        """The ontology's English label of a term (class, concept, individual), or None."""
        return self.labels.get(str(iri), {}).get("en")

    def term_zh(self, iri: str) -> str:
        return self.labels.get(iri, {}).get("zh", "")

    def href(self, iri: object) -> str | None:
        """The local page of an IRI of this graph, or None."""
        text = str(iri)
        local = self.ids.local_path(text)
        if local is not None:
            return f"/id/{local}"
        for prefix, namespace in CONCEPT_NAMESPACES.items():
            if text.startswith(namespace):
                return f"/{prefix}/{text[len(namespace) :]}"
        if text.startswith(str(TKG._NS)) and text.endswith("Scheme"):
            return f"/vocab/{local_name(text)}"
        return None

    def short(self, iri: object) -> str:
        """A prefixed name (``tkg:locatedIn``) or the IRI itself."""
        text = str(iri)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        local = self.ids.local_path(text)
        return f"<{local}>" if local is not None else text


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True), trim_blocks=True
    )
    env.globals["static"] = STATIC
    env.filters["json"] = lambda value: Markup(
        json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    )
    env.filters["attrjson"] = lambda value: json.dumps(value, ensure_ascii=False)  # plain str: escaped
    env.filters["thousands"] = _number
    return env


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


TEMPLATE_ENV = _environment()


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """An HTML page from ``templates/<template>``; ``names`` (labels and links) is always there."""
    settings = request.app.state.settings
    names = Names(settings.ids, settings.ontology_dir)
    html = TEMPLATE_ENV.get_template(template).render(request=request, names=names, **context)
    return HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept"})
