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


def test_target_marks_draw_a_level_to_the_target_year_and_a_band_as_two_lines():
    from dashboard.figures.trend import TargetMark

    line = TrendLine(name="A", years=[2000, 2010], values=[30.0, 40.0], hover_text=["a", "b"])
    fig = trend_figure([line], title="t", y_title="%", empty_text="none", selected_year=2010, targets=[
        TargetMark(label="Target 60 by 2020", target_year=2020, value=60.0),
        TargetMark(label="Band 3–6 by 2020", target_year=2020, low=3.0, high=6.0),
    ])
    target = [tr for tr in fig.data if tr.name == "Target 60 by 2020"]
    assert len(target) == 1 and list(target[0].x) == [2000, 2020] and list(target[0].y) == [60.0, 60.0]
    band = [tr for tr in fig.data if tr.name == "Band 3–6 by 2020"]
    assert [list(tr.y) for tr in band] == [[3.0, 3.0], [6.0, 6.0]] and [tr.showlegend for tr in band] == [True, False]
    assert fig.layout.shapes[0].x0 == 2010  # the year marker stays shape 0 (patched on a year change)
    assert max(fig.layout.yaxis.tickvals) >= 60  # the axis reaches the target
    empty = trend_figure([], title="t", y_title="%", empty_text="none", targets=[TargetMark("x", 2020, 1.0)])
    assert not empty.data  # no target drawn on a chart without data
