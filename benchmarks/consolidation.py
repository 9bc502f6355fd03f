"""The consolidated graph's maintenance on an on-disk store (kg.consolidation).

    python -m benchmarks.consolidation load FILE.nq STORE      # pyoxigraph bulk_load into a new store
    python -m benchmarks.consolidation rebuild STORE [--sparql] # from scratch: embedded fast path
                                                               # (default) or the plain update text
    python -m benchmarks.consolidation refresh STORE [--runs N] # one article rewritten with its refresh

``refresh`` writes (it replaces article graphs with themselves and with one figure value changed):
use a copy of a store. It prints the median and max of N runs of: the source write alone (DROP +
INSERT DATA, one request) and the same write with the refresh in the same request.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef

from kg.consolidation import load_policy, rebuild, source_write_steps
from kg.consolidation.embedded import rebuild_embedded
from kg.consolidation.maintain import join
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.store import EmbeddedStore


def load(data: Path, store_dir: Path) -> None:
    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    print(f"bulk_load {data.name}: {time.perf_counter() - t0:.1f} s")


def rebuild_store(store_dir: Path, *, sparql: bool) -> None:
    ids, policy = Ids(), load_policy(PROJECT_ROOT / "ontology")
    store = EmbeddedStore(store_dir)
    t0 = time.perf_counter()
    if sparql:
        rebuild(store, ids, policy)
        print(f"rebuild (update text on disk): {time.perf_counter() - t0:.1f} s")
    else:
        stats = rebuild_embedded(store, ids, policy)
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in stats.timings.items())
        print(
            f"rebuild (embedded): {time.perf_counter() - t0:.1f} s ({steps}); {stats.size} quads, "
            f"+{stats.added} -{stats.removed}"
        )
    store.close()


def _article(store: EmbeddedStore, graph: URIRef) -> Graph:
    return store.get_graph(graph)


def refresh_store(store_dir: Path, runs: int) -> None:
    ids, policy = Ids(), load_policy(PROJECT_ROOT / "ontology")
    store = EmbeddedStore(store_dir)
    disk = store.oxigraph
    prefix = str(ids.graph("article/"))
    graphs = sorted(
        g.value for g in disk.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)
    )
    plain, refreshed = [], []
    for i in range(runs):
        graph = URIRef(graphs[(i * 7919) % len(graphs)])
        data = _article(store, graph)
        figure = min((s for s in data.subjects(TKG.figureOf, None) if isinstance(s, URIRef)), default=None)
        if figure is not None and i % 2:  # every other run changes a value: a conflict to record
            data.set((figure, TKG.value, Literal(str(1000 + i), datatype=XSD.decimal)))
        write = [
            f"DROP SILENT GRAPH <{graph}>",
            f"INSERT DATA {{ GRAPH <{graph}> {{ {data.serialize(format='nt')} }} }}",
        ]
        t0 = time.perf_counter()
        disk.update(join(write))
        plain.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        disk.update(join(source_write_steps(ids, policy, graph, data)))
        refreshed.append(time.perf_counter() - t0)
    for name, times in (("write alone", plain), ("write + refresh", refreshed)):
        print(
            f"{name}: median {statistics.median(times) * 1000:.1f} ms,"
            f" max {max(times) * 1000:.1f} ms ({runs} runs)"
        )
    store.close()


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "load":
        load(Path(rest[0]), Path(rest[1]))
    elif command == "rebuild":
        rebuild_store(Path(rest[0]), sparql="--sparql" in rest)
    elif command == "refresh":
        runs = int(rest[rest.index("--runs") + 1]) if "--runs" in rest else 10
        refresh_store(Path(rest[0]), runs)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
