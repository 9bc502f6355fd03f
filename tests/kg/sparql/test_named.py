"""kg.sparql.named: header parsing, start-up checks, binding by type, paging clauses."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import InputError
from kg.namespaces import INDUSTRY, Ids
from kg.sparql.named import bind_params, load_queries, page_clause, parse_query

HEADER = """# Parks of a province
# param ?province: the province [type: iri] [ns: place]
# param ?industry: an industry [type: iri] [ns: industry] [optional]
# param ?year: a year [type: year] [default: 2025]
PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
SELECT ?park ?province ?industry ?year WHERE { ?park tkg:locatedIn ?province }
"""


def test_header_is_parsed() -> None:
    query = parse_query("q", HEADER, "q.rq")
    assert query.summary == "Parks of a province" and query.form == "select"
    assert [(p.name, p.type, p.required, p.default) for p in query.params] == [
        ("province", "iri", True, None),
        ("industry", "iri", False, None),
        ("year", "year", False, "2025"),
    ]


def test_binding_by_type() -> None:
    query = parse_query("q", HEADER, "q.rq")
    bound = bind_params(query, {"province": "130000", "industry": "wool"}, Ids())
    assert bound == {
        "province": URIRef("https://w3id.org/textile-kg/id/place/130000"),
        "industry": INDUSTRY["wool"],
        "year": Literal("2025", datatype=XSD.gYear),
    }


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({}, id="missing-required"),
        pytest.param({"province": "hebei"}, id="place-not-a-code"),
        pytest.param({"province": "130000", "year": "20x5"}, id="bad-year"),
        pytest.param({"province": "http://x/> } ; DROP"}, id="iri-with-space"),
        pytest.param({"province": "130000", "other": "1"}, id="unknown-parameter"),
    ],
)
def test_bad_values_raise_input_error(raw: dict[str, str]) -> None:
    with pytest.raises(InputError):
        bind_params(parse_query("q", HEADER, "q.rq"), raw, Ids())


def test_a_broken_query_fails_loading_and_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.rq").write_text("# Broken\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.rq"):
        load_queries(tmp_path)


def test_an_unprojected_parameter_fails_loading(tmp_path: Path) -> None:
    (tmp_path / "hidden.rq").write_text("# Hidden\n# param ?p: p [type: iri]\nSELECT ?x WHERE { ?x ?p ?o }\n")
    with pytest.raises(InputError, match=r"hidden\.rq"):
        load_queries(tmp_path)


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (5, -1), (True, 0)])
def test_page_clause_takes_only_checked_integers(limit: int, offset: int) -> None:
    with pytest.raises(InputError):
        page_clause(limit, offset)


def test_page_clause() -> None:
    assert page_clause(10, 20) == "\nLIMIT 10\nOFFSET 20"
