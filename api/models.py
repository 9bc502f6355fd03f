"""Models of the REST answers (JSON; JSON-LD adds ``@context`` to the same shapes), and of the one JSON
input, ``ArticleIn``."""

from __future__ import annotations

import datetime

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    queries: int = Field(description="named queries loaded", examples=[28])


class Ref(BaseModel):
    """A link to another entity or concept."""

    id: str
    label: str | None = None


class Labels(BaseModel):
    en: str | None = None
    zh: str | None = None
    pinyin: str | None = None
    aliases: list[str] = []


class Place(Ref):
    type: str | None = None
    code: str | None = None
    label_zh: str | None = None
    wkt: str | None = None


class Source(BaseModel):
    """An article a statement comes from, with the evidence sentence of each mention."""

    article: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    evidence: list[str] = []


class Statement(BaseModel):
    property: str
    value: str | float | int
    value_label: str | None = None
    graph: str | None = None
    articles: list[str] = []


class Designation(BaseModel):
    id: str
    title: Ref | None = None
    label: str | None = None  # a title outside the scheme, as the article writes it
    conferred_by: Ref | None = None
    year: int | None = None
    articles: list[str] = []


class Member(Ref):
    type: str


class Figure(BaseModel):
    id: str
    kind: str
    measure: str | None = None
    value: float | int | str | None = None
    unit: str | None = None
    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    comparator: str | None = None
    articles: list[str] = []


class InitiativeRef(Ref):
    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    via: Ref | None = Field(default=None, description="the entity or place the initiative applies to")


class EntityProfile(BaseModel):
    """What every profile has: labels, place chain, all statements with sources, and the articles."""

    id: str
    type: str
    labels: Labels
    places: list[Place] = Field(default=[], description="the place chain, most specific first")
    statements: list[Statement] = []
    sources: list[Source] = []


class ClusterProfile(EntityProfile):
    industries: list[Ref] = []
    designations: list[Designation] = []
    parks: list[Member] = []
    enterprises: list[Member] = []
    figures: list[Figure] = []
    initiatives: list[InitiativeRef] = []


class ParkProfile(ClusterProfile):
    kind: str | None = None
    part_of: list[Ref] = []


class InitiativeProfile(EntityProfile):
    kind: str | None = None
    issuer: Ref | None = None
    year: int | None = None
    period: dict[str, int | None] = Field(default={}, examples=[{"start": 2017, "end": 2020}])
    scope: list[Ref] = []
    measures: list[Ref] = []
    targets: list[Figure] = []


class ProvinceProfile(EntityProfile):
    code: str
    wkt: str | None = None
    counts: dict[str, int] = Field(examples=[{"clusters": 2, "parks": 3, "initiatives": 3}])
    clusters: list[Ref] = []
    parks: list[Ref] = []
    initiatives: list[Ref] = []


class Page(BaseModel):
    """One page of a list; ``next`` is the URL of the following page, or null on the last one."""

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
