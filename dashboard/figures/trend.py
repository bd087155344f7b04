"""The trend chart: one province's series beside the national series and its region's mean."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.axes import worded_axis


@dataclass(frozen=True)
class TrendLine:
    name: str
    years: Sequence[int]
    values: Sequence[float | None]
    hover_text: Sequence[str]
    role: str = "area"                 # area | national | region
    flagged: Sequence[bool] = ()       # derived or modelled points drawn hollow


@dataclass(frozen=True)
class TargetMark:
    """A framework target on the trend chart: a dashed level up to the target year, ending in a
    marker at (target_year, value); a band draws both ends. Text is translated by the caller."""

    label: str
    target_year: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    hover: str = ""


_TARGET_COLOUR = theme.SERIES[1]

_STYLE = {
    "area": dict(color=theme.SERIES[0], width=3, dash="solid", symbol="circle"),
    "national": dict(color=theme.INK, width=2, dash="dash", symbol="diamond"),
    "region": dict(color=theme.SERIES[2], width=2, dash="dot", symbol="square"),
    # all four regions at once (nothing selected): solid lines, one colour each
    "region_east": dict(color=theme.SERIES[0], width=2.5, dash="solid", symbol="circle"),
    "region_central": dict(color=theme.SERIES[4], width=2.5, dash="solid", symbol="square"),
    "region_west": dict(color=theme.SERIES[1], width=2.5, dash="solid", symbol="diamond"),
    "region_northeast": dict(color=theme.SERIES[3], width=2.5, dash="solid", symbol="triangle-up"),
}


def _target_traces(targets: Sequence[TargetMark], start: int) -> list[dict[str, Any]]:
    traces = []
    for mark in targets:
        levels = [v for v in (mark.low, mark.high) if v is not None] if mark.value is None else [mark.value]
        for i, level in enumerate(levels):
            traces.append(dict(
                type="scatter",
                x=[min(start, mark.target_year), mark.target_year], y=[level, level], name=mark.label,
                mode="lines+markers", legendgroup=f"target-{mark.label}", showlegend=i == 0,
                line=dict(color=_TARGET_COLOUR, width=2, dash="longdash"),
                marker=dict(symbol=["line-ns", "star"], size=[1, 14], color=_TARGET_COLOUR),
                customdata=[mark.hover or mark.label] * 2, hovertemplate="%{customdata}<extra></extra>",
            ))
    return traces


def _line_trace(line: TrendLine) -> dict[str, Any]:
    style = _STYLE.get(line.role, _STYLE["area"])
    hollow = list(line.flagged) if line.flagged else [False] * len(line.years)
    return dict(
        type="scatter",
        x=list(line.years), y=list(line.values), name=line.name, mode="lines+markers",
        connectgaps=False,
        line=dict(color=style["color"], width=style["width"], dash=style["dash"]),
        marker=dict(symbol=[f"{style['symbol']}{'-open' if h else ''}" for h in hollow], size=8,
                    color=style["color"], line=dict(width=2, color=style["color"])),
        customdata=list(line.hover_text), hovertemplate="%{customdata}<extra></extra>",
    )


def trend_spec(lines: Sequence[TrendLine], *, title: str, y_title: str, empty_text: str,
               selected_year: int | None = None, lang: str = "en",
               targets: Sequence[TargetMark] = ()) -> dict[str, Any]:
    """The trend chart as a figure dict (data, layout), built in one go: go.Figure validates it
    once, where adding traces and updating the layout piece by piece validated and copied the
    template at every step (~3/4 of a province click's figure time)."""
    data = [_line_trace(line) for line in lines]
    has_points = any(v is not None for line in lines for v in line.values)
    if has_points and targets:
        data.extend(_target_traces(targets, min(y for line in lines for y in line.years)))
    yaxis: dict[str, Any] = dict(title=dict(text=y_title), rangemode="tozero")
    xaxis: dict[str, Any] = dict(tickformat="d")
    layout: dict[str, Any] = dict(template=theme.TEMPLATE, title=dict(text=title), height=400,
                                  yaxis=yaxis, xaxis=xaxis, hovermode="closest")
    target_levels = [v for m in targets for v in (m.value, m.low, m.high) if v is not None] if has_points else []
    worded = worded_axis([*(v for line in lines for v in line.values), *target_levels], y_title or "", lang)
    if "title_text" in worded:
        yaxis["title"] = dict(text=worded.pop("title_text"))
    yaxis.update(worded)
    if selected_year is not None:
        # Always present (hidden on an empty chart) so a year change can move it by Patch.
        layout["shapes"] = [dict(type="line", x0=selected_year, x1=selected_year, xref="x", y0=0, y1=1,
                                 yref="y domain", line=dict(color=theme.MUTED, width=1, dash="dot"),
                                 visible=has_points)]
    if not has_points:
        layout["annotations"] = [dict(text=empty_text, x=0.5, y=0.5, xref="paper", yref="paper",
                                      showarrow=False, font=dict(size=15, color=theme.MUTED))]
        xaxis["visible"] = False
        yaxis["visible"] = False
    return dict(data=data, layout=layout)


def trend_figure(lines: Sequence[TrendLine], *, title: str, y_title: str, empty_text: str,
                 selected_year: int | None = None, lang: str = "en",
                 targets: Sequence[TargetMark] = ()) -> go.Figure:
    return go.Figure(trend_spec(lines, title=title, y_title=y_title, empty_text=empty_text,
                                selected_year=selected_year, lang=lang, targets=targets))


def year_marker_update(selected_year: int) -> dict[tuple, object]:
    """Paths to move the selected-year marker (the only part of the chart a year change touches)."""
    return {("layout", "shapes", 0, "x0"): selected_year, ("layout", "shapes", 0, "x1"): selected_year}
