"""Where the test data lives: the repository, the fixtures, and the shared development data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"  # tiny fixtures made for the tests
FIXTURE = DATA / "fixture.trig"  # the graph the API and backend tests serve
SHAPES_DATA = DATA / "shapes"  # the shapes manifest and its valid/invalid examples
CORPUS = REPO / "data" / "articles"  # the project's corpus (the five seed articles)
GAZETTEER = REPO / "data" / "gazetteer"
ONTOLOGY = REPO / "ontology"
SHARED = REPO.parent / "shared"  # the development data beside the clone (not in the repository)


def consolidate(store: object) -> None:
    """Build graph/current and graph/conflicts of a store loaded behind the engine's back (a fixture
    file loaded with pyoxigraph or load_files): the default graph of every query reads them."""
    from kg.consolidation import load_policy, rebuild
    from kg.namespaces import Ids

    rebuild(store, Ids(), load_policy(ONTOLOGY))


def synthetic_store(triples: int, seed: int) -> EmbeddedStore:
    """An in-memory store holding a `tkg synth` graph of about ``triples`` triples, consolidated."""
    import io

    import pyoxigraph as ox

    from kg.namespaces import Ids
    from kg.store import EmbeddedStore
    from kg.synth.generate import synthesize

    out = io.StringIO()
    synthesize(out, triples=triples, seed=seed, data_dir=REPO / "data", ontology_dir=ONTOLOGY, ids=Ids())
    store = EmbeddedStore()
    store.oxigraph.bulk_load(out.getvalue().encode(), format=ox.RdfFormat.N_QUADS)
    consolidate(store)
    return store
