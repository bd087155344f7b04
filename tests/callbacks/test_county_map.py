"""The map view's county level, called directly: link in, county map, card and link out."""
from __future__ import annotations

from urllib.parse import parse_qs

from dash import no_update

from dashboard.callbacks.county_map import OUTPUTS, clicked_unit, county_view, next_county_state
from dashboard.callbacks.map_view import sync_view
from dashboard.components.county_panel import CountyIds
from dashboard.drill import drill_code
from dashboard.state import parse_query
from tests.conftest import run_callback


def call(trigger, search, opened=0, back=0, click=None, indicator=None, year=None, lang="zh"):
    out = run_callback(county_view, trigger, search, opened, back, click, indicator, year, None, lang)
    assert set(out) == set(OUTPUTS)
    return out


def query(out) -> dict:
    return {k: v[-1] for k, v in parse_qs(out["url"].lstrip("?")).items()}


def test_a_drill_link_draws_yunnans_county_map_with_88_poverty_counties(app_context):
    out = call(None, "?view=map&ind=gdp_pc&drill=530000")
    # The link gains the county indicator and year shown, so it reproduces this map whatever the defaults.
    assert query(out)["cind"] == "county_poverty_exit_year" and query(out)["cyear"] == "2014"
    assert out["panel_hidden"] is False and out["province_hidden"] is True
    assert call(None, out["url"])["url"] is no_update  # and is then stable
    values = out["figure"].data[1]
    assert len(values.locations) == 88 and set(values.z) <= {2017, 2018, 2019, 2020}
    assert len(out["figure"].data[0].locations) == 129
    assert out["figure"].data[0].geojson == "/geo/counties/530000.geojson"
    assert "88" in out["summary"] and "129" in out["summary"]
    assert out["indicator"] == "county_poverty_exit_year" and out["year"] == 2014


def test_without_drill_the_county_level_stays_hidden_and_untouched(app_context):
    out = call(None, "?view=map&area=530000")
    assert out["panel_hidden"] is True and out["province_hidden"] is False
    assert out["figure"] is no_update and out["card"] is no_update


def test_the_card_button_opens_the_selected_provinces_county_map(app_context):
    out = call(CountyIds.DRILL + ".n_clicks", "?view=map&area=530000", opened=1)
    assert query(out)["drill"] == "530000" and query(out)["area"] == "530000"
    assert query(out)["cind"] == "county_poverty_exit_year" and query(out)["cyear"] == "2014"
    assert out["panel_hidden"] is False


def test_the_card_button_reads_the_map_s_link_not_the_county_query_that_lags_behind_it(app_context):
    # The county gate holds back links without `drill`: the county query still holds an older one.
    out = run_callback(county_view, CountyIds.DRILL + ".n_clicks", "?view=map&area=520000", 1, 0, None, None, None,
                       None, "zh", None, None, "?view=map&area=530000")  # map_link last
    assert query(out)["drill"] == "530000"
    assert out["county_query"] == out["url"]  # so the county gate does not pass it back


def test_a_re_rendered_button_is_no_click(app_context):
    out = call(CountyIds.DRILL + ".n_clicks", "?view=map&area=530000", opened=0)
    assert all(value is no_update for value in out.values())


def test_clicking_a_county_selects_it_and_its_card_lists_values_and_sources(app_context):
    click = {"points": [{"location": "532301"}]}
    out = call(CountyIds.MAP + ".clickData", "?view=map&drill=530000", click=click, lang="en")
    assert query(out)["area"] == "532301" and query(out)["drill"] == "530000"
    card = str(out["card"])
    assert "楚雄市" in card and "Tabulation on the 2020 Population Census of China by County" in card
    assert list(out["figure"].data[2].locations) == ["532301"]


def test_a_poverty_county_card_names_its_exit_batch(app_context):
    out = call(None, "?view=map&drill=530000&area=532322", lang="en")  # 双柏县
    assert "exited in the 2018 batch" in str(out["card"])


def test_back_returns_to_the_province_map_keeping_the_province(app_context):
    out = call(CountyIds.BACK + ".n_clicks", "?view=map&drill=530000&area=532301", back=1)
    q = query(out)
    assert "drill" not in q and q["area"] == "530000"
    assert out["panel_hidden"] is True and out["province_hidden"] is False


def test_choosing_a_census_indicator_and_year(app_context):
    out = call(CountyIds.INDICATOR + ".value", "?view=map&drill=530000", indicator="county_illiteracy_15plus_census")
    assert query(out)["cind"] == "county_illiteracy_15plus_census" and out["year"] == 2020
    assert [o["value"] for o in out["year_options"]] == [2010, 2020]
    assert len(out["figure"].data[1].locations) == 129
    out = call(CountyIds.YEAR + ".value", out["url"], year=2010)
    assert query(out)["cyear"] == "2010" and out["year"] == 2010


def test_a_bad_county_indicator_or_year_in_the_link_falls_back(app_context):
    out = call(None, "?view=map&drill=530000&cind=gdp_pc&cyear=1999")
    assert out["indicator"] == "county_poverty_exit_year" and out["year"] == 2014


def test_bad_drill_and_county_codes_are_notices_not_errors(app_context, bundled_dataset):
    state, notices = parse_query("?view=map&drill=999999&area=532301", bundled_dataset)
    assert drill_code(state) is None and state.area_code is None
    assert {n.param for n in notices} == {"drill", "area"}
    state, notices = parse_query("?view=map&drill=520000&area=532301", bundled_dataset)  # a Yunnan county, Guizhou drilled
    assert state.area_code is None and [n.param for n in notices] == ["area"]
    out = call(None, "?view=map&drill=../../etc&area=x")
    assert out["panel_hidden"] is True


def test_a_county_in_another_view_stands_for_its_province(bundled_dataset):
    state, notices = parse_query("?view=gaps&drill=530000&area=532301", bundled_dataset)
    assert state.area_code == "530000" and notices == []


def test_a_click_outside_the_drilled_province_is_ignored(bundled_dataset):
    assert clicked_unit({"points": [{"location": "520102"}]}, bundled_dataset, "530000") is None
    assert clicked_unit({"points": []}, bundled_dataset, "530000") is None
    state, _ = parse_query("?view=map&drill=530000", bundled_dataset)
    assert next_county_state(state, CountyIds.MAP, {"points": [{"location": "520102"}]}, bundled_dataset) == state


def test_the_province_side_shows_a_selected_county_as_its_province(app_context):
    out = run_callback(sync_view, None, "?view=map&ind=gdp_pc&area=532301&drill=530000", None, None, None, 0, "zh", None, None)
    assert out["url"] is no_update  # the county stays in the link
    assert out["area_select"] == "530000"
    assert out["trend"].layout.title.text.startswith("云南省")


def test_choosing_another_province_while_drilled_moves_the_county_map(app_context):
    out = run_callback(sync_view, "area-select.value", "?view=map&drill=530000&area=530000",
                       None, None, None, 0, "zh", None, "520000")
    q = {k: v[-1] for k, v in parse_qs(out["url"].lstrip("?")).items()}
    assert q["drill"] == "520000" and q["area"] == "520000"


def test_choosing_a_county_by_name_is_the_keyboard_way_to_click(app_context):
    out = run_callback(county_view, CountyIds.SELECT + ".value", "?view=map&drill=530000", 0, 0, None, None, None,
                       None, "zh", "532301")
    assert query(out)["area"] == "532301" and out["select"] is no_update
    assert len(out["select_options"]) == 129


def test_the_county_map_has_a_table_alternative_with_every_unit(app_context):
    out = call(None, "?view=map&drill=530000", lang="en")
    table = str(out["table"])
    assert table.count("Tr(") >= 130  # header + 129 units
    assert "not on the list of 832" in table and "exited in the 2018 batch" in table


def test_the_picker_opens_any_province_pilots_first_and_resets(app_context, bundled_dataset):
    from dashboard.components.county_panel import drill_options
    from dashboard.figures.map_content import programme_roles

    options = drill_options(bundled_dataset, "en", *programme_roles(bundled_dataset, None))
    assert options[0]["value"] == "530000" and "Pilot" in options[0]["label"]
    assert "710000" not in [o["value"] for o in options]  # no county-level units: no county map
    out = run_callback(county_view, CountyIds.PICK + ".value", "?view=map", 0, 0, None, None, None, None, "zh",
                       None, "520000")
    assert query(out)["drill"] == "520000" and out["pick"] is None and out["panel_hidden"] is False
