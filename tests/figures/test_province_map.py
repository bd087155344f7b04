"""The map builder: polygons once, a grey base for every unit, fixed colour range, patch paths."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.figures.map_content import CROWDED, colour_range, map_frame, map_labels, map_values, programme_roles
from dashboard.figures.province_map import (TRACE_BASE, TRACE_INSET_BASE, TRACE_INSET_LINE, TRACE_LABELS, TRACE_PILOT, TRACE_SELECTED,
                                            TRACE_STUDY, TRACE_VALUES, map_update, province_map,
                                            selection_update)
from dashboard.geo import label_points

GEOJSON_URL = "/geo/provinces.geojson"


@pytest.fixture(scope="module")
def figure(bundled_dataset):
    frame = map_frame(bundled_dataset, GEOJSON_URL, [[(110.0, 10.0), (111.0, 9.0)]], "zh")
    return province_map(frame, map_values(bundled_dataset, "urbanisation", 2010, "zh"), selected="530000")


def test_every_province_level_unit_is_drawn_grey_underneath(figure):
    base = figure.data[TRACE_BASE]
    assert len(base.locations) == 34
    assert {"710000", "810000", "820000"} <= set(base.locations)  # Taiwan, Hong Kong, Macao
    assert "无数据" in base.customdata[list(base.locations).index("710000")]


def test_values_trace_shows_value_unit_and_its_year_on_hover(figure):
    values = figure.data[TRACE_VALUES]
    yunnan = list(values.locations).index("530000")
    assert values.z[yunnan] == pytest.approx(34.7, abs=0.01)
    assert "云南省" in values.customdata[yunnan] and "2010年" in values.customdata[yunnan]
    assert "%" in values.customdata[yunnan]


def test_pilot_and_study_provinces_outlined_separately(figure):
    assert list(figure.data[TRACE_PILOT].locations) == ["530000"]
    assert set(figure.data[TRACE_STUDY].locations) == {"520000", "410000", "140000", "620000", "460000"}
    assert list(figure.data[TRACE_SELECTED].locations) == ["530000"]


def test_polygons_are_a_url_not_inlined_and_nothing_points_at_a_cdn(figure):
    text = figure.to_json()
    assert all(trace.geojson == GEOJSON_URL for trace in figure.data if trace.type == "choropleth")
    assert "cdn.plot.ly" not in text and len(text) < 60_000


def test_main_geo_keeps_full_domain_beside_the_inset(figure):
    assert figure.layout.geo.domain.x == (0, 1) and figure.layout.geo.domain.y == (0, 1)
    assert figure.layout.geo.visible is False and figure.layout.geo2.visible is False
    assert figure.data[TRACE_INSET_LINE].geo == "geo2"


def test_colour_range_is_fixed_across_years(bundled_dataset):
    a = map_values(bundled_dataset, "urbanisation", 2005, "zh")
    b = map_values(bundled_dataset, "urbanisation", 2020, "zh")
    assert (a.zmin, a.zmax) == (b.zmin, b.zmax) == colour_range(bundled_dataset, "urbanisation")


def test_missing_provinces_are_left_to_the_grey_base(bundled_dataset):
    values = map_values(bundled_dataset, "illiteracy_census", 2010, "en")
    assert 0 < len(values.area_codes) < 31  # a partial table: the rest shows "No data"


def test_chinese_colour_bar_uses_wan(bundled_dataset):
    values = map_values(bundled_dataset, "gdp_pc", 2010, "zh")
    assert any("万" in text for text in values.tick_text)


def test_update_touches_colours_and_hover_only(bundled_dataset):
    paths = map_update(map_values(bundled_dataset, "urbanisation", 2011, "en"))
    assert {path[1] for path in paths} == {TRACE_VALUES}
    assert not any("geojson" in path for path in paths)
    assert len(json.dumps({str(k): v for k, v in paths.items()}, ensure_ascii=False)) < 12_000
    assert selection_update(None) == {("data", TRACE_SELECTED, "locations"): [], ("data", TRACE_SELECTED, "z"): []}


def test_pilot_list_from_the_url_replaces_the_bundled_one(bundled_dataset):
    pilots, study = programme_roles(bundled_dataset, ["520000"])
    assert pilots == ["520000"] and "520000" not in study and "530000" not in study


def test_imported_values_are_marked_as_the_users_own(bundled_dataset):
    import pandas as pd

    from dashboard.data.importers.base import ImportedTable
    from dashboard.data.importers.upload import merge_import

    row = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2025, "value": 51.5,
           "subgroup": "total", "source_id": "USER-UPLOAD:mine.csv", "vintage": "user-upload",
           "flag": "official", "note": None}
    merged = merge_import(bundled_dataset, ImportedTable(observations=pd.DataFrame([row])))
    values = map_values(merged, "urbanisation", 2025, "en")
    assert values.area_codes == ["530000"] and "your imported data" in values.hover_text[0]


def test_a_chosen_pilot_list_is_not_called_the_sourced_one(bundled_dataset):
    chosen = map_frame(bundled_dataset, GEOJSON_URL, [], "en", pilots=["530000"])
    bundled = map_frame(bundled_dataset, GEOJSON_URL, [], "en")
    assert "since 2006" in bundled.pilot_label and "your selection" in chosen.pilot_label


# --- province names on the map ---------------------------------------------------------------
DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize(("lang", "yunnan", "inner_mongolia"), [("zh", "云南", "内蒙古"), ("en", "Yunnan", "Inner Mongolia")])
def test_short_province_names_at_their_label_points(bundled_dataset, lang, yunnan, inner_mongolia):
    points = label_points(DATA)
    frame = map_frame(bundled_dataset, GEOJSON_URL, [], lang, label_points=points)
    labels = province_map(frame, map_values(bundled_dataset, "urbanisation", 2010, lang)).data[TRACE_LABELS]
    assert labels.mode == "text" and labels.hoverinfo == "skip"  # clicks reach the province below
    names = list(labels.text)
    assert yunnan in names and inner_mongolia in names
    at = names.index(yunnan)
    assert (labels.lon[at], labels.lat[at]) == points["530000"]
    # crowded units (Beijing, Tianjin, Shanghai, Hong Kong, Macao) are left to the hover
    assert len(names) == 34 - len(CROWDED)
    assert not {bundled_dataset.area_name(code, lang) for code in CROWDED} & set(names)


def test_no_label_points_no_names(bundled_dataset):
    assert map_labels(bundled_dataset, None, "zh") == []
    frame = map_frame(bundled_dataset, GEOJSON_URL, [], "zh")
    assert list(province_map(frame, map_values(bundled_dataset, "urbanisation", 2010, "zh")).data[TRACE_LABELS].text or []) == []


def test_inset_draws_every_island_the_main_map_leaves_out(bundled_dataset):
    from dashboard.geo import load_provinces

    full = load_provinces(DATA)
    frame = map_frame(bundled_dataset, full, [], "zh")
    figure = province_map(frame, map_values(bundled_dataset, "urbanisation", 2010, "zh"), selected="460000")
    assert figure.data[TRACE_INSET_BASE].geojson == full
    main = figure.data[TRACE_BASE].geojson
    assert len(next(f for f in main["features"] if f["id"] == "460000")["geometry"]["coordinates"]) < len(
        next(f for f in full["features"] if f["id"] == "460000")["geometry"]["coordinates"])
    assert figure.data[TRACE_SELECTED].geojson == main
    # in the browser both are URLs: the main map's own and the full file's
    frame = map_frame(bundled_dataset, "/geo/provinces.geojson", [], "zh", main_geojson="/geo/provinces-main.geojson")
    assert frame.geojson == "/geo/provinces-main.geojson" and frame.inset_geojson == "/geo/provinces.geojson"
