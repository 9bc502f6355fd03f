"""A Mermaid class diagram drawn from the ontology graph, and the block of ``docs/ontology.md`` that shows it.

Regenerate with ``tkg docs`` (or :func:`main`); a test fails when the block in the doc is stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.namespaces import PREFIXES, TKG
from kg.rdf.ontology import load_ontology
from kg.settings import PROJECT_ROOT

START = "<!-- diagram:start -->"
END = "<!-- diagram:end -->"
DOC_PATH = PROJECT_ROOT / "docs" / "ontology.md"
_OURS = str(TKG._NS)


def node_id(iri: URIRef) -> str:
    """A Mermaid-safe class name: our terms by local name, others as ``prefix_local``."""
    if iri.startswith(_OURS):
        return iri[len(_OURS) :]
    for prefix, namespace in sorted(PREFIXES.items()):
        if iri.startswith(namespace):
            return f"{prefix}_{iri[len(namespace) :]}"
    return re.sub(r"\W", "_", str(iri))


def _curie(iri: URIRef) -> str:
    name = node_id(iri)
    return name if iri.startswith(_OURS) else name.replace("_", ":", 1)


def _members(g: Graph, node: Node | None) -> list[URIRef]:
    """A named class, or the named members of an owl:unionOf class expression."""
    if isinstance(node, URIRef):
        return [node]
    union = g.value(node, OWL.unionOf) if node is not None else None
    if union is None:
        return []
    return [m for m in Collection(g, union) if isinstance(m, URIRef)]


def _ours(iris: Iterable[Node]) -> list[URIRef]:
    return sorted(i for i in iris if isinstance(i, URIRef) and i.startswith(_OURS))


def _type_name(node: Node | None) -> str:
    return node_id(node).split("_", 1)[-1] if isinstance(node, URIRef) else "literal"


def _class_block(g: Graph, cls: URIRef) -> list[str]:
    """The class with its datatype properties as attributes, or its individuals if it is an enumeration."""
    name = node_id(cls)
    body = [
        f"        +{_type_name(g.value(p, RDFS.range))} {node_id(p)}"
        for p in _ours(g.subjects(RDF.type, OWL.DatatypeProperty))
        if cls in _members(g, g.value(p, RDFS.domain))
    ]
    for equivalent in g.objects(cls, OWL.equivalentClass):
        one_of = g.value(equivalent, OWL.oneOf)
        if one_of is not None:
            names = [node_id(m) for m in Collection(g, one_of) if isinstance(m, URIRef)]
            body = ["        <<enumeration>>", *(f"        {n}" for n in names)]
    return [f"    class {name} {{", *body, "    }"] if body else [f"    class {name}"]


def render_mermaid(g: Graph) -> str:
    """Classes, subclass edges and object properties (domain -> range) of the ``tkg:`` ontology."""
    classes = _ours(g.subjects(RDF.type, OWL.Class))
    lines = ["classDiagram", "    direction LR"]
    for cls in classes:
        lines += _class_block(g, cls)
    external: set[URIRef] = set()
    for cls in classes:
        for sup in sorted(o for o in g.objects(cls, RDFS.subClassOf) if isinstance(o, URIRef)):
            external |= {sup} - set(classes)
            lines.append(f"    {node_id(sup)} <|-- {node_id(cls)}")
    for prop in _ours(g.subjects(RDF.type, OWL.ObjectProperty)):
        for dom in _members(g, g.value(prop, RDFS.domain)):
            for rng in _members(g, g.value(prop, RDFS.range)):
                external |= {dom, rng} - set(classes)
                lines.append(f"    {node_id(dom)} --> {node_id(rng)} : {node_id(prop)}")
    lines += [f'    class {node_id(e)}["{_curie(e)}"]' for e in sorted(external)]
    return "\n".join(lines) + "\n"


def rewrite_block(document: str, diagram: str) -> str:
    """``document`` with the text between the diagram markers replaced by ``diagram`` in a mermaid fence."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(document):
        raise ValueError(f"the document has no {START} ... {END} block")
    block = f"{START}\n```mermaid\n{diagram}```\n{END}"
    return pattern.sub(lambda _: block, document, count=1)


def main(ontology_dir: Path = PROJECT_ROOT / "ontology", doc_path: Path = DOC_PATH) -> bool:
    """Rewrite the diagram block of ``doc_path`` from ``ontology_dir``; True if the file changed."""
    document = doc_path.read_text(encoding="utf-8")
    updated = rewrite_block(document, render_mermaid(load_ontology(ontology_dir)))
    if updated != document:
        doc_path.write_text(updated, encoding="utf-8")
    return updated != document
