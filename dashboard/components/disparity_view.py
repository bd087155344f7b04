"""The 'disparity' view's layout: where the gaps are (regions, provinces, town and country) and
whether they are closing. Filled by dashboard/callbacks/disparity_view.py from the URL state."""
from __future__ import annotations

from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.figures.disparity_charts import ChartTable, StatRow
from dashboard.i18n import t


class DisparityIds(StrEnum):
    INDICATOR = "disparity-indicator"
    YEAR = "disparity-year"
    DECOMPOSITION = "disparity-decomposition"
    DECOMPOSITION_TABLE = "disparity-decomposition-table"
    BETA = "disparity-beta"
    BETA_TABLE = "disparity-beta-table"
    HEADING = "disparity-heading"
    MESSAGE = "disparity-message"
    READING = "disparity-reading"
    REGIONAL = "disparity-regional"
    REGIONAL_NOTE = "disparity-regional-note"
    REGIONAL_TABLE = "disparity-regional-table"
    CONVERGENCE = "disparity-convergence"
    CONVERGENCE_TABLE = "disparity-convergence-table"
    RANKING = "disparity-ranking"
    RANKING_NOTE = "disparity-ranking-note"
    RANKING_TABLE = "disparity-ranking-table"
    STATS = "disparity-stats"
    URBAN_RURAL = "disparity-urban-rural"
    URBAN_RURAL_NOTE = "disparity-urban-rural-note"
    URBAN_RURAL_TABLE = "disparity-urban-rural-table"


GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def graph_config(lang: str, filename: str) -> dcc.Graph.Config:
    return {**GRAPH_CONFIG, "locale": "zh-CN" if lang == "zh" else "en",
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}


def indicator_options(dataset: Dataset, lang: str) -> list[dict]:
    """Numeric indicators with province data: national-only series and bands have no spread."""
    obs = dataset.observations
    with_provinces = set(obs.loc[obs["area_code"].isin(dataset.province_codes()), "indicator_id"])
    rows = dataset.indicators[dataset.indicators["indicator_id"].isin(with_provinces)
                              & (dataset.indicators["kind"] != "category")]
    return [{"label": getattr(row, f"name_{lang}"), "value": row.indicator_id} for row in rows.itertuples()]


def chart_table(table: ChartTable, lang: str) -> html.Details:
    """The chart's numbers as a real table: read by screen readers, open for anyone."""
    return html.Details(className="disparity-table-alt", children=[
        html.Summary(t("ui.a11y.view_as_table", lang)),
        html.Div(className="disparity-table-scroll", children=html.Table(className="table table-sm", children=[
            html.Caption(table.caption),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in table.columns])),
            html.Tbody([html.Tr([html.Th(row[0], scope="row"), *[html.Td(c) for c in row[1:]]])
                        for row in table.rows]),
        ])),
    ])


def statistics_table(rows: tuple[StatRow, ...], n: int, expected: int, year_text: str, lang: str) -> html.Div:
    """Summary statistics of the year: value (or why it is missing) and what it means."""
    body = []
    for row in rows:
        value = [html.Span(row.value_text, className="stat-value")]
        if row.missing_reason:
            value.append(html.Span(row.missing_reason, className="stat-reason"))
        body.append(html.Tr([html.Th(row.label, scope="row"), html.Td(value), html.Td(row.explanation,
                                                                                      className="stat-help")]))
    coverage = t("disparity.stats.coverage", lang, n=n, expected=expected, year=year_text)
    children = [
        html.Table(className="table table-sm disparity-stats-table", children=[
            html.Caption(t("disparity.stats.caption", lang, year=year_text)),
            html.Thead(html.Tr([html.Th(t("disparity.stats.statistic", lang), scope="col"),
                                html.Th(t("disparity.stats.value", lang), scope="col"),
                                html.Th(t("disparity.stats.meaning", lang), scope="col")])),
            html.Tbody(body),
        ]),
        html.P(coverage, className="disparity-note"),
    ]
    if 0 < n < expected:
        children.append(html.P(t("disparity.stats.incomplete", lang, n=n, expected=expected),
                               className="disparity-note disparity-warning"))
    return html.Div(children)


def _panel(title: str, *children, class_name: str = "") -> html.Section:
    return html.Section(className=f"panel disparity-panel {class_name}".strip(),
                        children=[html.H2(title, className="disparity-panel-title"), *children])


def _graph(graph_id: str, lang: str, filename: str) -> dcc.Graph:
    return dcc.Graph(id=graph_id, config=graph_config(lang, filename), className="disparity-graph")


def disparity_view(dataset: Dataset, lang: str) -> html.Div:
    controls = html.Div(className="disparity-controls", children=[
        html.Div(className="control", children=[
            html.Label(t("ui.label.indicator", lang), htmlFor=DisparityIds.INDICATOR),
            dcc.Dropdown(id=DisparityIds.INDICATOR, options=indicator_options(dataset, lang), clearable=False,
                         searchable=True),
        ]),
        html.Div(className="control disparity-year-control", children=[
            html.Label(t("disparity.year.label", lang), htmlFor=DisparityIds.YEAR),
            # debounce: the value is sent on Enter (or when focus leaves), not on every digit
            dcc.Input(id=DisparityIds.YEAR, type="number", step=1, debounce=True, inputMode="numeric",
                      className="disparity-year-input"),
            html.Span(t("disparity.year.help", lang), id=f"{DisparityIds.YEAR}-help", className="disparity-help"),
        ]),
        html.Div(className="disparity-heading-wrap", children=[
            html.H1(id=DisparityIds.HEADING, className="disparity-heading"),
            html.Div(id=DisparityIds.READING, className="disparity-reading", role="status",
                     **{"aria-live": "polite"}),  # type: ignore[arg-type]
        ]),
    ])
    regional = _panel(t("disparity.panel.regional", lang),
                      _graph(DisparityIds.REGIONAL, lang, "regional-means"),
                      html.Div(id=DisparityIds.REGIONAL_NOTE, className="disparity-note"),
                      html.Div(id=DisparityIds.REGIONAL_TABLE))
    convergence = _panel(t("disparity.panel.convergence", lang),
                         _graph(DisparityIds.CONVERGENCE, lang, "convergence"),
                         html.P(t("disparity.convergence.hint", lang), className="disparity-note"),
                         html.Div(id=DisparityIds.CONVERGENCE_TABLE))
    decomposition = _panel(t("disparity.panel.decomposition", lang),
                           _graph(DisparityIds.DECOMPOSITION, lang, "theil-decomposition"),
                           html.P(t("disparity.decomposition.hint", lang), className="disparity-note"),
                           html.Div(id=DisparityIds.DECOMPOSITION_TABLE))
    beta = _panel(t("disparity.panel.beta", lang),
                  _graph(DisparityIds.BETA, lang, "beta-convergence"),
                  html.P(t("disparity.beta.hint", lang), className="disparity-note"),
                  html.Div(id=DisparityIds.BETA_TABLE))
    ranking = _panel(t("disparity.panel.ranking", lang),
                     html.P(t("disparity.ranking.hint", lang), className="disparity-note"),
                     _graph(DisparityIds.RANKING, lang, "ranking"),
                     html.Div(id=DisparityIds.RANKING_NOTE, className="disparity-note"),
                     html.Div(id=DisparityIds.RANKING_TABLE))
    stats = _panel(t("disparity.panel.stats", lang), html.Div(id=DisparityIds.STATS))
    urban_rural = _panel(t("disparity.panel.urban_rural", lang),
                         html.Div(id=DisparityIds.URBAN_RURAL_NOTE, className="disparity-note"),
                         _graph(DisparityIds.URBAN_RURAL, lang, "urban-rural"),
                         html.Div(id=DisparityIds.URBAN_RURAL_TABLE))
    return html.Div(className="disparity-view", children=[
        controls,
        dbc.Alert(id=DisparityIds.MESSAGE, color="warning", is_open=False, className="disparity-message"),
        dbc.Row([dbc.Col(regional, lg=7), dbc.Col(convergence, lg=5)], className="g-3"),
        dbc.Row([dbc.Col(decomposition, lg=7), dbc.Col(beta, lg=5)], className="g-3 mt-1"),
        dbc.Row([dbc.Col(ranking, lg=7), dbc.Col([stats, urban_rural], lg=5)], className="g-3 mt-1"),
    ])
