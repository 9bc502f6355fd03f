"""The ontology files: loading, every TKG term declared, prefixes agree, SKOS integrity, OWL consistency."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InputError, RDFSyntaxError
from kg.namespaces import PREFIXES, TKG, slugify
from kg.rdf.ontology import load_ontology
from kg.settings import PROJECT_ROOT
from loaders.vocabulary import normalize_label

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
OUR_SCHEMES = {
    TKG.IndustryScheme,
    TKG.PolicyMeasureScheme,
    TKG.DesignationTitleScheme,
    TKG.ParkKindScheme,
    TKG.OrganizationKindScheme,
    TKG.InitiativeKindScheme,
}
_TURTLE_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


@pytest.fixture(scope="module")
def core() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "textile-kg.ttl")


def test_load_ontology_reads_every_file(ontology: Graph) -> None:
    assert (TKG.IndustrialCluster, RDF.type, OWL.Class) in ontology
    assert (None, SKOS.inScheme, TKG.IndustryScheme) in ontology


def test_load_ontology_names_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "good.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    (tmp_path / "bad.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(RDFSyntaxError, match=r"bad\.ttl.*line 2") as info:
        load_ontology(tmp_path)
    assert info.value.line == 2
    assert info.value.column is not None


def test_load_ontology_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_ontology(tmp_path / "nowhere")


@pytest.mark.parametrize("name", sorted(TKG.__annotations__))
def test_every_tkg_term_is_declared_with_a_type_and_english_label(core: Graph, name: str) -> None:
    term = TKG._NS[name]
    assert set(core.objects(term, RDF.type)), f"tkg:{name} has no rdf:type in textile-kg.ttl"
    labels = [o for o in core.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
    assert len(labels) == 1, f"tkg:{name} needs exactly one English rdfs:label"
    assert list(core.objects(term, RDFS.comment)), f"tkg:{name} has no rdfs:comment"


def test_no_undeclared_tkg_terms_in_the_ontology(ontology: Graph) -> None:
    used = {t for triple in ontology for t in triple if isinstance(t, URIRef) and t.startswith(str(TKG._NS))}
    declared = {TKG._NS[name] for name in TKG.__annotations__}
    assert used - declared == set()


def test_no_iri_is_both_an_object_and_a_datatype_property(ontology: Graph) -> None:
    kinds = [OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Class]
    for first in range(len(kinds)):
        for second in kinds[first + 1 :]:
            both = set(ontology.subjects(RDF.type, kinds[first])) & set(ontology.subjects(RDF.type, second))
            assert both == set(), f"punned as {kinds[first]} and {second}"


def _declared_prefixes() -> list[tuple[str, str, str]]:
    found = []
    for pattern in ("queries/*.rq", "shapes/*.ttl", "ontology/*.ttl"):
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            found += [(path.name, name, iri) for name, iri in _TURTLE_PREFIX.findall(text)]
    return found


def test_prefixes_in_queries_shapes_and_ontology_agree_with_namespaces() -> None:
    wrong = [(f, n, iri) for f, n, iri in _declared_prefixes() if n in PREFIXES and PREFIXES[n] != iri]
    assert wrong == []


def _concepts(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def test_every_concept_is_in_exactly_one_of_our_schemes(ontology: Graph) -> None:
    for concept in _concepts(ontology):
        schemes = set(ontology.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1 and schemes <= OUR_SCHEMES, concept
    for scheme in OUR_SCHEMES:
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
        assert list(ontology.objects(scheme, SKOS.hasTopConcept)), scheme


def test_every_concept_has_one_english_pref_label(ontology: Graph) -> None:
    for concept in _concepts(ontology):
        prefs = list(ontology.objects(concept, SKOS.prefLabel))
        english = [p for p in prefs if isinstance(p, Literal) and p.language == "en"]
        assert len(english) == 1, concept
        languages = [p.language for p in prefs if isinstance(p, Literal)]
        assert len(languages) == len(set(languages)), f"{concept}: two prefLabels in one language"
        alts = set(ontology.objects(concept, SKOS.altLabel))
        assert alts.isdisjoint(prefs), f"{concept}: a label is both preferred and alternative"


def test_no_two_concepts_of_a_scheme_share_a_normalised_label(ontology: Graph) -> None:
    owners: dict[tuple[URIRef, str], set[URIRef]] = defaultdict(set)
    for concept in _concepts(ontology):
        scheme = ontology.value(concept, SKOS.inScheme)
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in ontology.objects(concept, predicate):
                owners[(scheme, normalize_label(str(label)))].add(concept)  # type: ignore[index]
    clashes = {key: sorted(found) for key, found in owners.items() if len(found) > 1}
    assert clashes == {}


def test_broader_and_narrower_are_inverse_and_resolve(ontology: Graph) -> None:
    concepts = _concepts(ontology)
    broader = {(s, o) for s, o in ontology.subject_objects(SKOS.broader)}
    narrower = {(o, s) for s, o in ontology.subject_objects(SKOS.narrower)}
    assert broader == narrower
    assert {o for _, o in broader} <= concepts
    assert {s for s, _ in broader} <= concepts
    for concept in concepts:
        top = (concept, SKOS.topConceptOf, None) in ontology
        assert top != bool(set(ontology.objects(concept, SKOS.broader))), f"{concept}: top iff no broader"


def test_concept_iris_are_slugs_of_the_english_pref_label(ontology: Graph) -> None:
    for concept in _concepts(ontology):
        pref = next(
            p for p in ontology.objects(concept, SKOS.prefLabel) if getattr(p, "language", None) == "en"
        )
        assert concept.rsplit("/", 1)[1] == slugify(str(pref)), concept


def _reason(graph: Graph, tmp_path: Path) -> list[object]:
    """Run HermiT (through owlready2) on ``graph``; the unsatisfiable classes, or an inconsistency error."""
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "ontology.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return list(world.inconsistent_classes())


@pytest.mark.slow
def test_ontology_is_consistent_under_hermit(ontology: Graph, tmp_path: Path) -> None:
    assert _reason(ontology, tmp_path) == []


@pytest.mark.slow
def test_hermit_catches_an_individual_in_two_disjoint_classes(ontology: Graph, tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    broken = Graph() + ontology
    thing = URIRef("urn:example:both")
    broken.add((thing, RDF.type, TKG.Province))
    broken.add((thing, RDF.type, TKG.County))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(broken, tmp_path)
