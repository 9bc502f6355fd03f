"""``/conflicts``: where sources disagree, with each competing value's sources, evidence and dates;
``POST /conflicts/{id}/resolve`` writes the chosen value as a curated graph (kg.curation.conflicts)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from api.deps import OntologyDep, SettingsDep, ShapesDep, StoreDep
from api.http.auth import PublisherDep
from kg.curation.conflicts import chosen_value, conflict, conflicts, resolution, resolve, with_sources
from kg.curation.evidence import report_json
from kg.errors import InputError
from kg.namespaces import PREFIXES, TKG
from kg.rdf.terms import serialize_term
from kg.settings import Settings
from kg.validation.context import validate_increment

router = APIRouter(prefix="/conflicts", tags=["Curators"])


class Resolution(BaseModel):
    """The value to make current: one of the conflict's values (``alternative``) or one of your own
    (``iri``, or ``literal`` with an optional ``datatype`` or ``language``), and why."""

    model_config = ConfigDict(extra="forbid")
    alternative: str | None = Field(default=None, description="the id of one of the conflict's values")
    iri: str | None = None
    literal: str | None = None
    datatype: str | None = None
    language: str | None = None
    note: str | None = Field(default=None, max_length=2000, description="why (kept in the curated graph)")


def iri_of(settings: Settings, given: str, what: str, *, vocabulary: bool = False) -> URIRef:
    """A full IRI, a prefixed name (``tkg:parkKind``), a path under the base (``park/x``) or, for
    classes and properties, a local name of the ontology (``IndustrialPark``)."""
    prefix, colon, local = given.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        iri = URIRef(PREFIXES[prefix] + local)
    elif given.startswith(("http://", "https://", "urn:")):
        iri = URIRef(given)
    elif vocabulary:
        iri = URIRef(str(TKG._NS) + given)
    else:
        iri = URIRef(settings.ids.base + given)
    try:
        serialize_term(iri)
    except InputError:
        raise InputError(f"{what} {given!r} is not a valid IRI") from None
    return iri


@router.get("", summary="Where sources disagree: values, their sources, evidence and dates")
def list_conflicts(
    store: StoreDep,
    settings: SettingsDep,
    entity: Annotated[str | None, Query(description="an entity IRI or path, e.g. park/x")] = None,
    cls: Annotated[str | None, Query(alias="class", description="a class, e.g. IndustrialPark")] = None,
    prop: Annotated[str | None, Query(alias="property", description="e.g. tkg:parkKind")] = None,
    status: Annotated[str | None, Query(pattern="^(open|resolved)$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    found = conflicts(
        store,
        settings.ids,
        entity=iri_of(settings, entity, "entity") if entity else None,
        cls=iri_of(settings, cls, "class", vocabulary=True) if cls else None,
        prop=iri_of(settings, prop, "property", vocabulary=True) if prop else None,
    )
    if status is not None:
        found = [c for c in found if c.status(settings.ids) == status]
    page = with_sources(store, settings.ids, found[offset : offset + limit])
    items = [c.to_dict(settings.ids) for c in page]
    return {"total": len(found), "limit": limit, "offset": offset, "items": items}


@router.get("/{conflict_id}", summary="One conflict")
def get_conflict(store: StoreDep, settings: SettingsDep, conflict_id: str) -> dict[str, object]:
    return conflict(store, settings.ids, conflict_id).to_dict(settings.ids)


def _own_value(settings: Settings, body: Resolution) -> Identifier | None:
    if body.iri is not None and body.literal is not None:
        raise InputError("give 'iri' or 'literal', not both")
    if body.iri is not None:
        return iri_of(settings, body.iri, "value")
    if body.literal is not None:
        if body.language and body.datatype:
            raise InputError("a literal has a language or a datatype, not both")
        datatype = iri_of(settings, body.datatype, "datatype") if body.datatype else None
        return Literal(body.literal, lang=body.language or None, datatype=datatype)
    return None


@router.post("/{conflict_id}/resolve", summary="Make one value current (writes a curated graph)")
def resolve_conflict(
    store: StoreDep,
    settings: SettingsDep,
    writer: PublisherDep,
    shapes: ShapesDep,
    ontology: OntologyDep,
    conflict_id: str,
    body: Resolution,
) -> JSONResponse:
    found = conflict(store, settings.ids, conflict_id)
    value = chosen_value(found, alternative=body.alternative, value=_own_value(settings, body))
    data = resolution(store, settings.ids, found, value, writer.name, body.note)
    if all(a.value != value for a in found.alternatives.values()):  # a new value: validate it like any
        report = validate_increment(store, data, shapes, ontology)
        if not report.conforms:
            return JSONResponse(
                {
                    "detail": "the value does not conform to the shapes; nothing was written",
                    "report": report_json(report, store, data),
                },
                status_code=422,
            )
    written, _ = resolve(store, settings.ids, found, data, by=writer.name)
    after = with_sources(
        store,
        settings.ids,
        conflicts(store, settings.ids, entity=URIRef(found.entity), prop=URIRef(found.property)),
    )
    now = next((c for c in after if c.id == found.id), None)
    document = {
        "resolution": written.to_dict(),
        "conflict": now.to_dict(settings.ids) if now else None,
        "status": now.status(settings.ids) if now else "resolved",
    }
    return JSONResponse(document, headers={"ETag": written.etag})
