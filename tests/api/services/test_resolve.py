"""``{id}`` -> IRI: slugs, English names and GB codes resolve to the thing of the asked kind or level."""

import pytest
from rdflib import URIRef

from api.services.resolve import ENTITY_CLASSES, EntityKind, PlaceLevel, resolve_entity, resolve_place
from kg.errors import NotFoundError
from kg.namespaces import Ids
from kg.sparql.catalog import Catalog

CLUSTER = URIRef("https://w3id.org/textile-kg/id/cluster/qinghe-cashmere-cluster")
HEBEI = URIRef("https://w3id.org/textile-kg/id/place/130000")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("qinghe-cashmere-cluster", id="slug"),
        pytest.param("Qinghe Cashmere Cluster", id="english-name"),
        pytest.param("qinghe cashmere cluster", id="lower-case-name"),
    ],
)
def test_a_cluster_by_slug_or_name(catalog: Catalog, raw: str) -> None:
    assert resolve_entity(catalog, raw, EntityKind.CLUSTER) == CLUSTER


def test_a_slug_of_another_kind_is_not_found(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="no park 'qinghe-cashmere-cluster'"):
        resolve_entity(catalog, "qinghe-cashmere-cluster", EntityKind.PARK)


def test_every_kind_has_its_class() -> None:
    assert set(ENTITY_CLASSES) == set(EntityKind)


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        pytest.param("130000", PlaceLevel.PROVINCE, id="code"),
        pytest.param("Hebei", PlaceLevel.PROVINCE, id="name"),
        pytest.param("hebei", PlaceLevel.PROVINCE, id="slug"),
        pytest.param("130000", PlaceLevel.PLACE, id="code-any-level"),
        pytest.param("Hebei", PlaceLevel.PLACE, id="name-any-level"),
    ],
)
def test_a_province_by_code_name_or_slug(catalog: Catalog, raw: str, level: PlaceLevel) -> None:
    assert resolve_place(catalog, raw, level) == HEBEI


def test_a_province_asked_for_as_a_city_is_not_found(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="no city '130000'"):
        resolve_place(catalog, "130000", PlaceLevel.CITY)


def test_catalog_binds_terms_as_given_and_checks_strings(catalog: Catalog) -> None:
    by_term = list(catalog.select("entity_types", entity=CLUSTER))
    by_slug = list(catalog.select("entity_types", entity="cluster/qinghe-cashmere-cluster"))
    assert by_term == by_slug and by_term
    assert catalog.ids == Ids()
