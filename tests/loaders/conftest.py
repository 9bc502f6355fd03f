"""Shared fixtures of the loader tests: the real gazetteer and vocabulary, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.resources import Resources

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def shared_resources() -> Resources:
    return Resources.load(REPO / "data", REPO / "ontology")


@pytest.fixture(scope="session")
def resources(shared_resources: Resources) -> Resources:
    """The same resources under the name the mechanism tests use."""
    return shared_resources
