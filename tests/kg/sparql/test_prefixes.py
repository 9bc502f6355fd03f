"""The predefined prefixes of /sparql: declarations prepended only for prefixes a query uses and lacks."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.namespaces import PREFIXES
from kg.sparql.prefixes import missing_declarations, shift_columns, with_predefined_prefixes


@pytest.mark.parametrize(
    ("query", "added"),
    [
        pytest.param("SELECT * { ?s a tkg:Cluster ; rdfs:label ?l }", ["rdfs", "tkg"], id="two-used"),
        pytest.param("PREFIX tkg: <http://x/> SELECT * { ?s a tkg:C }", [], id="own-declaration-wins"),
        pytest.param("SELECT * { ?s <http://x/tkg:y> 'rdfs:label' } # skos:x", [], id="iri-string-comment"),
        pytest.param("SELECT * { ?s ex:p ?o }", [], id="unknown-prefix-left-to-the-parser"),
        pytest.param("SELECT * { _:b ?p ?o }", [], id="blank-node"),
    ],
)
def test_missing_declarations(query: str, added: list[str]) -> None:
    text = missing_declarations(query)
    assert [d.split(":")[0] for d in text.split("PREFIX ")[1:]] == added


def test_the_expanded_query_runs() -> None:
    text, added = with_predefined_prefixes("SELECT ?l { ?s a tkg:IndustrialPark ; rdfs:label ?l }")
    assert "\n" not in text[:added] and added > 0
    store = ox.Store()
    park = ox.NamedNode("http://x/park")
    store.add(
        ox.Quad(
            park, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["tkg"] + "IndustrialPark")
        )
    )
    store.add(ox.Quad(park, ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("P")))
    assert [s["l"].value for s in store.query(text)] == ["P"]  # type: ignore[index,union-attr]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param("error at 1:75: expected", "error at 1:5: expected", id="oxigraph-line-1"),
        pytest.param("error at 2:9: expected", "error at 2:9: expected", id="oxigraph-line-2"),
        pytest.param(
            "invalid SPARQL at line 1, column 80: x", "invalid SPARQL at line 1, column 10: x", id="rdflib"
        ),
    ],
)
def test_shift_columns(message: str, expected: str) -> None:
    assert shift_columns(message, 70) == expected


@pytest.mark.parametrize(
    ("query", "based"),
    [
        pytest.param("CONSTRUCT { <s> <p> 1 } WHERE {}", True, id="relative"),
        pytest.param("DESCRIBE <place/130534>", True, id="relative-path"),
        pytest.param("SELECT * { <http://x/s> ?p ?o }", False, id="absolute"),
        pytest.param("SELECT * { <urn:x> ?p '<s>' } # <s>", False, id="urn-string-comment"),
    ],
)
def test_relative_iris_get_the_instance_base(query: str, based: bool) -> None:
    text, added = with_predefined_prefixes(query, base="https://example.org/id/")
    assert text.startswith("BASE <https://example.org/id/> ") is based
    assert text[added:] == query


def test_docs_list_every_predefined_prefix() -> None:
    """docs/sparql.md's table is the list the endpoint uses."""
    from tests.paths import REPO

    docs = (REPO / "docs" / "sparql.md").read_text()
    rows = {line.split("`")[1] for line in docs.splitlines() if line.startswith("  | `") and ":` | `" in line}
    assert rows == {f"{prefix}:" for prefix in PREFIXES}
    for prefix, namespace in PREFIXES.items():
        assert f"| `{prefix}:` | `{namespace}` |" in docs
