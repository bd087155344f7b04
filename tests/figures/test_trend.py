"""The trend chart: the province, the nation and its region, with flags and an honest empty state."""
from __future__ import annotations

import json

import pytest

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


# --- the figure built as one dict equals the one built trace by trace (as it was until the
# --- dict build replaced it for speed): same JSON for the cases the views draw -------------------
def _reference_figure(lines, *, title, y_title, empty_text, selected_year=None, lang="en", targets=()):
    """The trace-by-trace build (go.Figure, add_trace, update_layout, add_vline) kept as the oracle."""
    import plotly.graph_objects as go

    from dashboard.figures import theme
    from dashboard.figures.axes import word_value_axis
    from dashboard.figures.trend import _STYLE, _TARGET_COLOUR

    fig = go.Figure()
    for line in lines:
        style = _STYLE.get(line.role, _STYLE["area"])
        hollow = list(line.flagged) if line.flagged else [False] * len(line.years)
        fig.add_trace(go.Scatter(
            x=list(line.years), y=list(line.values), name=line.name, mode="lines+markers", connectgaps=False,
            line=dict(color=style["color"], width=style["width"], dash=style["dash"]),
            marker=dict(symbol=[f"{style['symbol']}{'-open' if h else ''}" for h in hollow], size=8,
                        color=style["color"], line=dict(width=2, color=style["color"])),
            customdata=list(line.hover_text), hovertemplate="%{customdata}<extra></extra>"))
    has_points = any(v is not None for line in lines for v in line.values)
    if has_points and targets:
        start = min(y for line in lines for y in line.years)
        for mark in targets:
            levels = [v for v in (mark.low, mark.high) if v is not None] if mark.value is None else [mark.value]
            for i, level in enumerate(levels):
                fig.add_trace(go.Scatter(
                    x=[min(start, mark.target_year), mark.target_year], y=[level, level], name=mark.label,
                    mode="lines+markers", legendgroup=f"target-{mark.label}", showlegend=i == 0,
                    line=dict(color=_TARGET_COLOUR, width=2, dash="longdash"),
                    marker=dict(symbol=["line-ns", "star"], size=[1, 14], color=_TARGET_COLOUR),
                    customdata=[mark.hover or mark.label] * 2, hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(template=theme.TEMPLATE, title=dict(text=title), height=400,
                      yaxis=dict(title=dict(text=y_title), rangemode="tozero"),
                      xaxis=dict(dtick=None, tickformat="d"), hovermode="closest")
    target_levels = [v for m in targets for v in (m.value, m.low, m.high) if v is not None] if has_points else []
    word_value_axis(fig, [*(v for line in lines for v in line.values), *target_levels], lang)
    if selected_year is not None:
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"), visible=has_points)
    if not has_points:
        fig.add_annotation(text=empty_text, x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font=dict(size=15, color=theme.MUTED))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


@pytest.mark.parametrize(("indicator_id", "area_code", "lang"), [
    ("urbanisation", "530000", "zh"), ("urbanisation", None, "en"), ("gdp_pc", "520000", "en"),
    ("gdp", "440000", "en"), ("life_expectancy", "540000", "zh"), ("population", "110000", "en"),
])
def test_dict_build_draws_the_same_figure_as_the_trace_by_trace_build(bundled_dataset, indicator_id, area_code, lang):
    from dashboard.figures.trend import TargetMark
    from dashboard.figures.trend_content import y_axis_title

    lines, _ = trend_lines(bundled_dataset, indicator_id, area_code, lang)
    for year, targets in ((2010, ()), (None, ()), (2015, (TargetMark("T", 2020, 1e9, hover="h"),
                                                           TargetMark("B", 2020, low=3.0, high=6.0)))):
        kwargs = dict(title="t", y_title=y_axis_title(bundled_dataset, indicator_id, lang), empty_text="none",
                      selected_year=year, lang=lang, targets=targets)
        assert json.loads(trend_figure(lines, **kwargs).to_json()) == json.loads(_reference_figure(lines, **kwargs).to_json())
    for empty in ([], [TrendLine("x", [], [], [])]):
        kwargs = dict(title="t", y_title="%", empty_text="none", selected_year=2010, lang=lang)
        assert json.loads(trend_figure(empty, **kwargs).to_json()) == json.loads(_reference_figure(empty, **kwargs).to_json())
