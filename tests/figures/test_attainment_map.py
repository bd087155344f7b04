"""The fast per-area path agrees with analysis.compute_attainment on any small dataset, and the
partial layer is drawn apart from the strict colours (faded, hatched, with a text legend)."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings, strategies as st

from dashboard.analysis.attainment import compute_attainment
from dashboard.figures.attainment_map import (
    PartialLayer, add_partial_layer, attainment_by_area, attainment_map_values, hatch_grid,
)
from tests.analysis.builders import FakeFrameworks, make_dataset

INDICATORS = {"gdp_pc_2000prices": ("true", "none"), "urbanisation": ("true", "none"), "u5mr": ("false", "none"),
              "unemployment": ("", "none")}
ITEMS = [
    {"framework_id": "nbs2008", "item_id": "gdp", "domain_id": "economic", "direction": "positive", "target": 31_400,
     "weight": 12, "indicator_id": "gdp_pc_2000prices", "price_basis": "constant_2000"},
    {"framework_id": "nbs2008", "item_id": "urb", "domain_id": "economic", "direction": "positive", "target": 60,
     "weight": 5, "indicator_id": "urbanisation"},
    {"framework_id": "nbs2008", "item_id": "unemp", "domain_id": "economic", "direction": "interval",
     "target_low": 3, "target_high": 6, "bound_low": 1, "bound_high": 10, "weight": 4, "indicator_id": "unemployment"},
    {"framework_id": "nbs2008", "item_id": "u5mr", "domain_id": "life", "direction": "reverse", "target": 12,
     "weight": 2, "indicator_id": "u5mr"},
    {"framework_id": "nbs2008", "item_id": "gini", "domain_id": "social", "direction": "interval", "target_high": 0.4,
     "weight": 2, "indicator_id": None},
    {"framework_id": "nbs2008", "item_id": "school", "domain_id": "culture", "direction": "positive", "target": 10.5,
     "weight": 10, "indicator_id": None},
]
AREAS = ("530000", "520000", "410000", "100000")
cell = st.one_of(st.none(), st.floats(min_value=0.1, max_value=50_000, allow_nan=False))


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.tuples(cell, cell, cell, cell), min_size=len(AREAS), max_size=len(AREAS)),
       year=st.sampled_from([2005, 2010]))
def test_fast_path_agrees_with_compute_attainment(values, year):
    rows = []
    for area, (gdp, urb, unemp, u5mr) in zip(AREAS, values):
        for indicator, value in (("gdp_pc_2000prices", gdp), ("urbanisation", urb), ("unemployment", unemp),
                                 ("u5mr", u5mr)):
            if value is not None:
                rows.append((area, indicator, year, value))
        rows.append((area, "urbanisation", year - 1, 99.0))  # another year never leaks in
    ds = make_dataset(rows, INDICATORS)
    fw = FakeFrameworks(ITEMS)
    fast = attainment_by_area(ds, fw, "nbs2008", year, list(AREAS))
    for area in AREAS:
        assert fast[area] == compute_attainment(ds, fw, area, year)


def test_economic_domain_on_the_map_while_the_overall_index_is_partial():
    ds = make_dataset([("530000", "gdp_pc_2000prices", 2010, 15_700), ("530000", "urbanisation", 2010, 36),
                       ("530000", "unemployment", 2010, 4.2)], INDICATORS)
    results = attainment_by_area(ds, FakeFrameworks(ITEMS), "nbs2008", 2010, ["530000"])
    economic, _, none = attainment_map_values(ds, results, "economic", "attainment", 2010, "en")
    # (12 * 0.5 + 5 * 0.6 + 4 * 1) / 21, all of the domain's weight measured
    assert list(economic.area_codes) == ["530000"] and economic.values[0] == pytest.approx(100 * 13 / 21, abs=0.01)
    assert list(none.area_codes) == []
    # overall: 21 of 35 = 60% of the weight: no index, a partial one in partial mode
    assert results["530000"].weight_coverage == pytest.approx(21 / 35) and results["530000"].overall is None
    overall, _, partial = attainment_map_values(ds, results, None, "attainment", 2010, "en", "partial")
    assert list(overall.area_codes) == [] and list(partial.area_codes) == ["530000"]
    assert partial.values[0] == pytest.approx(100 * 13 / 21, abs=0.01)
    assert "measured: 60% of the weight" in partial.hover_text[0]


def test_partial_province_goes_to_the_partial_layer_only_in_partial_mode():
    ds = make_dataset([("530000", "urbanisation", 2010, 30)], INDICATORS)
    results = attainment_by_area(ds, FakeFrameworks(ITEMS), "nbs2008", 2010, ["530000"])
    values, _, layer = attainment_map_values(ds, results, None, "attainment", 2010, "en", "partial")
    assert list(values.area_codes) == [] and list(layer.area_codes) == ["530000"]
    assert layer.values == [50.0]
    assert "Partial index 50.0% · measured: 14% of the weight" in layer.hover_text[0]  # 5 of 35
    _, _, strict = attainment_map_values(ds, results, None, "attainment", 2010, "en")
    assert list(strict.area_codes) == []


SQUARE = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": "1", "properties": {"adcode": "1"}, "geometry": {"type": "Polygon", "coordinates": [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]}},
    {"type": "Feature", "id": "2", "properties": {"adcode": "2"}, "geometry": {"type": "MultiPolygon", "coordinates": [
        [[[10, 10], [10.2, 10], [10.2, 10.2], [10, 10]]]]}},
]}


def test_hatch_grid_keeps_points_inside_and_out_of_holes():
    grid = hatch_grid(SQUARE, step=1.0)
    lons, lats = grid["1"]
    points = set(zip(lons, lats))
    assert (0.5, 0.5) in points and (3.5, 3.5) in points
    assert (1.5, 1.5) not in points and (2.5, 2.5) not in points  # the hole
    assert len(points) == 12  # 16 cells minus the 4 in the hole
    assert grid["2"] == ([10], [10])  # smaller than a step: still marked


def test_partial_layer_is_appended_faded_hatched_and_legended():
    fig = go.Figure([go.Choropleth()])
    add_partial_layer(fig, SQUARE, PartialLayer(["1"], [40.0], ["hover"]), hatch_grid(SQUARE, 1.0), "▨ partial")
    base, layer, hatch = fig.data
    assert layer.name == "partial" and list(layer.locations) == ["1"] and layer.marker.opacity < 1
    assert layer.showscale is False  # never a second colour bar
    assert hatch.name == "partial-hatch" and hatch.marker.symbol == "line-ne" and len(hatch.lon) == 12
    assert fig.layout.annotations[0].text == "▨ partial"
    empty = go.Figure([go.Choropleth()])
    assert len(add_partial_layer(empty, SQUARE, PartialLayer(), {}, "x").data) == 1
