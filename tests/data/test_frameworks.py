"""Frameworks as data: the four bundled frameworks, their sources, links and provincial targets."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import schema
from dashboard.data.bundle import census_households, mdg_national, nbs_provincial_db, rural_poverty_releases, schooling_sample
from dashboard.data.errors import DataError
from dashboard.data.frameworks import Frameworks, load_frameworks

DATA = Path(__file__).resolve().parents[2] / "data"

# The other engineer's indicator ids (landing over time) plus ours: every link must be one of them.
PROVINCIAL_IDS = {
    "gdp_pc", "population", "urbanisation", "tertiary_share", "life_expectancy", "rd_intensity",
    "urban_disposable_income", "rural_net_income", "resident_disposable_income", "engel_urban", "engel_rural",
    "illiteracy_census", "illiteracy_sample", "illiteracy_semi_sample", "schooling_years", "energy_intensity",
    "energy_intensity_change", "forest_coverage", "unemployment_urban_registered", "hdi_gdl", "imr_adjusted",
    "poverty_band_2016", "tb_incidence", "tb_mortality", "aids_incidence", "aids_mortality", "hiv_incidence",
    "malaria_incidence", "urban_rural_income_ratio", "internet_penetration", "rural_tap_water_coverage",
    "rural_sanitary_toilet_coverage",
}
KNOWN_IDS = (
    PROVINCIAL_IDS | {row["indicator_id"] for row in mdg_national.INDICATORS}
    | {row["indicator_id"] for row in nbs_provincial_db.INDICATORS}
    | {row["indicator_id"] for module in (census_households, rural_poverty_releases, schooling_sample) for row in module.INDICATORS}
)


@pytest.fixture(scope="module")
def frameworks() -> Frameworks:
    return load_frameworks(DATA)


def test_each_framework_loads(frameworks: Frameworks) -> None:
    assert frameworks.framework_ids() == ["nbs2008", "nbs2013", "fyp11", "mdg"]
    for framework_id in frameworks.framework_ids():
        items = frameworks.items_for(framework_id)
        assert len(items) > 0
        assert list(items["order"]) == sorted(items["order"])


def test_nbs2008_has_6_domains_23_items_and_the_confirmed_direction_split(frameworks: Frameworks) -> None:
    items = frameworks.items_for("nbs2008")
    assert items["domain_id"].nunique() == 6
    assert len(items) == 23
    assert items["direction"].value_counts().to_dict() == {"positive": 14, "interval": 6, "reverse": 3}
    # domain sizes 5, 5, 5, 2, 3, 3 (NBS slides)
    assert sorted(items.groupby("domain_id").size()) == [2, 3, 3, 5, 5, 5]


def test_nbs2008_weights_and_targets_are_marked_unconfirmed(frameworks: Frameworks) -> None:
    items = frameworks.items_for("nbs2008")
    assert set(items["confidence"]) == {"unconfirmed"}
    assert items["weight"].sum() == pytest.approx(100)
    unemployment = items.set_index("item_id").loc["nbs2008_unemployment"]
    assert (unemployment["target_low"], unemployment["target_high"]) == (3, 6)
    assert pd.isna(unemployment["bound_low"]) and pd.isna(unemployment["bound_high"])
    assert "bounds" in unemployment["note_en"]


def test_constant_price_targets_say_so(frameworks: Frameworks) -> None:
    items = frameworks.items.set_index("item_id")
    assert items.at["nbs2008_gdp_pc", "price_basis"] == "constant_2000"
    assert items.at["nbs2008_gdp_pc", "indicator_id"] == "gdp_pc_2000prices"  # a series of the same basis
    assert items.at["nbs2013_gdp_pc", "price_basis"] == "constant_2010"


def test_nbs2013_rows_1_to_33_confirmed_and_row_34_not(frameworks: Frameworks) -> None:
    items = frameworks.items_for("nbs2013")
    confirmed = items[items["order"] <= 33]
    assert len(confirmed) == 33 and set(confirmed["confidence"]) == {"confirmed"}
    row34 = items[items["order"] == 34].iloc[0]
    assert row34["confidence"] == "unconfirmed" and pd.isna(row34["weight"]) and pd.isna(row34["target"])
    # confirmed domain weights I-IV: 22 / 14 / 14 / 28
    sums = confirmed.groupby("domain_id")["weight"].sum().to_dict()
    assert sums == pytest.approx({"economic": 22, "democracy_law": 14, "culture": 14, "living": 28, "resources_environment": 3})


def test_fyp11_has_22_items_8_binding(frameworks: Frameworks) -> None:
    items = frameworks.items_for("fyp11")
    assert len(items) == 22
    assert items["binding"].value_counts().to_dict() == {"expected": 14, "binding": 8}
    assert set(items["target_year"]) == {2010}


def test_every_row_has_a_confidence_and_a_source_resolving_in_sources_csv(frameworks: Frameworks) -> None:
    sources = set(pd.read_csv(DATA / "sources.csv", dtype=str)["source_id"])
    for table in (frameworks.registry, frameworks.items, frameworks.overrides):
        assert table["confidence"].isin(["confirmed", "unconfirmed"]).all()
        missing = set(table["source_id"]) - sources
        assert not missing, f"source_ids not in data/sources.csv (run the build): {missing}"


def test_interval_bands_are_ordered(frameworks: Frameworks) -> None:
    intervals = frameworks.items[frameworks.items["direction"] == "interval"]
    both = intervals.dropna(subset=["target_low", "target_high"])
    assert len(both) >= 1
    assert (both["target_low"] <= both["target_high"]).all()
    assert (intervals["target_low"].notna() | intervals["target_high"].notna()).all()


def test_relative_mdg_targets_carry_rule_change_and_baseline(frameworks: Frameworks) -> None:
    mdg = frameworks.items_for("mdg").set_index("item_id")
    relative = mdg[mdg["baseline_rule"] == "relative"]
    assert relative["relative_change"].notna().all() and relative["baseline_year"].notna().all()
    assert mdg.at["mdg_u5mr", "baseline_rule"] == "relative"
    assert mdg.at["mdg_u5mr", "relative_change"] == pytest.approx(-2 / 3, abs=1e-4)
    assert mdg.at["mdg_mmr", "relative_change"] == pytest.approx(-0.75)
    assert mdg.at["mdg_poverty_international_rural", "relative_change"] == pytest.approx(-0.5)
    assert set(relative["baseline_year"]) == {1990} and set(mdg["target_year"]) == {2015}


def test_every_link_is_a_known_indicator(frameworks: Frameworks) -> None:
    linked = frameworks.items.dropna(subset=["indicator_id"])
    assert set(linked["indicator_id"]) <= KNOWN_IDS
    assert linked["subgroup"].isin(schema.SUBGROUPS).all()
    built = set(pd.read_csv(DATA / "indicators.csv", dtype=str)["indicator_id"])
    assert {row["indicator_id"] for row in mdg_national.INDICATORS} <= built


def test_override_applies_to_its_province_and_national_target_elsewhere(frameworks: Frameworks) -> None:
    jilin = frameworks.target_for("fyp11", "fyp11_energy_intensity", "220000")
    assert jilin["overridden"] and jilin["relative_change"] == pytest.approx(-0.30)
    assert jilin["source_id"] == "PEOPLESDAILY-JA-2006-11-09" and jilin["confidence"] == "unconfirmed"
    yunnan = frameworks.target_for("fyp11", "fyp11_energy_intensity", "530000")
    assert not yunnan["overridden"] and yunnan["relative_change"] == pytest.approx(-0.20)
    assert yunnan["source_id"] == "FYP11-OUTLINE"
    absolute = frameworks.target_for("nbs2013", "nbs2013_life_expectancy", "530000")
    assert absolute["target"] == 76 and not absolute["overridden"]
    with pytest.raises(KeyError):
        frameworks.target_for("fyp11", "no_such_item", "530000")


def test_measured_marks_items_whose_indicator_is_in_the_dataset(frameworks: Frameworks) -> None:
    class OnlyIndicators:  # measured() reads nothing but the indicator ids
        indicators = pd.DataFrame({"indicator_id": ["u5mr", "gdp_pc_2000prices"]})

    measured = frameworks.measured("nbs2008", OnlyIndicators()).set_index("item_id")["measured"]  # type: ignore[arg-type]
    assert measured["nbs2008_u5mr"] and measured["nbs2008_gdp_pc"]
    assert not measured["nbs2008_life_expectancy"]  # linked, but not in this dataset
    assert not measured["nbs2008_gini"]  # not linked: not yet measured


def test_mdg_national_series_are_national_sourced_and_official() -> None:
    obs = mdg_national.observations(DATA, matcher=None)  # type: ignore[arg-type]
    assert set(obs["area_code"]) == {schema.NATIONAL}
    assert list(obs.columns) == list(schema.OBSERVATIONS.columns)
    assert not obs.duplicated(list(schema.OBSERVATIONS.key)).any()
    assert set(obs["source_id"]) <= {row["source_id"] for row in mdg_national.SOURCES}
    assert set(obs["indicator_id"]) == {row["indicator_id"] for row in mdg_national.INDICATORS}
    u5mr = obs[obs["indicator_id"] == "u5mr"].set_index("year")["value"].to_dict()
    assert u5mr == {1991: 61.0, 2004: 25.0, 2007: 18.1, 2014: 11.7}


# --- malformed files: DataError names file, row and column ---------------------------------

@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "frameworks", tmp_path / "frameworks")
    return tmp_path


def _edit(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` is the spreadsheet row (2 = first data row)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "message"),
    [
        ("nbs2008.csv", 4, "direction", "upward", "not one of"),
        ("nbs2008.csv", 2, "weight", "twelve", "not a number"),
        ("nbs2008.csv", 6, "target_low", "7", "above target_high"),
        ("nbs2008.csv", 6, "bound_low", "4", "must be below target_low"),
        ("mdg.csv", 10, "relative_change", "", "needs relative_change"),  # mdg_u5mr
        ("fyp11.csv", 3, "confidence", "likely", "not one of"),
        ("nbs2013.csv", 5, "price_basis", "2010 prices", "constant_YYYY"),
        ("nbs2013.csv", 3, "source_id", "", "value is empty"),
        ("target_overrides.csv", 2, "item_id", "fyp11_gdp_pc_typo", "not an item"),
        ("assessment_rules.csv", 2, "kind", "sideways", "not one of"),
        ("assessment_rules.csv", 3, "item_id", "mdg_typo", "not an item"),
        ("assessment_rules.csv", 4, "min_points", "1", "min_points >= 2"),
        ("assessment_rules.csv", 5, "flat_pace", "0.5", "flat_pace <= fast_pace"),
    ],
)
def test_malformed_file_raises_located_error(data_copy: Path, file: str, row: int, column: str, value: str, message: str) -> None:
    _edit(data_copy / "frameworks" / file, row, column, value)
    with pytest.raises(DataError) as caught:
        load_frameworks(data_copy)
    location = caught.value.location
    assert (location.file, location.row, location.column) == (f"frameworks/{file}", row, column)
    assert message in caught.value.message


def test_missing_framework_file_is_named(data_copy: Path) -> None:
    (data_copy / "frameworks" / "fyp11.csv").unlink()
    with pytest.raises(DataError, match="frameworks/fyp11.csv"):
        load_frameworks(data_copy)


def test_trend_rules_cover_every_mdg_item_without_a_numeric_target(frameworks: Frameworks) -> None:
    items = frameworks.items_for("mdg")
    no_target = items[items["target"].isna() & items["relative_change"].isna() & (items["direction"] != "interval")]
    assert len(no_target) >= 8
    for item_id in no_target["item_id"]:
        rule = frameworks.rule_for("mdg", item_id)
        assert rule is not None and rule["item_id"] == item_id and rule["note_en"] and rule["note_zh"], item_id
    assert frameworks.rule_for("mdg", "mdg_hiv")["kind"] == "halt_reverse"
    assert frameworks.rule_for("nbs2013", "anything")["item_id"] == "*"  # the global default


def test_rules_file_is_optional(data_copy: Path) -> None:
    (data_copy / "frameworks" / "assessment_rules.csv").unlink()
    assert load_frameworks(data_copy).rule_for("mdg", "mdg_hiv") is None
