"""The ``tkg`` command line. Each submodule registers its commands on :data:`app`."""

from kg.cli import (  # noqa: F401  (registers the commands)
    articles,
    evaluation,
    load,
    maintenance,
    query,
    serve,
    store,
    synth,
    validate,
)
from kg.cli.app import app

__all__ = ["app"]
