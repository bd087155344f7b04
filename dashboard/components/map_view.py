"""The map view: indicator and year controls, the province map, and the linked trend panel."""
from __future__ import annotations

from enum import StrEnum

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.county_panel import (CountyIds, county_card, county_figure, county_panel,
                                               county_side, drill_hidden, drill_picker)
from dashboard.figures.county_content import county_choice
from dashboard.components.ids import Ids
from dashboard.drill import province_level
from dashboard.components.map_panel import MapPanel, map_panel
from dashboard.data.dataset import Dataset
from dashboard.figures.map_content import map_frame, map_values, programme_roles
from dashboard.figures.province_map import MapValues, province_map
from dashboard.i18n import t
from dashboard.state import ViewState, resolved_year


class MapIds(StrEnum):
    """Gates of the table alternatives: the link reaches a table's callback only while it is open."""
    MAP_TABLE_GATE = "map-table-gate"
    TREND_TABLE_GATE = "map-trend-table-gate"


def full_map_figure(res, dataset: Dataset, state: ViewState, shown: MapValues, lang: str) -> go.Figure:
    """The whole province map (frame and values) for a state (res: callbacks.resources.Resources);
    later changes are patches."""
    frame = map_frame(dataset, res.geojson_url, res.south_china_sea, lang, state.pilots, res.label_points,
                      res.main_geojson_url)
    return province_map(frame, shown, selected=state.area_code)


def graph_config(lang: str, topojson_url: str, filename: str) -> dcc.Graph.Config:
    """Plotly config for every graph: local topojson (never cdn.plot.ly), our locale, PNG/SVG button."""
    return {
        "topojsonURL": topojson_url,
        "locale": "zh-CN" if lang == "zh" else "en",
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def indicator_options(dataset: Dataset, lang: str) -> list[dict]:
    """Indicators with province-level values (county indicators are chosen on the county map)."""
    obs = dataset.observations
    with_data = set(obs.loc[obs["area_code"].isin(dataset.province_codes(mainland_only=False)), "indicator_id"])
    rows = dataset.indicators[dataset.indicators["indicator_id"].isin(with_data)]
    return [{"label": getattr(row, f"name_{lang}"), "value": row.indicator_id} for row in rows.itertuples()]


def year_marks(years: list[int]) -> dict:
    """Marks at years with data only; a sparse series (1990, 2000, 2010) steps between them."""
    if not years:
        return {}
    every = max(1, -(-len(years) // 8))
    last = len(years) - 1
    # Label every n-th year and the last one, but never two labels closer than n steps.
    shown = {i for i in range(0, last + 1, every) if last - i >= every or i == last} | {last}
    return {int(y): str(y) if i in shown else " " for i, y in enumerate(years)}


def area_options(dataset: Dataset, lang: str) -> list[dict]:
    provinces = dataset.areas[dataset.areas["area_code"].isin(dataset.province_codes())]
    return [{"label": getattr(row, f"name_{lang}"), "value": row.area_code,
             "search": f"{row.name_zh} {row.name_en} {row.short_zh}"} for row in provinces.itertuples()]


def table_details(summary_id: str, table_id: str, lang: str) -> html.Details:
    """A chart's data as a table, for screen readers and for reading exact values; filled only
    while open (odd clicks on the summary: Dash does not report a details' native state), so it
    adds nothing to a year change otherwise."""
    return html.Details([html.Summary(t("ui.a11y.view_as_table", lang), id=summary_id, n_clicks=0),
                         html.Div(id=table_id)], className="table-alternative")


def map_view(dataset: Dataset, lang: str, map_figure: go.Figure, topojson_url: str,
             indicator_id: str, years: list[int], year: int | None, area_code: str | None = None,
             panel: MapPanel | None = None, counties: html.Div | None = None, drill_button_hidden: bool = True,
             county_side: html.Div | None = None) -> dbc.Row:
    controls = html.Div(className="controls", children=[
        html.Div(className="control control-indicator", children=[
            html.Label(t("ui.label.indicator", lang), htmlFor=Ids.INDICATOR),
            dcc.Dropdown(id=Ids.INDICATOR, options=indicator_options(dataset, lang), value=indicator_id,
                         clearable=False, searchable=True),
        ]),
        html.Div(className="control control-year", children=[
            html.Label(t("ui.label.year", lang), htmlFor=Ids.YEAR),
            html.Div(className="year-row", children=[
                html.Button(t("ui.action.play", lang), id=Ids.PLAY, className="play-button", n_clicks=0,
                            **{"aria-pressed": "false", "data-play": t("ui.action.play", lang),  # type: ignore[arg-type]
                               "data-pause": t("ui.action.pause", lang)}),
                html.Div(dcc.Slider(id=Ids.YEAR, min=years[0] if years else 0, max=years[-1] if years else 0,
                                    step=1, marks=year_marks(years), value=year, included=False,
                                    updatemode="mouseup"), className="year-slider"),
            ]),
            dcc.Interval(id=Ids.PLAY_TIMER, interval=1200, disabled=True, n_intervals=0),
        ]),
    ])
    drilled = counties is not None and not getattr(counties, "hidden", False)  # Dash props are not typed attributes
    map_panel = html.Div(className="panel map-panel", children=[
        html.Div(id=CountyIds.PROVINCE_PART, hidden=drilled, children=[
            # Before the controls: the keyboard path year -> map -> province box stays as it was.
            drill_picker(dataset, lang, *programme_roles(dataset, None)),
            controls,
            dcc.Graph(id=Ids.MAP, figure=map_figure, config=graph_config(lang, topojson_url, "map"),
                      className="map-graph", responsive=True),
            html.P(panel.missing_note if panel else None, id=Ids.MISSING_NOTE, className="missing-note"),
            html.P(t("ui.map.hint", lang), className="hint"),
            table_details(Ids.MAP_TABLE_SUMMARY, Ids.MAP_TABLE, lang), dcc.Store(id=MapIds.MAP_TABLE_GATE),
        ]),
        counties,
    ])
    trend_panel = html.Div(className="panel trend-panel", children=[
        county_side,
        html.Div(className="control area-control", children=[
            html.Label(t("ui.label.province", lang), htmlFor=Ids.AREA_SELECT),
            dcc.Dropdown(id=Ids.AREA_SELECT, options=area_options(dataset, lang), value=area_code,
                         placeholder=t("ui.map.choose_province", lang), clearable=True, searchable=True),
        ]),
        html.Div(className="card-head", children=[
            html.Div(panel.card if panel else None, id=Ids.AREA_CARD, className="area-card"),
            html.Div(className="card-actions", children=[
                html.Button(t("ui.county.open", lang), id=CountyIds.DRILL, className="drill-button",
                            n_clicks=0, hidden=drill_button_hidden),
                html.Button(t("ui.action.clear_selection", lang), id=Ids.CLEAR_AREA, className="link-button",
                            n_clicks=0, hidden=area_code is None),
            ]),
        ]),
        dcc.Graph(id=Ids.TREND, figure=panel.trend if panel else {}, config=graph_config(lang, topojson_url, "trend"),
                  className="trend-graph"),
        html.P(panel.source if panel else None, id=Ids.TREND_SOURCE, className="source-line"),
        table_details(Ids.TREND_TABLE_SUMMARY, Ids.TREND_TABLE, lang), dcc.Store(id=MapIds.TREND_TABLE_GATE),
    ])
    return dbc.Row([dbc.Col(map_panel, lg=7), dbc.Col(trend_panel, lg=5)], className="g-3")


def map_page(res, lang: str, state: ViewState) -> dbc.Row:
    """The map view drawn for a view state (the registry's layout; res: callbacks.resources.Resources):
    the map, controls, trend and card are complete on arrival, so the first paint needs no callback."""
    dataset = res.dataset
    selected = state.area_code
    state = province_level(state, dataset)  # a county selected on the county map stands for its province here
    year = resolved_year(state, dataset)
    shown = map_values(dataset, state.indicator_id, year, lang)
    figure = full_map_figure(res, dataset, state, shown, lang)
    province, indicator, county_year = county_choice(dataset, state)
    county_fig, summary, table = (county_figure(dataset, province, indicator, county_year, lang, res.counties_url,
                                                selected) if province and indicator else ({}, "", None))
    chosen = selected if province and selected != state.area_code else None
    counties = county_panel(dataset, lang, graph_config(lang, res.topojson_url, "county-map"), province, indicator,
                            county_year, county_fig, summary, table)
    side = county_side(dataset, lang, province, county_card(dataset, chosen, lang, res.county_brief_url), chosen)
    return map_view(dataset, lang, figure, res.topojson_url, state.indicator_id, dataset.years(state.indicator_id),
                    year, state.area_code, panel=map_panel(dataset, state, year, shown, lang, res.frameworks),
                    counties=counties, drill_button_hidden=drill_hidden(dataset, state, province is not None),
                    county_side=side)
