"""The view-state callback, called directly: URL in, controls, map patch, trend and URL out."""
from __future__ import annotations

from dash import Patch, no_update

import json

from dashboard.callbacks.map_view import SYNC_OUTPUTS, clicked_area, map_table, next_state, snap_year, sync_view, trend_table
from dashboard.components.ids import Ids
from dashboard.figures.province_map import TRACE_SELECTED, TRACE_VALUES
from dashboard.state import ViewState
from tests.conftest import run_callback

def call(trigger, search, indicator=None, year=None, click=None, lang="zh", user_data=None, area=None):
    out = run_callback(sync_view, trigger, search, indicator, year, click, 0, lang, user_data, area)
    assert set(out) == set(SYNC_OUTPUTS)  # every output named, none left out
    return out


def test_loading_a_link_restores_the_view(app_context):
    out = call(None, "?view=map&ind=urbanisation&year=2010&area=530000")
    assert out["url"] is no_update  # already canonical
    assert out["indicator"] == "urbanisation" and out["year"] == 2010
    # Dash's initial call on a just rendered layout draws the whole map: a patch could reach a
    # graph the browser holds no figure for yet ("Cannot patch undefined")
    assert not isinstance(out["map"], Patch)
    assert list(out["map"].data[TRACE_SELECTED].locations) == ["530000"]
    assert "2010年" in out["map"].data[TRACE_VALUES].customdata[0]
    assert out["trend"].layout.title.text.startswith("云南省")
    # a user action afterwards sends only a patch
    assert isinstance(call("year.value", "?view=map&ind=urbanisation&year=2010&area=530000", year=2011)["map"], Patch)


def test_unknown_link_values_fall_back_and_the_link_is_made_canonical(app_context):
    out = call(None, "?ind=bogus&year=abc&lang=en", lang="en")  # the router shows the notice
    assert out["indicator"] == "gdp_pc" and "ind=gdp_pc" in out["url"] and "bogus" not in out["url"]


def test_clicking_a_province_writes_it_into_the_url(app_context):
    click = {"points": [{"location": "530000"}]}
    out = call("map.clickData", "?view=map&ind=urbanisation&year=2010", click=click)
    assert "area=530000" in out["url"]
    assert "Yunnan" not in out["trend"].layout.title.text and "云南省" in out["trend"].layout.title.text


def test_changing_the_year_patches_colours_only(app_context):
    out = call("year.value", "?view=map&ind=urbanisation&year=2010", year=2011)
    assert "year=2011" in out["url"]
    patch = out["map"].to_plotly_json()
    touched = {op["location"][1] for op in patch["operations"]}
    assert 0 not in touched  # the base trace (polygons of all 34 units) is never re-sent
    assert "geojson" not in str(patch)


def test_changing_indicator_keeps_the_year_when_it_has_data(app_context):
    out = call("indicator.value", "?view=map&ind=urbanisation&year=2010", indicator="life_expectancy")
    assert out["year"] == 2010 and "ind=life_expectancy" in out["url"]
    out = call("indicator.value", "?view=map&ind=urbanisation&year=2012", indicator="life_expectancy")
    assert out["year"] == 2010  # 2012 has no life expectancy: the latest year with data


def test_snap_year_steps_over_years_without_data():
    census = [1990, 2000, 2010]
    assert snap_year(1991, 1990, census) == 2000
    assert snap_year(2009, 2010, census) == 2000
    assert snap_year(2011, 2010, census) == 2010
    assert snap_year(2000, 1990, census) == 2000


def test_clicks_outside_the_provinces_change_nothing(bundled_dataset):
    assert clicked_area(None, bundled_dataset) is None
    assert clicked_area({"points": [{}]}, bundled_dataset) is None
    state = ViewState(indicator_id="urbanisation")
    assert next_state(state, Ids.MAP, {"points": [{"location": "999999"}]}, bundled_dataset) == state


def test_navigation_is_not_the_map_views_business(bundled_dataset):
    state = ViewState(indicator_id="urbanisation")  # the router owns it (tests/callbacks/test_router.py)
    assert next_state(state, {"type": Ids.NAV, "view": "gaps"}, None, bundled_dataset) == state


def test_a_tab_upload_shows_on_the_map(app_context, bundled_dataset):
    row = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2025, "value": 51.5,
           "subgroup": "total", "source_id": "USER-UPLOAD:mine.csv", "vintage": "user-upload",
           "flag": "official", "note": None}
    user = {"uploads": [{"filename": "mine.csv", "replace": False, "rows": [row]}]}
    out = call("user-data.data", "?view=map&ind=urbanisation&year=2025&area=530000", user_data=user)
    assert out["year"] == 2025 and out["ymax"] == 2025
    assert bundled_dataset.years("urbanisation")[-1] == 2024  # the bundled dataset is untouched


def test_choosing_a_province_by_name_selects_it(app_context):
    out = call("area-select.value", "?view=map&ind=urbanisation&year=2010", area="520000")
    assert "area=520000" in out["url"] and out["area_select"] is no_update
    out = call(None, "?view=map&ind=urbanisation&year=2010&area=530000", area=None)
    assert out["area_select"] == "530000"  # a link or a map click moves the dropdown too


def test_table_alternatives_only_while_open(app_context):
    search = "?view=map&ind=life_expectancy&year=1990&area=510000"
    assert run_callback(map_table, None, None, None, "en") is no_update
    assert run_callback(map_table, None, {"search": search, "clicks": 2}, None, "en") is no_update  # closed again
    table = json.dumps(run_callback(map_table, None, {"search": search, "clicks": 1}, None, "en").to_plotly_json(), default=str)
    assert "Sichuan" in table and "No data" in table  # Sichuan 1990 is missing in the source
    trend = json.dumps(run_callback(trend_table, None, {"search": search, "clicks": 1}, None, "zh").to_plotly_json(),
                       default=str, ensure_ascii=False)
    assert "四川省" in trend and "2010年" in trend


def test_trend_draws_the_linked_frameworks_target_only_when_the_link_names_it(app_context):
    out = call(None, "?view=map&ind=urbanisation&year=2010&area=530000&fw=nbs2008", lang="en")
    names = [trace.name for trace in out["trend"].data]
    target = [n for n in names if n and n.startswith("Xiaokang 2008 target")]
    assert target and "by 2020" in target[0] and "60" in target[0]
    zh = call(None, "?view=map&ind=urbanisation&year=2010&area=530000&fw=nbs2008")
    assert any(tr.name and "目标" in tr.name and "2020年" in tr.name for tr in zh["trend"].data)
    # the default framework without `fw` in the link: no target line (the map is not a target view)
    plain = call(None, "?view=map&ind=urbanisation&year=2010&area=530000", lang="en")
    assert not any(tr.name and "target" in tr.name for tr in plain["trend"].data)
    # MDG u5mr relative target, national, pro-rated from the first observation
    mdg = call(None, "?view=map&ind=u5mr&year=2010&fw=mdg", lang="en")
    mark = next(tr for tr in mdg["trend"].data if tr.name and "target" in tr.name)
    assert list(mark.x)[-1] == 2015 and "pro-rated" in mark.customdata[0]


def test_navigating_from_gaps_drops_an_as_of_year_the_indicator_lacks(bundled_dataset):
    from dashboard.callbacks.router import next_state as route_next_state

    state = ViewState(view="gaps", indicator_id="life_expectancy", year=2020)
    after = route_next_state(state, {"type": Ids.NAV, "view": "map"}, "zh", bundled_dataset)
    assert (after.view, after.year) == ("map", None)
    kept = route_next_state(state.with_(year=2010), {"type": Ids.NAV, "view": "map"}, "zh", bundled_dataset)
    assert kept.year == 2010
    back = route_next_state(state, {"type": Ids.NAV, "view": "gaps"}, "zh", bundled_dataset)
    assert back.year == 2020


def test_the_link_written_also_goes_to_the_map_s_query_store(app_context):
    # The gate then finds the URL equal to the store and sends nothing more for this click.
    out = call("year.value", "?view=map&ind=gdp_pc&year=2010", year=2011)
    assert "year=2011" in out["url"] and out["query"] == out["url"]
    assert call(None, out["url"])["query"] is no_update


def test_the_counties_button_follows_the_selected_province(app_context):
    # The county level's callback only hears links with `drill`: this button is the map's.
    assert call(None, "?view=map&area=530000")["drill_hidden"] is False   # Yunnan has a county map
    assert call(None, "?view=map")["drill_hidden"] is True                 # no province selected
    assert call(None, "?view=map&area=530000&drill=530000")["drill_hidden"] is True  # already open
