"""The static check of where a named query first uses a parameter."""

import pytest

from kg.sparql.shape import first_use

PREFIX = "PREFIX tkg: <https://w3id.org/textile-kg/ontology#>\n"


@pytest.mark.parametrize(
    ("where", "why"),
    [
        pytest.param("?iri tkg:locatedIn ?s . ?s tkg:locatedIn* ?n", None, id="plain-then-path"),
        pytest.param("GRAPH ?g { ?n tkg:locatedIn ?iri }", None, id="plain-object-in-graph"),
        pytest.param(
            "?iri tkg:locatedIn+ ?n", "the subject of the property path tkg:locatedIn+", id="path-subject"
        ),
        pytest.param("?n tkg:a/tkg:b ?iri", "the object of the property path tkg:a/tkg:b", id="path-object"),
        pytest.param("?n ^tkg:spans ?iri", "the object of the property path ^tkg:spans", id="inverse"),
        pytest.param(
            "?n a tkg:X ; tkg:locatedIn* ?iri",
            "the object of the property path tkg:locatedIn*",
            id="semicolon",
        ),
        pytest.param("{ ?iri a ?t } UNION { ?n a ?iri }", "inside a UNION branch", id="union"),
        pytest.param("?n a ?t OPTIONAL { ?n tkg:p ?iri }", "inside an OPTIONAL", id="optional"),
        pytest.param("{ SELECT ?iri WHERE { ?iri a ?t } }", "inside a subquery", id="subquery"),
        pytest.param("?n a ?t FILTER EXISTS { ?n tkg:p ?iri }", "inside a FILTER EXISTS", id="exists"),
        pytest.param('?n a ?t FILTER(?iri = "<x>")', None, id="filter"),
    ],
)
def test_first_use(where: str, why: str | None) -> None:
    assert first_use(PREFIX + f"SELECT * WHERE {{ {where} }}  # ?iri in a comment", "?iri") == why
