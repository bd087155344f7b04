"""The trend chart: the province, the nation and its region, with flags and an honest empty state."""
from __future__ import annotations

from dashboard.figures.trend import TrendLine, trend_figure
from dashboard.figures.trend_content import trend_lines, trend_source


def test_province_line_with_region_average(bundled_dataset):
    lines, rows = trend_lines(bundled_dataset, "urbanisation", "530000", "zh")
    names = [line.name for line in lines]
    assert names[0] == "云南省"
    assert any("西部" in name and "人口" in name for name in names)  # says it is population-weighted
    yunnan = lines[0]
    assert yunnan.values[yunnan.years.index(2010)] == 34.7
    assert "数据来源" in trend_source(bundled_dataset, rows, "zh")


def test_national_line_where_the_dataset_has_one(bundled_dataset):
    lines, _ = trend_lines(bundled_dataset, "life_expectancy", "540000", "en")
    national = [line for line in lines if line.role == "national"]
    assert national and 2010 in national[0].years


def test_nothing_selected_shows_the_four_regions(bundled_dataset):
    lines, _ = trend_lines(bundled_dataset, "urbanisation", None, "en")
    assert {line.role for line in lines} >= {"region_east", "region_central", "region_west", "region_northeast"}


def test_derived_points_are_drawn_hollow(bundled_dataset):
    lines, _ = trend_lines(bundled_dataset, "gdp_pc", "520000", "en")
    trace = trend_figure(lines, title="t", y_title="y", empty_text="none").data[0]
    flagged = lines[0].flagged
    assert any(flagged) and [s.endswith("-open") for s in trace.marker.symbol] == list(flagged)


def test_empty_chart_says_so():
    fig = trend_figure([TrendLine("x", [], [], [])], title="t", y_title="y", empty_text="No data to show")
    assert fig.layout.annotations[0].text == "No data to show"
