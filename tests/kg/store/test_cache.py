"""The answer cache of the embedded store: repeated SELECTs are served from it until the next write."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.store import EmbeddedStore
from kg.store.cache import GenerationCache, answer_key

QUERY = "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
G = URIRef("http://example.org/graph/a")
S = URIRef("http://example.org/s")


def _graph(label: str) -> Graph:
    graph = Graph()
    graph.add((S, RDFS.label, Literal(label)))
    return graph


def test_a_write_replaces_the_cached_answer() -> None:
    store = EmbeddedStore()
    store.replace_graph(G, _graph("one"))
    assert [str(r["o"]) for r in store.select(QUERY)] == ["one"]
    before = store.generation
    store.replace_graph(G, _graph("two"))
    assert store.generation != before
    assert [str(r["o"]) for r in store.select(QUERY)] == ["two"]
    store.drop_graph(G)
    assert len(store.select(QUERY)) == 0


def test_bindings_are_part_of_the_key() -> None:
    assert answer_key(QUERY, {"s": S}) != answer_key(QUERY, {"s": Literal(str(S))})
    assert answer_key(QUERY, {"o": Literal("1", lang="en")}) != answer_key(QUERY, {"o": Literal("1")})


def test_an_answer_from_before_a_write_is_not_kept() -> None:
    store = EmbeddedStore()
    answer = store.select(QUERY)
    cache: GenerationCache[object, object] = GenerationCache(max_entries=2)
    generation = cache.generation
    cache.advance()
    cache.put(answer_key(QUERY, None), answer, generation)
    assert cache.get(answer_key(QUERY, None), cache.generation) is None
    for i in range(3):
        cache.put(answer_key(f"{QUERY} LIMIT {i + 1}", None), answer, cache.generation)
    assert cache.get(answer_key(f"{QUERY} LIMIT 1", None), cache.generation) is None
    assert len(cache) == 2


def test_a_newer_generation_from_outside_empties_the_cache() -> None:
    cache: GenerationCache[str, bytes] = GenerationCache(max_entries=8, fits=lambda body: len(body) < 4)
    cache.put("a", b"one", 3)
    assert cache.get("a", 3) == b"one"
    cache.put("big", b"too big", 3)
    assert cache.get("big", 3) is None
    assert cache.get("a", 4) is None and len(cache) == 0
    cache.put("a", b"old", 3)  # computed before the write the cache has seen
    assert cache.get("a", 4) is None
