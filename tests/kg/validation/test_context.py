"""kg.validation.context: the store context of new data, fetched from an in-memory store."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import INDUSTRY, TKG, Ids
from kg.store import EmbeddedStore
from kg.validation.context import fetch_context
from tests.paths import SHAPES_DATA

DATA = SHAPES_DATA
IDS = Ids()
QINGHE, XINGTAI, HEBEI = IDS.place("130534"), IDS.place("130500"), IDS.place("130000")


def store() -> EmbeddedStore:
    s = EmbeddedStore()
    s.replace_graph(IDS.gazetteer_graph, Graph().parse(DATA / "context.ttl"))
    park = Graph()
    park_iri = IDS.mint("park", "qinghe-cashmere-park")
    park.add((park_iri, RDF.type, TKG.IndustrialPark))
    park.add((park_iri, RDFS.label, Literal("Qinghe Cashmere Park", lang="en")))
    park.add((park_iri, TKG.locatedIn, QINGHE))
    park.add((park_iri, TKG.sourceArticle, IDS.article("a1")))
    s.replace_graph(IDS.article_graph("a1"), park)
    return s


def test_context_holds_the_whole_located_in_chain() -> None:
    context = fetch_context(store(), {QINGHE})
    assert (QINGHE, TKG.locatedIn, XINGTAI) in context
    assert (XINGTAI, TKG.locatedIn, HEBEI) in context
    assert (HEBEI, RDF.type, TKG.Province) in context
    assert (HEBEI, TKG.gbCode, Literal("130000")) in context


def test_context_holds_the_scheme_of_a_concept() -> None:
    context = fetch_context(store(), {INDUSTRY["cashmere"]})
    assert (INDUSTRY["cashmere"], SKOS.inScheme, TKG.IndustryScheme) in context
    assert (INDUSTRY["cashmere"], RDF.type, SKOS.Concept) in context


def test_context_holds_the_parks_of_a_place_but_not_their_sources() -> None:
    context = fetch_context(store(), {QINGHE})
    park = IDS.mint("park", "qinghe-cashmere-park")
    assert (park, RDFS.label, Literal("Qinghe Cashmere Park", lang="en")) in context
    assert (park, TKG.sourceArticle, None) not in context


def test_unknown_and_hostile_iris_give_an_empty_context() -> None:
    hostile = URIRef(str(QINGHE) + "%3E%20%7D%20DROP%20ALL")  # a valid IRI: terms are bound, not formatted
    assert len(fetch_context(store(), {IDS.place("999999"), hostile})) == 0


def test_context_of_no_iris_is_empty() -> None:
    assert len(fetch_context(store(), set())) == 0


def test_context_does_not_grow_with_unrelated_data() -> None:
    small = fetch_context(store(), {QINGHE})
    big = store()
    unrelated = Graph()
    for i in range(2000):
        unrelated.add((IDS.place(f"9{i:05d}"), RDF.type, TKG.County))
        unrelated.add((IDS.place(f"9{i:05d}"), TKG.locatedIn, IDS.place("990000")))
    big.replace_graph(IDS.graph("other"), unrelated)
    assert len(fetch_context(big, {QINGHE})) == len(small)


def test_context_leaves_out_kept_versions_and_drafts() -> None:
    """Version and draft graphs (graph/curation/...) are history and proposals, not sources: a park kept
    only in an old version is no neighbour, and a graph's growing history does not grow the context
    (it did: 100 merges into one curated graph made the park query ~cubic in the number of versions)."""
    s = store()
    gone = Graph()
    gone_iri = IDS.mint("park", "gone-park")
    gone.add((gone_iri, RDF.type, TKG.IndustrialPark))
    gone.add((gone_iri, RDFS.label, Literal("Gone Park", lang="en")))
    gone.add((gone_iri, TKG.locatedIn, QINGHE))
    for number in range(1, 6):
        s.replace_graph(IDS.graph(f"curation/version/curated/parks/{number}"), gone)
    s.replace_graph(IDS.graph("curation/draft/d1"), gone)
    assert (gone_iri, None, None) not in fetch_context(s, {QINGHE})
    assert len(fetch_context(s, {QINGHE})) == len(fetch_context(store(), {QINGHE}))


def test_context_describes_a_park_from_any_sources_once_and_leaves_out_what_is_no_park() -> None:
    """A park's type, place and label may come from different articles, and each may be restated by many:
    the context has the park, once; an enterprise of the same place is no neighbour of the park check."""
    s = store()
    park, firm = IDS.mint("park", "spread-park"), IDS.mint("enterprise", "qinghe-firm")
    facts = [
        (park, RDF.type, TKG.IndustrialPark),
        (park, TKG.locatedIn, QINGHE),
        (park, RDFS.label, Literal("Spread Park", lang="en")),
    ]
    for n in range(12):  # each article states one of the three facts, four times over
        s.replace_graph(IDS.article_graph(f"spread-{n}"), Graph().add(facts[n % 3]))
    s.replace_graph(
        IDS.article_graph("firm"),
        Graph()
        .add((firm, RDF.type, TKG.Enterprise))
        .add((firm, TKG.locatedIn, QINGHE))
        .add((firm, RDFS.label, Literal("Qinghe Firm", lang="en"))),
    )
    context = fetch_context(s, {QINGHE})
    assert set(context.triples((park, None, None))) == set(facts)
    assert (firm, None, None) not in context


def test_an_iri_that_is_not_one_is_refused_by_name() -> None:
    """The IRIs go into the queries' text as a VALUES block: one that serialize_term lets through but
    pyoxigraph does not parse (a bad %-escape) is named, not reported as a syntax error of the query."""
    from kg.errors import InputError
    from kg.store import EmbeddedStore
    from kg.validation.context import fetch_context

    with pytest.raises(InputError, match=r"http://example\.org/%zz"):
        fetch_context(EmbeddedStore(), {URIRef("http://example.org/ok"), URIRef("http://example.org/%zz")})
