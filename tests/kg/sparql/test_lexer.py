"""The one SPARQL lexer: comments, strings and IRIs are single tokens, so no check mistakes them for code."""

from __future__ import annotations

import pytest

from kg.sparql.lexer import Kind, code, tokenize, without_comments

QUERY = """PREFIX tkg: <https://w3id.org/textile-kg/ontology#>  # the ontology
SELECT ?park WHERE { ?park a tkg:IndustrialPark ; rdfs:label "SERVICE # not a comment"@en . }"""


def test_every_character_lands_in_one_token() -> None:
    assert "".join(t.text for t in tokenize(QUERY)) == QUERY


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("<https://w3id.org/textile-kg/ontology#>", Kind.IRI, id="iri-with-hash"),
        pytest.param('"a # b"@zh-Hans', Kind.STRING, id="string-with-language"),
        pytest.param("'''one\n'two'\n'''", Kind.STRING, id="long-string"),
        pytest.param("# SELECT", Kind.COMMENT, id="comment"),
        pytest.param("?park", Kind.VAR, id="variable"),
        pytest.param("$park", Kind.VAR, id="dollar-variable"),
        pytest.param("tkg:IndustrialPark", Kind.WORD, id="prefixed-name"),
        pytest.param("tkg:", Kind.WORD, id="prefix"),
        pytest.param("SELECT", Kind.WORD, id="keyword"),
        pytest.param("1.5e3", Kind.NUMBER, id="number"),
    ],
)
def test_one_token(text: str, kind: Kind) -> None:
    assert [(t.kind, t.text) for t in tokenize(text)] == [(kind, text)]


def test_a_trailing_dot_ends_the_statement() -> None:
    assert [t.text for t in code("?s a tkg:Park.")] == ["?s", "a", "tkg:Park", "."]


def test_an_unterminated_string_is_a_lone_quote() -> None:
    assert [t.text for t in code('"open')][:1] == ['"']


def test_without_comments_keeps_the_hash_of_an_iri() -> None:
    # regression: the named-query reader stripped `#...` with a regex and ate `<...ontology#>`
    assert without_comments(QUERY).startswith("PREFIX tkg: <https://w3id.org/textile-kg/ontology#>")
    assert "# the ontology" not in without_comments(QUERY)
    assert '"SERVICE # not a comment"@en' in without_comments(QUERY)
