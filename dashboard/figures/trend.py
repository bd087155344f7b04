"""The trend chart: one province's series beside the national series and its region's mean."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.axes import word_value_axis


@dataclass(frozen=True)
class TrendLine:
    name: str
    years: Sequence[int]
    values: Sequence[float | None]
    hover_text: Sequence[str]
    role: str = "area"                 # area | national | region
    flagged: Sequence[bool] = ()       # derived or modelled points drawn hollow


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


def trend_figure(lines: Sequence[TrendLine], *, title: str, y_title: str, empty_text: str,
                 selected_year: int | None = None, lang: str = "en") -> go.Figure:
    fig = go.Figure()
    for line in lines:
        style = _STYLE.get(line.role, _STYLE["area"])
        hollow = list(line.flagged) if line.flagged else [False] * len(line.years)
        fig.add_trace(go.Scatter(
            x=list(line.years), y=list(line.values), name=line.name, mode="lines+markers",
            connectgaps=False,
            line=dict(color=style["color"], width=style["width"], dash=style["dash"]),
            marker=dict(symbol=[style["symbol"] + ("-open" if h else "") for h in hollow], size=8,
                        color=style["color"], line=dict(width=2, color=style["color"])),
            customdata=list(line.hover_text), hovertemplate="%{customdata}<extra></extra>",
        ))
    has_points = any(v is not None for line in lines for v in line.values)
    fig.update_layout(template=theme.TEMPLATE, title=dict(text=title), height=400,
                      yaxis=dict(title=dict(text=y_title), rangemode="tozero"),
                      xaxis=dict(dtick=None, tickformat="d"), hovermode="closest")
    word_value_axis(fig, (v for line in lines for v in line.values), lang)
    if selected_year is not None:
        # Always present (hidden on an empty chart) so a year change can move it by Patch.
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"), visible=has_points)

    if not has_points:
        fig.add_annotation(text=empty_text, x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font=dict(size=15, color=theme.MUTED))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


def year_marker_update(selected_year: int) -> dict[tuple, object]:
    """Paths to move the selected-year marker (the only part of the chart a year change touches)."""
    return {("layout", "shapes", 0, "x0"): selected_year, ("layout", "shapes", 0, "x1"): selected_year}
