"""kg.rdf.limits: what counts as nesting (and what does not), blank node depth, the isolated parse."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
import pytest

from kg.errors import InputError, RDFSyntaxError
from kg.rdf.io import parse_dataset
from kg.rdf.limits import (
    DepthCounter,
    InputLimits,
    InputTooDeep,
    InputTooLarge,
    ParseTimeout,
    check_syntax,
    parse_isolated,
)

LIMITS = InputLimits(max_depth=8)
P = "<http://e/p>"


def turtle(depth: int) -> bytes:
    return f"<http://e/a> {P} ".encode() + f"[ {P} ".encode() * depth + b"1" + b" ]" * depth + b" ."


def jsonld(depth: int) -> bytes:
    return b'{"@id":"http://e/a","http://e/p":' + b'{"http://e/p":' * depth + b"1" + b"}" * depth + b"}"


def rdfxml(depth: int) -> bytes:
    head = b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
    body = b"<e:p><rdf:Description>" * depth + b"<e:p>1</e:p>" + b"</rdf:Description></e:p>" * depth
    return head + b'<rdf:Description rdf:about="http://e/a">' + body + b"</rdf:Description></rdf:RDF>"


@pytest.mark.parametrize(
    ("make", "fmt", "ok", "too_deep"),
    [
        pytest.param(turtle, ox.RdfFormat.TURTLE, 8, 9, id="turtle"),
        pytest.param(jsonld, ox.RdfFormat.JSON_LD, 6, 8, id="jsonld"),
        pytest.param(rdfxml, ox.RdfFormat.RDF_XML, 2, 4, id="rdfxml"),
    ],
)
def test_nesting_is_counted_per_syntax(make: object, fmt: ox.RdfFormat, ok: int, too_deep: int) -> None:
    assert callable(make)
    check_syntax(make(ok), fmt, LIMITS)
    with pytest.raises(InputTooDeep, match="nested more than 8"):
        check_syntax(make(too_deep), fmt, LIMITS)


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        pytest.param(
            b'<http://e/a> <http://e/p> "[[[[[[[[[[((((((((({{{{{{{{{" .', ox.RdfFormat.TURTLE, id="string"
        ),
        pytest.param(
            b"# [[[[[[[[[[[[[[[[[[[[\n<http://e/a> <http://e/p> 1 .", ox.RdfFormat.TURTLE, id="comment"
        ),
        pytest.param(b'<http://e/a> <http://e/p> """[[[[[[[[[[\n[[[[[""" .', ox.RdfFormat.TURTLE, id="long"),
        pytest.param(
            b'{"@id":"http://e/a","http://e/p":"[[[[[[[[[[{{{{{{{{{{{"}', ox.RdfFormat.JSON_LD, id="json"
        ),
        pytest.param(
            b"<r><!-- <a><a><a><a><a><a><a><a><a><a> --><![CDATA[<b><b><b><b><b><b><b><b><b>]]>"
            b'<c x="<d>"/><c/><c/><c/><c/><c/><c/><c/><c/><c/></r>',
            ox.RdfFormat.RDF_XML,
            id="xml-comment-cdata-empty",
        ),
    ],
)
def test_brackets_in_strings_comments_and_empty_elements_do_not_count(data: bytes, fmt: ox.RdfFormat) -> None:
    check_syntax(data, fmt, LIMITS)


def test_size_is_checked_first() -> None:
    with pytest.raises(InputTooLarge, match="over the limit of 10 bytes"):
        check_syntax(b"<http://e/a> <http://e/p> 1 .", ox.RdfFormat.TURTLE, InputLimits(max_bytes=10))


def test_blank_node_chains_count_cycles_end_and_list_tails_do_not_count() -> None:
    rest = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    p = ox.NamedNode("http://e/p")
    nodes = [ox.BlankNode(f"b{i}") for i in range(20)]
    chain, cycle, tails = DepthCounter(), DepthCounter(), DepthCounter()
    for a, b in itertools.pairwise(nodes):
        chain.add(a, p, b)
        cycle.add(a, p, b)
        tails.add(a, rest, b)
    cycle.add(nodes[-1], p, nodes[0])
    assert chain.depth() == 20  # blank nodes in the chain
    assert cycle.depth() == 20
    assert tails.depth() == 0
    with pytest.raises(InputTooDeep, match="blank nodes nested"):
        chain.check(LIMITS)


def test_parse_dataset_refuses_a_deep_blank_node_chain_in_ntriples() -> None:
    data = b"".join(b"_:b%d <http://e/p> _:b%d .\n" % (i, i + 1) for i in range(9))
    with pytest.raises(InputTooDeep):
        parse_dataset(data, ox.RdfFormat.N_TRIPLES, limits=LIMITS)
    shorter = data[: data.index(b"\n_:b7 ") + 1]  # 7 statements: 8 blank nodes deep
    assert len(parse_dataset(shorter, ox.RdfFormat.N_TRIPLES, limits=LIMITS)) == 7


def test_the_isolated_parse_gives_n_quads_and_syntax_errors_with_their_position() -> None:
    limits = InputLimits(deadline=20)
    nquads = parse_isolated(turtle(2), ox.RdfFormat.TURTLE, limits)
    assert len(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))) == 3
    with pytest.raises(RDFSyntaxError, match="at line 2"):
        parse_isolated(
            b"<http://e/a> <http://e/p> 1 .\n<http://e/a> <http://e/p> .", ox.RdfFormat.TURTLE, limits
        )


def test_a_parser_crash_costs_only_the_child() -> None:
    """JSON-LD 10,000 deep overflows pyoxigraph's stack (SIGSEGV): in the child, an InputError here."""
    with pytest.raises(InputError, match="failed on this input"):
        parse_isolated(jsonld(10_000), ox.RdfFormat.JSON_LD, InputLimits(deadline=20))


def test_the_isolated_parse_is_killed_at_its_deadline() -> None:
    with pytest.raises(ParseTimeout, match=r"longer than 0\.01 s"):
        parse_isolated(rdfxml(20_000), ox.RdfFormat.RDF_XML, InputLimits(deadline=0.01))
