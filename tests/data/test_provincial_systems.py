"""Provincial indicator systems: derive from a national framework, edit, validate, apply, diff."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.analysis.attainment import attainment_from_values, framework_items
from dashboard.data import provincial_systems as ps
from dashboard.data.errors import DataError, Location
from dashboard.data.frameworks import Frameworks, load_frameworks

DATA = Path(__file__).resolve().parents[2] / "data"
YUNNAN = "530000"
FRAMEWORK_IDS = ("nbs2008", "nbs2013", "fyp11", "mdg")


@pytest.fixture(scope="module")
def frameworks() -> Frameworks:
    return load_frameworks(DATA)


def _scores(result):
    return [(i.item_id, i.score, i.reason, i.weight) for i in result.items]


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_a_derived_system_is_valid_and_differs_in_nothing(frameworks, framework_id):
    system = ps.derive(frameworks, framework_id, YUNNAN)
    ps.validate(system, frameworks)
    assert ps.diff(system, frameworks) == []
    applied = ps.apply(system, frameworks)
    own = applied.items_for(ps.SYSTEM_FRAMEWORK_ID)
    assert list(own["item_id"]) == list(frameworks.items_for(framework_id)["item_id"])
    assert applied.framework_ids() == [*frameworks.framework_ids(), ps.SYSTEM_FRAMEWORK_ID]


def test_derive_starts_from_the_province_s_own_sourced_target(frameworks):
    override = frameworks.overrides.iloc[0]                       # e.g. Jilin's own energy target
    area = override["area_code"]
    system = ps.derive(frameworks, override["framework_id"], area)
    assert system.item(override["item_id"]).relative_change == override["relative_change"]
    own_row = ps.apply(system, frameworks).target_for(ps.SYSTEM_FRAMEWORK_ID, override["item_id"], area)
    assert own_row["source_id"] == override["source_id"]          # not replaced by the system's mark
    assert ps.diff(system, frameworks) == []


def test_a_changed_target_is_the_system_s_and_says_the_national_value(frameworks):
    system = ps.edited(ps.derive(frameworks, "nbs2008", YUNNAN, name="云南体系"), "nbs2008_urbanisation", target=55.0)
    system = ps.ProvincialSystem(system.framework_id, system.area_code, system.items, name=system.name, version=3)
    row = ps.apply(system, frameworks).target_for(ps.SYSTEM_FRAMEWORK_ID, "nbs2008_urbanisation", YUNNAN)
    assert row["target"] == 55.0 and row["source_id"] == ps.SYSTEM_SOURCE_ID and row["confidence"] == "unconfirmed"
    assert "云南体系@3" in row["note_en"] and "target 60" in row["note_en"]
    assert ps.diff(system, frameworks) == [ps.DiffRow("nbs2008_urbanisation", "城镇人口比重", "Urban population share",
                                                      "changed", "target", 60.0, 55.0)]


def test_a_dropped_item_leaves_the_applied_framework_and_the_diff_says_so(frameworks):
    system = ps.edited(ps.derive(frameworks, "nbs2008", YUNNAN), "nbs2008_rd_intensity", status="dropped")
    own = ps.apply(system, frameworks).items_for(ps.SYSTEM_FRAMEWORK_ID)
    assert "nbs2008_rd_intensity" not in set(own["item_id"]) and len(own) == 22
    assert [(d.item_id, d.change) for d in ps.diff(system, frameworks)] == [("nbs2008_rd_intensity", "dropped")]


def test_an_added_item_links_any_indicator_and_is_scored_like_a_national_one(frameworks):
    base = ps.derive(frameworks, "nbs2008", YUNNAN)
    added = ps.SystemItem("yn_tea_output", status="added", domain_id="economic", name_zh="茶叶产量", direction="positive",
                          indicator_id="user_tea", subgroup="total", target=40.0, weight=2.0, target_year=2020)
    system = ps.ProvincialSystem(base.framework_id, YUNNAN, (*base.items, added))
    ps.validate(system, frameworks, indicators=["user_tea", *frameworks.items["indicator_id"].dropna()])
    spec = framework_items(ps.apply(system, frameworks), ps.SYSTEM_FRAMEWORK_ID, YUNNAN)[-1]
    result = attainment_from_values("own", [spec], {"yn_tea_output": (30.0, 2010)})
    assert spec.item_id == "yn_tea_output" and result.items[0].score == pytest.approx(0.75)
    assert ps.diff(system, frameworks)[-1].change == "added"


@pytest.mark.parametrize(("field", "value", "why"), [
    ("weight", -1.0, "weight -1 is negative"),
    ("target", 0.0, "must be above 0"),
    ("target_low", 3.0, "only interval items have a band"),
    ("indicator_id", "no_such_indicator", "not an indicator of the dataset"),
    ("subgroup", "teens", "is not one of"),
    ("status", "maybe", "'maybe' is not one of kept, dropped, added"),
    ("direction", "reverse", "keeps the national direction 'positive'"),
    ("name_zh", "服务业比重", "keeps the national name_zh '第三产业增加值占GDP比重'"),
])
def test_a_bad_cell_is_refused_with_its_row_and_field(frameworks, field, value, why):
    system = ps.edited(ps.derive(frameworks, "nbs2008", YUNNAN), "nbs2008_tertiary_share", **{field: value})
    with pytest.raises(DataError) as error:
        ps.validate(system, frameworks, indicators=set(frameworks.items["indicator_id"].dropna()), file="云南")
    assert error.value.location == Location("云南", 3, field)           # the third item of the table
    assert why in error.value.message


def test_an_interval_item_s_bounds_must_nest(frameworks):
    system = ps.derive(frameworks, "nbs2008", YUNNAN)
    interval = next(i for i in system.items if frameworks.target_for("nbs2008", i.item_id, YUNNAN)["direction"] == "interval")
    bad = ps.edited(system, interval.item_id, target_low=0.3, target_high=0.4, bound_low=0.35, bound_high=0.6)
    with pytest.raises(DataError) as error:
        ps.validate(bad, frameworks)
    assert error.value.location.column == "bound_low" and "must be below target_low" in error.value.message


def test_a_file_s_rows_are_counted_as_spreadsheet_rows_and_must_name_one_system(frameworks):
    rows = ps.to_table(ps.derive(frameworks, "nbs2008", YUNNAN)).to_dict("records")
    rows[4]["weight"] = "heavy"
    with pytest.raises(DataError) as error:
        ps.from_table(rows, file="yunnan.csv", first_row=2)
    assert error.value.location == Location("yunnan.csv", 6, "weight") and "'heavy' is not a number" in error.value.message
    rows[4]["weight"], rows[7]["area_code"] = 4, "520000"
    with pytest.raises(DataError) as error:
        ps.from_table(rows, file="yunnan.csv", first_row=2)
    assert error.value.location == Location("yunnan.csv", 9, "area_code")


def test_an_added_item_may_not_take_a_national_id_or_lack_a_name(frameworks):
    base = ps.derive(frameworks, "nbs2008", YUNNAN)
    for item, column in ((ps.SystemItem("nbs2008_gdp_pc", status="added", domain_id="e", name_zh="x", direction="positive"), "item_id"),
                         (ps.SystemItem("yn_new", status="added", domain_id="e", direction="positive"), "name_zh")):
        with pytest.raises(DataError) as error:
            ps.validate(ps.ProvincialSystem("nbs2008", YUNNAN, (*base.items[1:], item)), frameworks)
        assert error.value.location.column == column and error.value.location.row == len(base.items)


def test_an_unknown_framework_or_province_is_refused(frameworks):
    with pytest.raises(DataError, match="'nbs1999' is not a framework"):
        ps.validate(ps.ProvincialSystem("nbs1999", YUNNAN, ()), frameworks)
    with pytest.raises(DataError, match="not a province"):
        ps.validate(ps.derive(frameworks, "nbs2008", "999999"), frameworks, areas=[YUNNAN])


def test_stored_content_that_is_not_a_system_is_refused():
    with pytest.raises(DataError, match="not a provincial system"):
        ps.from_content({"slides": []}, name="x")


# --- properties ----------------------------------------------------------------------------------
_values = st.floats(min_value=0, max_value=1e6, allow_nan=False) | st.none()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(framework_id=st.sampled_from(FRAMEWORK_IDS), data=st.data())
def test_deriving_then_applying_with_no_edit_scores_every_item_as_the_national_framework(frameworks, framework_id, data):
    national = framework_items(frameworks, framework_id, YUNNAN)
    values = {s.item_id: (data.draw(_values), 2010) for s in national}
    own = framework_items(ps.apply(ps.derive(frameworks, framework_id, YUNNAN), frameworks), ps.SYSTEM_FRAMEWORK_ID, YUNNAN)
    expected, got = attainment_from_values(framework_id, national, values), attainment_from_values("own", own, values)
    assert _scores(got) == _scores(expected)
    assert (got.overall, got.weight_coverage, got.status) == (expected.overall, expected.weight_coverage, expected.status)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scale=st.floats(min_value=0.01, max_value=100), data=st.data())
def test_the_applied_index_renormalises_weights_scaling_them_all_changes_nothing(frameworks, scale, data):
    system = ps.derive(frameworks, "nbs2008", YUNNAN)
    dropped = data.draw(st.sets(st.sampled_from([i.item_id for i in system.items]), max_size=5))
    system = ps.ProvincialSystem("nbs2008", YUNNAN, tuple(
        ps.SystemItem(**{**i.__dict__, "status": "dropped"}) if i.item_id in dropped else i for i in system.items))
    scaled = ps.ProvincialSystem("nbs2008", YUNNAN, tuple(
        ps.SystemItem(**{**i.__dict__, "weight": None if i.weight is None else i.weight * scale}) for i in system.items))
    specs = framework_items(ps.apply(system, frameworks), "own", YUNNAN)
    values = {s.item_id: (data.draw(st.floats(min_value=0, max_value=1e5)), 2010) for s in specs}
    one = attainment_from_values("own", specs, values)
    two = attainment_from_values("own", framework_items(ps.apply(scaled, frameworks), "own", YUNNAN), values)
    assert one.status == two.status
    assert (one.overall is None) == (two.overall is None)
    if one.overall is not None:
        assert two.overall == pytest.approx(one.overall, rel=1e-9)
    assert {s.item_id for s in specs}.isdisjoint(dropped)


_cell = st.none() | st.text(max_size=6) | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**6, 10**6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({}, optional={c: _cell for c in ps.COLUMNS}), min_size=1, max_size=4))
def test_any_table_is_either_a_valid_system_or_a_located_refusal(frameworks, rows):
    try:
        system = ps.from_table(rows, file="f.csv", first_row=2)
        ps.validate(system, frameworks, file="f.csv", first_row=2)
    except DataError as error:
        assert error.location.file == "f.csv"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(framework_id=st.sampled_from(FRAMEWORK_IDS), weight=st.floats(min_value=0, max_value=50), data=st.data())
def test_stored_content_and_the_table_read_back_as_the_same_system(frameworks, framework_id, weight, data):
    system = ps.derive(frameworks, framework_id, YUNNAN)
    item_id = data.draw(st.sampled_from([i.item_id for i in system.items]))
    system = ps.edited(system, item_id, weight=weight)
    assert ps.from_content(ps.to_content(system)) == system
    assert ps.from_table(ps.to_table(system).to_dict("records")) == system
