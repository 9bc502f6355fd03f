"""Industries, policy measures, designation titles and kinds, found by label: a typed view of the SKOS
concept schemes in ``ontology/*.ttl`` that the loaders use to recognise them in text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.plugins.parsers.notation3 import BadSyntax

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+")


def _singular(token: str) -> str:
    """A crude singular that only has to map a plural and its singular to the same key."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@lru_cache(maxsize=65536)  # the same windows are looked up by several finders per article
def normalize_label(text: str) -> str:
    """The key labels are compared by: case, punctuation, hyphens and simple plurals do not count.

    >>> normalize_label("Children’s Wear")
    'children wear'
    >>> normalize_label("non-woven fabrics") == normalize_label("Non woven fabric")
    True
    >>> normalize_label("Printing & Dyeing")
    'printing and dyeing'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    tokens = [t for t in _NON_WORD.sub(" ", text).replace("_", " ").split() if t]
    return " ".join(_singular(t) for t in tokens)


@dataclass(frozen=True)
class Concept:
    """One SKOS concept: its IRI, scheme, English labels (preferred first) and broader concepts."""

    iri: URIRef
    scheme: URIRef
    pref_label: str
    labels: tuple[str, ...]
    label_zh: str | None
    broader: tuple[URIRef, ...]


def _english(literals: Iterable[object]) -> list[str]:
    return sorted(str(o) for o in literals if isinstance(o, Literal) and o.language in (None, "en"))


def _concept(g: Graph, iri: URIRef, scheme: URIRef) -> Concept | None:
    prefs = _english(g.objects(iri, SKOS.prefLabel))
    if not prefs:
        return None
    alts = [a for a in _english(g.objects(iri, SKOS.altLabel)) if a != prefs[0]]
    zh = sorted(
        str(o)
        for o in g.objects(iri, SKOS.prefLabel)
        if isinstance(o, Literal) and o.language is not None and o.language.lower().startswith("zh")
    )
    broader = {o for o in g.objects(iri, SKOS.broader) if isinstance(o, URIRef)}
    broader |= {s for s in g.subjects(SKOS.narrower, iri) if isinstance(s, URIRef)}
    return Concept(
        iri=iri,
        scheme=scheme,
        pref_label=prefs[0],
        labels=(prefs[0], *alts),
        label_zh=zh[0] if zh else None,
        broader=tuple(sorted(broader)),
    )


class Vocabulary:
    """Every concept of the SKOS schemes, with label indexes per scheme for phrase matching.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <urn:x:wear> a skos:Concept ; skos:inScheme <urn:x:s> ; skos:prefLabel "children's wear"@en .''')
    >>> Vocabulary.from_graph(g).lookup("Childrens Wear").iri
    rdflib.term.URIRef('urn:x:wear')
    """

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts: dict[URIRef, Concept] = {}
        self._by_scheme: dict[URIRef, list[Concept]] = {}
        for concept in concepts:
            self._concepts.setdefault(concept.iri, concept)
            self._by_scheme.setdefault(concept.scheme, []).append(concept)
        self._indexes = {scheme: _index(members) for scheme, members in self._by_scheme.items()}

    @classmethod
    def from_graph(cls, g: Graph) -> Vocabulary:
        """Concepts of ``g`` that have a scheme and an English preferred label."""
        found: list[Concept] = []
        for iri in sorted({s for s in g.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}):
            for scheme in sorted(o for o in g.objects(iri, SKOS.inScheme) if isinstance(o, URIRef)):
                concept = _concept(g, iri, scheme)
                if concept is not None:
                    found.append(concept)
        return cls(found)

    @classmethod
    def from_dir(cls, path: Path) -> Vocabulary:
        """Parse every ``*.ttl`` of ``path`` (the project's ``ontology/``)."""
        g = Graph()
        for file in sorted(path.glob("*.ttl")):
            try:
                g.parse(file, format="turtle")
            except (BadSyntax, OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"cannot read the vocabulary file {file}: {exc}") from exc
        return cls.from_graph(g)

    @property
    def schemes(self) -> list[URIRef]:
        return sorted(self._by_scheme)

    def concepts(self, scheme: URIRef) -> list[Concept]:
        return list(self._by_scheme.get(scheme, []))

    def get(self, iri: URIRef) -> Concept | None:
        return self._concepts.get(iri)

    def label_index(self, scheme: URIRef) -> dict[str, Concept]:
        """Normalised label (English, and the Chinese preferred label) -> concept, for phrase matching."""
        return dict(self._indexes.get(scheme, {}))

    def lookup(self, label: str, scheme: URIRef | None = None) -> Concept | None:
        """The concept with this label in ``scheme`` (or in any scheme, preferred labels first)."""
        key = normalize_label(label)
        if scheme is not None:
            return self._indexes.get(scheme, {}).get(key)
        hits = [index[key] for _, index in sorted(self._indexes.items()) if key in index]
        preferred = [c for c in hits if normalize_label(c.pref_label) == key]
        ranked = preferred or hits
        return ranked[0] if ranked else None

    def ancestors(self, iri: URIRef) -> list[URIRef]:
        """Every broader concept, nearest first, each once (cycles are tolerated)."""
        seen: list[URIRef] = []
        frontier = [iri]
        while frontier:
            nxt: list[URIRef] = []
            for current in frontier:
                concept = self._concepts.get(current)
                for parent in concept.broader if concept else ():
                    if parent != iri and parent not in seen:
                        seen.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return seen


def _index(members: list[Concept]) -> dict[str, Concept]:
    """Preferred labels win over alternative ones; otherwise the first concept to claim a key keeps it."""
    index: dict[str, Concept] = {}
    for concept in members:
        index.setdefault(normalize_label(concept.pref_label), concept)
    for concept in members:
        for label in (*concept.labels[1:], *([concept.label_zh] if concept.label_zh else [])):
            index.setdefault(normalize_label(label), concept)
    return index
