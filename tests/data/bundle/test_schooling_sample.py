"""Average years of schooling (6+) from the NBS sample surveys: our derivation, its own id (PROVENANCE §21)."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data.build import DEFAULT_REFERENCE
from dashboard.data.bundle import schooling_sample
from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value

REFERENCE = Path(DEFAULT_REFERENCE)


def _counts(total: float, primary: float, junior: float, senior: float, tertiary: float) -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples([("530000", 2015)], names=["area_code", "year"])
    return pd.DataFrame({
        "sample_pop_6plus": [total], "sample_pop_6plus_primary": [primary], "sample_pop_6plus_junior_secondary": [junior],
        "sample_pop_6plus_senior_secondary": [senior], "sample_pop_6plus_tertiary": [tertiary],
    }, index=index)


def test_weights_are_the_usual_years_with_tertiary_as_16() -> None:
    years = schooling_sample.average_years(_counts(100, 10, 20, 30, 40))
    assert years.loc[("530000", 2015)] == pytest.approx((6 * 10 + 9 * 20 + 12 * 30 + 16 * 40) / 100)


def test_a_missing_count_leaves_the_year_missing() -> None:
    counts = _counts(100, 10, 20, 30, 40)
    counts.loc[("530000", 2015), "sample_pop_6plus_senior_secondary"] = float("nan")
    assert schooling_sample.average_years(counts).empty


@settings(deadline=None)  # pandas frame construction is slow on the first call
@given(st.lists(st.integers(0, 10_000), min_size=5, max_size=5))
def test_average_lies_between_0_and_16_years(parts: list[int]) -> None:
    no_schooling, primary, junior, senior, tertiary = parts
    total = sum(parts)
    years = schooling_sample.average_years(_counts(total, primary, junior, senior, tertiary))
    if total == 0:
        assert years.empty
    else:
        assert 0 <= years.iloc[0] <= 16


def test_every_province_2002_2019_without_the_census_year(dataset: Dataset) -> None:
    obs = dataset.observations
    rows = obs[obs["indicator_id"] == "schooling_years_6plus_sample"]
    assert rows["area_code"].nunique() == 31
    assert 2010 not in set(rows["year"])
    assert set(rows["flag"]) == {"derived"}
    assert not rows.duplicated(["area_code", "year", "subgroup"]).any()


def test_census_15plus_series_is_not_joined(dataset: Dataset) -> None:
    obs = dataset.observations
    census = obs[obs["indicator_id"] == "schooling_years"]
    assert set(census["year"]) == {2010, 2020}
    assert value(dataset, "schooling_years", "530000", 2010) == pytest.approx(7.76)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="needs ../shared/reference-data beside the checkout")
def test_equal_to_the_reference_derivation(dataset: Dataset) -> None:
    """PROVENANCE's own derived_indicators.csv uses the same weights: every value agrees."""
    names = {row["area_code"]: row["name_zh"] for _, row in dataset.areas.iterrows()}
    theirs = {}
    with open(REFERENCE / "nbs_provincial_db_crawl" / "derived_indicators.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["indicator"] == "avg_years_schooling_6plus_sample_survey":
                theirs[(row["province_zh"], int(row["year"]))] = float(row["value"])
    obs = dataset.observations
    ours = obs[obs["indicator_id"] == "schooling_years_6plus_sample"]
    assert len(ours) == len(theirs) == 527
    for row in ours.itertuples():
        key = next(k for k in theirs if k[1] == row.year and names[row.area_code].startswith(k[0]))
        assert row.value == pytest.approx(theirs[key], abs=0.001)
