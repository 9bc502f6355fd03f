"""The tkg command as users run it: a real process, exit codes, results on stdout, messages on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.settings import PROJECT_ROOT
from kg.store import EmbeddedStore

TKG = Path(sys.executable).parent / "tkg"
SHAPE_EXAMPLES = PROJECT_ROOT / "tests" / "data" / "shapes"
ARTICLE = PROJECT_ROOT / "data" / "articles" / "003_e3ad5b8cc8d86b93.txt"


def tkg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TKG_STORE": str(store), "COLUMNS": "200"}
    return subprocess.run(
        [str(TKG), *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


@dataclass(frozen=True)
class Built:
    store: Path
    output: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A store built by `tkg build` from the project's data: the README's main job."""
    store = tmp_path_factory.mktemp("built") / "store"
    done = tkg("build", store=store)
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout[-2000:]
    return Built(store, done.stdout)


def graph_sizes(store: Path) -> dict[str, int]:
    opened = EmbeddedStore(store, read_only=True)
    return {str(g): n for g, n in opened.graph_sizes().items()}


@pytest.mark.slow
def test_build_loads_every_corpus_article_and_the_whole_graph_conforms(built: Built) -> None:
    assert "conforms" in built.output and "does not conform" not in built.output
    for name in ("gazetteer", "ontology", "metadata", "IndustrialCluster", "IndustrialPark", "County"):
        assert name in built.output
    sizes = graph_sizes(built.store)
    for path in sorted((PROJECT_ROOT / "data" / "articles").glob("*.txt")):
        article_graph = f"graph/article/{path.stem.replace('_', '-')}"
        assert any(g.endswith(article_graph) and n > 50 for g, n in sizes.items()), article_graph


@pytest.mark.slow
def test_named_query_answers_from_the_built_store(built: Built) -> None:
    done = tkg("query", "parks_by_province", "-p", "province=130000", store=built.store)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert any("Qinghe Cashmere Town" in row.get("label", "") for row in rows)


@pytest.mark.slow
def test_ingest_of_a_stored_article_replaces_it(built: Built) -> None:
    before = graph_sizes(built.store)
    done = tkg("ingest", str(ARTICLE), store=built.store)
    assert done.returncode == 0, done.stderr
    assert "stored" in done.stderr
    assert graph_sizes(built.store) == before


@pytest.mark.slow
def test_validate_a_new_park_against_the_built_store(built: Built, tmp_path: Path) -> None:
    park = tmp_path / "park.ttl"
    park.write_text(NEW_PARK.format(place="130534"))
    assert tkg("validate", str(park), store=built.store).returncode == 0
    park.write_text(NEW_PARK.format(place="999999"))
    refused = tkg("validate", str(park), store=built.store)
    assert refused.returncode == 1 and "Province" in refused.stdout


NEW_PARK = """@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix kind: <https://w3id.org/textile-kg/kind/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/textile-kg/id/park/new-cashmere-park> a tkg:IndustrialPark ;
    rdfs:label "New Cashmere Park"@en ; tkg:parkKind kind:park ;
    tkg:locatedIn <https://w3id.org/textile-kg/id/place/{place}> ; dcterms:source "curator" .
"""


def test_query_list_and_unknown_query(tmp_path: Path) -> None:
    listed = tkg("query", "--list", store=tmp_path / "s")
    assert listed.returncode == 0 and "cluster_profile" in listed.stdout
    unknown = tkg("query", "no_such_query", store=tmp_path / "s")
    assert unknown.returncode == 2 and "no_such_query" in unknown.stderr


def test_query_with_a_malformed_parameter_is_a_usage_error(tmp_path: Path) -> None:
    done = tkg("query", "parks_by_province", "-p", "province", store=tmp_path / "s")
    assert done.returncode == 2 and "key=value" in done.stderr


def test_validate_reports_violations_with_exit_1(tmp_path: Path) -> None:
    invalid = tkg("validate", str(SHAPE_EXAMPLES / "invalid" / "position-offsets.ttl"), store=tmp_path / "s")
    assert invalid.returncode == 1, invalid.stdout
    assert "oa:start" in invalid.stdout


def test_validate_names_line_and_column_of_a_syntax_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n')
    done = tkg("validate", str(bad), store=tmp_path / "s")
    assert done.returncode == 2
    assert "bad.ttl" in done.stderr and "line 2" in done.stderr


def test_validate_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    done = tkg("validate", str(tmp_path / "absent.ttl"), store=tmp_path / "s")
    assert done.returncode == 2 and "absent.ttl" in done.stderr


def test_extract_prints_the_extraction_json(tmp_path: Path) -> None:
    done = tkg("extract", str(ARTICLE), store=tmp_path / "s")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"article", "entities", "facts"}
    labels = {e["label"] for e in document["entities"]}
    assert "Qinghe Cashmere Town" in labels
    assert not (tmp_path / "s").exists()


def test_extract_turtle_uses_the_project_prefixes(tmp_path: Path) -> None:
    done = tkg("extract", str(ARTICLE), "--format", "turtle", store=tmp_path / "s")
    assert done.returncode == 0 and "@prefix tkg:" in done.stdout


def test_extract_of_an_unknown_file_type_is_a_usage_error(tmp_path: Path) -> None:
    odd = tmp_path / "article.docx"
    odd.write_bytes(b"PK\x03\x04")
    done = tkg("extract", str(odd), store=tmp_path / "s")
    assert done.returncode == 2, done.stderr


def test_load_of_a_missing_file_is_a_usage_error_and_loads_none_of_the_files(tmp_path: Path) -> None:
    fixture = PROJECT_ROOT / "tests" / "data" / "fixture.trig"
    result = tkg("load", str(fixture), str(tmp_path / "missing.nq"), store=tmp_path / "store")
    assert result.returncode == 2
    assert "missing.nq" in result.stderr
    assert not (tmp_path / "store").exists()  # named before the store is opened: nothing loaded or made
