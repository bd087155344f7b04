"""The map view's county level: the county map of one province, its controls and a county's card.

Always in the map view's layout (hidden until `drill=` is in the link): the router builds a
view once, so the county level is a state of the map view, not a view of its own.
"""
from __future__ import annotations

from enum import StrEnum

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.data_table import data_table
from dashboard.data.dataset import Dataset
from dashboard.figures.county_content import (county_card_lines, county_map_content, county_years, map_units,
                                              offered_indicators)
from dashboard.figures.county_map import county_map
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.state import is_drillable


class CountyIds(StrEnum):
    PROVINCE_PART = "map-province-part"    # the province map and its notes (hidden while drilled)
    PANEL = "map-county-panel"
    SIDE = "map-county-side"               # county choice and card, above the province's trend
    DRILL = "map-county-open"              # on the province card: "县级地图 / Counties"
    PICK = "map-county-pick"               # under the province map: any province's county map
    BACK = "map-county-back"
    TITLE = "map-county-title"
    INDICATOR = "map-county-indicator"
    YEAR = "map-county-year"
    MAP = "map-county-map"
    SELECT = "map-county-select"           # keyboard / search alternative to clicking a county
    TABLE = "map-county-table"
    SUMMARY = "map-county-summary"
    CARD = "map-county-card"
    QUERY = "map-county-query"             # the map view's link while it names a county map (xk.countyGate)


def indicator_choices(dataset: Dataset, province_code: str | None, lang: str) -> list[dict]:
    return [{"label": dataset.indicator(i)[f"name_{lang}"], "value": i}
            for i in offered_indicators(dataset, province_code)]


def year_choices(dataset: Dataset, province_code: str | None, indicator_id: str | None, lang: str) -> list[dict]:
    if not province_code or not indicator_id:
        return []
    return [{"label": format_year(y, lang), "value": y} for y in county_years(dataset, province_code, indicator_id)]


def drill_options(dataset: Dataset, lang: str, pilots: list[str], study: list[str]) -> list[dict]:
    """Provinces with a county map, pilot and study provinces first (the programme's own)."""
    codes = [c for c in dataset.province_codes(mainland_only=False) if is_drillable(c, dataset)]
    first = [c for c in [*pilots, *study] if c in codes]
    ordered = list(dict.fromkeys(first + codes))
    role = {**{c: t("terms.role.study", lang) for c in study}, **{c: t("terms.role.pilot", lang) for c in pilots}}
    return [{"label": f"{dataset.area_name(c, lang)}" + (f" ({role[c]})" if c in role else ""), "value": c,
             "search": f"{dataset.area_name(c, 'zh')} {dataset.area_name(c, 'en')}"} for c in ordered]


def drill_picker(dataset: Dataset, lang: str, pilots: list[str], study: list[str]) -> html.Div:
    return html.Div(className="control drill-picker", children=[
        html.Label(t("ui.county.pick", lang), htmlFor=CountyIds.PICK),
        dcc.Dropdown(id=CountyIds.PICK, options=drill_options(dataset, lang, pilots, study), value=None,
                     placeholder=t("ui.county.pick_placeholder", lang), clearable=False, searchable=True),
    ])


def county_options(dataset: Dataset, province_code: str | None, lang: str) -> list[dict]:
    if not province_code:
        return []
    return [{"label": dataset.area_name(code, lang), "value": code, "search": f"{dataset.area_name(code, 'zh')} {code}"}
            for code in map_units(dataset, province_code)]


def county_table(dataset: Dataset, rows: list[list[str]], indicator_id: str | None, year: int | None, lang: str):
    """The county map as a table (screen readers, exact values)."""
    if not indicator_id:
        return None
    caption = t("ui.table.caption_map", lang, indicator=dataset.indicator(indicator_id)[f"name_{lang}"],
                year=format_year(year, lang) if year else "—")
    headers = [t("ui.county.card_unit", lang), t("ui.table.value", lang), t("ui.table.flag", lang)]
    return data_table(caption, headers, rows)


def county_title(dataset: Dataset, province_code: str | None, lang: str) -> str:
    return t("ui.county.title", lang, province=dataset.area_name(province_code, lang)) if province_code else ""


def county_brief_link(area_code: str, lang: str, brief_url: str) -> html.A:
    """The county's one-page brief (dashboard.http_brief), in the page's language."""
    return html.A(t("ui.county.brief_link", lang), href=f"{brief_url}{area_code}.pdf?lang={lang}",
                  download=f"county-brief-{area_code}-{lang}.pdf", className="county-brief-link")


def county_card(dataset: Dataset, area_code: str | None, lang: str, brief_url: str = "/brief/county/") -> list:
    """The selected county: name, its prefecture, every county indicator by year with sources, and
    a link to its brief (``brief_url``: the brief route as the app serves it)."""
    if area_code is None or dataset.area(area_code)["level"] not in ("county", "prefecture"):
        return [html.P(t("ui.county.card_none", lang), className="card-body-text")]
    area = dataset.area(area_code)
    parent = area["parent_code"]
    where = dataset.area_name(parent, lang) if isinstance(parent, str) and dataset.has_area(parent) else ""
    lines = county_card_lines(dataset, area_code, lang)
    head = [html.H3(dataset.area_name(area_code, lang), className="card-title"),
            html.P(f"{where} · {area_code}" if where else area_code, className="card-rank")]
    brief = html.P(county_brief_link(area_code, lang, brief_url), className="county-brief")
    if not lines:
        return head + [html.P(t("ui.county.card_empty", lang), className="card-value missing"), brief]
    table = html.Table(className="county-card-table", children=[
        html.Caption(t("ui.county.card_caption", lang, name=dataset.area_name(area_code, lang))),
        html.Thead(html.Tr([html.Th(t(f"ui.county.card_{key}", lang), scope="col")
                            for key in ("indicator", "latest", "earlier")])),
        html.Tbody([html.Tr([html.Th(line.indicator, scope="row"), html.Td(line.latest), html.Td(line.earlier)])
                    for line in lines]),
    ])
    sources = list(dict.fromkeys(title for line in lines for title in line.source.split("; ")))
    notes = html.P(t("ui.county.card_sources", lang, sources="；".join(sources) if lang == "zh" else "; ".join(sources)),
                   className="source-line")
    return head + [table, notes, brief]


def county_panel(dataset: Dataset, lang: str, graph_config: dcc.Graph.Config, province_code: str | None,
                 indicator_id: str | None, year: int | None, figure: go.Figure | dict, summary: str,
                 table=None) -> html.Div:
    return html.Div(id=CountyIds.PANEL, className="county-panel", hidden=province_code is None, children=[
        dcc.Store(id=CountyIds.QUERY),
        html.Div(className="county-head", children=[
            html.Button(t("ui.county.back", lang), id=CountyIds.BACK, className="link-button county-back", n_clicks=0),
            html.H2(county_title(dataset, province_code, lang), id=CountyIds.TITLE, className="county-title"),
        ]),
        html.Div(className="controls", children=[
            html.Div(className="control control-indicator", children=[
                html.Label(t("ui.county.indicator", lang), htmlFor=CountyIds.INDICATOR),
                dcc.Dropdown(id=CountyIds.INDICATOR, options=indicator_choices(dataset, province_code, lang),
                             value=indicator_id, clearable=False, searchable=True),
            ]),
            html.Div(className="control control-county-year", children=[
                html.Label(t("ui.label.year", lang), htmlFor=CountyIds.YEAR),
                dcc.RadioItems(id=CountyIds.YEAR, options=year_choices(dataset, province_code, indicator_id, lang),
                               value=year, inline=True, className="county-years"),
            ]),
        ]),
        dcc.Graph(id=CountyIds.MAP, figure=figure, config=graph_config, className="map-graph county-graph",
                  responsive=True),
        html.P(summary, id=CountyIds.SUMMARY, className="missing-note"),
        html.P(t("ui.county.hint", lang), className="hint"),
        html.Details([html.Summary(t("ui.a11y.view_as_table", lang)), html.Div(table, id=CountyIds.TABLE)],
                     className="table-alternative"),
    ])


def county_side(dataset: Dataset, lang: str, province_code: str | None, card: list, selected: str | None) -> html.Div:
    """The county choice (the keyboard way to click) and the selected county's card: at the top
    of the side panel, so the card is in view beside the map at 1280x720."""
    return html.Div(id=CountyIds.SIDE, className="county-side", hidden=province_code is None, children=[
        html.Div(className="control area-control", children=[
            html.Label(t("ui.county.choose", lang), htmlFor=CountyIds.SELECT),
            dcc.Dropdown(id=CountyIds.SELECT, options=county_options(dataset, province_code, lang), value=selected,
                         placeholder=t("ui.county.choose", lang), clearable=False, searchable=True),
        ]),
        html.Div(card, id=CountyIds.CARD, className="area-card county-card", **{"aria-live": "polite"}),  # type: ignore[arg-type]
    ])


def county_figure(dataset: Dataset, province: str, indicator: str, year: int | None, lang: str,
                  counties_url: str, selected: str | None) -> tuple[go.Figure, str, object]:
    """The county map, its summary line and its table alternative."""
    content = county_map_content(dataset, province, indicator, year, lang)
    chosen = selected if selected in content.unit_codes else None
    return (county_map(content, f"{counties_url}{province}.geojson", chosen), content.summary,
            county_table(dataset, content.table_rows, indicator, year, lang))


def drill_hidden(dataset: Dataset, province_state, drilled: bool) -> bool:
    """The card's "Counties" button shows for a selected province that has a county map."""
    code = province_state.area_code
    return drilled or code is None or not is_drillable(code, dataset)
