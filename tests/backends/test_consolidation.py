"""The consolidation's update text on every backend: the rebuild and a source write with its refresh
give the same consolidated graph on embedded Oxigraph, an Oxigraph server and Virtuoso."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.consolidation import load_policy, rebuild, source_write_steps
from kg.consolidation.maintain import join, run_update
from kg.ingest.bulk import load_files
from kg.namespaces import KIND, TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.store import EmbeddedStore, Store

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixture.trig"
IDS = Ids()
POLICY = load_policy(PROJECT_ROOT / "ontology")


def _current(store: Store) -> set[tuple[str, str, str]]:
    """The consolidated statements and conflicts, terms as strings (servers differ in literal forms)."""
    rows = store.select(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ",
    )
    keep = {str(IDS.current_graph), str(IDS.conflicts_graph)}
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows if str(r["g"]) in keep}


def _steps(store: Store) -> set[tuple[str, str, str]]:
    load_files(store, [FIXTURE], IDS)
    rebuild(store, IDS, POLICY)
    first = _current(store)
    park = URIRef(f"{IDS.base}park/qinghe-cashmere-town")
    curated = Graph()
    curated.add((park, TKG.parkKind, KIND["industrial-base"]))
    curated.add((park, TKG.locatedIn, URIRef(f"{IDS.base}place/130534")))
    curated.add((park, URIRef("http://purl.org/dc/terms/source"), Literal("a curator")))
    run_update(store, join(source_write_steps(IDS, POLICY, IDS.curated_graph("backend-test"), curated)))
    second = _current(store)
    assert first != second
    return second


def test_the_consolidated_graph_is_the_same_on_every_backend(
    backend: Store, request: pytest.FixtureRequest
) -> None:
    if "virtuoso" in request.node.callspec.id:
        request.applymarker(
            pytest.mark.xfail(
                reason="Virtuoso 7 refuses the refresh request (SP031 'side effect var passed'; the"
                " operation at fault is not isolated yet): not ported",
                strict=True,
            )
        )
    assert _steps(backend) == _steps(EmbeddedStore())
