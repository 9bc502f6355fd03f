from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SDO

from kg.namespaces import TKG
from kg.rdf.diagram import DOC_PATH, END, START, main, node_id, render_mermaid, rewrite_block
from kg.settings import PROJECT_ROOT

TINY = """
@prefix tkg: <https://w3id.org/textile-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
tkg:County a owl:Class ; rdfs:subClassOf tkg:AdministrativeArea .
tkg:AdministrativeArea a owl:Class ; rdfs:subClassOf schema:AdministrativeArea .
tkg:IndustrialCluster a owl:Class .
tkg:locatedIn a owl:ObjectProperty ;
    rdfs:domain [ owl:unionOf ( tkg:IndustrialCluster tkg:County ) ] ; rdfs:range tkg:AdministrativeArea .
tkg:gbCode a owl:DatatypeProperty ; rdfs:domain tkg:AdministrativeArea ; rdfs:range xsd:string .
"""


def test_node_id_is_mermaid_safe() -> None:
    assert node_id(TKG.County) == "County"
    assert node_id(SDO.Place) == "schema_Place"


def test_render_mermaid_draws_classes_subclasses_and_properties() -> None:
    lines = render_mermaid(Graph().parse(data=TINY, format="turtle")).splitlines()
    assert lines[0] == "classDiagram"
    assert "    AdministrativeArea <|-- County" in lines
    assert "    schema_AdministrativeArea <|-- AdministrativeArea" in lines
    assert "    IndustrialCluster --> AdministrativeArea : locatedIn" in lines
    assert "    County --> AdministrativeArea : locatedIn" in lines
    assert "        +string gbCode" in lines
    assert '    class schema_AdministrativeArea["schema:AdministrativeArea"]' in lines


def test_render_mermaid_of_the_project_ontology(ontology: Graph) -> None:
    text = render_mermaid(ontology)
    assert "<<enumeration>>" in text  # tkg:Comparator
    assert "Initiative --> skos_Concept : promotes" in text
    assert "prov_Plan <|-- Initiative" in text


def test_rewrite_block_replaces_only_the_marked_block() -> None:
    document = f"intro\n{START}\nold\n{END}\noutro\n"
    assert rewrite_block(document, "classDiagram\n") == (
        f"intro\n{START}\n```mermaid\nclassDiagram\n```\n{END}\noutro\n"
    )
    with pytest.raises(ValueError, match="no"):
        rewrite_block("no markers", "classDiagram\n")


def test_main_rewrites_a_doc(tmp_path: Path) -> None:
    doc = tmp_path / "ontology.md"
    doc.write_text(f"# x\n{START}\n{END}\n", encoding="utf-8")
    assert main(PROJECT_ROOT / "ontology", doc) is True
    assert "Province" in doc.read_text(encoding="utf-8")
    assert main(PROJECT_ROOT / "ontology", doc) is False


def test_docs_ontology_diagram_is_up_to_date(ontology: Graph) -> None:
    document = DOC_PATH.read_text(encoding="utf-8")
    assert rewrite_block(document, render_mermaid(ontology)) == document, "run `tkg docs` to regenerate"
