"""The synthesiser: deterministic for a seed, about N triples, conforming to the shapes, queryable."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.ingest.bulk import named_graphs
from kg.namespaces import INDUSTRY, TKG, Ids
from kg.rdf.io import parse_dataset
from kg.rdf.terms import to_rdflib
from kg.settings import PROJECT_ROOT
from kg.sparql.named import load_queries, run_query
from kg.store.embedded import EmbeddedStore
from kg.synth.generate import synthesize
from kg.validation.shacl import validate
from tests.paths import consolidate

SIZE = 10_000


def _synth(triples: int, seed: int) -> str:
    out = io.StringIO()
    synthesize(
        out,
        triples=triples,
        seed=seed,
        data_dir=PROJECT_ROOT / "data",
        ontology_dir=PROJECT_ROOT / "ontology",
        ids=Ids(),
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def sample() -> str:
    return _synth(SIZE, seed=7)


@pytest.fixture(scope="module")
def store(sample: str) -> EmbeddedStore:
    kg_store = EmbeddedStore(None)
    kg_store.bulk_replace(named_graphs(parse_dataset(sample, ox.RdfFormat.N_QUADS), Ids().graph("default")))
    consolidate(kg_store)
    return kg_store


def test_same_seed_same_file(sample: str) -> None:
    assert _synth(SIZE, seed=7) == sample


def test_other_seed_other_file(sample: str) -> None:
    assert _synth(SIZE, seed=8) != sample


@pytest.mark.parametrize("size", [pytest.param(10_000, id="1e4"), pytest.param(100_000, id="1e5")])
def test_size_within_ten_percent(size: int) -> None:
    lines = _synth(size, seed=1).count("\n")
    assert abs(lines - size) <= 0.1 * size


def test_has_one_graph_per_article_and_metadata(store: EmbeddedStore) -> None:
    graphs = {str(g) for g in store.graph_sizes()}
    ids = Ids()
    assert {str(ids.ontology_graph), str(ids.gazetteer_graph), str(ids.metadata_graph)} <= graphs
    assert sum(1 for g in graphs if g.startswith(str(ids.graph("article/")))) >= 5


@pytest.mark.slow
def test_sample_conforms_to_the_shapes(sample: str, shapes: Graph) -> None:
    data = Graph()
    for quad in ox.parse(sample.encode(), format=ox.RdfFormat.N_QUADS):
        s, p, o = (to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object))
        assert s is not None and p is not None and o is not None
        data.add((s, p, o))
    report = validate(data, shapes)
    assert report.conforms, [str(v) for v in report.violations[:5]]


def _first(store: EmbeddedStore, query: str) -> URIRef:
    rows = list(store.select(query))
    assert rows, query
    value = next(iter(rows[0].values()))
    assert isinstance(value, URIRef)
    return value


def test_named_queries_return_rows(store: EmbeddedStore) -> None:
    queries = load_queries(PROJECT_ROOT / "queries")
    ids = Ids()
    cluster = _first(store, f"SELECT ?c WHERE {{ ?c a <{TKG.IndustrialCluster}> }} LIMIT 1")
    province = _first(
        store,
        f"SELECT ?p WHERE {{ ?park a <{TKG.IndustrialPark}> ; <{TKG.locatedIn}>+ ?p . "
        f"?p a <{TKG.Province}> }} LIMIT 1",
    )
    label = next(iter(store.select(f"SELECT ?l WHERE {{ <{cluster}> <{RDFS.label}> ?l }}")))["l"]
    cases = {
        "cluster_profile": {"cluster": str(cluster)},
        "parks_by_province": {"province": str(province)},
        "clusters_by_industry": {"industry": str(INDUSTRY["textiles"])},
        "search": {"q": str(label).split()[0]},
    }
    for name, params in cases.items():
        assert len(run_query(store, queries[name], params, ids, limit=50)), name


def test_cli_writes_the_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "g.nq"
    result = CliRunner().invoke(app, ["synth", "--triples", "6000", "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert abs(out.read_text(encoding="utf-8").count("\n") - 6000) <= 600
