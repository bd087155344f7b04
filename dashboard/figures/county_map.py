"""A province's county choropleth: the boundaries load from a URL (one province at a time).

Mercator with fitbounds: for one province it fits (the conic projection's fitbounds does not).
Units without a value are drawn by the grey base trace (a choropleth does not draw z=None) and
stay clickable, so a county off the list still opens its card.
"""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.county_content import CountyMap

TRACE_BASE, TRACE_VALUES, TRACE_SELECTED = range(3)


def county_map(content: CountyMap, geojson_url: dict | str, selected: str | None = None) -> go.Figure:
    """``geojson_url``: the URL the browser loads, or the FeatureCollection itself (image export)."""
    values = content.values
    base = go.Choropleth(
        geojson=geojson_url, locations=content.unit_codes, z=[0] * len(content.unit_codes),
        colorscale=[[0, theme.NO_DATA], [1, theme.NO_DATA]], showscale=False,
        marker=dict(line=dict(color=theme.PROVINCE_EDGE, width=0.5)),
        customdata=content.base_hover, hovertemplate="%{customdata}<extra></extra>", name="base",
    )
    data = go.Choropleth(
        geojson=geojson_url, locations=list(values.area_codes), z=list(values.values),
        customdata=list(values.hover_text), hovertemplate="%{customdata}<extra></extra>",
        zmin=values.zmin, zmax=values.zmax, colorscale=theme.SEQUENTIAL, reversescale=values.reverse_scale,
        marker=dict(line=dict(color=theme.PROVINCE_EDGE, width=0.5)), name="values",
        colorbar=dict(thickness=14, len=0.5, x=0.0, xanchor="left", y=0.98, yanchor="top", outlinewidth=0,
                      title=dict(text=values.colour_title, side="top"), tickmode="array",
                      tickvals=list(values.tick_values), ticktext=list(values.tick_text)),
    )
    outline = go.Choropleth(
        geojson=geojson_url, locations=[selected] if selected else [], z=[0] if selected else [],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
        marker=dict(line=dict(color=theme.SELECTED, width=3)), hoverinfo="skip", name="selected",
    )
    fig = go.Figure([base, data, outline])
    fig.update_layout(
        template=theme.TEMPLATE, margin=dict(l=0, r=0, t=8, b=0), dragmode=False, showlegend=False,
        geo=dict(projection=dict(type="mercator"), fitbounds="locations", visible=False, showframe=False,
                 bgcolor="rgba(0,0,0,0)", domain=dict(x=[0, 1], y=[0, 1])),
        uirevision=f"counties-{content.province_code}",
    )
    return fig
