"""Scores of an evaluation (P/R/F1 per group, misses, false positives) and how they are shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass
class Score:
    """Counts of one group; precision, recall and F1 follow (1.0 when there is nothing to find or claim)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Item:
    """One miss or false positive: which article, which group, what."""

    article: str
    group: str
    text: str


@dataclass
class Section:
    """Entities, attributes or facts: scores per group plus what was missed and what was wrongly claimed."""

    groups: dict[str, Score] = field(default_factory=dict)
    misses: list[Item] = field(default_factory=list)
    false_positives: list[Item] = field(default_factory=list)

    def score(self, group: str) -> Score:
        return self.groups.setdefault(group, Score())

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.groups.values():
            total.add(score)
        return total

    def as_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_json(),
            "groups": {name: self.groups[name].as_json() for name in sorted(self.groups)},
            "misses": [vars(item) for item in self.misses],
            "false_positives": [vars(item) for item in self.false_positives],
        }


@dataclass
class Scores:
    """The whole evaluation. Attribute accuracy is the recall of the attribute checks: correct / total."""

    entities: Section = field(default_factory=Section)
    attributes: Section = field(default_factory=Section)
    facts: Section = field(default_factory=Section)
    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def attribute_accuracy(self) -> float:
        return self.attributes.overall.recall

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "entities": self.entities.as_json(),
            "attributes": self.attributes.as_json() | {"accuracy": round(self.attribute_accuracy, 4)},
            "facts": self.facts.as_json(),
        }


def print_report(report: Scores, console: Console, *, details: bool = True) -> None:
    """Tables of P/R/F1 per group for humans, then the misses and false positives."""
    for title, section in (("Entities", report.entities), ("Attributes", report.attributes)):
        console.print(section_table(title, section))
    console.print(section_table("Facts", report.facts))
    console.print(f"attribute accuracy: {report.attribute_accuracy:.3f}   articles: {len(report.articles)}")
    for name in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {name}: not found in the articles directory")
    if details:
        for title, section in (("entities", report.entities), ("attributes", report.attributes)):
            print_items(console, f"missed {title}", section.misses)
            print_items(console, f"false-positive {title}", section.false_positives)
        print_items(console, "missed facts", report.facts.misses)
        print_items(console, "false-positive facts", report.facts.false_positives)


def section_table(title: str, section: Section) -> Table:
    table = Table("group", "tp", "fp", "fn", "precision", "recall", "F1", title=title)
    rows = [*((name, section.groups[name]) for name in sorted(section.groups)), ("overall", section.overall)]
    for name, score in rows:
        bold = name == "overall"
        cells = [str(score.tp), str(score.fp), str(score.fn)]
        cells += [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]
        table.add_row(*(f"[b]{c}[/b]" if bold else c for c in [name, *cells]))
    return table


def print_items(console: Console, title: str, items: list[Item]) -> None:
    if items:
        console.print(f"[b]{title}[/b] ({len(items)})")
        for item in items:
            console.print(f"  {item.article} [{item.group}] {item.text}", markup=False, highlight=False)
