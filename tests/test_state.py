"""The URL is the one source of truth for a view: parse, fall back with notices, write back."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings, strategies as st

from dashboard.state import ViewState, ascii_int, parse_query, resolved_year, to_query


def test_full_query_restores_the_view(bundled_dataset):
    state, notices = parse_query("?lang=en&view=map&ind=urbanisation&year=2010&area=530000", bundled_dataset)
    assert notices == []
    assert state == ViewState(lang="en", view="map", indicator_id="urbanisation", year=2010, area_code="530000")


def test_round_trip_through_the_query(bundled_dataset):
    state = ViewState(lang="zh", view="map", indicator_id="urbanisation", year=2015, area_code="110000",
                      pilots=("530000", "520000"))
    parsed, notices = parse_query(to_query(state), bundled_dataset)
    assert notices == [] and parsed == state


def test_unknown_values_fall_back_with_a_notice_each(bundled_dataset):
    state, notices = parse_query("?ind=nope&year=1066&area=Atlantis&lang=fr&view=<script>", bundled_dataset)
    assert {n.param for n in notices} == {"ind", "year", "area", "lang", "view"}
    assert state.indicator_id == "gdp_pc" and state.area_code is None and state.view == "map"
    assert resolved_year(state, bundled_dataset) == bundled_dataset.latest_provincial_year("gdp_pc")
    assert next(n for n in notices if n.param == "area").value == "Atlantis"


def test_without_a_year_the_map_opens_on_the_last_provincial_year(bundled_dataset):
    """GDP per capita runs to 2022 nationally but to 2017 by province: 2022 would be a grey map."""
    state, _ = parse_query("?ind=gdp_pc", bundled_dataset)
    year = resolved_year(state, bundled_dataset)
    assert year == 2017 < bundled_dataset.years("gdp_pc")[-1]
    rows = bundled_dataset.values_for_year("gdp_pc", year)
    assert set(rows["area_code"]) >= set(bundled_dataset.province_codes())
    # a year in the link that the national series has is kept (the map says which provinces lack it)
    linked, notices = parse_query("?ind=gdp_pc&year=2022", bundled_dataset)
    assert notices == [] and resolved_year(linked, bundled_dataset) == 2022


def test_a_national_only_series_opens_on_its_last_year(bundled_dataset):
    obs = bundled_dataset.observations
    only_national = next(i for i, g in obs.groupby("indicator_id") if set(g["area_code"]) == {"100000"})
    state, _ = parse_query(f"?ind={only_national}", bundled_dataset)
    assert bundled_dataset.latest_provincial_year(only_national) is None
    assert resolved_year(state, bundled_dataset) == bundled_dataset.years(only_national)[-1]


def test_province_names_in_the_link_are_matched(bundled_dataset):
    assert parse_query("?area=Yunnan", bundled_dataset)[0].area_code == "530000"
    assert parse_query("?area=云南省", bundled_dataset)[0].area_code == "530000"


@pytest.mark.parametrize("view", ["map", "disparity"])
def test_a_refused_year_names_the_year_the_view_then_shows(bundled_dataset, view):
    # gdp_pc's national series runs past its provincial one: the views show the last provincial
    # year, and the notice must name that year, not the national series' last one.
    for year in ("1990", "abc"):
        state, notices = parse_query(f"?view={view}&ind=gdp_pc&year={year}", bundled_dataset)
        shown = resolved_year(state, bundled_dataset)
        assert shown == 2017 < bundled_dataset.years("gdp_pc")[-1]
        assert [(n.param, n.value, n.fallback) for n in notices] == [("year", year, "2017")]


def test_a_year_without_data_for_the_indicator_is_refused(bundled_dataset):
    state, notices = parse_query("?ind=life_expectancy&year=2005", bundled_dataset)
    assert [n.param for n in notices] == ["year"] and state.year is None
    assert resolved_year(state, bundled_dataset) == 2010


def test_overlong_query_is_refused_whole(bundled_dataset):
    state, notices = parse_query("?ind=" + "x" * 5000, bundled_dataset)
    assert [n.param for n in notices] == ["query"] and state.indicator_id == "gdp_pc"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_query_string_raises(bundled_dataset, text):
    state, notices = parse_query(text, bundled_dataset)
    assert bundled_dataset.has_indicator(state.indicator_id)
    assert state.area_code is None or bundled_dataset.has_area(state.area_code)
    assert all(n.param for n in notices)


def test_a_views_own_parameters_survive_the_round_trip(bundled_dataset):
    state, notices = parse_query("?view=present&slide=3&wi=gdp_pc:w=12&ind=urbanisation", bundled_dataset)
    assert notices == [] and dict(state.extras) == {"slide": "3", "wi": "gdp_pc:w=12"}
    again, _ = parse_query(to_query(state.with_(year=2010)), bundled_dataset)
    assert again.extras == state.extras and again.year == 2010


def test_odd_parameter_names_and_huge_values_are_dropped(bundled_dataset):
    state, _ = parse_query("?Bad-Name=1&x=" + "y" * 600 + "&ok=1", bundled_dataset)
    assert state.extras == (("ok", "1"),)


@pytest.mark.parametrize("year", ["²", "①", "٣", "2010²", "-1", " ", "99999999999"])
def test_non_ascii_digits_in_the_year_are_a_notice(bundled_dataset, year):
    state, notices = parse_query("?" + urlencode({"year": year}), bundled_dataset)
    assert state.year is None and [n.param for n in notices] == ["year"]


def test_ascii_int_takes_only_ascii_digits():
    assert [ascii_int(x) for x in ("2010", "007", "²", "①", "", None, "1e3")] == [2010, 7, None, None, None, None, None]


@pytest.mark.parametrize("fw", ["²", "①", "nbs²", "a-b", "x" * 21])
def test_odd_framework_ids_are_a_notice(bundled_dataset, fw):
    state, notices = parse_query("?" + urlencode({"fw": fw}), bundled_dataset)
    assert state.framework_id == "nbs2008" and [n.param for n in notices] == ["fw"]


def test_junk_pilots_keep_the_bundled_pilots_and_leave_no_empty_parameter(bundled_dataset):
    state, notices = parse_query("?view=map&pilots=<junk>", bundled_dataset)
    assert state.pilots is None  # the bundled roles (Yunnan's outline) stay
    assert [(n.param, n.value) for n in notices] == [("pilots", "<junk>")]
    assert "pilots" not in to_query(state)


def test_pilots_with_some_junk_keep_the_known_codes(bundled_dataset):
    state, notices = parse_query("?pilots=530000,zz", bundled_dataset)
    assert state.pilots == ("530000",) and [n.value for n in notices] == ["zz"]
    assert "pilots=530000" in to_query(state)


def test_an_empty_pilots_parameter_means_no_pilots(bundled_dataset):
    state, notices = parse_query("?pilots=", bundled_dataset)
    assert state.pilots == () and notices == []


def test_gaps_view_accepts_any_year_in_the_data_span_and_the_map_keeps_its_rule(bundled_dataset):
    from dashboard.state import parse_query

    last = int(bundled_dataset.observations["year"].max())
    state, notices = parse_query(f"?view=gaps&ind=life_expectancy&year={last}", bundled_dataset)
    assert state.year == last and not notices
    state, notices = parse_query(f"?view=map&ind=life_expectancy&year={last}", bundled_dataset)
    assert state.year is None and [n.param for n in notices] == ["year"]
    state, notices = parse_query("?view=gaps&year=1800", bundled_dataset)
    assert state.year is None and notices


def test_an_explicit_framework_survives_the_round_trip(bundled_dataset):
    from dashboard.state import parse_query, to_query

    state, _ = parse_query("?view=map&fw=nbs2008", bundled_dataset)
    assert state.framework_set and "fw=nbs2008" in to_query(state)
    plain, _ = parse_query("?view=map", bundled_dataset)
    assert not plain.framework_set and "fw" not in to_query(plain)


def test_a_pinned_provincial_system_survives_the_round_trip(bundled_dataset):
    state, notices = parse_query("?" + urlencode({"view": "gaps", "system": "云南@体系@3"}), bundled_dataset)
    assert notices == [] and state.system == ("云南@体系", 3)            # the last '@' separates the version
    assert parse_query(to_query(state), bundled_dataset)[0] == state


@pytest.mark.parametrize("pin", ["云南体系", "云南体系@", "@3", "云南体系@0", "云南体系@-1", "云南体系@３", "云南体系@v2",
                                 "a\x07b@1", "x" * 201 + "@1"])
def test_a_system_pin_that_is_not_name_at_version_is_a_located_notice(bundled_dataset, pin):
    state, notices = parse_query("?" + urlencode({"view": "gaps", "system": pin}), bundled_dataset)
    assert state.system is None and [(n.param, n.value) for n in notices] == [("system", pin[:40])]
    assert "system" not in to_query(state)


@settings(max_examples=50, deadline=None)
@given(name=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() == s and s.isprintable()),
       version=st.integers(1, 10**6))
def test_any_printable_name_and_version_round_trip(bundled_dataset, name, version):
    state = ViewState(view="gaps", indicator_id="gdp_pc", system=(name, version))
    assert parse_query(to_query(state), bundled_dataset)[0].system == (name, version)
