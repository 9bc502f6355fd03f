"""The one place in Python that spells the project's IRIs.

The ontology terms live in fixed namespaces (``TKG`` and the concept schemes); instance IRIs are minted
under a configurable base (``TKG_BASE_IRI``) by :class:`Ids`. A test checks that every ``TKG`` term exists
in ``ontology/`` and that the ``PREFIX`` lines of ``queries/`` and ``shapes/`` agree with :data:`PREFIXES`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

DEFAULT_BASE_IRI = "https://w3id.org/textile-kg/id/"


class TKG(DefinedNamespace):
    """The domain ontology: only what no standard vocabulary says."""

    _NS = Namespace("https://w3id.org/textile-kg/ontology#")
    _fail = True

    # Places
    AdministrativeArea: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Town: URIRef
    Region: URIRef
    # Industry
    IndustrialCluster: URIRef
    IndustrialPark: URIRef
    Enterprise: URIRef
    Organization: URIRef
    Initiative: URIRef
    Designation: URIRef
    # Figures
    Figure: URIRef
    Target: URIRef
    Observation: URIRef
    Event: URIRef
    Comparator: URIRef
    MoreThan: URIRef
    AtLeast: URIRef
    About: URIRef
    LessThan: URIRef
    AtMost: URIRef
    # Sources
    Article: URIRef
    # Concept schemes
    IndustryScheme: URIRef
    PolicyMeasureScheme: URIRef
    DesignationTitleScheme: URIRef
    ParkKindScheme: URIRef
    OrganizationKindScheme: URIRef
    InitiativeKindScheme: URIRef

    # Object properties
    locatedIn: URIRef
    contains: URIRef
    spans: URIRef
    partOf: URIRef
    hasPart: URIRef
    specializesIn: URIRef
    designatedAs: URIRef
    designationOf: URIRef
    title: URIRef
    conferredBy: URIRef
    issuedBy: URIRef
    issued: URIRef
    appliesTo: URIRef
    promotes: URIRef
    aim: URIRef
    concernsIndustry: URIRef
    hasFigure: URIRef
    figureOf: URIRef
    hasTarget: URIRef
    comparator: URIRef
    sourceArticle: URIRef
    parkKind: URIRef
    organizationKind: URIRef
    initiativeKind: URIRef
    # Datatype properties
    gbCode: URIRef
    pinyin: URIRef
    measure: URIRef
    value: URIRef
    valueText: URIRef
    unit: URIRef
    year: URIRef
    startYear: URIRef
    endYear: URIRef
    confidence: URIRef
    loaderVersion: URIRef
    triplesAdded: URIRef
    triplesRemoved: URIRef
    # The consolidated graph (kg.consolidation): rules, derived properties, conflicts
    consolidation: URIRef
    ConsolidationRule: URIRef
    OneValue: URIRef
    OneValuePerLanguage: URIRef
    ValuesOfBestSource: URIRef
    Derived: URIRef
    inProvince: URIRef
    inCity: URIRef
    inIndustry: URIRef
    parkInProvince: URIRef
    clusterInProvince: URIRef
    enterpriseInProvince: URIRef
    parkInIndustry: URIRef
    clusterInIndustry: URIRef
    enterpriseInIndustry: URIRef
    designationYear: URIRef
    scopeProvince: URIRef
    scopeCity: URIRef
    scopeIndustry: URIRef
    sortKey: URIRef
    parkSortKey: URIRef
    clusterSortKey: URIRef
    enterpriseSortKey: URIRef
    initiativeSortKey: URIRef
    organizationSortKey: URIRef
    displayLabel: URIRef
    sourceFigure: URIRef
    Conflict: URIRef
    Alternative: URIRef
    conflictSubject: URIRef
    conflictProperty: URIRef
    conflictLanguage: URIRef
    currentValue: URIRef
    alternative: URIRef
    alternativeValue: URIRef
    statedIn: URIRef
    # Curation (graph/changelog, graph/curation/...): versions and drafts
    Version: URIRef
    versionOf: URIRef
    versionNumber: URIRef
    contentHash: URIRef
    Draft: URIRef
    draftOf: URIRef
    draftStatus: URIRef
    reviewNote: URIRef
    shaclReport: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the evidence of every mention and figure."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    refinedBy: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    describing: URIRef


# Concept schemes whose members are data (ontology/*.ttl), not code: plain namespaces on purpose.
INDUSTRY = Namespace("https://w3id.org/textile-kg/industry/")
POLICY = Namespace("https://w3id.org/textile-kg/policy/")
TITLE = Namespace("https://w3id.org/textile-kg/title/")
KIND = Namespace("https://w3id.org/textile-kg/kind/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/textile-kg/shapes#")  # shapes/*.ttl: names the SHACL shapes
TIME = Namespace("http://www.w3.org/2006/time#")

# The entity types of the extraction JSON and of the gold scheme, in their display order: local names of
# TKG classes.
ENTITY_TYPES: tuple[str, ...] = (
    "Province",
    "City",
    "County",
    "Town",
    "Region",
    "IndustrialCluster",
    "IndustrialPark",
    "Enterprise",
    "Organization",
    "Initiative",
)

# prefix -> namespace, as spelled in queries/*.rq, shapes/*.ttl and ontology/*.ttl
PREFIXES: dict[str, str] = {
    "tkg": str(TKG._NS),
    "ind": str(INDUSTRY),
    "policy": str(POLICY),
    "title": str(TITLE),
    "kind": str(KIND),
    "oa": str(OA._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SDO),
    "org": str(ORG),
    "geo": str(GEO),
    "sh": str(SH),
    "shape": str(SHAPES),
    "time": str(TIME),
}


def slugify(text: str) -> str:
    """A readable IRI segment: ``"Qinghe Cashmere Cluster"`` -> ``"qinghe-cashmere-cluster"``.

    >>> slugify("Xiong'an Innovative Design + Self-owned Brand")
    'xiongan-innovative-design-self-owned-brand'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "x"


@dataclass(frozen=True)
class Ids:
    """Mints instance and graph IRIs under one base IRI.

    >>> Ids("https://example.org/id/").place("130534")
    rdflib.term.URIRef('https://example.org/id/place/130534')
    """

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def mint(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{key}")

    def place(self, code: str) -> URIRef:
        return self.mint("place", code)

    def region(self, name: str) -> URIRef:
        return self.mint("region", slugify(name))

    def entity(self, kind: str, name: str, place_code: str | None = None) -> URIRef:
        slug = slugify(name)
        return self.mint(kind, f"{slug}-{place_code}" if place_code else slug)

    def article(self, article_id: str) -> URIRef:
        return self.mint("article", article_id)

    def graph(self, name: str) -> URIRef:
        return self.mint("graph", name)

    def article_graph(self, article_id: str) -> URIRef:
        return self.graph(f"article/{article_id}")

    def curated_graph(self, name: str) -> URIRef:
        return self.graph(f"curated/{slugify(name)}")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    @property
    def gazetteer_graph(self) -> URIRef:
        return self.graph("gazetteer")

    @property
    def metadata_graph(self) -> URIRef:
        return self.graph("metadata")

    @property
    def current_graph(self) -> URIRef:
        """The consolidated graph: each statement of the sources once, resolved and derived
        (kg.consolidation)."""
        return self.graph("current")

    @property
    def conflicts_graph(self) -> URIRef:
        """The disagreements the consolidated graph resolved, as tkg:Conflict resources."""
        return self.graph("conflicts")

    @property
    def derived_graphs(self) -> frozenset[URIRef]:
        """The graphs only the consolidation writes: the consolidated graph, its conflicts and the
        refresh's scratch graph (``graph/current/work``); never a source, never loaded into."""
        return frozenset({self.current_graph, self.conflicts_graph, self.graph("current/work")})

    def local_path(self, iri: str) -> str | None:
        """The part after the base (what ``GET /id/...`` takes), or None for a foreign IRI."""
        return iri[len(self.base) :] if iri.startswith(self.base) else None
