"""``tkg load FILE...``: RDF files into the configured store, one named graph at a time.

N-Quads and TriG keep their named graphs; a Turtle, N-Triples, JSON-LD or RDF/XML file (or the default
graph of a dataset file) goes to the graph given by ``graph``, else to ``graph/<file stem>``. Every
graph in the input replaces the stored graph of the same name (loading twice leaves one copy). The
embedded store uses pyoxigraph's bulk loader; a remote store gets chunked updates (RemoteStore).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError
from kg.namespaces import Ids
from kg.rdf.io import format_for_path, parse_dataset
from kg.rdf.terms import to_oxigraph
from kg.store.base import Store
from kg.store.embedded import EmbeddedStore

Progress = Callable[[URIRef, int], None]  # called after each graph with its triple count


@dataclass(frozen=True)
class Loaded:
    """What one file put into the store: triples per named graph."""

    path: Path
    graphs: dict[URIRef, int]

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def graphs_in(path: Path, ids: Ids, graph: URIRef | None = None) -> dict[URIRef, Graph]:
    """The named graphs of one RDF file (its default graph named by ``graph`` or the file stem)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    dataset = parse_dataset(data, format_for_path(path), name=path.name)
    default = graph or ids.graph(path.stem)
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in dataset.quads():
        name = default if g is None or g == DATASET_DEFAULT_GRAPH_ID else URIRef(str(g))
        graphs.setdefault(name, Graph()).add((s, p, o))
    return graphs


def load_files(
    store: Store,
    paths: Iterable[Path],
    ids: Ids,
    *,
    graph: URIRef | None = None,
    on_graph: Progress | None = None,
) -> list[Loaded]:
    """Load every file; each named graph in them replaces the stored graph of that name."""
    results = []
    for path in paths:
        graphs = graphs_in(path, ids, graph)
        if isinstance(store, EmbeddedStore):
            _bulk_load(store, graphs)
            if on_graph:
                for name, data in graphs.items():
                    on_graph(name, len(data))
        else:
            for name, data in graphs.items():
                store.replace_graph(name, data)
                if on_graph:
                    on_graph(name, len(data))
        results.append(Loaded(path, {name: len(data) for name, data in graphs.items()}))
    return results


def _bulk_load(store: EmbeddedStore, graphs: dict[URIRef, Graph]) -> None:
    """Drop the graphs, then add them with pyoxigraph's bulk loader (not transactional, but fast)."""
    for name in graphs:
        store.oxigraph.remove_graph(ox.NamedNode(str(name)))
    quads = (
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(str(name)))  # type: ignore[arg-type]
        for name, data in graphs.items()
        for s, p, o in data
    )
    store.oxigraph.bulk_extend(quads)
    store.oxigraph.flush()
    store.changed()
