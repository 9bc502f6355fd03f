"""kg.sparql.named: header parsing, start-up checks, binding by type, paging clauses."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import InputError
from kg.namespaces import INDUSTRY, Ids
from kg.sparql.named import bind_params, load_queries, page_clause, parse_query, query_text

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


ANCHORED = """# Parks, optionally of a province, one page picked first
# param ?province: the province [type: iri] [ns: place] [optional] [anchor: ?park tkg:inProvince ?province]
# param ?kind: a kind [type: iri] [ns: kind] [optional]
PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
# the page is picked at #@page (this mention in a comment is no mark)
SELECT ?park ?province ?kind WHERE {
  { SELECT ?park ?province ?kind WHERE {
      #@anchors
      ?park a tkg:IndustrialPark .
      FILTER(IF(COALESCE(STR(?province), "") = "", true, EXISTS { ?park tkg:inProvince ?province }))
    } ORDER BY ?park
    #@page
  }
}
ORDER BY ?park
"""


@pytest.mark.parametrize(
    ("given", "anchored"),
    [
        pytest.param({"province": URIRef("urn:p")}, True, id="given-parameter-anchors"),
        pytest.param({"kind": URIRef("urn:k")}, False, id="parameter-without-anchor"),
        pytest.param({}, False, id="nothing-given"),
    ],
)
def test_anchors_start_the_marked_group_and_the_page_goes_to_its_mark(
    given: dict[str, URIRef], anchored: bool
) -> None:
    query = parse_query("q", ANCHORED, "q.rq")
    text = query_text(query, given, 51, 100)
    inner, mark = text.index("{ SELECT ?park"), text.index("#@anchors")
    anchor = text.find("  ?park tkg:inProvince ?province .\n")
    assert (inner < anchor < mark) if anchored else anchor == -1
    assert text.index("LIMIT 51\nOFFSET 100") < text.index("#@page\n  }")  # inside the sub-select
    assert text.count("LIMIT") == 1


def test_without_marks_anchors_open_the_where_group_and_the_page_is_appended() -> None:
    text = HEADER.replace("[optional]", "[optional] [anchor: ?park tkg:specializesIn ?industry]")
    query = parse_query("q", text, "q.rq")
    out = query_text(query, {"industry": URIRef("urn:i")}, 10, 0)
    assert "WHERE {\n  ?park tkg:specializesIn ?industry .\n ?park tkg:locatedIn" in out
    assert out.endswith("\nLIMIT 10")


def test_anchored_queries_are_checked_with_their_anchors(tmp_path: Path) -> None:
    broken = ANCHORED.replace("?park tkg:inProvince ?province]", "?park tkg:inProvince ?province ?x]")
    (tmp_path / "q.rq").write_text(broken)
    with pytest.raises(InputError, match=r"q\.rq"):
        load_queries(tmp_path)


CONDITIONAL = """# Parks, optionally known by a date
# param ?known_at: a date [type: date] [optional]
# param ?as_of: a date [type: date] [optional]
PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
SELECT ?park ?known_at ?as_of WHERE {
  ?park a tkg:IndustrialPark .
  #@if ?known_at ?as_of
  FILTER(STR(?known_at) != "x")
  #@end
  #@if ?as_of
  FILTER(STR(?as_of) != "y")
  #@end
}
"""


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        pytest.param({}, [], id="nothing-given-no-block"),
        pytest.param({"known_at": Literal("2020-01-01", datatype=XSD.date)}, ['"x"'], id="one-block"),
        pytest.param({"as_of": Literal("2020-01-01", datatype=XSD.date)}, ['"x"', '"y"'], id="both-blocks"),
    ],
)
def test_if_blocks_run_only_for_their_given_parameters(given: dict[str, Literal], kept: list[str]) -> None:
    text = query_text(parse_query("q", CONDITIONAL, "q.rq"), given, None, 0)
    assert [m for m in ('"x"', '"y"') if m in text] == kept
    assert "#@if" not in text and "#@end" not in text


def test_a_date_parameter_takes_a_real_day_only() -> None:
    query = parse_query("q", CONDITIONAL, "q.rq")
    assert bind_params(query, {"as_of": "2024-02-29"}, Ids())["as_of"] == Literal(
        "2024-02-29", datatype=XSD.date
    )
    for bad in ("2023-02-29", "2023-1-01", "20230101", "2023-01-01T00:00:00"):
        with pytest.raises(InputError, match="as_of"):
            bind_params(query, {"as_of": bad}, Ids())


FILTERED = """# Parks of a kind or a city, one page picked first
# param ?kind: a kind [type: iri] [ns: kind] [optional] [anchor: ?park tkg:parkKind ?kind] [broad]
# param ?city: a city [type: iri] [ns: place] [optional] [anchor: ?park tkg:inCity ?city]
# param ?year: a year [type: year] [optional]
PREFIX tkg: <https://w3id.org/textile-kg/ontology#>
SELECT ?park ?kind ?city ?year WHERE {
  #@anchors
  #@scan
  ?park tkg:parkSortKey ?sort_key .  # the key
  #@end
  #@filter ?kind
  FILTER(IF(COALESCE(STR(?kind), "") = "", true, EXISTS { ?park tkg:parkKind ?kind }))
  #@end
  #@filter ?year
  FILTER(IF(COALESCE(STR(?year), "") = "", true, EXISTS { ?park tkg:designationYear ?year }))
  #@end
}
"""
KIND, CITY = URIRef("urn:kind"), URIRef("urn:city")


@pytest.mark.parametrize(
    ("given", "scan", "filters"),
    [
        pytest.param({}, False, [], id="nothing-given"),
        pytest.param({"kind": KIND}, True, [], id="broad-anchor-only-scans"),
        pytest.param({"kind": KIND, "city": CITY}, False, [], id="a-narrow-anchor-looks-up"),
        pytest.param({"year": Literal("2020")}, False, ["designationYear"], id="no-anchor-keeps-its-filter"),
    ],
)
def test_filter_blocks_run_without_an_anchor_and_scan_blocks_with_broad_anchors_only(
    given: dict[str, URIRef], scan: bool, filters: list[str]
) -> None:
    text = query_text(parse_query("q", FILTERED, "q.rq"), given, None, 0)
    assert ("{ SELECT ?park ?sort_key WHERE { ?park tkg:parkSortKey ?sort_key . } }" in text) is scan
    assert ("  ?park tkg:parkSortKey ?sort_key .  # the key\n" in text) is not scan
    assert [f for f in ("parkKind ?kind }", "designationYear") if f in text] == filters
    assert "#@scan" not in text and "#@filter" not in text and "#@end" not in text


def test_a_block_naming_no_parameter_fails_loading(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(FILTERED.replace("#@filter ?year", "#@filter ?yaer"))
    with pytest.raises(InputError, match=r"q\.rq.*\?yaer"):
        load_queries(tmp_path)
