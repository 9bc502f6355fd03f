"""Which properties the consolidated graph resolves, and how, as the ontology declares it.

- ``owl:FunctionalProperty`` or ``tkg:consolidation tkg:OneValue``: one current value per entity.
- ``tkg:consolidation tkg:OneValuePerLanguage``: one current value per entity and language (labels).
- ``tkg:consolidation tkg:ValuesOfBestSource``: several values, all from the best kind of source.
- ``tkg:consolidation tkg:Derived``: computed in the consolidated graph, never copied from a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespaces import OA, TKG
from kg.rdf.ontology import load_ontology

# Evidence stays in the sources: the Web Annotation of every mention and figure.
EVIDENCE_PREDICATES: frozenset[URIRef] = frozenset(
    {OA._NS[name] for name in OA.__annotations__ if name[0].islower()} | {TKG.confidence}
)
EVIDENCE_CLASSES: frozenset[URIRef] = frozenset({OA._NS[n] for n in OA.__annotations__ if n[0].isupper()})


@dataclass(frozen=True)
class Policy:
    """The properties of each consolidation rule (sets of IRIs, hashable so that texts are cached)."""

    one_value: frozenset[URIRef]
    per_language: frozenset[URIRef]
    best_source: frozenset[URIRef]
    derived: frozenset[URIRef]

    @property
    def resolved(self) -> frozenset[URIRef]:
        """Every property whose values the precedence may set aside."""
        return self.one_value | self.per_language | self.best_source


def policy_from_ontology(ontology: Graph) -> Policy:
    """Read the rules from the ontology graph (``ontology/*.ttl``)."""

    def ruled(rule: URIRef) -> frozenset[URIRef]:
        return frozenset(s for s in ontology.subjects(TKG.consolidation, rule) if isinstance(s, URIRef))

    functional = frozenset(
        s for s in ontology.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(s, URIRef)
    )
    per_language, best_source = ruled(TKG.OneValuePerLanguage), ruled(TKG.ValuesOfBestSource)
    derived = ruled(TKG.Derived)  # computed, never resolved (a functional one is single by construction)
    ruled_elsewhere = per_language | best_source | derived | EVIDENCE_PREDICATES
    one_value = (functional | ruled(TKG.OneValue)) - ruled_elsewhere
    return Policy(one_value, per_language, best_source, derived)


def load_policy(ontology_dir: Path) -> Policy:
    return policy_from_ontology(load_ontology(ontology_dir))
