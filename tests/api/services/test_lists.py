"""List filters: one query-parameter model (each description once, all of them in OpenAPI), places
resolved to IRIs before binding."""

import httpx
from rdflib import URIRef

from api.services.lists import FilterQuery, filter_values
from kg.sparql.catalog import Catalog

LIST_PATHS = ["/clusters", "/parks", "/enterprises", "/initiatives"]


def test_places_become_iris_and_the_rest_stays_text(catalog: Catalog) -> None:
    filters = FilterQuery(province="hebei", city="130500", industry="wool", year="2022")
    values = filter_values(catalog, filters, designation="x", kind=None)
    assert values == {
        "province": URIRef("https://w3id.org/textile-kg/id/place/130000"),
        "city": URIRef("https://w3id.org/textile-kg/id/place/130500"),
        "industry": "wool",
        "year": "2022",
        "designation": "x",
    }


def test_openapi_keeps_every_filter_with_its_description(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in LIST_PATHS:
        params = {p["name"]: p.get("description") for p in paths[path]["get"]["parameters"]}
        for name, field in FilterQuery.model_fields.items():
            assert params[name] == field.description, (path, name)
        assert {"limit", "offset"} <= set(params)
