"""The map view's county level (issue 13): open / close a province's county map, choose the
county indicator and year, select a county. One callback owns these controls and the link's
`drill`, `cind`, `cyear` and county `area` (URL <-> controls in one callback, as the province
map's sync_view does for its own)."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

from dashboard.callbacks.resources import resources
from dashboard.callbacks.triggers import user_trigger
from dashboard.components.county_panel import (CountyIds, county_card, county_figure, county_options,
                                               county_title, indicator_choices, year_choices)
from dashboard.figures.county_content import county_choice
from dashboard.components.ids import Ids
from dashboard.data.dataset import Dataset
from dashboard.drill import (close_counties, drill_code, open_counties, province_level, with_extras)
from dashboard.figures.county_content import map_units
from dashboard.state import ViewState, is_drillable, parse_query, to_query
from dashboard.views import view_spec

MAP_URL = view_spec("map").url_id
MAP_QUERY = view_spec("map").query_id

# The county gate (assets/dashboard.js, xk.countyGate): the map view's link reaches the county
# level only when it names, or named, a county map (`drill=`), so a province click or a year step
# on the province map costs this callback no request. Called on the page's first link too.
clientside_callback(ClientsideFunction(namespace="xk", function_name="countyGate"),
                    Output(CountyIds.QUERY, "data"), Input(MAP_QUERY, "data"), State(CountyIds.QUERY, "data"))


def clicked_unit(click: dict | None, dataset: Dataset, province: str | None) -> str | None:
    """The county-level unit a county-map click landed on, if it belongs to the drilled province."""
    if not click:
        return None
    try:
        location = str(click["points"][0]["location"])
    except (TypeError, KeyError, IndexError):
        return None
    return location if province and location in map_units(dataset, province) else None


def next_county_state(state: ViewState, trigger, value, dataset: Dataset) -> ViewState:
    """The view after one user action on the county level; pure."""
    province = drill_code(state)
    if trigger == CountyIds.DRILL:
        shown = province_level(state, dataset).area_code
        return open_counties(state, shown) if shown and province is None else state
    if trigger == CountyIds.PICK:
        return open_counties(state, value) if isinstance(value, str) and is_drillable(value, dataset) else state
    if province is None:
        return state
    if trigger == CountyIds.BACK:
        return close_counties(state, dataset)
    if trigger == CountyIds.MAP:
        unit = clicked_unit(value, dataset, province)
        return state.with_(area_code=unit) if unit else state
    if trigger == CountyIds.SELECT:
        unit = clicked_unit({"points": [{"location": value}]}, dataset, province)
        return state.with_(area_code=unit) if unit else state
    if trigger == CountyIds.INDICATOR and isinstance(value, str):
        return with_extras(state, cind=value, cyear=None)
    if trigger == CountyIds.YEAR and isinstance(value, int):
        return with_extras(state, cyear=str(value))
    return state


OUTPUTS = dict(
    url=Output(MAP_URL, "search", allow_duplicate=True),
    # The link written, as the county gate would pass it (so it does not pass it back to us); the
    # province map follows it through the map's own gate (a write into the map's query store
    # here would close a loop through two callbacks).
    county_query=Output(CountyIds.QUERY, "data", allow_duplicate=True),
    panel_hidden=Output(CountyIds.PANEL, "hidden"),
    side_hidden=Output(CountyIds.SIDE, "hidden"),
    province_hidden=Output(CountyIds.PROVINCE_PART, "hidden"),
    title=Output(CountyIds.TITLE, "children"),
    indicator_options=Output(CountyIds.INDICATOR, "options"),
    indicator=Output(CountyIds.INDICATOR, "value"),
    year_options=Output(CountyIds.YEAR, "options"),
    year=Output(CountyIds.YEAR, "value"),
    figure=Output(CountyIds.MAP, "figure"),
    summary=Output(CountyIds.SUMMARY, "children"),
    table=Output(CountyIds.TABLE, "children"),
    select_options=Output(CountyIds.SELECT, "options"),
    select=Output(CountyIds.SELECT, "value"),
    pick=Output(CountyIds.PICK, "value"),
    card=Output(CountyIds.CARD, "children"),
)
INPUTS = dict(
    _link=Input(CountyIds.QUERY, "data"),
    _open=Input(CountyIds.DRILL, "n_clicks"),
    _back=Input(CountyIds.BACK, "n_clicks"),
    click=Input(CountyIds.MAP, "clickData"),
    indicator_value=Input(CountyIds.INDICATOR, "value"),
    year_value=Input(CountyIds.YEAR, "value"),
    user_data=Input(Ids.USER_DATA, "data"),
    select_value=Input(CountyIds.SELECT, "value"),
    pick_value=Input(CountyIds.PICK, "value"),
)


def county_outputs(state: ViewState, dataset: Dataset, search: str | None, lang: str, counties_url: str,
                   select_value: str | None = None, pick_value: str | None = None,
                   brief_url: str = "/brief/county/") -> dict:
    province, indicator, year = county_choice(dataset, state)
    if province is not None and indicator is not None:
        # The link names the county indicator and year shown, so a colleague (or a later default,
        # once a workspace adds county data) sees the same map, not whatever the default is then.
        state = with_extras(state, cind=indicator, cyear=None if year is None else str(year))
    query = to_query(state)
    changed = query if query != search else no_update
    common = dict(url=changed, county_query=changed,
                  pick=None if pick_value is not None else no_update,
                  panel_hidden=province is None, side_hidden=province is None, province_hidden=province is not None)
    if province is None or indicator is None:
        return {**common, **{key: no_update for key in OUTPUTS if key not in common}}
    figure, summary, table = county_figure(dataset, province, indicator, year, lang, counties_url, state.area_code)
    county = state.area_code if state.area_code != province else None
    return {**common, "title": county_title(dataset, province, lang), "table": table,
            "select_options": county_options(dataset, province, lang),
            "select": county if county != select_value else no_update,
            "indicator_options": indicator_choices(dataset, province, lang), "indicator": indicator,
            "year_options": year_choices(dataset, province, indicator, lang), "year": year,
            "figure": figure, "summary": summary, "card": county_card(dataset, county, lang, brief_url)}


# The county gate calls this on the page's first link (when it names a county map); Dash's own
# initial call is not needed. `map_link`: the map view's link as it stands (the county query
# lags behind it while no county map is shown, and the Counties button is clicked from there).
@callback(output=OUTPUTS, inputs=INPUTS,
          state=dict(lang=State(Ids.LANG_STORE, "data"), map_link=State(MAP_QUERY, "data")),
          prevent_initial_call=True)
def county_view(_link, _open, _back, click, indicator_value, year_value, user_data, lang, select_value=None,
                pick_value=None, map_link=None):
    res = resources()
    dataset = res.dataset_for(user_data)
    lang = lang or "zh"
    search = map_link if isinstance(map_link, str) else (_link if isinstance(_link, str) else "")
    state, _ = parse_query(search, dataset)  # the router says what in the link was not understood
    trigger = user_trigger()
    values = {CountyIds.MAP: click, CountyIds.INDICATOR: indicator_value, CountyIds.YEAR: year_value,
              CountyIds.SELECT: select_value, CountyIds.PICK: pick_value}
    if trigger is not None and trigger not in (CountyIds.QUERY, Ids.USER_DATA):
        if trigger in (CountyIds.DRILL, CountyIds.BACK) and not (_open if trigger == CountyIds.DRILL else _back):
            return {key: no_update for key in OUTPUTS}  # a re-rendered button reports n_clicks 0: no click
        state = next_county_state(state, trigger, values.get(trigger), dataset)
    return county_outputs(state, dataset, search, lang, res.counties_url, select_value, pick_value, res.county_brief_url)
