"""The gazetteer as RDF: divisions as ``tkg:Province|City|County|Town``, regions as ``tkg:Region``.

Goes into the ``graph/gazetteer`` named graph; ``data/gazetteer/divisions.ttl`` is its export.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import GEO, RDF, RDFS, SKOS

from kg.namespaces import PREFIXES, TKG, Ids
from loaders.gazetteer import Division, Gazetteer, Region

CLASSES = {"province": TKG.Province, "city": TKG.City, "county": TKG.County, "town": TKG.Town}


def _labels(graph: Graph, node: URIRef, name_en: str, name_zh: str, aliases: tuple[str, ...]) -> None:
    graph.add((node, RDFS.label, Literal(name_en, lang="en")))
    graph.add((node, SKOS.prefLabel, Literal(name_en, lang="en")))
    if name_zh:
        graph.add((node, SKOS.prefLabel, Literal(name_zh, lang="zh")))
    for alias in aliases:
        if alias != name_en:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))


def add_division(graph: Graph, division: Division, ids: Ids) -> None:
    node = ids.place(division.code)
    graph.add((node, RDF.type, CLASSES[division.level]))
    _labels(graph, node, division.name_en, division.name_zh, division.aliases)
    if division.code.isdigit():  # towns without an official code carry a made-up key, not a GB code
        graph.add((node, TKG.gbCode, Literal(division.code)))
    if division.pinyin:
        graph.add((node, TKG.pinyin, Literal(division.pinyin)))
        graph.add((node, SKOS.altLabel, Literal(division.pinyin, lang="zh-Latn-pinyin")))
    if division.parent_code:
        graph.add((node, TKG.locatedIn, ids.place(division.parent_code)))
    if division.lat is not None and division.lon is not None:
        point = URIRef(f"{node}#point")
        graph.add((node, GEO.hasGeometry, point))
        graph.add((point, RDF.type, GEO.Geometry))
        wkt = f"POINT({division.lon:.6f} {division.lat:.6f})"
        graph.add((point, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))


def add_region(graph: Graph, region: Region, ids: Ids) -> None:
    node = ids.mint("region", region.slug)
    graph.add((node, RDF.type, TKG.Region))
    _labels(graph, node, region.name_en, region.name_zh, region.aliases)
    for code in region.spans:
        graph.add((node, TKG.spans, ids.place(code)))
    if region.located_in:
        graph.add((node, TKG.locatedIn, ids.place(region.located_in)))


def gazetteer_graph(gaz: Gazetteer, ids: Ids) -> Graph:
    """Every division and region of ``gaz`` as RDF under the IRIs of ``ids``."""
    graph = Graph()
    for prefix in ("tkg", "rdfs", "skos", "geo"):
        graph.bind(prefix, PREFIXES[prefix])
    graph.bind("place", f"{ids.base}place/")
    graph.bind("region", f"{ids.base}region/")
    for division in gaz.divisions():
        add_division(graph, division, ids)
    for region in gaz.regions():
        add_region(graph, region, ids)
    return graph
