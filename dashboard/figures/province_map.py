"""The province choropleth: polygons sent once; colours, hover text and highlights change by
patching the paths that `map_update` returns (no polygons re-sent on a year or indicator change).

Trace order is fixed (see TRACE_*): the callbacks patch traces by index.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures import theme

TRACE_BASE, TRACE_VALUES, TRACE_PILOT, TRACE_STUDY, TRACE_SELECTED = range(5)
TRACE_INSET_BASE, TRACE_INSET_LINE = 5, 6
TRACE_LABELS = 7

# Conic equal-area fitted by hand: fitbounds with a conic projection gives a tiny map (probe).
_MAIN_GEO = dict(
    projection=dict(type="conic equal area", parallels=[25, 47], rotation=dict(lon=105)),
    lonaxis=dict(range=[73, 135]), lataxis=dict(range=[16.5, 54]),
    visible=False, showframe=False, bgcolor="rgba(0,0,0,0)",
    domain=dict(x=[0, 1], y=[0, 1]),  # set explicitly: a second geo silently halves the first
)
_INSET_GEO = dict(
    projection=dict(type="mercator"),
    lonaxis=dict(range=[106, 124]), lataxis=dict(range=[3, 24.5]),
    visible=False, showframe=True, framecolor=theme.MUTED, framewidth=1, bgcolor="white",
    domain=dict(x=[0.86, 1.0], y=[0.02, 0.34]),
)


@dataclass(frozen=True)
class MapValues:
    """What the colours show for one indicator and year, already worded for the viewer."""

    area_codes: Sequence[str]
    values: Sequence[float | None]
    hover_text: Sequence[str]          # one line per area: "云南省<br>12,587 元 (2010)"
    colour_title: str                  # unit for the colour bar
    zmin: float
    zmax: float
    tick_values: Sequence[float] = ()  # colour-bar ticks worded per language (万 / 亿, or 12,000)
    tick_text: Sequence[str] = ()
    reverse_scale: bool = False        # lower is better: darker for better still reads "better"


@dataclass(frozen=True)
class MapFrame:
    """Everything the static part of the map needs, worded in one language."""

    geojson: dict | str                # the FeatureCollection, or a URL the browser loads once
    all_codes: Sequence[str]           # 34 province-level units incl. Taiwan, Hong Kong, Macao
    base_hover: Sequence[str]          # e.g. "台湾省<br>无数据"
    pilot_codes: Sequence[str]
    study_codes: Sequence[str]
    pilot_label: str
    study_label: str
    inset_title: str
    south_china_sea: Sequence[Sequence[tuple[float, float]]]
    labels: Sequence[tuple[str, float, float]] = ()   # (short name, lon, lat) drawn on the map
    inset_geojson: dict | str | None = None          # the inset's polygons (all islands); None: geojson


def _outline(codes: Sequence[str], geojson, colour: str, width: float, name: str, show: bool) -> go.Choropleth:
    return go.Choropleth(
        geojson=geojson, locations=list(codes), z=[0] * len(codes),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
        marker=dict(line=dict(color=colour, width=width)), hoverinfo="skip",
        name=name, showlegend=show, legendgroup=name, geo="geo",
    )


def province_map(frame: MapFrame, values: MapValues, selected: str | None = None) -> go.Figure:
    """The full map. Built once per page; later changes go through `map_update`."""
    geojson = frame.geojson
    base = go.Choropleth(
        geojson=geojson, locations=list(frame.all_codes), z=[0] * len(frame.all_codes),
        colorscale=[[0, theme.NO_DATA], [1, theme.NO_DATA]], showscale=False,
        marker=dict(line=dict(color=theme.PROVINCE_EDGE, width=0.6)),
        customdata=list(frame.base_hover), hovertemplate="%{customdata}<extra></extra>",
        showlegend=False, geo="geo", name="base",
    )
    data_trace = go.Choropleth(
        geojson=geojson, marker=dict(line=dict(color=theme.PROVINCE_EDGE, width=0.6)),
        colorscale=theme.SEQUENTIAL, showlegend=False, geo="geo", name="values",
        hovertemplate="%{customdata}<extra></extra>",
        colorbar=dict(thickness=14, len=0.5, x=0.0, xanchor="left", y=0.98, yanchor="top",
                      outlinewidth=0, title=dict(side="top"), tickmode="array"),
    )
    data_trace.update(**_value_props(values))
    inset_base = go.Choropleth(
        geojson=frame.inset_geojson if frame.inset_geojson is not None else geojson,
        locations=list(frame.all_codes), z=[0] * len(frame.all_codes),
        colorscale=[[0, theme.NO_DATA], [1, theme.NO_DATA]], showscale=False,
        marker=dict(line=dict(color=theme.PROVINCE_EDGE, width=0.4)), hoverinfo="skip",
        showlegend=False, geo="geo2", name="inset",
    )
    lons: list[float | None] = []
    lats: list[float | None] = []
    for segment in frame.south_china_sea:
        lons += [p[0] for p in segment] + [None]
        lats += [p[1] for p in segment] + [None]
    inset_line = go.Scattergeo(lon=lons, lat=lats, mode="lines", line=dict(color=theme.MUTED, width=1.2),
                               hoverinfo="skip", showlegend=False, geo="geo2", name="nine-dash")
    fig = go.Figure(
        [
            base,
            data_trace,
            _outline(frame.pilot_codes, geojson, theme.PILOT, 3.2, frame.pilot_label, False),
            _outline(frame.study_codes, geojson, theme.STUDY, 2.2, frame.study_label, False),
            _outline([selected] if selected else [], geojson, theme.SELECTED, 3.5, "selected", False),
            inset_base,
            inset_line,
            _labels(frame.labels),
        ]
    )
    fig.update_layout(
        template=theme.TEMPLATE, geo=_MAIN_GEO, geo2=_INSET_GEO,
        margin=dict(l=0, r=0, t=8, b=0), dragmode=False,  # height: the container's (CSS)
        showlegend=False,
        # The role legend is drawn as text so that it also appears in exported images.
        annotations=[
            dict(text=frame.inset_title, x=0.93, y=0.345, xref="paper", yref="paper",
                 showarrow=False, font=dict(size=11, color=theme.MUTED), yanchor="bottom"),
            dict(text=_legend_text(theme.PILOT, frame.pilot_label), x=0.0, y=0.06,
                 xref="paper", yref="paper", xanchor="left", showarrow=False, font=dict(size=12)),
            dict(text=_legend_text(theme.STUDY, frame.study_label), x=0.0, y=0.01,
                 xref="paper", yref="paper", xanchor="left", showarrow=False, font=dict(size=12)),
        ],
        uirevision="map",
    )
    return fig


def _labels(labels: Sequence[tuple[str, float, float]]) -> go.Scattergeo:
    """Province names as an official reads the map; a white halo keeps them legible on any colour.
    Not hoverable or clickable: clicks must reach the province underneath."""
    return go.Scattergeo(
        lon=[lon for _, lon, _ in labels], lat=[lat for _, _, lat in labels], text=[name for name, _, _ in labels],
        mode="text", textfont=dict(size=11, color=theme.INK, shadow="0 0 2px white, 0 0 3px white"),
        hoverinfo="skip", showlegend=False, geo="geo", name="labels",
    )


def _legend_text(colour: str, label: str) -> str:
    return f"<span style='color:{colour}'>▢</span> {label}"


def roles_update(pilot_codes: Sequence[str], study_codes: Sequence[str], pilot_label: str) -> Mapping[tuple, object]:
    """Paths to change when the user edits the pilot list: outlines and the legend's wording."""
    return {
        ("data", TRACE_PILOT, "locations"): list(pilot_codes),
        ("data", TRACE_PILOT, "z"): [0] * len(pilot_codes),
        ("data", TRACE_STUDY, "locations"): list(study_codes),
        ("data", TRACE_STUDY, "z"): [0] * len(study_codes),
        ("layout", "annotations", 1, "text"): _legend_text(theme.PILOT, pilot_label),
    }


def _value_props(values: MapValues) -> dict:
    return {
        "locations": list(values.area_codes),
        "z": list(values.values),
        "customdata": list(values.hover_text),
        "zmin": values.zmin,
        "zmax": values.zmax,
        "reversescale": values.reverse_scale,
        "colorbar.title.text": values.colour_title,
        "colorbar.tickvals": list(values.tick_values),
        "colorbar.ticktext": list(values.tick_text),
    }


def map_update(values: MapValues) -> Mapping[tuple, object]:
    """Paths into the figure to change when indicator or year changes: colours and hover only."""
    props = _value_props(values)
    return {("data", TRACE_VALUES, *key.split(".")): value for key, value in props.items()}


def selection_update(selected: str | None) -> Mapping[tuple, object]:
    return {("data", TRACE_SELECTED, "locations"): [selected] if selected else [],
            ("data", TRACE_SELECTED, "z"): [0] if selected else []}
