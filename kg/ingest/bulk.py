"""``tkg load FILE...``: RDF files into the configured store, one named graph at a time.

N-Quads and TriG keep their named graphs; a Turtle, N-Triples, JSON-LD or RDF/XML file (or the default
graph of a dataset file) goes to the graph given by ``graph``, else to ``graph/<file stem>``. Every
graph in the input replaces the stored graph of the same name (loading twice leaves one copy), by the
store's ``bulk_replace``: pyoxigraph's bulk loader for the embedded store, chunked updates for a remote one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError
from kg.namespaces import Ids
from kg.rdf.io import format_for_path, parse_dataset
from kg.store.base import Store

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
    return named_graphs(dataset, graph or ids.graph(path.stem))


def named_graphs(dataset: Dataset, default: URIRef) -> dict[URIRef, Graph]:
    """The graphs of ``dataset`` by name, its default graph named ``default``."""
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
    """Load every file; each named graph in them replaces the stored graph of that name. The store's own
    streaming loader where it has one (the embedded store), then one rebuild of the consolidated graph."""
    results = []
    paths = list(paths)
    for path in paths:
        target = graph or ids.graph(path.stem)
        if target in ids.derived_graphs:  # e.g. a file named current.nt
            raise InputError(
                f"{path.name}: its triples would go to the consolidated graph {target}, which the store "
                "derives from the sources; name another graph with --graph"
            )
    if len(paths) == 1 and not store.ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
        # one file into an empty store: it is all the sources, and its view can be built from it
        path, default = paths[0], graph or ids.graph(paths[0].stem)
        sizes = store.load_first(path, format_for_path(path), default)
        if sizes is not None:
            _report(on_graph, sizes)
            return [Loaded(path, sizes)]
    streamed = False
    for path in paths:
        default = graph or ids.graph(path.stem)
        sizes = store.load_file(path, format_for_path(path), default)
        if sizes is not None:
            streamed = True
            counts = sizes
        else:
            graphs = graphs_in(path, ids, graph)
            store.bulk_replace(graphs)
            counts = {name: len(data) for name, data in graphs.items()}
        _report(on_graph, counts)
        results.append(Loaded(path, counts))
    if streamed:
        store.rebuild_consolidated()
    return results


def _report(on_graph: Progress | None, counts: dict[URIRef, int]) -> None:
    if on_graph:
        for name, count in counts.items():
            on_graph(name, count)
