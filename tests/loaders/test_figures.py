"""Figures: values normalised, units, years, comparators and kinds, table-driven."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.figures import find_figures
from loaders.sentences import split_sentences


def figures(text: str, year: int | None = None) -> list[tuple[Decimal, str, str | None, int | None, str]]:
    found = find_figures(split_sentences(text, [(0, len(text))]), year)
    return [(f.value, f.unit, f.comparator, f.year, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "By 2020, the income will reach CNY 180 billion.",
            [(Decimal("180000000000"), "CNY", None, 2020, "target")],
            id="cny-billion-target",
        ),
        pytest.param(
            "In 2021, the revenue reached 31.78 billion yuan.",
            [(Decimal("31780000000"), "CNY", None, 2021, "observation")],
            id="yuan-observation",
        ),
        pytest.param(
            "By 2023, it will cultivate more than 5,000 digital talents.",
            [(Decimal("5000"), "persons", "MoreThan", 2023, "target")],
            id="talents-are-persons",
        ),
        pytest.param(
            "By 2025, the city aims to have 20 enterprises with annual revenue of more than 1 billion yuan "
            "each.",
            [(Decimal("20"), "enterprises", None, 2025, "target")],
            id="threshold-of-counted-things",
        ),
        pytest.param(
            "In 2022 the park covered 5 square kilometres.",
            [(Decimal("5"), "square kilometres", None, 2022, "observation")],
            id="area",
        ),
        pytest.param(
            "Growth was about 10% in 2019.",
            [(Decimal("10"), "percent", "About", 2019, "observation")],
            id="percent",
        ),
        pytest.param(
            "Exports were one-fourth of sales in 2019.",
            [(Decimal("25"), "percent", None, 2019, "observation")],
            id="fraction",
        ),
        pytest.param(
            "Hebei will build seven characteristic industrial clusters.",
            [(Decimal("7"), "clusters", None, None, "target")],
            id="number-word",
        ),
        pytest.param(
            "By 2020, one to two digital workshops will be set up.",
            [(Decimal("2"), "workshops", None, 2020, "target")],
            id="range-upper",
        ),
        pytest.param(
            "By 2023, more than 500 textile and apparel companies will be trained.",
            [(Decimal("500"), "enterprises", "MoreThan", 2023, "target")],
            id="coordinated-noun",
        ),
        pytest.param("Meetings happen two times each year.", [], id="times-are-not-figures"),
        pytest.param("The three regions of Beijing, Tianjin and Hebei differ.", [], id="definite-reference"),
        pytest.param("Build 5G networks.", [], id="5g"),
    ],
)
def test_figures(text: str, expected: list[tuple[Decimal, str, str | None, int | None, str]]) -> None:
    assert figures(text) == expected


def test_past_year_makes_an_observation() -> None:
    assert figures("In 2021, the revenue will reach 31.78 billion yuan.", 2022)[0][4] == "observation"


def test_target_year_carries_to_the_next_sentence() -> None:
    found = figures("By 2023, it will build 5 parks. There are more than 12 champion enterprises.")
    assert found[1] == (Decimal("12"), "enterprises", "MoreThan", 2023, "target")
