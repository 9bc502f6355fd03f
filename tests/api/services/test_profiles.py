"""Profiles are typed documents built from the profile queries, and the HTTP answers are their JSON."""

import httpx
import pyoxigraph as ox
import pytest
from rdflib import URIRef

from api.models import ClusterProfile, InitiativeProfile, ParkProfile, ProvinceProfile
from api.services.profiles import cluster_profile, initiative_profile, park_profile, province_profile
from kg.namespaces import TKG, Ids
from kg.settings import PROJECT_ROOT
from kg.sparql.catalog import Catalog
from kg.sparql.named import load_queries
from kg.store import EmbeddedStore
from tests.paths import FIXTURE, consolidate

ID = "https://w3id.org/textile-kg/id/"
INITIATIVE = "initiatives/hebei-garment-industry-action-plan"
CASHMERE = "https://w3id.org/textile-kg/industry/cashmere"


def test_a_cluster_profile(catalog: Catalog) -> None:
    profile = cluster_profile(catalog, URIRef(ID + "cluster/qinghe-cashmere-cluster"))
    assert isinstance(profile, ClusterProfile) and profile.type == "IndustrialCluster"
    assert profile.labels.en == "Qinghe Cashmere Cluster"
    assert [p.code for p in profile.places][-1] == "130000"
    assert all(s.articles for s in profile.statements if s.graph and "/article/" in s.graph)


@pytest.mark.parametrize(
    ("path", "build", "model"),
    [
        pytest.param("clusters/qinghe-cashmere-cluster", cluster_profile, ClusterProfile, id="cluster"),
        pytest.param("parks/qinghe-cashmere-town", park_profile, ParkProfile, id="park"),
        pytest.param(
            "initiatives/hebei-garment-industry-action-plan",
            initiative_profile,
            InitiativeProfile,
            id="initiative",
        ),
        pytest.param("provinces/130000", province_profile, ProvinceProfile, id="province"),
    ],
)
def test_the_http_answer_is_the_profile_json(
    client: httpx.Client, catalog: Catalog, path: str, build: object, model: type
) -> None:
    answer = client.get("/" + path).json()
    assert callable(build)
    profile = build(catalog, URIRef(answer["id"]))
    if isinstance(profile, ProvinceProfile):  # its links to its lists: made by the route from the URL
        assert set(answer["lists"]) == {"parks", "clusters", "initiatives"}
        profile.lists = answer["lists"]
    assert isinstance(profile, model) and profile.model_dump(mode="json") == answer


def test_an_initiative_profile_shows_its_aims_and_industries() -> None:
    """Aims as written (tkg:aim) and the industries it concerns, each once though two sources state them."""
    store = EmbeddedStore()
    store.oxigraph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    plan = ox.NamedNode(ID + INITIATIVE.replace("initiatives/", "initiative/"))
    for name in ("curated/aims-a", "curated/aims-b"):
        graph = ox.NamedNode(ID + "graph/" + name)
        store.oxigraph.extend(
            [
                ox.Quad(
                    plan, ox.NamedNode(str(TKG.aim)), ox.Literal("high-end knitwear", language="en"), graph
                ),
                ox.Quad(plan, ox.NamedNode(str(TKG.concernsIndustry)), ox.NamedNode(CASHMERE), graph),
            ]
        )
    consolidate(store)
    catalog = Catalog(store, load_queries(PROJECT_ROOT / "queries"), Ids())
    profile = initiative_profile(catalog, URIRef(plan.value))
    assert profile.aims == ["high-end knitwear"]
    assert [r.id for r in profile.industries] == [CASHMERE]
