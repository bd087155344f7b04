"""The 'attainment' view's layout: map of the Xiaokang attainment index, the selected area's
domains and indicator contributions, the what-if table and the check against NBS figures.

Everything that depends on the URL is filled by callbacks/attainment_view.py; the layout holds
the fixed frame, worded in one language (conventions: CONTRIBUTING.md at the repo root).
"""
from __future__ import annotations

from enum import StrEnum

import dash_ag_grid as dag
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.i18n import t

FRAMEWORKS = ("nbs2008", "nbs2013")


class AttIds(StrEnum):
    READY = "attainment-ready"            # rendered with the view: fires the first render per language
    NOTICE = "attainment-notice"
    CONTROLS = "attainment-controls"
    FRAMEWORK = "attainment-framework"
    DOMAIN = "attainment-domain"
    METRIC = "attainment-metric"
    INDEX_MODE = "attainment-index-mode"
    YEAR = "attainment-year"
    UNCONFIRMED = "attainment-unconfirmed"
    MAP = "attainment-map"
    MAP_NOTE = "attainment-map-note"
    MAP_TABLE = "attainment-map-table"
    AREA_TITLE = "attainment-area-title"
    SUMMARY = "attainment-summary"
    DOMAIN_BARS = "attainment-domain-bars"
    CONTRIBUTIONS = "attainment-contributions"
    UNSCORED = "attainment-unscored"
    WHATIF = "attainment-whatif"
    WHATIF_NOTE = "attainment-whatif-note"
    RESET = "attainment-reset"
    CHECK = "attainment-check"
    PUBLISHED = "attainment-published"


def _number_column(field: str, lang: str, editable_when: str) -> dict:
    """An editable number column; edited cells get a class and a ✎ mark (not colour alone)."""
    return {
        "field": field, "headerName": t(f"attainment.whatif.col.{field}", lang),
        "editable": {"function": editable_when},
        "cellEditor": "agNumberCellEditor",
        "valueFormatter": {"function": f"(params.value == null ? '—' : d3.format(',~r')(params.value))"
                                        f" + (params.data.edited.includes('{field}') ? ' ✎' : '')"},
        "cellClassRules": {"attainment-edited": f"params.data.edited.includes('{field}')",
                           "attainment-editable": editable_when},
        "width": 110, "type": "rightAligned",
    }


def whatif_columns(lang: str) -> list[dict]:
    interval = "params.data.direction === 'interval'"
    target = "params.data.direction === 'positive' || params.data.direction === 'reverse'"
    return [
        {"field": "name", "headerName": t("attainment.whatif.col.name", lang), "pinned": "left", "width": 230,
         "tooltipField": "name"},
        {"field": "domain", "headerName": t("attainment.whatif.col.domain", lang), "width": 120},
        {"field": "direction_text", "headerName": t("attainment.whatif.col.direction", lang), "width": 90},
        {"field": "value_text", "headerName": t("attainment.whatif.col.value", lang), "width": 110,
         "type": "rightAligned"},
        _number_column("target", lang, target),
        _number_column("target_low", lang, interval),
        _number_column("target_high", lang, interval),
        _number_column("bound_low", lang, interval),
        _number_column("bound_high", lang, interval),
        _number_column("weight", lang, "true"),
        {"field": "score_text", "headerName": t("attainment.whatif.col.score", lang), "width": 100,
         "type": "rightAligned", "cellClass": "attainment-score"},
        {"field": "reason", "headerName": t("attainment.whatif.col.reason", lang), "width": 220,
         "tooltipField": "reason"},
        {"field": "confidence", "headerName": t("attainment.whatif.col.confidence", lang), "width": 100},
    ]


def attainment_controls(lang: str, framework_id: str, years: list[int], year: int | None,
                        domains: list[tuple[str, str]], domain_id: str, metric: str, mode: str = "strict") -> list:
    """Framework, year, domain, map-metric and index-mode controls, set to the view's state."""
    return [
        html.Div(className="control", children=[
            html.Label(t("attainment.control.framework", lang), htmlFor=AttIds.FRAMEWORK),
            dcc.RadioItems(id=AttIds.FRAMEWORK, inline=True, className="attainment-radio", value=framework_id,
                           options=[{"label": t(f"terms.framework_short.{f}", lang), "value": f} for f in FRAMEWORKS]),
        ]),
        html.Div(className="control", children=[
            html.Label(t("attainment.control.year", lang), htmlFor=AttIds.YEAR),
            dcc.Dropdown(id=AttIds.YEAR, clearable=False, searchable=False, className="attainment-year",
                         options=[{"label": str(y), "value": y} for y in years], value=year),
        ]),
        html.Div(className="control attainment-domain-control", children=[
            html.Label(t("attainment.control.domain", lang), htmlFor=AttIds.DOMAIN),
            dcc.Dropdown(id=AttIds.DOMAIN, clearable=False, searchable=False, value=domain_id, options=[
                {"label": t("attainment.map.overall", lang), "value": ""},
                *[{"label": name, "value": d} for d, name in domains]]),
        ]),
        html.Div(className="control", children=[
            html.Label(t("attainment.control.metric", lang), htmlFor=AttIds.METRIC),
            dcc.RadioItems(id=AttIds.METRIC, inline=True, className="attainment-radio", value=metric, options=[
                {"label": t("attainment.metric.attainment", lang), "value": "attainment"},
                {"label": t("attainment.metric.coverage", lang), "value": "coverage"}]),
        ]),
        html.Div(className="control", children=[
            html.Label(t("attainment.control.index_mode", lang), htmlFor=AttIds.INDEX_MODE),
            dcc.RadioItems(id=AttIds.INDEX_MODE, inline=True, className="attainment-radio", value=mode, options=[
                {"label": t(f"attainment.index_mode.{m}", lang), "value": m} for m in ("strict", "partial")]),
        ]),
    ]


def attainment_view(dataset: Dataset, lang: str) -> html.Div:
    map_panel = html.Div(className="panel attainment-map-panel", children=[
        html.H2(t("attainment.title", lang), className="attainment-title"),
        html.P(id=AttIds.UNCONFIRMED, className="attainment-unconfirmed", role="note"),
        # Filled by the render callback with the values from the URL: the controls' values are
        # never callback outputs, so control -> URL -> render is not a cycle in Dash's graph
        # (two such cycles through the URL deadlock the renderer).
        html.Div(id=AttIds.CONTROLS, className="controls attainment-controls",
                 children=attainment_controls(lang, "nbs2008", [], None, [], "", "attainment")),
        dcc.Graph(id=AttIds.MAP, className="attainment-map-graph"),
        html.P(id=AttIds.MAP_NOTE, className="missing-note"),
        html.Details(className="attainment-alt", children=[
            html.Summary(t("attainment.map.table_summary", lang)),
            html.Div(id=AttIds.MAP_TABLE),
        ]),
    ])
    check_panel = html.Div(className="panel attainment-check-panel", children=[
        html.H3(t("attainment.check.title", lang)),
        html.P(t("attainment.check.intro", lang), className="hint"),
        html.Div(id=AttIds.CHECK),
    ])
    area_panel = html.Div(className="panel attainment-area-panel", children=[
        html.H3(id=AttIds.AREA_TITLE),
        html.P(id=AttIds.SUMMARY, className="attainment-summary", role="status"),
        html.Section(className="attainment-published", children=[
            html.H4(t("attainment.published.title", lang)),
            html.P(t("attainment.published.intro", lang), className="hint"),
            html.Div(id=AttIds.PUBLISHED),
        ]),
        html.Div(className="attainment-charts", children=[
            dcc.Graph(id=AttIds.DOMAIN_BARS, className="attainment-domain-graph"),
            dcc.Graph(id=AttIds.CONTRIBUTIONS, className="attainment-contrib-graph"),
        ]),
        html.Details(className="attainment-alt", open=False, children=[
            html.Summary(t("attainment.unscored.summary", lang)),
            html.Div(id=AttIds.UNSCORED),
        ]),
    ])
    whatif_panel = html.Div(className="panel attainment-whatif-panel", children=[
        html.Div(className="attainment-whatif-head", children=[
            html.H3(t("attainment.whatif.title", lang)),
            html.Button(t("attainment.whatif.reset", lang), id=AttIds.RESET, n_clicks=0, className="link-button"),
        ]),
        html.P(t("attainment.whatif.intro", lang), className="hint"),
        html.P(id=AttIds.WHATIF_NOTE, className="attainment-whatif-note", role="status"),
        dag.AgGrid(id=AttIds.WHATIF, columnDefs=whatif_columns(lang), rowData=[],
                   getRowId="params.data.item_id",
                   defaultColDef={"resizable": True, "sortable": False, "suppressMovable": True},
                   dashGridOptions={"singleClickEdit": True, "stopEditingWhenCellsLoseFocus": True,
                                    "tooltipShowDelay": 300, "domLayout": "autoHeight"},
                   className="ag-theme-alpine attainment-grid", style={"width": "100%"}),
    ])
    return html.Div(className="attainment-view", lang=lang, children=[
        dcc.Store(id=AttIds.READY, data=lang),
        html.Div(id=AttIds.NOTICE, className="attainment-notice", role="status"),
        html.Div(className="attainment-row", children=[map_panel]),
        html.Div(className="attainment-row", children=[area_panel]),
        whatif_panel,
        check_panel,  # full width: eight columns of sources and reasons
    ])
