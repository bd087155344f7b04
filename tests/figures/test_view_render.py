"""The view-state renderer that the presenter screen, downloads and the deck CLI share."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.view_render import canonical_query, file_stem, render_view, view_data, view_title
from dashboard.state import parse_query

GEO = {"type": "FeatureCollection", "features": []}


def test_a_province_view_stands_for_its_trend_and_a_national_one_for_the_map(bundled_dataset) -> None:
    province = render_view(bundled_dataset, "?ind=gdp_pc&year=2010&area=530000", "zh", geojson=GEO, south_china_sea=[])
    national = render_view(bundled_dataset, "?ind=gdp_pc&year=2010", "en", geojson=GEO, south_china_sea=[])
    assert province.chart == "trend" and province.figure() is province.trend_figure
    assert national.chart == "map" and national.figure() is national.map_figure
    assert isinstance(province.map_figure, go.Figure)
    assert province.title.startswith("云南省") and "2010" in province.title
    assert national.title.endswith("2010") and "GDP per capita" in national.title
    assert province.source().startswith("数据来源") and national.source().startswith("Source")


def test_the_map_image_gets_a_title_and_keeps_the_selection(bundled_dataset) -> None:
    view = render_view(bundled_dataset, "?ind=gdp_pc&year=2010&area=530000", "en", geojson=GEO, south_china_sea=[])
    assert "2010" in view.map_figure.layout.title.text
    assert list(view.map_figure.data[4].locations) == ["530000"]


def test_view_data_holds_only_observed_rows_and_their_sources(bundled_dataset) -> None:
    frame, sources = view_data(bundled_dataset, "?ind=gdp_pc&year=2010&area=530000", "zh")
    assert set(frame["indicator_id"]) == {"gdp_pc"}
    year_rows = frame[frame["year"] == 2010]
    assert "530000" in set(year_rows["area_code"]) and len(year_rows) >= 30
    assert len(frame[frame["area_code"] == "530000"]) > 1  # the province's whole series
    assert frame["value"].notna().all()
    assert set(frame["source_id"]) == set(sources["source_id"])
    assert (frame.loc[frame["area_code"] == "530000", "area_name"] == "云南省").all()


def test_canonical_query_drops_the_language_and_can_name_the_view(bundled_dataset) -> None:
    query = canonical_query("?lang=en&view=present&ind=gdp_pc&year=2010", bundled_dataset, view="map")
    state, notices = parse_query(query, bundled_dataset)
    assert notices == [] and state.lang is None and state.view == "map" and state.year == 2010


def test_unknown_values_fall_back_like_the_app_and_file_names_are_ascii(bundled_dataset) -> None:
    state, _ = parse_query("?ind=nonsense&area=zz", bundled_dataset)
    assert view_title(bundled_dataset, state, "en")
    assert file_stem(bundled_dataset, "?ind=gdp_pc&year=2010&area=530000") == "gdp_pc-2010-530000"
    assert file_stem(bundled_dataset, "?ind=<script>").isascii()


def test_a_county_of_the_county_map_exports_as_its_province(bundled_dataset) -> None:
    from dashboard.figures.view_render import view_state

    assert view_state("?view=map&drill=530000&area=532301", bundled_dataset).area_code == "530000"


def test_a_saved_county_link_keeps_the_county_map_and_the_county(bundled_dataset) -> None:
    query = canonical_query("?lang=zh&view=map&drill=530000&area=530102&cind=county_urbanisation_census",
                            bundled_dataset)
    state, notices = parse_query(query, bundled_dataset)
    assert notices == [] and state.lang is None and state.area_code == "530102"
    assert ("drill", "530000") in state.extras and ("cind", "county_urbanisation_census") in state.extras
    # Moved to a province-level view, the county stands for its province.
    moved, _ = parse_query(canonical_query(query, bundled_dataset, view="gaps"), bundled_dataset)
    assert moved.view == "gaps" and moved.area_code == "530000"
