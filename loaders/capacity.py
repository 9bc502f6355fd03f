"""Industries that a capacity figure implies for its subject.

A count of spindles measures spinning capacity, in Chinese statistics that of cotton spinning (万锭)
unless the sentence names another fibre ("worsted", "wool", "linen" ...): the subject the figure belongs
to (a firm, cluster, park or place) spins. For a firm the concept narrows a broader one it already has
("X Textile", whose name says textiles, with "a 50,000-spindle programme" is a cotton spinner); a
place, cluster or park keeps its other industries, broad ones too (a hub makes more than yarn).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import URIRef

from loaders.figures import FigureMention
from loaders.linking import Entity
from loaders.vocabulary import Vocabulary

_OTHER_FIBRE = re.compile(r"(?i)\b(?:wool|woollen|worsted|cashmere|linen|flax|ramie|hemp|silk|jute)\b")


def _spun(figure: FigureMention) -> str | None:
    """The label of the industry a figure implies, or None."""
    if figure.unit != "spindles":
        return None
    return "yarns" if _OTHER_FIBRE.search(figure.sentence.text) else "cotton spinning"


def narrowed(vocabulary: Vocabulary, concepts: list[URIRef], concept: URIRef) -> list[URIRef]:
    """``concepts`` with ``concept`` added in place of the broader ones it narrows (its ancestors)."""
    if concept in concepts:
        return concepts
    broader = set(vocabulary.ancestors(concept))
    kept = [c for c in concepts if c not in broader]
    return [*kept, concept]


def capacity_industries(
    vocabulary: Vocabulary,
    facts: Iterable[tuple[str | Entity, FigureMention]],
    hubs: dict[str, list[URIRef]],
    entities: Iterable[Entity] = (),
) -> None:
    """Give each fact's subject the industry its capacity figure implies: entities (clusters, parks,
    firms) in place, places in ``hubs`` (code -> industries). A place's capacity is its industry's:
    a cluster the article names in that place spins too ("the city has ... a spinning capacity of N
    spindles" of a city whose textile cluster the article is about)."""
    clusters = [e for e in entities if e.kind == "cluster"]
    for subject, figure in facts:
        label = _spun(figure)
        found = vocabulary.lookup(label) if label else None
        if found is None:
            continue
        if isinstance(subject, str):
            known = hubs.setdefault(subject, []) if not subject.startswith("region/") else [found.iri]
            known += [found.iri] if found.iri not in known else []
            for cluster in (c for c in clusters if subject in c.places and found.iri not in c.industries):
                cluster.industries = [*cluster.industries, found.iri]
        elif subject.kind == "enterprise":
            subject.industries = narrowed(vocabulary, subject.industries, found.iri)
        elif subject.kind in {"cluster", "park"} and found.iri not in subject.industries:
            subject.industries = [*subject.industries, found.iri]
