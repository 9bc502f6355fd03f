"""The embedded store: Oxigraph (pyoxigraph) on disk, or in memory for tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Self

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.consolidation.view import Consolidation, around_write
from kg.errors import InputError, QueryTimeout, StoreError
from kg.namespaces import Ids
from kg.rdf.terms import serialize_term, to_oxigraph, to_rdflib
from kg.store import updates
from kg.store.base import Bindings, SelectResult, SourceFile, default_dataset
from kg.store.cache import AnswerKey, GenerationCache, answer_key
from kg.store.embedded.heap import give_back
from kg.store.embedded.rebuild import LINE_FORMATS, OVERLAP_BYTES, load_with_view, rebuild_embedded
from kg.store.embedded.workers import QueryWorkers
from kg.store.labels import LabelIndex
from kg.store.metadata import delete_data, has_blank_nodes, own_description
from kg.store.protocol import RawQuery, RawResult, run_in_thread

MAX_ANSWERS = 4096  # SELECT answers kept until the next write
MAX_ANSWER_ROWS = 20_000  # bigger answers are not kept


def _substitutions(
    bindings: Bindings | None,
) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
    return {ox.Variable(name): to_oxigraph(term) for name, term in (bindings or {}).items()}


class EmbeddedStore:
    """A :class:`kg.store.base.Store` on pyoxigraph. ``path=None`` keeps everything in memory."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        ids: Ids | None = None,
        consolidation: Consolidation | None = None,
        query_memory_bytes: int = 0,
    ) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            hint = " (another tkg process has it open?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open the store at {path}: {exc}{hint}") from exc
        self.path = path
        self.read_only = read_only
        self.query_memory_bytes = query_memory_bytes  # heap limit of each query worker; 0: none
        # with a Consolidation, every write of a source graph refreshes graph/current in the same request
        self.consolidation = consolidation
        self.dataset = default_dataset(ids or (consolidation.ids if consolidation else Ids()))
        self._default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
            ox.NamedNode(g) for g in self.dataset
        ]
        self._workers: QueryWorkers | None = None
        self._threads: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._answers: GenerationCache[AnswerKey, SelectResult] = GenerationCache(
            MAX_ANSWERS, fits=lambda answer: len(answer) <= MAX_ANSWER_ROWS
        )
        self._labels = LabelIndex(self._store)

    @property
    def generation(self) -> int:
        """A number that changes on every write through this object (cached answers are per generation)."""
        return self._answers.generation

    @property
    def labels(self) -> LabelIndex:
        """The label index that answers ``queries/search.rq`` in memory (kg.store.labels)."""
        return self._labels

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for backend-specific fast paths (bulk load, raw results)."""
        return self._store

    def _query(self, query: str, bindings: Bindings | None) -> object:
        try:
            # The default graph is graph/current merged with graph/ontology (kg.store.base.default_dataset);
            # every named graph stays reachable through GRAPH.
            return self._store.query(
                query, substitutions=_substitutions(bindings), default_graph=self._default_graph
            )
        except SyntaxError as exc:
            raise InputError(f"invalid SPARQL: {exc}") from exc
        except RuntimeError as exc:  # e.g. a substituted variable that the query does not project
            raise InputError(f"cannot run the query: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"the store failed: {exc}") from exc

    def select(
        self, query: str, bindings: Bindings | None = None, *, timeout: float | None = None
    ) -> SelectResult:
        """Answers are cached until the next write (see kg.store.cache). With ``timeout``, the query
        runs where it can be stopped (:meth:`select_within`)."""
        key, generation = answer_key(query, bindings), self._answers.generation
        cached = self._answers.get(key, generation)
        if cached is not None:
            return cached
        if timeout is not None:
            answer = self.select_within(query, bindings, timeout)
        else:
            answer = self._select_here(query, bindings)
        self._answers.put(key, answer, generation)
        return answer

    def _select_here(self, query: str, bindings: Bindings | None) -> SelectResult:
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise InputError("expected a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        rows = tuple(tuple(to_rdflib(s[i]) for i in range(len(variables))) for s in solutions)
        return SelectResult(variables, rows)

    def select_within(self, query: str, bindings: Bindings | None, timeout: float) -> SelectResult:
        """A SELECT stopped at ``timeout`` seconds. On disk it runs in a query worker process, killed and
        replaced at the deadline (a run-away query costs its CPU only until then), its answer crossing as
        SPARQL JSON results written and read by pyoxigraph. In memory (tests) it runs here and a late
        answer is refused afterwards (pyoxigraph's answers cannot leave their thread)."""
        self.start_workers()
        if self._workers is None:
            started = time.monotonic()
            answer = self._select_here(query, bindings)
            if time.monotonic() - started > timeout:
                raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s")
            return answer
        raw = RawQuery(
            query,
            "application/sparql-results+json",
            None,
            default_graph=tuple(str(g) for g in self.dataset),
            max_rows=2**62,
            substitutions=tuple((name, serialize_term(term)) for name, term in (bindings or {}).items()),
        )
        body = self._workers.run(raw, timeout=timeout).body
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if not isinstance(solutions, ox.QuerySolutions):
            raise InputError("expected a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        rows = tuple(tuple(to_rdflib(s[i]) for i in range(len(variables))) for s in solutions)
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise InputError("expected an ASK query")
        return bool(answer)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        triples = self._query(query, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise InputError("expected a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in triples:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))  # type: ignore[arg-type]
        return graph

    def query_raw(self, raw: RawQuery, *, timeout: float) -> RawResult:
        """Run a SPARQL protocol query and serialise its answer with pyoxigraph (see kg.store.protocol).

        On disk, the query runs in a killable worker process (kg.store.embedded.workers); in memory, on a
        thread that cannot be interrupted before its first row (in-memory stores are for tests).
        """
        self.start_workers()
        with self._lock:
            if self.path is None and self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")
        if self._workers is not None:
            return self._workers.run(raw, timeout=timeout)
        assert self._threads is not None
        return run_in_thread(self._store, raw, timeout=timeout, pool=self._threads)

    def start_workers(self) -> None:
        """Start the query worker processes of an on-disk store now, not at the first protocol query."""
        with self._lock:
            if self.path is not None and self._workers is None:
                self._workers = QueryWorkers(self.path, memory_bytes=self.query_memory_bytes)

    def start(self) -> None:
        """An on-disk store starts its query workers and builds its label index in the background, so
        that neither waits for the first request that needs it (see docs/benchmarks.md for the cost)."""
        if self.path is not None:
            self.start_workers()
            threading.Thread(target=self._labels.view, name="label-index", daemon=True).start()

    def bulk_replace(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Drop the graphs, then add them with pyoxigraph's bulk loader (not transactional, but fast)."""
        for name in graphs:
            self._store.remove_graph(ox.NamedNode(str(name)))
        quads = (
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(str(name)))  # type: ignore[arg-type]
            for name, data in graphs.items()
            for s, p, o in data
        )
        self._store.bulk_extend(quads)
        self._store.flush()
        self.changed()
        if self.consolidation is not None and any(self.consolidation.around(g).before for g in graphs):
            self.rebuild_consolidated()

    def load_file(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> dict[URIRef, int]:
        """pyoxigraph's bulk loader straight from the file (parsed in Rust, never held in Python). On a
        store that holds anything, a first streaming pass finds the file's graphs, which are removed
        first so that loading twice leaves one copy. Not transactional, like the bulk loader."""
        names: set[str] | None = None
        if self.ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
            default = ox.NamedNode(str(default_graph))
            found = {q.graph_name for q in ox.parse(path=str(path), format=fmt)}
            graphs = {default if isinstance(g, ox.DefaultGraph) else g for g in found}
            names = {g.value for g in graphs if isinstance(g, ox.NamedNode)}
            for name in graphs:
                self._store.remove_graph(name)
        self._bulk_load(path, fmt, default_graph)
        self._store.flush()
        self.changed()
        sizes = self.graph_sizes()
        return sizes if names is None else {g: n for g, n in sizes.items() if str(g) in names}

    def load_first(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> dict[URIRef, int]:
        """Into an empty on-disk store, a line-format file of at most ``OVERLAP_BYTES`` loads while its
        consolidated graph is built from it in memory (``rebuild.load_with_view``); otherwise
        :meth:`load_file`, then :meth:`rebuild_consolidated` (from the file when it is all the store
        holds). The counts are of the file's graphs; a dump's old consolidated graph is not counted."""
        source = SourceFile(path, fmt, default_graph)
        empty = not self.ask("ASK { GRAPH ?g { ?s ?p ?o } }")
        readable = path.is_file()  # a pipe cannot be read twice
        if (
            self.consolidation is None
            or self.path is None
            or fmt not in LINE_FORMATS
            or not readable
            or path.stat().st_size > OVERLAP_BYTES
            or not empty
        ):
            loaded = self.load_file(path, fmt, default_graph)
            # the view from the file alone only when the file is all the store holds
            self.rebuild_consolidated(source if empty and readable else None)
            return loaded
        derived = self.consolidation.ids.derived_graphs
        sizes: dict[URIRef, int] = {}

        def load() -> None:
            self._bulk_load(path, fmt, default_graph)
            # counted while the view may still be written (its graphs are left out): ~1 s at 10^6
            sizes.update((g, n) for g, n in self.graph_sizes().items() if g not in derived)

        with self._write_lock:
            try:
                load_with_view(self, self.consolidation.ids, self.consolidation.policy, source, load)
            finally:
                self._store.flush()
                self.changed()
        return sizes

    def _bulk_load(self, path: Path, fmt: ox.RdfFormat, default_graph: URIRef) -> None:
        try:
            self._store.bulk_load(path=str(path), format=fmt, to_graph=ox.NamedNode(str(default_graph)))
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{path.name}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"could not load {path.name}: {exc}") from exc
        finally:
            give_back()  # the loader's buffers: else they stay resident beside the view's rebuild

    def changed(self) -> None:
        """Tell the answer cache and the query workers the store was written (call after writing
        through ``oxigraph``)."""
        self._labels.invalidate()
        self._written()

    def graphs_written(self, graphs: Iterable[URIRef]) -> None:
        """Tell the label index that ``update`` text replaced or dropped ``graphs`` (kg.curation writes
        several graphs in one update request)."""
        self._labels.refresh(ox.NamedNode(str(g)) for g in graphs)
        self._written()

    def _written(self) -> None:
        self._answers.advance()
        if self._workers is not None:
            self._workers.changed()

    def replace_graph(
        self,
        graph: URIRef,
        data: Graph,
        *,
        metadata: Graph | None = None,
        metadata_graph: URIRef | None = None,
    ) -> int:
        # All steps run as one update request, i.e. one transaction: readers see the old graph or the
        # new one, never a half-written one. The data is N-Triples made by rdflib's serializer (every
        # term escaped), not text from a user.
        name = to_oxigraph(graph)
        assert isinstance(name, ox.NamedNode)
        with self._write_lock:  # the old description is read, then replaced, by one writer at a time
            steps = [updates.drop_graph(str(name))]
            if metadata is not None and metadata_graph is not None:
                steps += self._description_steps(name, ox.NamedNode(str(metadata_graph)), metadata)
            steps.append(updates.insert(str(name), data.serialize(format="nt")))
            around = around_write(self.consolidation, graph)
            steps = [*around.before, *steps, *around.after]
            try:
                self._store.update(" ;\n".join(steps))
            except (SyntaxError, OSError) as exc:
                raise StoreError(f"could not replace graph <{graph}>: {exc}") from exc
        touched = [graph] if metadata is None or metadata_graph is None else [graph, metadata_graph]
        self._labels.refresh(ox.NamedNode(str(g)) for g in touched)
        self._written()
        return len(data)

    def _description_steps(self, name: ox.NamedNode, meta: ox.NamedNode, metadata: Graph) -> list[str]:
        """Replace the graph's own description: the graph IRI and its fragments (<g#load>), not another
        graph whose IRI merely starts the same (graph/article/a vs graph/article/ab)."""
        quads = own_description(self._store, name, meta)
        steps = [delete_data(quads)] if quads and not has_blank_nodes(quads) else []
        if quads and not steps:  # blank nodes cannot be named in DELETE DATA: match by IRI instead
            steps.append(updates.delete_description(str(name), str(meta), str(ox.Literal(name.value + "#"))))
        return [*steps, updates.insert(str(meta), metadata.serialize(format="nt"))]

    def drop_graph(self, graph: URIRef) -> bool:
        name = ox.NamedNode(str(graph))
        if not self._store.contains_named_graph(name):
            return False
        around = around_write(self.consolidation, graph)
        before, after = list(around.before), list(around.after)
        if before:
            with self._write_lock:  # the drop and the refresh of what it stated: one transaction
                self.update(" ;\n".join([*before, updates.drop_graph(str(name)), *after]))
        else:
            self._store.remove_graph(name)
        self._labels.refresh([name])
        self._written()
        return True

    def get_graph(self, graph: URIRef) -> Graph:
        result = Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
            result.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))  # type: ignore[arg-type]
        return result

    def graph_sizes(self) -> dict[URIRef, int]:
        answer = self.select(updates.GRAPH_SIZES)
        return {URIRef(str(r["g"])): int(r["n"]) for r in answer}

    def update(self, text: str) -> None:
        try:
            self._store.update(text)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"the update failed: {exc}") from exc
        self._written()

    def rebuild_consolidated(
        self, holding: SourceFile | None = None, progress: Callable[[str], None] | None = None
    ) -> None:
        """From scratch, on an in-memory copy with only the difference written back (``rebuild.py``): for
        ``tkg build``, ``tkg load`` and ``tkg rebuild-view``, not for single writes. ``holding``: the
        store holds just that file, whose lines make the copy (N-Quads) instead of a dump of the store."""
        if self.consolidation is None:
            return
        with self._write_lock:
            if self.path is None:
                self.update(self.consolidation.rebuild_text())
            else:
                rebuild_embedded(
                    self,
                    self.consolidation.ids,
                    self.consolidation.policy,
                    holding=holding,
                    progress=progress,
                )
        self.changed()

    def writing(self) -> AbstractContextManager[object]:
        """The store's write lock (re-entrant): see :meth:`kg.store.base.Store.writing`."""
        return self._write_lock

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
        if self.path is not None and not self.read_only:
            self._store.flush()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
