"""Reading users' RDF: formats, errors with line and column, refused constructs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, RDFSyntaxError
from kg.rdf.io import format_for_media_type, parse_dataset, parse_graph, parse_rdf_file


def test_turtle_error_names_line_and_column() -> None:
    data = b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n'
    with pytest.raises(RDFSyntaxError) as info:
        parse_graph(data, ox.RdfFormat.TURTLE, name="bad.ttl")
    assert (info.value.line, info.value.column) == (3, 11)
    assert "bad.ttl" in str(info.value)
    assert "line 3" in str(info.value)


def test_ntriples_error_names_line() -> None:
    data = b"<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n"
    with pytest.raises(RDFSyntaxError) as info:
        parse_graph(data, ox.RdfFormat.N_TRIPLES)
    assert info.value.line == 2


def test_jsonld_error_names_position() -> None:
    with pytest.raises(RDFSyntaxError) as info:
        parse_graph(b'{"@id": "http://a", ', ox.RdfFormat.JSON_LD)
    assert info.value.line == 1


def test_jsonld_remote_context_is_refused_without_network() -> None:
    data = b'{"@context": "http://schema.org/", "@id": "http://a", "name": "x"}'
    with pytest.raises(InputError, match="remote context"):
        parse_graph(data, ox.RdfFormat.JSON_LD)


def test_rdfxml_with_doctype_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    )
    with pytest.raises(InputError, match="DOCTYPE"):
        parse_graph(data, ox.RdfFormat.RDF_XML)


def test_unsupported_media_type_is_named() -> None:
    with pytest.raises(InputError, match="'text/html'"):
        format_for_media_type("text/html; charset=utf-8")


def test_media_type_parameters_are_ignored() -> None:
    assert format_for_media_type("text/turtle; charset=utf-8") == ox.RdfFormat.TURTLE


def test_trig_keeps_named_graphs() -> None:
    data = b"<http://g> { <http://a> <http://b> <http://c> . }"
    quads = list(parse_dataset(data, ox.RdfFormat.TRIG).quads())
    assert [str(q[3]) for q in quads] == ["http://g"]


def test_single_graph_reader_refuses_named_graphs() -> None:
    with pytest.raises(InputError, match="named graph"):
        parse_graph(b"<http://g> { <http://a> <http://b> <http://c> . }", ox.RdfFormat.TRIG)


def test_unknown_file_suffix_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("")
    with pytest.raises(InputError, match="unknown RDF file type"):
        parse_rdf_file(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        parse_rdf_file(tmp_path / "absent.ttl")
