"""The committed county boundaries in data/geo/counties/ and how the build picks a province's units."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from dashboard.geo import COUNTIES_DIR
from dashboard.geo.counties import MAX_BYTES, county_units

DATA = Path(__file__).resolve().parents[2] / "data"
FOLDER = DATA / COUNTIES_DIR


def _features(code: str) -> list[dict]:
    return json.loads((FOLDER / f"{code}.geojson").read_text(encoding="utf-8"))["features"]


def _provinces() -> dict[str, shapely.Geometry]:
    collection = json.loads((DATA / "geo" / "provinces.geojson").read_text(encoding="utf-8"))
    return {feature["id"]: shape(feature["geometry"]) for feature in collection["features"]}


def test_one_file_per_province_level_unit_each_within_the_size_target() -> None:
    files = sorted(FOLDER.glob("*.geojson"))
    assert sorted(path.stem for path in files) == sorted(_provinces())
    too_big = {path.stem: path.stat().st_size for path in files if path.stat().st_size > MAX_BYTES}
    assert too_big == {}


def test_yunnan_has_its_129_county_level_units_with_codes_and_names() -> None:
    features = _features("530000")
    assert len(features) == 129
    by_code = {feature["id"]: feature["properties"] for feature in features}
    assert by_code["532301"] == {"adcode": "532301", "name_zh": "楚雄市"}
    assert all(code.startswith("53") and len(code) == 6 and code.isdigit() for code in by_code)


@pytest.mark.parametrize("code", ["530000", "520000", "410000", "140000", "620000", "460000"])
def test_counties_tile_their_province_validly_with_clockwise_rings(code: str) -> None:
    geometries = [shape(feature["geometry"]) for feature in _features(code)]
    assert all(shapely.is_valid(geometries)) and shapely.coverage_is_valid(geometries)
    assert not any(shapely.is_ccw(part.exterior) for g in geometries for part in shapely.get_parts(g))
    province = _provinces()[code]
    union = shapely.union_all(geometries)
    # No holes where a county is missing (the province file is coarser, so allow a little).
    assert union.area >= 0.99 * province.area
    assert shapely.difference(union, province.buffer(0.1)).area < 0.001 * union.area


def test_a_prefecture_without_county_files_is_itself_a_unit() -> None:
    rows = [
        ("a/460100.geojson", "海南省", "海口市", None, "市"),
        ("a/460105.geojson", "海南省", "海口市", "秀英区", "区县"),
        ("a/460400.geojson", "海南省", "儋州市", None, "市"),
        ("a/460000.geojson", "海南省", None, None, "市"),
    ]
    assert county_units(rows) == {"海南省": [("460105", "秀英区"), ("460400", "儋州市")]}


def test_load_counties_reads_one_province_and_refuses_anything_else(tmp_path) -> None:
    import pytest as _pytest

    from dashboard.config import Settings
    from dashboard.data.errors import DataError
    from dashboard.geo import load_counties

    collection = load_counties(Settings().data_dir, "530000")
    assert collection["type"] == "FeatureCollection" and all(f["id"].startswith("53") for f in collection["features"])
    for code in ("../530000", "530102", "５３００００", "99"):
        with _pytest.raises(DataError, match="province-level code"):
            load_counties(Settings().data_dir, code)
    with _pytest.raises(DataError, match="missing"):
        load_counties(tmp_path, "530000")
