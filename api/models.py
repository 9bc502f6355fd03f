"""Models of the REST answers, one per resource type, and of the one JSON input, ``ArticleIn``.

A list item and a profile of the same resource share one model: ``Park`` is the item of ``/parks`` and of
``/provinces/{id}/parks``, and ``ParkProfile`` (``GET /parks/{id}``) is a ``Park`` with more fields. The same
name means the same thing everywhere (``kind``, ``year``, ``start_year``/``end_year``, ``type``, ``places``),
every field is always present (``null`` or ``[]`` when the graph says nothing), and closed value sets are
enums of words, not IRIs (``kind: "characteristic-town"``, ``comparator: "about"``). JSON-LD adds
``@context`` to the same shapes. docs/api.md has the table of the renames.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class EntityType(StrEnum):
    """The class of an entity (the local name of its ``tkg:`` class)."""

    PROVINCE = "Province"
    CITY = "City"
    COUNTY = "County"
    TOWN = "Town"
    REGION = "Region"
    CLUSTER = "IndustrialCluster"
    PARK = "IndustrialPark"
    ENTERPRISE = "Enterprise"
    ORGANIZATION = "Organization"
    INITIATIVE = "Initiative"


class ParkKind(StrEnum):
    """``tkg:ParkKindScheme`` (ontology/kinds.ttl): the slug of the concept IRI."""

    PARK = "park"
    DEVELOPMENT_ZONE = "development-zone"
    CHARACTERISTIC_TOWN = "characteristic-town"
    INCUBATOR_BASE = "incubator-base"
    INDUSTRIAL_BASE = "industrial-base"
    PROFESSIONAL_MARKET = "professional-market"


class OrganizationKind(StrEnum):
    """``tkg:OrganizationKindScheme`` (ontology/kinds.ttl)."""

    GOVERNMENT_BODY = "government-body"
    INDUSTRY_ASSOCIATION = "industry-association"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research-institute"
    ALLIANCE = "alliance"


class InitiativeKind(StrEnum):
    """``tkg:InitiativeKindScheme`` (ontology/kinds.ttl)."""

    PLAN = "plan"
    ACTION_PLAN = "action-plan"
    PROGRAMME = "programme"
    PROJECT = "project"
    CAMPAIGN = "campaign"
    OFFICIAL_SELECTION = "official-selection"


class FigureKind(StrEnum):
    """The subclass of ``tkg:Figure``: ``tkg:Target``, ``tkg:Observation``, ``tkg:Event``."""

    TARGET = "target"
    OBSERVATION = "observation"
    EVENT = "event"


class Comparator(StrEnum):
    """``tkg:Comparator``: how a stated value relates to the true one (``tkg:MoreThan`` -> ``more-than``)."""

    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    ABOUT = "about"
    LESS_THAN = "less-than"
    AT_MOST = "at-most"


SearchIndex = Literal["ready", "building", "on demand", "none"]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    queries: int = Field(description="named queries loaded", examples=[28])
    search_index: SearchIndex = Field(
        description="the embedded store's label index behind /search: ready; building (searches answer 503 "
        "with Retry-After until it is: ~5 s at 10^6 triples after start, ~50 s at 10^7); on demand (built by "
        "the next search, after writes it could not name); none (a remote store: search runs as SPARQL)",
        examples=["ready"],
    )


class Ref(BaseModel):
    """A link to another entity or concept: its IRI and English label (null when it has none)."""

    id: str
    label: str | None = None


class Labels(BaseModel):
    en: str | None = None
    zh: str | None = None
    pinyin: str | None = None
    aliases: list[str] = []


class Place(Ref):
    """A province, city, county, town or region: the item of ``/provinces`` and of a place chain."""

    type: EntityType | None = None
    code: str | None = Field(default=None, description="GB/T 2260 code", examples=["130534"])
    label_zh: str | None = None
    wkt: str | None = Field(default=None, description="a WKT point", examples=["POINT(115.67 37.05)"])


class Source(BaseModel):
    """An article a statement comes from, with the evidence sentence of each mention."""

    article: str
    title: str | None = None
    date: str | None = Field(default=None, description="the article's publication date (publish time)")
    publisher: str | None = None
    evidence: list[str] = []


class Statement(BaseModel):
    property: str
    value: str | float | int
    value_label: str | None = None
    graph: str | None = None
    articles: list[str] = []


class Designation(BaseModel):
    """A title conferred on a holder: the item of ``/designations``."""

    id: str
    holder: Ref | None = None
    title: Ref | None = None
    label: str | None = None  # a title outside the scheme, as the article writes it
    conferred_by: Ref | None = None
    year: int | None = None


class HeldDesignation(Designation):
    """A designation inside its holder's profile, with the articles that state it. ``year`` is when it
    was conferred (valid time, from the text); ``published`` when that became known (publish time)."""

    articles: list[str] = []
    published: str | None = Field(
        default=None,
        description="publication date of the earliest article stating it (null: curated or undated)",
        examples=["2022-11-24"],
    )


class Member(Ref):
    type: EntityType


class Figure(BaseModel):
    """A target, observation or event. ``year`` (or the period ``start_year``-``end_year``) is the time
    the figure is about, from the text (valid time); ``published`` is when its source appeared (publish
    time): a 2012 figure in a 2023 article has year 2012 and published 2023-...."""

    id: str
    kind: FigureKind
    measure: str | None = None
    value: float | int | str | None = None
    unit: str | None = None
    year: int | None = Field(default=None, description="the year the figure is about (valid time)")
    start_year: int | None = Field(default=None, description="the start of the period it is about")
    end_year: int | None = Field(default=None, description="the end of the period it is about")
    comparator: Comparator | None = None
    articles: list[str] = []
    published: str | None = Field(
        default=None,
        description="publication date of the earliest article stating it (null: curated or undated)",
        examples=["2022-11-24"],
    )


class InitiativeRef(Ref):
    """An initiative that concerns an entity, directly or through one of its places (``via``)."""

    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    via: Ref | None = Field(default=None, description="the entity or place the initiative applies to")


class ProfileFields(BaseModel):
    """What every profile adds to its list item: all labels, all statements with sources, the articles."""

    labels: Labels
    statements: list[Statement] = []
    sources: list[Source] = []


class Cluster(BaseModel):
    """An industrial cluster: the item of ``/clusters`` and ``/provinces/{id}/clusters``."""

    id: str
    type: Literal[EntityType.CLUSTER] = EntityType.CLUSTER
    label: str | None = None
    places: list[Ref] = Field(default=[], description="the places it lies in (in a profile: the whole chain)")


class Park(BaseModel):
    """An industrial park: the item of ``/parks`` and ``/provinces/{id}/parks``."""

    id: str
    type: Literal[EntityType.PARK] = EntityType.PARK
    label: str | None = None
    kind: ParkKind | None = None
    part_of: list[Ref] = Field(
        default=[], description="what it is part of (lists: the first by IRI; /provinces/{id}/parks: none)"
    )
    places: list[Ref] = Field(default=[], description="the places it lies in (in a profile: the whole chain)")


class Enterprise(BaseModel):
    """An enterprise: the item of ``/enterprises``."""

    id: str
    type: Literal[EntityType.ENTERPRISE] = EntityType.ENTERPRISE
    label: str | None = None
    part_of: list[Ref] = Field(default=[], description="cluster or park (lists: the first by IRI)")
    places: list[Ref] = Field(default=[], description="the places it lies in (in a profile: the whole chain)")


class Organization(BaseModel):
    """A non-business organization (government body, association, ...): the item of ``/organizations``."""

    id: str
    type: Literal[EntityType.ORGANIZATION] = EntityType.ORGANIZATION
    label: str | None = None
    kind: OrganizationKind | None = None
    places: list[Ref] = []


class Initiative(BaseModel):
    """A plan, programme, campaign ...: the item of ``/initiatives`` and ``/provinces/{id}/initiatives``."""

    id: str
    type: Literal[EntityType.INITIATIVE] = EntityType.INITIATIVE
    label: str | None = None
    kind: InitiativeKind | None = None
    issuer: Ref | None = Field(default=None, description="lists: the first by IRI; /provinces/{id}/...: null")
    year: int | None = Field(default=None, description="the year it was issued")
    start_year: int | None = None
    end_year: int | None = None


class Province(Place):
    """A province-level division: the item of ``/provinces``."""

    type: EntityType | None = EntityType.PROVINCE


class Parts(BaseModel):
    """The parts of a cluster, park or enterprise profile."""

    industries: list[Ref] = []
    designations: list[HeldDesignation] = []
    figures: list[Figure] = []
    initiatives: list[InitiativeRef] = []


class ClusterProfile(ProfileFields, Parts, Cluster):
    places: list[Place] = Field(default=[], description="the place chain, most specific first")  # type: ignore[assignment]
    parks: list[Member] = []
    enterprises: list[Member] = []


class ParkProfile(ProfileFields, Parts, Park):
    places: list[Place] = Field(default=[], description="the place chain, most specific first")  # type: ignore[assignment]
    parks: list[Member] = []
    enterprises: list[Member] = []


class EnterpriseProfile(ProfileFields, Parts, Enterprise):
    places: list[Place] = Field(default=[], description="the place chain, most specific first")  # type: ignore[assignment]


class InitiativeProfile(ProfileFields, Initiative):
    places: list[Place] = Field(default=[], description="the place chain, most specific first")
    scope: list[Ref] = []
    measures: list[Ref] = []
    aims: list[str] = Field(
        default=[],
        description="aims as the sources word them, where the measure scheme has no concept (tkg:aim)",
    )
    industries: list[Ref] = Field(default=[], description="the industries it concerns (tkg:concernsIndustry)")
    targets: list[Figure] = []


class ProvinceProfile(ProfileFields, Province):
    places: list[Place] = Field(default=[], description="the place chain, most specific first")
    counts: dict[str, int] = Field(
        description="how many clusters, parks and initiatives the province's lists hold",
        examples=[{"clusters": 2, "parks": 3, "initiatives": 3}],
    )
    clusters: list[Ref] = Field(default=[], description="the first 20 of the clusters list, in its order")
    parks: list[Ref] = Field(default=[], description="the first 20 of the parks list, in its order")
    initiatives: list[Ref] = Field(
        default=[], description="the first 20 of the initiatives list, in its order"
    )
    lists: dict[str, str] = Field(
        default={},
        description="the URL of each whole list (the same as_of / known_at)",
        examples=[{"parks": "http://localhost:8000/provinces/130000/parks"}],
    )


class SearchHit(BaseModel):
    """An entity whose label or alias matches: the item of ``/search``."""

    id: str | None = Field(description="the entity's IRI (null for a blank node)")
    type: EntityType
    label: str | None = Field(description="its English label")
    match: str = Field(description="the best-ranked label that matched")
    score: int = Field(description="0 exact, 1 prefix, 2 inside (after folding)", ge=0, le=2)
    parent: Ref | None = Field(default=None, description="the place it lies in (for a place: its parent)")
    code: str | None = Field(default=None, description="a place's GB code, else its parent's")


Item = TypeVar("Item", bound=BaseModel)


class Page(BaseModel, Generic[Item]):
    """One page of a list; ``next`` is the URL of the following page, or null on the last one."""

    items: list[Item]
    limit: int
    offset: int
    next: str | None = None


class Rows(BaseModel):
    """One page of a named query's rows, as the query names its columns."""

    model_config = ConfigDict(title="Page of rows")

    items: list[dict[str, object]]
    limit: int
    offset: int
    next: str | None = None


class QueryInfo(BaseModel):
    name: str
    summary: str
    form: str
    params: list[dict[str, object]]
    text: str | None = None


class ArticleIn(BaseModel):
    """An article for extraction; ``media_type`` is text/plain, text/html or text/markdown."""

    text: str
    title: str | None = None
    date: datetime.date | None = Field(default=None, description="ISO yyyy-mm-dd")
    publisher: str | None = None
    url: str | None = None
    media_type: str = "text/plain"
    id: str | None = None
