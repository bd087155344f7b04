"""The view-state callback: URL <-> controls, and the map, trend and card that follow from it.

One callback owns both directions (URL -> controls and controls -> URL) because Dash allows a
loop only inside one callback. The map is changed with Patch: colours and hover, never polygons.
"""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, Patch, State, callback, clientside_callback, ctx, no_update

from dashboard.callbacks.resources import resources
from dashboard.components.area_card import area_card
from dashboard.components.map_panel import missing_note, trend_with_source
from dashboard.components.ids import Ids
from dashboard.components.map_view import MapIds, full_map_figure, year_marks
from dashboard.data.dataset import Dataset
from dashboard.data.provincial_systems import SYSTEM_FRAMEWORK_ID
from dashboard.components.county_panel import CountyIds, drill_hidden
from dashboard.drill import drill_code, follow_province, province_level
from dashboard.components.data_table import data_table
from dashboard.figures.labels import flag_text, indicator_name, value_text
from dashboard.figures.map_content import map_values, other_vintages_text, programme_roles
from dashboard.figures.province_map import map_update, roles_update, selection_update
from dashboard.figures.trend import year_marker_update
from dashboard.figures.trend_content import trend_lines, trend_title
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.state import ViewState, parse_query, resolved_year, to_query
from dashboard.views import view_spec

# The map view's own Location (written) and query store (read), inside its container: with the
# view not built yet this callback has no input in the page, and Dash does not call it; while
# another view is shown the store's gate holds the link back (see dashboard/views.py).
MAP_URL = view_spec("map").url_id
MAP_QUERY = view_spec("map").query_id


def clicked_area(click: dict | None, dataset: Dataset) -> str | None:
    """The province a map click landed on, if it is one we hold data for."""
    try:
        location = str(click["points"][0]["location"])  # type: ignore[index]  # None: TypeError, caught
    except (TypeError, KeyError, IndexError):
        return None
    return location if location in dataset.province_codes(mainland_only=False) else None


def snap_year(wanted: int, current: int | None, years: list[int]) -> int | None:
    """A year with data: the one asked for, else the next one in the direction of travel
    (the slider steps by one year; sparse series such as census years must not get stuck)."""
    if wanted in years:
        return wanted
    if current is not None and wanted > current:
        later = [y for y in years if y > current]
        return later[0] if later else current
    if current is not None and wanted < current:
        earlier = [y for y in years if y < current]
        return earlier[-1] if earlier else current
    return min(years, key=lambda y: abs(y - wanted)) if years else None


def next_state(state: ViewState, trigger, value, dataset: Dataset) -> ViewState:
    """The view after one user action on the map view; pure, so it is tested without a browser.
    (Navigation and the language switch are the router's: callbacks/router.py.)"""
    if trigger == Ids.INDICATOR and dataset.has_indicator(value):
        years = dataset.years(value)
        keep = state.year if state.year in years else None
        return state.with_(indicator_id=value, year=keep)
    if trigger == Ids.YEAR and isinstance(value, (int, float)):
        year = snap_year(int(value), resolved_year(state, dataset), dataset.years(state.indicator_id))
        return state.with_(year=year) if year is not None else state
    if trigger == Ids.MAP:
        area = clicked_area(value, dataset)
        return state.with_(area_code=area) if area else state
    if trigger == Ids.CLEAR_AREA:
        return state.with_(area_code=None)
    if trigger == Ids.AREA_SELECT:
        return follow_province(state.with_(area_code=value if value in dataset.province_codes() else None))
    return state


def as_patch(paths: dict[tuple, object]) -> Patch:
    """A Dash Patch setting each (path...) to its value: only these parts travel to the browser."""
    patch = Patch()
    for path, value in paths.items():
        target = patch
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return patch


# Named outputs and inputs (Dash's flexible signatures): sync_view returns a dict by these names.
SYNC_OUTPUTS = dict(
    url=Output(MAP_URL, "search"),
    query=Output(MAP_QUERY, "data"),   # the link written, as this view's gate would pass it
    drill_hidden=Output(CountyIds.DRILL, "hidden"),
    indicator=Output(Ids.INDICATOR, "value"),
    ymin=Output(Ids.YEAR, "min"), ymax=Output(Ids.YEAR, "max"), marks=Output(Ids.YEAR, "marks"),
    year=Output(Ids.YEAR, "value"),
    map=Output(Ids.MAP, "figure"),
    missing=Output(Ids.MISSING_NOTE, "children"),
    trend=Output(Ids.TREND, "figure"),
    source=Output(Ids.TREND_SOURCE, "children"),
    card=Output(Ids.AREA_CARD, "children"),
    clear_hidden=Output(Ids.CLEAR_AREA, "hidden"),
    area_select=Output(Ids.AREA_SELECT, "value"),
)
SYNC_INPUTS = dict(
    search=Input(MAP_QUERY, "data"),
    indicator_value=Input(Ids.INDICATOR, "value"),
    year_value=Input(Ids.YEAR, "value"),
    click=Input(Ids.MAP, "clickData"),
    _clear=Input(Ids.CLEAR_AREA, "n_clicks"),
    user_data=Input(Ids.USER_DATA, "data"),
    area_value=Input(Ids.AREA_SELECT, "value"),
)


def control_outputs(state: ViewState, dataset: Dataset, year: int | None, search: str | None,
                    area_value: str | None) -> dict:
    """URL and controls: the link written back only when it changed, the dropdown only when it differs
    (a selected county shows as its province: the county map has its own card)."""
    years = dataset.years(state.indicator_id)
    query = to_query(state)
    drilled = drill_code(state) is not None
    state = province_level(state, dataset)
    changed = query if query != search else no_update
    return dict(url=changed, query=changed, indicator=state.indicator_id,
                drill_hidden=drill_hidden(dataset, state, drilled),
                ymin=years[0] if years else 0, ymax=years[-1] if years else 0, marks=year_marks(years), year=year,
                clear_hidden=state.area_code is None,
                area_select=state.area_code if state.area_code != area_value else no_update)


def map_outputs(state: ViewState, dataset: Dataset, year: int | None, lang: str, whole: bool = False) -> dict:
    """The map as a Patch (colours, hover, selection, roles; never polygons) and its missing-data note;
    ``whole``: the whole figure, for Dash's initial call on a just rendered (or rebuilt) layout, where
    a patch may reach a graph whose figure the browser does not hold yet ("Cannot patch undefined")."""
    shown = map_values(dataset, state.indicator_id, year, lang)
    if whole:
        return dict(map=full_map_figure(resources(), dataset, state, shown, lang),
                    missing=missing_note(dataset, shown, year, lang))
    pilots, study = programme_roles(dataset, state.pilots)
    pilot_label = t("ui.map.legend_pilot" if state.pilots is None else "ui.map.legend_pilot_chosen", lang)
    patch = as_patch({**map_update(shown), **selection_update(state.area_code),
                      **roles_update(pilots, study, pilot_label)})
    return dict(map=patch, missing=missing_note(dataset, shown, year, lang))


def target_frameworks(state: ViewState, user_data: dict | None):
    """(state, frameworks) whose targets the trend draws: with `system=name@version` in the link,
    the open workspace's pinned provincial system (its own targets, target years and bands), for
    whichever area is shown, as the gaps view applies it; otherwise the link's national framework.
    A pin that cannot be read (no workspace open yet, no such version) keeps the national one:
    the gaps view says why."""
    res = resources()
    if state.system is None:
        return state, res.frameworks
    pinned = res.pinned_system(user_data, state.system)
    if pinned.frameworks is None:
        return state, res.frameworks
    return state.with_(framework_id=SYSTEM_FRAMEWORK_ID, framework_set=True), pinned.frameworks


def panel_outputs(state: ViewState, dataset: Dataset, year: int | None, lang: str, year_only: bool,
                  user_data: dict | None = None) -> dict:
    """Trend (only its year marker moves when only the year changed) and the area card."""
    source: object  # the source line, or no_update when only the year moved
    if year_only and year is not None:
        trend, source = as_patch(year_marker_update(year)), no_update  # same lines: only the marker moves
    else:
        shown, frameworks = target_frameworks(state, user_data)
        shared = resources().trend_lines_shared(dataset, shown.indicator_id, lang)
        trend, source = trend_with_source(dataset, shown, year, lang, frameworks, shared)
    pilots, study = programme_roles(dataset, state.pilots)
    card = area_card(dataset, state.area_code, state.indicator_id, year, lang, pilots, study)
    return dict(trend=trend, source=source, card=card)


@callback(output=SYNC_OUTPUTS, inputs=SYNC_INPUTS, state=dict(lang=State(Ids.LANG_STORE, "data")))
def sync_view(search, indicator_value, year_value, click, _clear, lang, user_data=None, area_value=None):
    dataset = resources().dataset_for(user_data)
    lang = lang or "zh"
    # The map's query store only ever holds a link that shows the map (its gate passes no other).
    state, _ = parse_query(search, dataset)  # the router says what in the link was not understood
    # One changed input is a user action; several at once is Dash's initial call for a page
    # just rendered (e.g. after a language switch), which must draw everything afresh.
    trigger = ctx.triggered_id if len(ctx.triggered_prop_ids) == 1 else None
    values = {Ids.INDICATOR: indicator_value, Ids.YEAR: year_value, Ids.MAP: click, Ids.AREA_SELECT: area_value}
    # The link (and stores restored by the browser) only re-render; user actions change the state.
    if trigger is not None and trigger not in (MAP_QUERY, Ids.USER_DATA):
        value = values.get(trigger) if isinstance(trigger, str) else None
        state = next_state(state, trigger, value, dataset)
    year = resolved_year(state, dataset)
    shown = province_level(state, dataset)
    return {**control_outputs(state, dataset, year, search, area_value), **map_outputs(shown, dataset, year, lang, whole=trigger is None),
            **panel_outputs(shown, dataset, year, lang, year_only=trigger == Ids.YEAR, user_data=user_data)}


# Play runs in the browser: a tick needs no server round trip, and each year it sets goes through
# sync_view like a slider move.
clientside_callback(
    ClientsideFunction(namespace="xk", function_name="play"),
    Output(Ids.YEAR, "value", allow_duplicate=True),
    Output(Ids.PLAY_TIMER, "disabled"),
    Output(Ids.PLAY, "children"),
    Output(Ids.PLAY, "aria-pressed"),
    Input(Ids.PLAY, "n_clicks"),
    Input(Ids.PLAY_TIMER, "n_intervals"),
    State(Ids.YEAR, "value"),
    State(Ids.YEAR, "marks"),
    State(Ids.PLAY_TIMER, "disabled"),
    State(Ids.PLAY, "data-play"),
    State(Ids.PLAY, "data-pause"),
    prevent_initial_call=True,
)


def _table_context(search, user_data, lang) -> tuple[Dataset, ViewState, str]:
    dataset = resources().dataset_for(user_data)
    return dataset, province_level(parse_query(search, dataset)[0], dataset), lang or "zh"


# A table's gate passes the link on only while the table is open (in the browser, no request).
for _gate, _summary in ((MapIds.MAP_TABLE_GATE, Ids.MAP_TABLE_SUMMARY), (MapIds.TREND_TABLE_GATE, Ids.TREND_TABLE_SUMMARY)):
    clientside_callback(ClientsideFunction(namespace="xk", function_name="tableGate"),
                        Output(_gate, "data"), Input(MAP_QUERY, "data"), Input(_summary, "n_clicks"))


def _opened(gate) -> str | None:
    """The link a table is drawn for, or None while it is closed."""
    if not isinstance(gate, dict) or not (gate.get("clicks") or 0) % 2:
        return None
    return str(gate.get("search") or "")


@callback(
    Output(Ids.MAP_TABLE, "children"),
    Input(MapIds.MAP_TABLE_GATE, "data"), Input(Ids.USER_DATA, "data"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,  # a table starts closed: the first paint sends nothing for it
)
def map_table(gate, user_data, lang):
    """The map as a table (province, value, year, note), built only while it is open."""
    search = _opened(gate)
    if search is None:
        return no_update
    dataset, state, lang = _table_context(search, user_data, lang)
    year = resolved_year(state, dataset)
    rows = dataset.values_for_year(state.indicator_id, year) if year is not None else None
    by_area = {} if rows is None else {r.area_code: r for r in rows.itertuples()}
    others = dataset.other_vintages(state.indicator_id, year) if year is not None else {}
    body = []
    for code in dataset.province_codes():
        row = by_area.get(code)
        body.append([dataset.area_name(code, lang),
                     value_text(dataset, state.indicator_id, row.value if row else None, lang),
                     format_year(year, lang) if row and year else "—",
                     (flag_text(row.flag, lang, row.source_id, getattr(row, "confidence", None))
                      + other_vintages_text(dataset, state.indicator_id, others.get(code), lang, " · ")).strip(" ·")
                     if row else t("ui.map.no_data", lang)])
    caption = t("ui.table.caption_map", lang, indicator=indicator_name(dataset, state.indicator_id, lang),
                year=format_year(year, lang) if year else "—")
    return data_table(caption, [t(f"ui.table.{k}", lang) for k in ("province", "value", "year", "flag")], body)


@callback(
    Output(Ids.TREND_TABLE, "children"),
    Input(MapIds.TREND_TABLE_GATE, "data"), Input(Ids.USER_DATA, "data"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,  # a table starts closed: the first paint sends nothing for it
)
def trend_table(gate, user_data, lang):
    """The trend chart as a table: one row per series and year, with the values' notes."""
    search = _opened(gate)
    if search is None:
        return no_update
    dataset, state, lang = _table_context(search, user_data, lang)
    lines, _ = trend_lines(dataset, state.indicator_id, state.area_code, lang)
    body = [[line.name, format_year(year, lang), value_text(dataset, state.indicator_id, value, lang),
             t("ui.table.flagged", lang) if flagged else ""]
            for line in lines
            for year, value, flagged in zip(line.years, line.values, line.flagged or [False] * len(line.years))]
    caption = t("ui.table.caption_trend", lang, title=trend_title(dataset, state.indicator_id, state.area_code, lang))
    return data_table(caption, [t(f"ui.table.{k}", lang) for k in ("series", "year", "value", "flag")], body)

# The county level of this view (drill-down) registers with it.
from dashboard.callbacks import county_map  # noqa: E402,F401
