"""A faster rebuild for the embedded store: the same update text, run on an in-memory copy.

On disk, every quad an update writes or deletes costs ~100-250 us on this kind of machine (a RocksDB
transaction), so the SPARQL rebuild of 10^6 source triples takes minutes where the same text in memory
takes seconds. This path copies the statements the rebuild reads into an in-memory store, rebuilds
there, and writes back only the difference: removed quads one by one, added quads with the bulk loader.

Memory is what bounds it (10^7 source triples): the copy leaves out the evidence the rebuild does not
read (selectors, quotes, offsets: about half of an article graph; ``oa:hasBody`` and ``tkg:confidence``
stay, the precedence reads them), and the difference is taken by ``sort`` and ``comm`` on files, not by
sets of Python strings; into an empty consolidated graph the result is bulk loaded as it is.

Sources with blank nodes fall back to the transactional rebuild (a dump and a load do not keep a
blank node's identity). Not atomic: readers may see the consolidated graph half written while it is
replaced. Use it for ``tkg rebuild-view`` and after ``tkg load``; writes of single graphs use the
transactional refresh.

``load_with_view`` is ``tkg load`` of one file into an empty store: the same rebuild from the file,
run while the bulk loader reads that file into the store.
"""

from __future__ import annotations

import mmap
import os
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from kg.store.embedded import EmbeddedStore

from rdflib.namespace import RDF

from kg.consolidation.maintain import join, rebuild_steps
from kg.consolidation.policy import EVIDENCE_PREDICATES, Policy
from kg.namespaces import OA, TKG, Ids
from kg.store.base import SourceFile
from kg.store.embedded.heap import give_back

Progress = Callable[[str], None]
# formats whose lines are statements, as _keep_what_the_rebuild_reads reads them
LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
CHUNK = 5_000  # triples per DELETE DATA
# The largest file whose view is built while it loads. Both peaks add up: at 10^6 quads (218 MB of
# N-Quads, one batch of pyoxigraph's bulk loader) the loader's ~0.9 GB and the copy's ~0.4 GB gave
# 1.31-1.38 GB. Above one batch (10^6 quads) the loader keeps more batches in memory: not measured, so
# larger files load first and build the view after, as before.
OVERLAP_BYTES = 256 * 2**20
# The consolidated graph written beside the loader goes in this many pieces, each loaded by whichever
# thread is free: the loader's thread takes some once its own file is in (docs/benchmarks.md)
PIECES = 6


@dataclass(frozen=True)
class RebuildStats:
    """What a rebuild wrote, and where its time went (seconds)."""

    added: int
    removed: int
    size: int
    timings: dict[str, float]


def rebuild_embedded(
    store: EmbeddedStore,
    ids: Ids,
    policy: Policy,
    *,
    holding: SourceFile | None = None,
    progress: Progress | None = None,
) -> RebuildStats:
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tkg-rebuild-") as tmp:
        results = _view_files(
            store.oxigraph, ids, policy, Path(tmp), timings, holding=holding, progress=progress
        )
        stats = _store_view(store, ids, policy, results, Path(tmp), timings)
    store.changed()
    return stats


def load_with_view(
    store: EmbeddedStore,
    ids: Ids,
    policy: Policy,
    source: SourceFile,
    load: Callable[[], None],
    *,
    progress: Progress | None = None,
) -> RebuildStats:
    """``load()`` (the bulk loader reading ``source`` into the empty store ``store``) in a second thread,
    while this one builds the consolidated graph from the same file in memory and bulk loads it beside.

    On this kind of machine pyoxigraph's bulk loader keeps one core busy (it parses in parallel only from
    four cores), and the in-memory rebuild needs the file, not the store: at 10^6 the two overlap. The
    consolidated graph is written in pieces that either thread loads (``_Pieces``), so both finish
    together: ``tkg load`` takes 1.20-1.43x the loader alone (2.3x before the overlap, 1.34-1.60x with
    one writer; docs/benchmarks.md). Both hold their data in memory at once, so the caller keeps this
    path to files of at most ``OVERLAP_BYTES``.

    RocksDB ingests the two loaders' files independently; their quads are in different graphs. A file
    that names an output graph (a dump of another store) loads first, and its old consolidated graph is
    then replaced as by :func:`rebuild_embedded`. If ``load()`` fails, the consolidated graph written
    beside it is dropped again, so the store is left as empty as it was (the bulk loader ingests its
    files only when it is done); its error is raised. An interrupt (Ctrl-C) waits for the loader and
    stays an interrupt; the store may then hold the sources without their view (``tkg rebuild-view``).
    """
    disk = store.oxigraph
    timings: dict[str, float] = {}
    failure: list[BaseException] = []
    pieces = _Pieces(disk)

    def run() -> None:
        t = time.perf_counter()
        try:
            load()
        except BaseException as exc:  # handed to the caller's thread below
            failure.append(exc)
            return
        finally:
            timings["bulk load (beside)"] = time.perf_counter() - t
        t = time.perf_counter()
        timings["pieces loaded by the loader's thread"] = pieces.help()
        timings["view pieces (loader's thread)"] = time.perf_counter() - t

    loader = threading.Thread(target=run, name="bulk-load", daemon=True)
    t_all = time.perf_counter()
    loader.start()
    wrote = False
    try:
        with tempfile.TemporaryDirectory(prefix="tkg-rebuild-") as tmp:
            try:
                results = _view_files(
                    disk, ids, policy, Path(tmp), timings, holding=source, progress=progress
                )
                t0 = time.perf_counter()
                if results is not None and not _names_any(source.path, _outputs(ids)):
                    wrote = True  # beside the loader: the output graphs are not in its file
                    added = sum(_count(path) for path in results.values())
                    pieces.offer(_split(results, Path(tmp), PIECES))
                    pieces.drain()
                    timings["write back"] = time.perf_counter() - t0
                    stats = RebuildStats(added, 0, added, timings)
            except BaseException:
                pieces.abort()  # the pieces not taken yet are not loaded: the error is raised below
                raise
            finally:
                # before the directory of the pieces goes: the loader's thread may be loading one
                t0 = time.perf_counter()
                _finish(loader, pieces)
                timings["wait for the loader"] = time.perf_counter() - t0
            if failure:
                raise failure[0]
            if pieces.errors:
                _drop_outputs(disk, ids, pieces.errors[0])
                raise pieces.errors[0]
            if not wrote:
                stats = _store_view(store, ids, policy, results, Path(tmp), timings)
    except BaseException as exc:
        _finish(loader, pieces)  # e.g. no temporary directory: the loader still runs
        interrupted = isinstance(exc, KeyboardInterrupt | SystemExit)
        if failure and failure[0] is not exc and not interrupted:
            raise failure[0] from exc  # the loader's error names the input's problem
        raise
    finally:
        if failure and wrote:  # the store was empty: without the sources, no consolidated graph either
            _drop_outputs(disk, ids, failure[0])
    timings["all"] = time.perf_counter() - t_all
    store.changed()
    return stats


class _Pieces:
    """The consolidated graph's files, bulk loaded by whichever thread takes one first: the caller's,
    and the loader's once its own file is in. The write back was the longer of the two threads' paths
    (10^6: the view's 507,000 quads took ~6 s to load while the loader still ran); shared, both cores
    finish together."""

    def __init__(self, disk: ox.Store) -> None:
        self._disk = disk
        self._queue: queue.SimpleQueue[tuple[Path, ox.NamedNode]] = queue.SimpleQueue()
        self._offered = threading.Event()
        self.errors: list[BaseException] = []

    def offer(self, pieces: list[tuple[Path, ox.NamedNode]]) -> None:
        for piece in pieces:
            self._queue.put(piece)
        self._offered.set()

    def close(self) -> None:
        """No more pieces will be offered: the loader's thread stops waiting (there may be none)."""
        self._offered.set()

    def abort(self) -> None:
        """The pieces not taken yet are dropped, not loaded (the caller failed or was interrupted)."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self.close()

    def help(self) -> int:
        """The loader's thread: wait for the pieces (or for ``close``), then load what is left."""
        self._offered.wait()
        return self.drain()

    def drain(self) -> int:
        """Load pieces until none is left or one failed; how many this thread loaded."""
        loaded = 0
        while not self.errors:
            try:
                path, graph = self._queue.get_nowait()
            except queue.Empty:
                return loaded
            try:
                self._disk.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            except BaseException as exc:  # raised by the caller's thread, after the join
                self.errors.append(exc)
            loaded += 1
        return loaded


def _finish(loader: threading.Thread, pieces: _Pieces) -> None:
    """Stop the loader's thread waiting for pieces and wait for it to end. An interrupt (Ctrl-C) waits
    too, then stays an interrupt: a bulk load left running would write into the store behind the
    caller's back."""
    pieces.close()
    interrupted: BaseException | None = None
    while loader.is_alive():
        try:
            loader.join()
        except KeyboardInterrupt as exc:
            pieces.abort()
            interrupted = exc
    if interrupted is not None:
        raise interrupted


def _split(results: dict[ox.NamedNode, Path], tmp: Path, pieces: int) -> list[tuple[Path, ox.NamedNode]]:
    """Each output graph's N-Triples file cut at line ends into at most ``pieces`` files of about equal
    size (a byte search for each cut, no parse): the larger pieces first."""
    out: list[tuple[Path, ox.NamedNode]] = []
    for number, (graph, path) in enumerate(results.items()):
        size = path.stat().st_size
        if size == 0:
            continue
        with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            start = 0
            for part in range(pieces):
                if start >= size:
                    break
                cut = (
                    size if part == pieces - 1 else data.find(b"\n", max(start, size * (part + 1) // pieces))
                )
                end = size if cut < 0 else cut + 1
                piece = tmp / f"piece-{number}-{part}.nt"
                piece.write_bytes(data[start:end])
                out.append((piece, graph))
                start = end
        path.unlink()
    return sorted(out, key=lambda item: -item[0].stat().st_size)


def _drop_outputs(disk: ox.Store, ids: Ids, error: BaseException) -> None:
    """Drop the consolidated graph written beside a failed load (the store holds no view then, which
    ``tkg rebuild-view`` makes); a failure to drop it is noted on ``error``, not raised in its place."""
    try:
        for graph in _outputs(ids):
            disk.remove_graph(graph)
    except OSError as exc:
        error.add_note(f"the consolidated graph written beside it could not be dropped: {exc}")


def _store_view(
    store: EmbeddedStore,
    ids: Ids,
    policy: Policy,
    results: dict[ox.NamedNode, Path] | None,
    tmp: Path,
    timings: dict[str, float],
) -> RebuildStats:
    """Make the output graphs on disk those of ``results`` (by difference), or, when the rebuild made
    blank nodes (``results`` None), run the update text on disk: the transactional way."""
    t0 = time.perf_counter()
    if results is None:
        store.update(join(rebuild_steps(ids, policy)))
        timings["rebuild on disk (blank nodes)"] = time.perf_counter() - t0
        return RebuildStats(-1, -1, -1, timings)
    added, removed, size = _write_back(store.oxigraph, results, tmp)
    timings["write back"] = time.perf_counter() - t0
    return RebuildStats(added, removed, size, timings)


def _outputs(ids: Ids) -> list[ox.NamedNode]:
    return [ox.NamedNode(str(g)) for g in (ids.current_graph, ids.conflicts_graph)]


def _view_files(
    disk: ox.Store,
    ids: Ids,
    policy: Policy,
    tmp: Path,
    timings: dict[str, float],
    *,
    holding: SourceFile | None,
    progress: Progress | None,
) -> dict[ox.NamedNode, Path] | None:
    """The rebuild in memory: its output graphs as N-Triples files in ``tmp``, or None when they hold
    blank nodes (which do not survive a dump and a load with their identity)."""
    outputs = _outputs(ids)
    skip = {ox.NamedNode(str(g)) for g in ids.derived_graphs}
    t0 = time.perf_counter()
    memory = ox.Store()
    # serialise and parse in Rust: iterating 10^6 quads as Python terms costs ~30 s; lines are cheap
    kept = tmp / "sources.nq"
    if holding is not None and holding.format in LINE_FORMATS:
        # the file the store was loaded from: reading it costs ~1 s per 10^6 lines, a dump ~11 s.
        # No graph is skipped: a line of the file's default graph ends with its object, which may
        # be the IRI of an output graph (the update drops the outputs' old content anyway)
        _keep_what_the_rebuild_reads(holding.path, kept, set())
        default: ox.NamedNode | None = ox.NamedNode(str(holding.default_graph))
    else:
        dump = tmp / "dataset.nq"
        disk.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        _keep_what_the_rebuild_reads(dump, kept, skip)
        dump.unlink()
        default = None
    # lenient: the lines were parsed once already (by the loader or by the dump)
    memory.bulk_load(path=str(kept), format=ox.RdfFormat.N_QUADS, to_graph=default, lenient=True)
    kept.unlink()
    timings["copy to memory"] = time.perf_counter() - t0
    if progress:
        progress("sources copied to memory")

    t0 = time.perf_counter()
    memory.update(join(rebuild_steps(ids, policy)))
    timings["rebuild in memory"] = time.perf_counter() - t0
    if progress:
        progress("rebuilt in memory")

    blank = "ASK {{ GRAPH {} {{ ?s ?p ?o }} FILTER(isBlank(?s) || isBlank(?o)) }}"
    if any(memory.query(blank.format(graph)) for graph in outputs):
        del memory
        give_back()
        return None
    results = {graph: tmp / f"result-{n}.nt" for n, graph in enumerate(outputs)}
    for graph, path in results.items():
        memory.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    # the copy's memory is free before the write back (rebuild_embedded: after the loader, whose peak
    # is over; load_with_view: beside it, so only this copy's peak adds to the loader's)
    del memory
    give_back()
    return results


def _write_back(disk: ox.Store, results: dict[ox.NamedNode, Path], tmp: Path) -> tuple[int, int, int]:
    """Make each output graph on disk hold its file's triples: (added, removed, new size)."""
    added = removed = size = 0
    for graph, path in results.items():
        fresh, gone, count = _difference(path, disk, graph, tmp)
        for chunk in _chunks(gone, CHUNK):
            disk.update(f"DELETE DATA {{ GRAPH {graph} {{ {chr(10).join(chunk)} }} }}")
            removed += len(chunk)
        if fresh.stat().st_size:
            disk.bulk_load(path=str(fresh), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        added, size = added + _count(fresh), size + count
    return added, removed, size


def _names_any(path: Path, graphs: list[ox.NamedNode]) -> bool:
    """Whether the file holds the IRI of one of ``graphs`` anywhere (a byte search, ~0.1 s per 200 MB)."""
    if path.stat().st_size == 0:
        return False
    needles = [str(graph).encode() for graph in graphs]
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return any(data.find(needle) >= 0 for needle in needles)


# Evidence the rebuild reads (kg.consolidation.resolve: an annotation's body and confidence rank the
# sources); every other evidence statement stays out of the in-memory copy.
_READ_EVIDENCE = frozenset({OA.hasBody, TKG.confidence})
_SKIPPED_PREDICATES = frozenset(f"<{p}>".encode() for p in EVIDENCE_PREDICATES - _READ_EVIDENCE)
_TYPE = f"<{RDF.type}>".encode()
_EVIDENCE_CLASS_PREFIX = f"<{OA._NS}".encode()


def _keep_what_the_rebuild_reads(dump: Path, kept: Path, skip: set[ox.NamedNode]) -> None:
    """Copy the N-Quads lines of ``dump`` to ``kept`` but evidence the rebuild does not read and the
    graphs in ``skip`` (its own outputs). A line's subject and predicate hold no space (IRIs, blank
    nodes), so the predicate is its second field; the graph ends the line. Lines spaced otherwise (files
    from other tools) are kept: they cost memory, not correctness."""
    endings = tuple(f" {graph} .".encode() for graph in skip)
    with dump.open("rb") as source, kept.open("wb") as out:
        for line in source:
            fields = line.split(b" ", 2)
            if len(fields) < 3:  # a blank or comment line (or another spacing): kept as it is
                out.write(line)
                continue
            _, predicate, rest = fields
            if predicate in _SKIPPED_PREDICATES:
                continue
            if predicate == _TYPE and rest.startswith(_EVIDENCE_CLASS_PREFIX):
                continue
            if line.rstrip().endswith(endings):
                continue
            out.write(line)


def _difference(new: Path, disk: ox.Store, graph: ox.NamedNode, tmp: Path) -> tuple[Path, Iterator[str], int]:
    """(a file of the N-Triples lines to add, the lines to remove, the new size) for ``graph``: the
    two dumps sorted by ``sort`` (bytes order, bounded memory) and compared by ``comm``; one serialiser
    writes both, so equal terms are equal lines."""
    old, fresh = tmp / "old.nt", tmp / "fresh.nt"
    disk.dump(str(old), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    if old.stat().st_size == 0:  # the usual case after tkg load: everything is new
        new.rename(fresh)
        return fresh, iter(()), _count(fresh)
    env = {**os.environ, "LC_ALL": "C"}
    for path in (new, old):
        subprocess.run(
            ["sort", "-u", "-S", "256M", "-T", str(tmp), "-o", str(path), str(path)], check=True, env=env
        )
    with fresh.open("wb") as out:
        subprocess.run(["comm", "-13", str(old), str(new)], stdout=out, check=True, env=env)
    gone = tmp / "gone.nt"
    with gone.open("wb") as out:
        subprocess.run(["comm", "-23", str(old), str(new)], stdout=out, check=True, env=env)
    return fresh, _read_lines(gone), _count(new)


def _read_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield line.rstrip("\n")


def _chunks(lines: Iterator[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())
