"""Settings from the environment (prefix ``TKG_``) or CLI options, never read at import: the app is
given them (``api.app.create_app``), the CLI builds them (``kg.cli.app.make_settings``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.namespaces import DEFAULT_BASE_IRI, Ids

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything a deployment may change. Tests build one explicitly; nothing reads it at import."""

    model_config = SettingsConfigDict(env_prefix="TKG_", extra="ignore")

    store: Path = Field(default=Path("var/store"), description="directory of the embedded Oxigraph store")
    endpoint: str | None = Field(default=None, description="a remote SPARQL 1.1 server instead of the store")
    endpoint_update: str | None = Field(default=None, description="its update URL, if not ENDPOINT")
    endpoint_graph_store: str | None = Field(
        default=None, description="its Graph Store Protocol URL (optional: faster whole-graph reads)"
    )
    endpoint_user: str | None = None
    endpoint_password: SecretStr | None = None
    endpoint_auth: Literal["basic", "digest"] = Field(
        default="basic", description="HTTP authentication of the endpoint (Virtuoso's /sparql-auth: digest)"
    )
    endpoint_timeout: float = Field(
        default=30.0, gt=0, description="seconds to wait for a remote answer (connect and read)"
    )
    endpoint_chunk: int = Field(
        default=2_000, gt=0, description="triples per INSERT DATA request when a graph is written remotely"
    )
    base_iri: str = Field(default=DEFAULT_BASE_IRI, description="namespace of instance IRIs")
    write_token: SecretStr | None = Field(default=None, description="bearer token required for writes")
    query_timeout: float = Field(default=10.0, gt=0, description="seconds before a query is cancelled")
    max_rows: int = Field(default=10_000, gt=0, description="row cap of /sparql answers")
    response_cache: bool = Field(
        default=True, description="keep whole answers of read requests until the next write (embedded store)"
    )
    write_tokens: SecretStr | None = Field(
        default=None,
        description="named bearer tokens for writes: 'name:token:role,...' (role curator, reviewer or admin; "
        "'name:token' is a curator)",
    )
    curators_publish: bool = Field(
        default=True,
        description="curators may change the published graph directly; false: they send drafts for review",
    )
    distinct_approver: bool = Field(
        default=True, description="a draft must be approved by someone else than its author"
    )
    cors_origins: str = Field(
        default="*",
        description="origins allowed to read the API from a browser (CORS, GET/HEAD/OPTIONS and POST "
        "/sparql, never credentials): '*', or a comma-separated list; '' turns CORS off",
    )
    data_license: str = Field(
        default="https://creativecommons.org/licenses/by/4.0/",
        description="licence IRI of the data, stated by /.well-known/void (dcterms:license)",
    )
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="largest request body accepted")
    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="articles, gazetteer, curated")
    ontology_dir: Path = Field(default=PROJECT_ROOT / "ontology")
    shapes_dir: Path = Field(default=PROJECT_ROOT / "shapes")
    queries_dir: Path = Field(default=PROJECT_ROOT / "queries")
    # Hardening limits (docs/deployment.md, "Limits"): remote store, RDF input, queries, overload, clients
    endpoint_connect_timeout: float = Field(default=5.0, gt=0, description="seconds to connect to ENDPOINT")
    endpoint_max_bytes: int = Field(
        default=100_000_000, gt=0, description="largest answer read from ENDPOINT (streamed, cut at the cap)"
    )
    endpoint_concurrency: int = Field(
        default=8, gt=0, description="calls in flight to ENDPOINT per API process (the bulkhead)"
    )
    endpoint_queue_timeout: float = Field(
        default=2.0, gt=0, description="seconds a call waits for a bulkhead slot before 503"
    )
    consolidation: bool = Field(
        default=True,
        description="keep the consolidated graph (graph/current) current with every write, and read from it; "
        "off only for a store whose SPARQL Update cannot run the maintenance (reads then see the union of "
        "the source graphs)",
    )
    query_memory_bytes: int = Field(
        default=4_000_000_000,
        ge=0,
        description="heap limit (RLIMIT_DATA) of each /sparql query worker of the embedded store; 0: none",
    )
    max_query_chars: int = Field(default=100_000, gt=0, description="longest /sparql query text")
    max_rdf_depth: int = Field(
        default=64, gt=0, description="deepest nesting of RDF input (syntax and blank nodes)"
    )
    parse_timeout: float = Field(default=20.0, gt=0, description="seconds to parse one RDF request body")
    parse_isolate_bytes: int = Field(
        default=256_000, ge=0, description="RDF bodies larger than this parse in a child process"
    )
    parse_memory_bytes: int = Field(
        default=2_000_000_000, gt=0, description="address-space limit of that child process"
    )
    shacl_engine: Literal["turbo", "pyshacl"] = Field(
        default="turbo",
        description="SHACL engine: pyshacl-turbo (Rust; 7-10x faster on an article) or pyshacl (the "
        "reference engine); the same reports on the project's data, known differences on extreme literals "
        "(docs/shapes.md, tests/kg/validation/test_engines.py)",
    )
    validation_workers: int = Field(
        default=1,
        gt=0,
        description="processes that parse, extract and validate /validate, /articles and /graphs bodies",
    )
    validation_memory_bytes: int = Field(
        default=2_000_000_000, gt=0, description="heap limit (RLIMIT_DATA) of each validation process"
    )
    max_inflight_queries: int = Field(default=16, gt=0, description="read requests in flight per process")
    max_inflight_validation: int = Field(
        default=2, gt=0, description="POST /validate and /articles in flight per process"
    )
    max_inflight_writes: int = Field(default=1, gt=0, description="writes to /graphs in flight per process")
    overload_queue: int = Field(default=32, ge=0, description="requests of one kind waiting for a slot")
    overload_wait: float = Field(
        default=5.0, gt=0, description="seconds a request waits for a slot, then 503"
    )
    heavy_deadline: float = Field(
        default=60.0, gt=0, description="seconds until a write or validation request is answered 504"
    )
    retry_after: int = Field(default=5, gt=0, description="Retry-After seconds of a 503 when overloaded")
    header_timeout: float = Field(
        default=10.0, gt=0, description="seconds a client may take to send a request head (408 past it)"
    )
    body_timeout: float = Field(default=30.0, gt=0, description="seconds a client may take to send its body")
    keep_alive_timeout: float = Field(default=5.0, gt=0, description="seconds an idle connection stays open")
    max_connections: int = Field(
        default=512, gt=0, description="open connections + tasks per process before uvicorn answers 503"
    )
    max_header_bytes: int = Field(default=16_384, gt=0, description="largest request head (h11)")

    @property
    def ids(self) -> Ids:
        return Ids(self.base_iri)
