"""The figures the loaders reach on the development sets, asserted so that a change cannot lower them.

The two development gold files live beside the clone (``../shared/gold/seeds.yaml`` with
``data/articles``, and ``../shared/dev2/gold.yaml`` with ``../shared/dev2/articles``): they are
third-party texts and stay out of the repository. ``tests/data/issue12`` holds three synthetic articles
written for issue 12. Without ``../shared`` the test skips on a workstation and fails in CI (``CI`` set),
so a CI run never passes without measuring. The floors sit a little below the measured figures
(docs/loaders.md); issue 12's targets are entity F1 0.90, attribute accuracy 0.85 and fact F1 0.75.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.eval.run import run_eval
from kg.namespaces import Ids
from loaders.resources import Resources

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SETS = {
    "seeds": (SHARED / "gold" / "seeds.yaml", REPO / "data" / "articles"),
    "dev2": (SHARED / "dev2" / "gold.yaml", SHARED / "dev2" / "articles"),
    "issue12": (REPO / "tests" / "data" / "issue12" / "gold.yaml", REPO / "tests" / "data" / "issue12"),
}
# (entity F1, attribute accuracy, fact F1) floors per set.
FLOORS = {
    "seeds": (0.97, 0.95, 0.88),
    "dev2": (0.93, 0.88, 0.86),
    "issue12": (0.93, 0.94, 0.96),
}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(REPO / "data", REPO / "ontology")


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in SETS])
def test_development_set_keeps_its_figures(resources: Resources, name: str) -> None:
    gold, articles = SETS[name]
    if not gold.is_file() or not articles.is_dir():
        message = f"development data not found at {gold} / {articles} (shared/ beside the clone)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    report = run_eval(gold, articles, resources, Ids())
    assert report.skipped == []
    entity_f1, accuracy, fact_f1 = FLOORS[name]
    figures = (report.entities.overall.f1, report.attribute_accuracy, report.facts.overall.f1)
    assert figures[0] >= entity_f1, figures
    assert figures[1] >= accuracy, figures
    assert figures[2] >= fact_f1, figures
