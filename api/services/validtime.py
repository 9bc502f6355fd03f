"""Valid time (``as_of``) and publication time (``known_at``) of the lists and profiles (docs/curation.md).

- ``as_of=D``: the statements valid at D, at the granularity of the year the texts give. A figure is
  about its ``year`` (else its ``end_year``, else its ``start_year``): observations and events about a
  year after D go, and of an observed measure (measure and unit) only the latest year up to D stays; a
  target stays while the initiative that set it was issued by D. A designation counts from the year it
  was conferred; an initiative from the year it was issued (else its start) until its end year.
  Statements with no year are always valid.
- ``known_at=D``: only what sources published by D state: an article graph by its ``dcterms:date``, a
  curated graph from its first write in the change log (a curated graph that no write logged, loaded in
  bulk, counts as always known, as does the gazetteer). Lists keep the entities such a source states
  (a filter of the list query); profiles read their figures and designations from the source graphs
  of those sources and resolve them as the consolidation does (kind of source, then publication date,
  then graph IRI; the annotation confidence is not used), and keep the statements, sources and
  initiatives that such a source states.

Lists get both as bound ``xsd:date`` parameters of their named queries (only the ones a query declares;
their filters sit in ``#@if`` blocks, cut when the parameter is not given, so the lists without them run
the text they ran before); profiles filter the rows of their queries here, and without either parameter
run the code they ran before.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Annotated

from fastapi import Query
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from api.models import Figure, FigureKind, HeldDesignation, InitiativeRef, Ref, Source
from api.services.lists import comparator
from kg.errors import InputError
from kg.namespaces import TKG, Ids
from kg.sparql.catalog import Catalog, Value
from kg.sparql.named import NamedQuery
from kg.sparql.params import is_date

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

AsOf = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="valid time: only statements valid at this date (figures and designations about a "
        "year up to it, the latest observation per measure, initiatives in force); docs/curation.md",
        examples=["2022-06-30"],
    ),
]
KnownAt = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="publication time: only what sources published by this date state (articles by "
        "their date, curated graphs by their first write); docs/curation.md",
        examples=["2023-01-01"],
    ),
]


@dataclass(frozen=True)
class Times:
    """The checked ``as_of`` and ``known_at`` of a request (None: not given)."""

    as_of: datetime.date | None = None
    known_at: datetime.date | None = None

    def __bool__(self) -> bool:
        return self.as_of is not None or self.known_at is not None

    @property
    def year(self) -> int | None:
        return None if self.as_of is None else self.as_of.year


NOW = Times()


def times(as_of: str | None, known_at: str | None) -> Times:
    """The two dates, each checked (``YYYY-MM-DD`` and a real day); InputError (400) names the parameter."""
    return Times(_date("as_of", as_of), _date("known_at", known_at))


def _date(name: str, value: str | None) -> datetime.date | None:
    if value is None or value == "":
        return None
    if not is_date(value):
        raise InputError(f"parameter {name!r} must be a date YYYY-MM-DD, not {value[:40]!r}")
    return datetime.date.fromisoformat(value)


def time_values(query: NamedQuery, when: Times) -> dict[str, Value]:
    """``as_of`` / ``known_at`` as ``xsd:date`` literals, for the parameters ``query`` declares."""
    values: dict[str, Value] = {}
    for name, day in (("as_of", when.as_of), ("known_at", when.known_at)):
        if day is not None and query.param(name) is not None:
            values[name] = Literal(day.isoformat(), datatype=XSD.date)
    return values


# --- valid time (as_of) on the sections of a profile ---------------------------------------------


def about_year(figure: Figure) -> int | None:
    """The year a figure is about: its year, else the end of its period, else its start."""
    for year in (figure.year, figure.end_year, figure.start_year):
        if year is not None:
            return year
    return None


def valid_figures(figures: Iterable[Figure], when: Times, *, issued: int | None = None) -> list[Figure]:
    """The figures valid at ``when.as_of``: observations and events about a year up to it, and of each
    observed (measure, unit) only the latest such year; targets when their initiative (issued in
    ``issued``) was issued by then. Figures without a year stay."""
    year = when.year
    found = list(figures)
    if year is None:
        return found
    kept: list[Figure] = []
    latest: dict[tuple[object, object], int] = {}
    for fig in found:
        about = about_year(fig)
        if fig.kind is FigureKind.TARGET:
            if issued is None or issued <= year:
                kept.append(fig)
        elif about is None or about <= year:
            kept.append(fig)
            if fig.kind is FigureKind.OBSERVATION and about is not None:
                key = (fig.measure, fig.unit)
                latest[key] = max(latest.get(key, about), about)
    return [
        fig
        for fig in kept
        if fig.kind is not FigureKind.OBSERVATION
        or about_year(fig) is None
        or about_year(fig) == latest.get((fig.measure, fig.unit))
    ]


def valid_designations(found: Iterable[HeldDesignation], when: Times) -> list[HeldDesignation]:
    """Designations conferred by ``when.as_of`` (by year); those without a year stay."""
    year = when.year
    return [d for d in found if year is None or d.year is None or d.year <= year]


def in_force(year: int | None, start: int | None, end: int | None, at: int | None) -> bool:
    """Whether an initiative issued in ``year`` (else starting in ``start``) and ending in ``end`` is
    in force in the year ``at`` (None: no as_of)."""
    if at is None:
        return True
    issued = year if year is not None else start
    return (issued is None or issued <= at) and (end is None or end >= at)


def valid_initiatives(found: Iterable[InitiativeRef], when: Times) -> list[InitiativeRef]:
    return [i for i in found if in_force(i.year, i.start_year, i.end_year, when.year)]


# --- publication time (known_at): which source graphs were published by a date --------------------


class SourceDates:
    """The publication date of each source graph, looked up on first use (one or two lookups of
    ~0.1 ms per graph), and how the consolidation ranks the graph."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.ids = catalog.ids
        self._published: dict[str, str | None] = {}

    def kind(self, graph: str) -> str | None:
        """``article``, ``curated``, ``gazetteer``, or None for a graph that is no source."""
        if graph.startswith(str(self.ids.graph("article/"))):
            return "article"
        if graph.startswith(str(self.ids.graph("curated/"))):
            return "curated"
        if graph == str(self.ids.gazetteer_graph):
            return "gazetteer"
        return None

    def published(self, graph: str) -> str | None:
        """An article graph's date, a curated graph's first write (its day); None if neither."""
        if graph not in self._published:
            self._published[graph] = self._lookup(graph)
        return self._published[graph]

    def _lookup(self, graph: str) -> str | None:
        kind = self.kind(graph)
        if kind == "article":
            dates = sorted(str(r["date"]) for r in self.catalog.rows("graph_date", graph=URIRef(graph)))
            return dates[0] if dates else None
        if kind == "curated":
            rows = self.catalog.rows("graph_first_write", graph=URIRef(graph))
            return str(rows[0]["first_write"])[:10] if rows and "first_write" in rows[0] else None
        return None

    def known(self, graph: str, day: datetime.date) -> bool:
        """Whether ``graph`` was published by ``day``: an article with a date up to it, a curated graph
        first written by then or never logged, the gazetteer. An undated article is never known."""
        kind = self.kind(graph)
        if kind is None:
            return False
        published = self.published(graph)
        if kind == "article":
            return published is not None and published <= day.isoformat()
        return published is None or published <= day.isoformat()

    def rank(self, graph: str) -> tuple[int, str, str]:
        """The consolidation's precedence without confidence: curated > gazetteer > article, then the
        later publication, then the graph IRI."""
        tier = {"curated": 2, "gazetteer": 1}.get(self.kind(graph) or "", 0)
        return (tier, self.published(graph) or "", graph)

    def earliest_article(self, graphs: Iterable[str]) -> str | None:
        """The earliest publication date among the article graphs of ``graphs``."""
        dates = [d for g in graphs if self.kind(g) == "article" and (d := self.published(g))]
        return min(dates) if dates else None


def source_dates(catalog: Catalog) -> SourceDates:
    return SourceDates(catalog)


def known_sources(found: Iterable[Source], day: datetime.date) -> list[Source]:
    """The articles published by ``day`` (an undated article is never known)."""
    return [s for s in found if s.date is not None and s.date[:10] <= day.isoformat()]


def known_initiatives(
    catalog: Catalog, found: Iterable[InitiativeRef], dates: SourceDates, day: datetime.date
) -> list[InitiativeRef]:
    """The initiatives some source published by ``day`` states."""
    kept = []
    for initiative in found:
        graphs = {str(r["graph"]) for r in catalog.rows("stated_in", entity=URIRef(initiative.id))}
        if any(dates.known(g, day) for g in graphs):
            kept.append(initiative)
    return kept


# --- figures and designations as the sources published by known_at state them ---------------------

_FIGURE_CLASSES = {
    str(TKG.Target): FigureKind.TARGET,
    str(TKG.Observation): FigureKind.OBSERVATION,
    str(TKG.Event): FigureKind.EVENT,
}
_KEY_CLASSES = (*_FIGURE_CLASSES, str(TKG.Figure))  # kg.consolidation.statements.FIGURE_CLASSES


def _best(stated: Iterable[tuple[str, object]], dates: SourceDates) -> object:
    """The value of the best-ranked graph among (graph, value) pairs (ties: the greatest value text)."""
    pairs = sorted(stated, key=lambda gv: (dates.rank(gv[0]), str(gv[1])))
    return pairs[-1][1] if pairs else None


def _merged_id(ids: Ids, digest: str) -> str:
    """The IRI graph/current gives the figure whose key hashes to ``digest`` (map_figures)."""
    return str(ids.mint("figure", "current-")) + digest[:24]


def _figure_key(node: Mapping[str, list[tuple[str, object]]], graph: str, dates: SourceDates) -> str | None:
    """The best ``tier|sha1`` merge key of one source node as ``graph`` states it (as map_figures)."""

    def values(prop: URIRef) -> list[str]:
        return [str(v) for g, v in node.get(str(prop), []) if g == graph]

    tier = str(dates.rank(graph)[0])
    keys = [
        f"{tier}|{hashlib.sha1(' | '.join(parts).encode(), usedforsecurity=False).hexdigest()}"
        for parts in product(
            [c for c in values(RDF.type) if c in _KEY_CLASSES],
            values(TKG.figureOf),
            values(TKG.measure),
            values(TKG.unit) or [""],
            values(TKG.year) or [""],
            values(TKG.startYear) or [""],
            values(TKG.endYear) or [""],
        )
    ]
    return max(keys, default=None)


def known_figures(catalog: Catalog, iri: URIRef, dates: SourceDates, day: datetime.date) -> list[Figure]:
    """The figures of ``iri`` as the source graphs published by ``day`` state them: source nodes merged
    on the consolidation's key, each property from the best-ranked known graph. ``id`` is the merged
    figure's IRI of graph/current when its key is the same."""
    nodes: dict[str, dict[str, list[tuple[str, object]]]] = defaultdict(lambda: defaultdict(list))
    for row in catalog.rows("entity_figures_stated", entity=iri):
        graph = str(row["graph"])
        if dates.known(graph, day):
            nodes[str(row["figure"])][str(row["property"])].append((graph, row["value"]))
    groups: dict[str, list[str]] = defaultdict(list)
    for figure, node in nodes.items():
        keys = [
            k for g in {g for pairs in node.values() for g, _ in pairs} if (k := _figure_key(node, g, dates))
        ]
        if keys:  # the hash, without the tier: a curated and an article node of one key are one figure
            groups[max(keys).split("|", 1)[1]].append(figure)
    out = []
    for digest, members in groups.items():

        def best(prop: URIRef, members: list[str] = members) -> object:
            return _best([gv for m in members for gv in nodes[m].get(str(prop), [])], dates)

        classes = {str(v) for m in members for _, v in nodes[m].get(str(RDF.type), [])}
        kind = next((k for c, k in _FIGURE_CLASSES.items() if c in classes), None)
        if kind is None:
            continue
        stating = [gv for m in members for gv in nodes[m].get(str(TKG.sourceArticle), [])]
        articles = sorted({str(v) for _, v in stating})
        value = best(TKG.value)
        out.append(
            Figure.model_validate(
                {
                    "id": _merged_id(catalog.ids, digest),
                    "kind": kind,
                    "measure": best(TKG.measure),
                    "value": value if value is not None else best(TKG.valueText),
                    "unit": best(TKG.unit),
                    "year": best(TKG.year),
                    "start_year": best(TKG.startYear),
                    "end_year": best(TKG.endYear),
                    "comparator": comparator(best(TKG.comparator)),
                    "articles": articles,
                    "published": dates.earliest_article(g for g, _ in stating),
                }
            )
        )
    order = {FigureKind.EVENT: 0, FigureKind.OBSERVATION: 1, FigureKind.TARGET: 2}
    out.sort(key=lambda f: (order[f.kind], f.year or 0, f.measure or "", f.id))
    return out


def known_designations(
    catalog: Catalog,
    iri: URIRef,
    dates: SourceDates,
    day: datetime.date,
    holder: Ref,
    labels: Mapping[str, str | None],
) -> list[HeldDesignation]:
    """The designations of ``iri`` that a source published by ``day`` ties to it, each property from
    the best-ranked such source; ``labels`` names titles and bodies (from the current profile)."""
    linked: set[str] = set()
    stated: dict[str, dict[str, list[tuple[str, object]]]] = defaultdict(lambda: defaultdict(list))
    for row in catalog.rows("entity_designations_stated", entity=iri):
        designation, graph = str(row["designation"]), str(row["graph"])
        if dates.known(str(row["link"]), day):
            linked.add(designation)
        if dates.known(graph, day):
            stated[designation][str(row["property"])].append((graph, row["value"]))
    out = []
    for designation in sorted(linked):
        props = stated[designation]
        title, body = (
            _best(props.get(str(TKG.title), []), dates),
            _best(props.get(str(TKG.conferredBy), []), dates),
        )
        stating = props.get(str(TKG.sourceArticle), [])
        articles = sorted({str(v) for _, v in stating})
        out.append(
            HeldDesignation.model_validate(
                {
                    "id": designation,
                    "holder": holder,
                    "title": {"id": title, "label": labels.get(str(title))} if title else None,
                    "label": _best(props.get(str(RDFS.label), []), dates),
                    "conferred_by": {"id": body, "label": labels.get(str(body))} if body else None,
                    "year": _best(props.get(str(TKG.year), []), dates),
                    "articles": articles,
                    "published": dates.earliest_article(g for g, _ in stating),
                }
            )
        )
    out.sort(key=lambda d: (d.title is None, d.year or 0, d.id))
    return out


def with_times(catalog: Catalog, name: str, values: Mapping[str, Value], when: Times) -> dict[str, Value]:
    """The values of the list query ``name`` with ``as_of`` / ``known_at`` added where it declares them."""
    return {**values, **time_values(catalog.query(name), when)}
