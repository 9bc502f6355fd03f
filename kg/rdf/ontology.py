"""The ontology and concept schemes of ``ontology/*.ttl``, read as one graph (the ``graph/ontology``)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.namespaces import PREFIXES
from kg.rdf.io import parse_rdf_file


def ontology_files(ontology_dir: Path) -> list[Path]:
    """The Turtle files of the ontology directory, in a stable order."""
    if not ontology_dir.is_dir():
        raise InputError(f"ontology directory {ontology_dir} does not exist")
    return sorted(ontology_dir.glob("*.ttl"))


def load_ontology(ontology_dir: Path) -> Graph:
    """Every ``*.ttl`` of ``ontology_dir`` in one graph.

    A file that does not parse raises :class:`kg.errors.RDFSyntaxError` (an InputError) naming the file,
    the line and the column.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for path in ontology_files(ontology_dir):
        graph += parse_rdf_file(path)
    return graph
