"""One Plotly template for every chart: sober, legible on a projector, CJK-capable fonts."""
from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif'
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
NO_DATA = "#d9dde3"
PROVINCE_EDGE = "#ffffff"
PILOT = "#c2410c"      # pilot provinces: burnt orange outline
STUDY = "#6d28d9"      # study provinces: violet outline
SELECTED = "#111827"   # selected province: near-black outline
SERIES = ("#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490")
SEQUENTIAL = "YlGnBu"
PARTIAL_HATCH = "#334155"  # hatch strokes over partial indices (maps and bars)
PARTIAL_FILL = "#93c5fd"   # bars of a partial index: lighter than a strict one, and hatched
AXIS_TITLE_STANDOFF = 12   # px between an axis title and its tick labels

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color=INK),
        title=dict(font=dict(size=17), x=0, xanchor="left"),
        colorway=list(SERIES),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=56, r=16, t=48, b=48),
        # Axis titles stand off their tick labels and the margin grows to hold both: without
        # automargin Plotly puts the title a fixed distance from the axis, over wide ticks
        # ('yuan' over '40,000' in the map view's trend at 1280 px).
        xaxis=dict(gridcolor=GRID, linecolor=MUTED, ticks="outside", showline=True, zeroline=False,
                   automargin=True, title=dict(standoff=AXIS_TITLE_STANDOFF)),
        yaxis=dict(gridcolor=GRID, linecolor=MUTED, ticks="outside", showline=True, zeroline=False,
                   automargin=True, title=dict(standoff=AXIS_TITLE_STANDOFF)),
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0, font=dict(size=13)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=14)),
    )
)
