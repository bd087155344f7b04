"""Gap bars: the 0-to-target scale, the reference-path tick, and rows that must not be drawn."""
from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.figures.gap_bars import (
    PACE_LIMIT, PaceBar, PaceBarLabels, pace_bars_figure, pace_share,
    SHARE_MAX, STATUS_COLOURS, GapBar, GapBarLabels, expected_share, gap_bars_figure, latest_share,
)
from dashboard.figures.theme import TEMPLATE

LABELS = GapBarLabels(baseline="Baseline", target="Target", expected="Reference path", x_title="Share", empty="Nothing")


def bar(**kw) -> GapBar:
    base = dict(label="Urban population share", status="off_track", status_text="Off track", baseline=29.5,
                baseline_year=2005, latest=34.7, latest_year=2010, target=60.0, target_year=2020)
    base.update(kw)
    return GapBar(**base)


def test_latest_share_is_the_distance_travelled() -> None:
    assert latest_share(bar()) == pytest.approx((34.7 - 29.5) / (60 - 29.5))
    # reverse indicators work the same way: falling towards a lower target is progress
    assert latest_share(bar(baseline=61.0, latest=30.5, target=20.3)) == pytest.approx(30.5 / 40.7)


def test_expected_share_linear_and_geometric() -> None:
    assert expected_share(bar()) == pytest.approx(5 / 15)
    geo = bar(baseline=61.0, latest=40.0, baseline_year=1990, latest_year=2000, target=61 / 3, target_year=2015,
              path="geometric")
    value = 61.0 * (1 / 3) ** (10 / 25)
    assert expected_share(geo) == pytest.approx((value - 61.0) / (61 / 3 - 61.0))
    # past the target year the path has arrived: the tick sits on the target
    assert expected_share(bar(latest_year=2024)) == 1.0


@pytest.mark.parametrize("changes", [
    dict(status="insufficient_data"),               # e.g. not comparable: values exist but must not be drawn
    dict(target=None),
    dict(latest_year=2005, latest=29.5),            # one year only
    dict(target=29.5),                              # baseline already equals the target
    dict(baseline=None),
])
def test_rows_that_cannot_be_drawn_have_no_share(changes) -> None:
    assert latest_share(bar(**changes)) is None
    assert expected_share(bar(**changes)) is None


def test_figure_draws_one_bar_per_drawable_row_with_status_text() -> None:
    rows = [bar(), bar(label="Life expectancy", status="on_track", status_text="On track", baseline=63.5,
                       latest=69.5, target=75.0, baseline_year=1990),
            bar(label="Malaria", status="insufficient_data", status_text="Insufficient data",
                empty_text="Insufficient data · No numeric target")]
    figure = gap_bars_figure(rows, LABELS)
    assert isinstance(figure, go.Figure)
    assert figure.layout.template == TEMPLATE
    bars, ticks = figure.data
    words = [a.text for a in figure.layout.annotations]
    assert words[:2] == ["Off track", "On track"]                  # status in words, not colour alone
    assert list(bars.marker.color) == [STATUS_COLOURS["off_track"], STATUS_COLOURS["on_track"]]
    assert len(ticks.x) == 2 and ticks.name == "Reference path"
    assert list(figure.layout.yaxis.ticktext) == ["Urban population share", "Life expectancy", "Malaria"]
    assert words[2:] == ["Insufficient data · No numeric target"]
    assert any(shape.x0 == 1 for shape in figure.layout.shapes)  # the target line


def test_far_beyond_target_is_clipped_but_hover_keeps_values() -> None:
    figure = gap_bars_figure([bar(status="met", latest=200.0, hover="latest 200")], LABELS)
    assert figure.data[0].x[0] == SHARE_MAX
    assert figure.data[0].hovertext[0] == "latest 200"


def test_no_rows_says_so() -> None:
    figure = gap_bars_figure([], LABELS)
    assert not figure.data and figure.layout.annotations[0].text == "Nothing"


def test_figure_is_json_safe() -> None:
    figure = gap_bars_figure([bar()], LABELS)
    for value in (*figure.data[0].x, *figure.data[1].x):
        assert math.isfinite(value)
    figure.to_json()


# --- pace bars: rows judged by their trend ---------------------------------------------------

PACE_LABELS = PaceBarLabels(x_title="change a year", better="improving", worse="worsening", empty="Nothing")


def test_pace_bars_draw_assessed_trends_only() -> None:
    bars = [PaceBar("HIV", "regressing", "Regressing", pace=-0.08), PaceBar("Forest", "met", "Met", pace=0.012),
            PaceBar("Water", "insufficient_data", "Too little data", pace=None),
            PaceBar("Odd", "on_track", "On track", pace=float("nan"))]
    figure = pace_bars_figure(bars, PACE_LABELS)
    trace = figure.data[0]
    assert list(figure.layout.yaxis.ticktext) == ["HIV", "Forest"]
    assert list(trace.x) == pytest.approx([-0.08, 0.012])
    assert list(trace.marker.color) == [STATUS_COLOURS["regressing"], STATUS_COLOURS["met"]]
    words = [a.text for a in figure.layout.annotations]
    assert "Regressing" in words and "Met" in words and "Too little data" not in words


def test_pace_bars_without_a_trend_say_so() -> None:
    figure = pace_bars_figure([PaceBar("Water", "insufficient_data", "Too little data")], PACE_LABELS)
    assert not figure.data
    assert figure.layout.annotations[0].text == "Nothing"


@settings(deadline=None)
@given(st.floats(-10, 10, allow_nan=False))
def test_pace_bars_stay_on_the_axis_and_keep_the_sign(pace: float) -> None:
    figure = pace_bars_figure([PaceBar("x", "on_track", "On track", pace=pace, hover=f"{pace}")], PACE_LABELS)
    drawn = figure.data[0].x[0]
    assert -PACE_LIMIT <= drawn <= PACE_LIMIT
    assert (drawn > 0) == (pace > 0) and (drawn < 0) == (pace < 0)
    assert figure.data[0].hovertext[0] == f"{pace}"  # the true pace stays in the hover
    assert pace_share(PaceBar("x", "on_track", "", pace=pace)) == pace
