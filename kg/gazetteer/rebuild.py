"""Rebuild ``data/gazetteer/`` from the upstream packages (``tkg gazetteer``; needs the ``gazetteer`` extra).

Reads the hand-kept tables (``stems.csv``, ``overrides.csv``, ``towns.csv``) beside the output and writes
``divisions.csv`` (the divisions), ``names.csv`` (pinyin and aliases) and ``divisions.ttl`` (the RDF).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from kg.gazetteer.aliases import division_aliases, town_aliases
from kg.gazetteer.english import english_name, pinyin_label, romanize
from kg.gazetteer.graph import gazetteer_graph
from kg.gazetteer.sources import boundary_centroids, read_divisions, seat_points
from kg.namespaces import Ids
from loaders.gazetteer import COLUMNS, LEVELS, Gazetteer, read_overrides

NAME_COLUMNS = ("code", "pinyin", "aliases")
TOWN_SUFFIXES = ("街道", "镇", "乡")


def _read_stems(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["stem_zh"]: row["name_en"] for row in csv.DictReader(handle)}


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["code"]))


def _division_rows(out_dir: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    stems = _read_stems(out_dir / "stems.csv")
    overrides = read_overrides(out_dir / "overrides.csv")
    seats, centroids = seat_points(), boundary_centroids()
    rows: list[dict[str, str]] = []
    names: list[dict[str, str]] = []
    for source in read_divisions():
        override = overrides.get(source.code)
        name_en = (
            override[0] if override and override[0] else english_name(source.name_zh, source.kind, stems)
        )
        lat, lon = seats.get(source.code) or centroids.get(source.code) or (None, None)
        rows.append(
            {
                "code": source.code,
                "name_zh": source.name_zh,
                "name_en": name_en,
                "level": source.level,
                "parent_code": source.parent_code,
                "lat": _coordinate(lat),
                "lon": _coordinate(lon),
            }
        )
        aliases = [
            *(override[1] if override else ()),
            *division_aliases(source.name_zh, name_en, source.kind, stems),
        ]
        pinyin = pinyin_label(source.name_zh, source.kind)
        names.append({"code": source.code, "pinyin": pinyin, "aliases": ";".join(dict.fromkeys(aliases))})
    return rows, names


def _town_names(out_dir: Path) -> list[dict[str, str]]:
    path = out_dir / "towns.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        towns = list(csv.DictReader(handle))
    names = []
    for town in towns:
        stem = next(
            (town["name_zh"].removesuffix(s) for s in TOWN_SUFFIXES if town["name_zh"].endswith(s)), ""
        )
        tail = town["name_zh"][len(stem) :]
        pinyin = " ".join(romanize(part) for part in (stem, tail) if part)
        names.append(
            {
                "code": town["code"],
                "pinyin": pinyin,
                "aliases": ";".join(town_aliases(town["name_zh"], town["name_en"])),
            }
        )
    return names


def build_gazetteer(out_dir: Path) -> dict[str, int]:
    """Write divisions.csv, names.csv and divisions.ttl into ``out_dir``; return divisions per level."""
    rows, names = _division_rows(out_dir)
    _write_csv(out_dir / "divisions.csv", COLUMNS, rows)
    _write_csv(out_dir / "names.csv", NAME_COLUMNS, names + _town_names(out_dir))
    gazetteer = Gazetteer.from_dir(out_dir)
    graph = gazetteer_graph(gazetteer, Ids())
    (out_dir / "divisions.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    counts = Counter(division.level for division in gazetteer.divisions())
    return {level: counts[level] for level in LEVELS if counts[level]}
