"""The county level's URL parameters as pure state changes."""
from __future__ import annotations

from hypothesis import given, strategies as st

from dashboard.drill import close_counties, drill_code, extra, follow_province, open_counties, province_level, with_extras
from dashboard.state import ViewState, parse_query, to_query


def test_open_and_close_keep_other_views_parameters(bundled_dataset):
    state = ViewState(area_code="530000", extras=(("slide", "3"),))
    opened = open_counties(state, "530000")
    assert drill_code(opened) == "530000" and extra(opened, "slide") == "3"
    county = opened.with_(area_code="532301")
    closed = close_counties(with_extras(county, cind="county_urbanisation_census"), bundled_dataset)
    assert closed.area_code == "530000" and closed.extras == (("slide", "3"),)


def test_province_level_maps_a_county_to_its_province_only(bundled_dataset):
    assert province_level(ViewState(area_code="532301"), bundled_dataset).area_code == "530000"
    assert province_level(ViewState(area_code="530000"), bundled_dataset).area_code == "530000"
    assert province_level(ViewState(), bundled_dataset).area_code is None


def test_choosing_another_province_moves_the_drill_and_drops_county_choices():
    state = with_extras(ViewState(area_code="520000"), drill="530000", cind="x", cyear="2010")
    moved = follow_province(state)
    assert drill_code(moved) == "520000" and extra(moved, "cind") is None and extra(moved, "cyear") is None
    assert follow_province(ViewState(area_code="520000")) == ViewState(area_code="520000")


@given(st.sampled_from(["530000", "520000", "410000", "140000", "620000", "460000", "110000"]))
def test_a_drill_link_round_trips(bundled_dataset, code):
    state, notices = parse_query(f"?view=map&drill={code}", bundled_dataset)
    assert notices == [] and drill_code(state) == code
    assert parse_query(to_query(state), bundled_dataset)[0] == state


@given(st.text(max_size=12))
def test_any_drill_value_is_a_province_with_counties_or_a_notice(bundled_dataset, value):
    state, notices = parse_query("?" + to_query(ViewState()).lstrip("?") + "&drill=" + value.replace("&", ""),
                                 bundled_dataset)
    code = drill_code(state)
    assert code is None or code in bundled_dataset.province_codes(mainland_only=False)
