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
        default=None, description="named bearer tokens for writes: 'name:token,name2:token2'"
    )
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="largest request body accepted")
    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="articles, gazetteer, curated")
    ontology_dir: Path = Field(default=PROJECT_ROOT / "ontology")
    shapes_dir: Path = Field(default=PROJECT_ROOT / "shapes")
    queries_dir: Path = Field(default=PROJECT_ROOT / "queries")

    @property
    def ids(self) -> Ids:
        return Ids(self.base_iri)
