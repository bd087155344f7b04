"""Gap bars: how far each indicator has travelled from its baseline towards its target.

Indicators have different units, so every row is drawn on one shared scale: 0 = the baseline,
1 = the target (the UN MDG progress chart's reading, research/anchors.md §A.3). The bar runs
from the baseline to the latest value; a tick marks where the reference path (linear, or
geometric for relative targets: see dashboard.analysis.progress) says the series should be in
the latest year. A bar shorter than its tick is behind the pace. Rows that cannot be assessed
get no bar, only their explanation, so the chart never suggests a value we do not have.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.theme import GRID, INK, MUTED, TEMPLATE

# Status colours (text always accompanies them). TODO(lead): move to dashboard.figures.theme.
STATUS_COLOURS = {
    "met": "#15803d",
    "on_track": "#2563eb",
    "off_track": "#d97706",
    "regressing": "#b91c1c",
    "insufficient_data": "#9aa5b1",
}
# Darker shades for status words on white (readable contrast on a projector).
STATUS_TEXT_COLOURS = {
    "met": "#14532d",
    "on_track": "#1e3a8a",
    "off_track": "#92400e",
    "regressing": "#7f1d1d",
    "insufficient_data": "#3e4c59",
}
ASSESSED = ("met", "on_track", "off_track", "regressing")
# Shares beyond these are drawn at the edge (the hover gives the true value).
SHARE_MIN, SHARE_MAX = -0.5, 1.5
ROW_HEIGHT = 34


@dataclass(frozen=True)
class GapBar:
    """One row, already translated by the caller (figures never look up text)."""

    label: str
    status: str
    status_text: str
    baseline: float | None = None
    baseline_year: int | None = None
    latest: float | None = None
    latest_year: int | None = None
    target: float | None = None
    target_year: int | None = None
    path: str = "linear"
    hover: str = ""
    empty_text: str = ""   # shown instead of a bar when the row cannot be drawn


@dataclass(frozen=True)
class GapBarLabels:
    baseline: str
    target: str
    expected: str          # legend/hover name of the reference-path tick
    x_title: str
    empty: str             # the figure's text when there are no rows at all


def latest_share(bar: GapBar) -> float | None:
    """Distance travelled: (latest − baseline) / (target − baseline); None when not drawable."""
    if bar.status not in ASSESSED:
        return None
    if (bar.baseline is None or bar.latest is None or bar.target is None or bar.baseline_year is None
            or bar.latest_year is None):
        return None
    if bar.latest_year <= bar.baseline_year or bar.target == bar.baseline:
        return None
    return (bar.latest - bar.baseline) / (bar.target - bar.baseline)


def expected_share(bar: GapBar) -> float | None:
    """Where the reference path is in the latest year, on the same 0-to-target scale."""
    if (latest_share(bar) is None or bar.target_year is None or bar.baseline_year is None
            or bar.target_year <= bar.baseline_year):
        return None
    # latest_share checked these (asserted for mypy, which cannot see through the call).
    assert bar.baseline is not None and bar.target is not None and bar.latest_year is not None
    elapsed = min(1.0, (bar.latest_year - bar.baseline_year) / (bar.target_year - bar.baseline_year))
    if bar.path == "geometric" and bar.baseline > 0 and bar.target > 0:
        value = bar.baseline * (bar.target / bar.baseline) ** elapsed
        return (value - bar.baseline) / (bar.target - bar.baseline)
    return elapsed


def _clip(share: float) -> float:
    return max(SHARE_MIN, min(SHARE_MAX, share))


def gap_bars_figure(bars: Sequence[GapBar], labels: GapBarLabels) -> go.Figure:
    """A horizontal bar per row (top row first), target line at 1, reference-path ticks."""
    figure = go.Figure(layout=dict(template=TEMPLATE))
    if not bars:
        figure.add_annotation(text=labels.empty, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                              font=dict(color=MUTED))
        figure.update_layout(height=160, xaxis=dict(visible=False), yaxis=dict(visible=False))
        return figure
    # Row positions as numbers (labels may repeat, e.g. U5MR in MDG and Xiaokang): top row = n-1.
    n = len(bars)
    ys = [n - 1 - i for i in range(n)]
    shares = [latest_share(bar) for bar in bars]
    drawn = [i for i, share in enumerate(shares) if share is not None]
    figure.add_trace(go.Bar(
        orientation="h", y=[ys[i] for i in drawn], x=[_clip(share) for share in shares if share is not None], base=0,
        marker=dict(color=[STATUS_COLOURS[bars[i].status] for i in drawn], line=dict(width=0)),
        width=0.6,
        hovertext=[bars[i].hover for i in drawn], hoverinfo="text", name="", showlegend=False,
    ))
    ticks = [(i, share) for i in drawn if (share := expected_share(bars[i])) is not None]
    figure.add_trace(go.Scatter(
        y=[ys[i] for i, _ in ticks], x=[_clip(share) for _, share in ticks], mode="markers",
        marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=INK)),
        name=labels.expected, hovertext=[f"{labels.expected}: {share:.0%}" for _, share in ticks],
        hoverinfo="text", showlegend=bool(ticks),
    ))
    for i in drawn:  # the status in words, in the right margin where no tick or bar can cover it
        figure.add_annotation(x=1, xref="paper", xanchor="left", xshift=8, y=ys[i], text=bars[i].status_text,
                              showarrow=False, font=dict(size=13, color=STATUS_TEXT_COLOURS[bars[i].status]))
    for i, bar in enumerate(bars):
        if shares[i] is None:
            figure.add_annotation(x=0, y=ys[i], text=bar.empty_text or bar.status_text, showarrow=False,
                                  xanchor="left", font=dict(size=12, color=MUTED), hovertext=bar.hover or None)
    figure.add_vline(x=1, line=dict(color=INK, width=1.5, dash="dot"))
    figure.add_vline(x=0, line=dict(color=MUTED, width=1))
    figure.update_layout(
        height=90 + ROW_HEIGHT * n,
        margin=dict(l=8, r=110, t=36, b=56),
        bargap=0.35,
        xaxis=dict(range=[SHARE_MIN - 0.05, SHARE_MAX + 0.05], tickvals=[-0.5, 0, 0.5, 1, 1.5],
                   ticktext=["−50%", labels.baseline, "50%", labels.target, "150%"],
                   title=dict(text=labels.x_title, standoff=6, font=dict(size=13, color=MUTED)),
                   gridcolor=GRID, zeroline=False),
        yaxis=dict(tickvals=ys, ticktext=[bar.label for bar in bars], range=[-0.7, n - 0.3],
                   automargin=True, showgrid=False, ticks=""),
        legend=dict(orientation="h", y=1, yref="container", yanchor="top", x=1, xanchor="right"),
        hovermode="closest",
    )
    return figure


# --- items without a numeric target: the pace of their trend ---------------------------------
# Relative annual change beyond this is drawn at the edge (the hover gives the true pace).
PACE_LIMIT = 0.2


@dataclass(frozen=True)
class PaceBar:
    """One trend-judged row: its pace (relative change a year, > 0 = the good direction)."""

    label: str
    status: str
    status_text: str
    pace: float | None = None
    hover: str = ""


@dataclass(frozen=True)
class PaceBarLabels:
    x_title: str           # e.g. "change a year in the good direction"
    better: str            # right of zero
    worse: str             # left of zero
    empty: str


def pace_share(bar: PaceBar) -> float | None:
    """The bar's length, or None when the row has no assessed trend (never drawn as 0)."""
    if bar.status not in ASSESSED or bar.pace is None or bar.pace != bar.pace:
        return None
    return bar.pace


def pace_bars_figure(bars: Sequence[PaceBar], labels: PaceBarLabels) -> go.Figure:
    """A horizontal bar per trend-judged row: how fast it moves, and which way, with its status.

    These rows have no number to reach (MDG 6.A/6.C "halt and reverse", forests, Internet users),
    so they are drawn by what the status is judged on: the recent trend's relative pace."""
    figure = go.Figure(layout=dict(template=TEMPLATE))
    shown = [bar for bar in bars if pace_share(bar) is not None]
    if not shown:
        figure.add_annotation(text=labels.empty, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                              font=dict(color=MUTED))
        figure.update_layout(height=120, xaxis=dict(visible=False), yaxis=dict(visible=False))
        return figure
    n = len(shown)
    ys = [n - 1 - i for i in range(n)]
    paces = [float(pace_share(bar)) for bar in shown]  # type: ignore[arg-type]
    figure.add_trace(go.Bar(
        orientation="h", y=ys, x=[max(-PACE_LIMIT, min(PACE_LIMIT, p)) for p in paces], base=0,
        marker=dict(color=[STATUS_COLOURS[bar.status] for bar in shown], line=dict(width=0)), width=0.6,
        hovertext=[bar.hover for bar in shown], hoverinfo="text", name="", showlegend=False,
    ))
    for y, bar in zip(ys, shown):
        figure.add_annotation(x=1, xref="paper", xanchor="left", xshift=8, y=y, text=bar.status_text, showarrow=False,
                              font=dict(size=13, color=STATUS_TEXT_COLOURS[bar.status]))
    figure.add_vline(x=0, line=dict(color=INK, width=1.5))
    for x, text, anchor in ((-PACE_LIMIT, labels.worse, "left"), (PACE_LIMIT, labels.better, "right")):
        figure.add_annotation(x=x, y=1, yref="paper", yanchor="bottom", xanchor=anchor, text=text, showarrow=False,
                              font=dict(size=12, color=MUTED))
    ticks = [-0.2, -0.1, 0, 0.1, 0.2]
    figure.update_layout(
        height=100 + ROW_HEIGHT * n,
        margin=dict(l=8, r=110, t=36, b=56),
        bargap=0.35,
        xaxis=dict(range=[-PACE_LIMIT - 0.01, PACE_LIMIT + 0.01], tickvals=ticks,
                   ticktext=[f"{'+' if v > 0 else ('−' if v < 0 else '')}{abs(v):.0%}" for v in ticks],
                   title=dict(text=labels.x_title, standoff=6, font=dict(size=13, color=MUTED)),
                   gridcolor=GRID, zeroline=False),
        yaxis=dict(tickvals=ys, ticktext=[bar.label for bar in shown], range=[-0.7, n - 0.3],
                   automargin=True, showgrid=False, ticks=""),
        hovermode="closest",
    )
    return figure
