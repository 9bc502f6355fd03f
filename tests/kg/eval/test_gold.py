"""Gold files: the scheme of gold/README.md, and clear errors for malformed entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval.gold import load_gold
from tests.paths import SHARED

GOLD = """
articles:
- file: a.txt
  entities:
  - {type: Province, name: Hebei}
  - {type: IndustrialCluster, name: Qinghe Cashmere Cluster, aliases: [Qinghe cashmere],
     located_in: Qinghe County, city: Xingtai, province: Hebei, industries: [cashmere]}
  - {type: Enterprise, name: Tmall, uncertain: true}
  facts:
  - {subject: Qinghe Cashmere Cluster, measure: revenue, value: 31780000000, unit: CNY, year: 2021,
     kind: observation}
"""


def test_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    (article,) = load_gold(path)
    assert article.file == "a.txt"
    cluster = article.entities[1]
    assert cluster.aliases == ("Qinghe cashmere",)
    assert cluster.attributes["industries"] == ["cashmere"]
    assert "name" not in cluster.attributes and "aliases" not in cluster.attributes
    assert article.entities[2].uncertain
    (fact,) = article.facts
    assert (fact.value, fact.unit, fact.year, fact.kind) == (31780000000, "CNY", 2021, "observation")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[]", "a list under 'articles'", id="not-a-mapping"),
        pytest.param("articles:\n- {entities: []}", "needs a 'file'", id="no-file"),
        pytest.param(
            "articles:\n- {file: a, entities: [{type: Town2, name: x}]}", "unknown entity type", id="type"
        ),
        pytest.param(
            "articles:\n- {file: a, facts: [{subject: x, value: 1, kind: guess}]}", "kind must", id="kind"
        ),
        pytest.param(
            "articles:\n- {file: a, facts: [{subject: x, kind: target}]}", "needs a 'value'", id="value"
        ),
        pytest.param("articles: [", "unreadable gold file", id="yaml-syntax"),
    ],
)
def test_malformed_gold(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gold(path)


def test_seed_gold_loads_when_present() -> None:
    seeds = SHARED / "gold" / "seeds.yaml"
    if not seeds.is_file():
        pytest.skip(f"no development gold at {seeds} (it lives beside the clone)")
    assert len(load_gold(seeds)) == 5
