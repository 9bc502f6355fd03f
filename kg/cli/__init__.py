"""The ``tkg`` command line. Each submodule registers its commands on :data:`app`."""

from kg.cli import articles, data, evaluation, load, store, synth  # noqa: F401  (registers the commands)
from kg.cli.app import app

__all__ = ["app"]
