"""Census households with tap water / toilet, aggregated from counties only for complete provinces."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.bundle.census_households import province_shares
from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value

IDS = ("households_tap_water_census", "households_toilet_census")


@pytest.mark.parametrize(("indicator_id", "area_code", "year", "expected"), [
    # equal to the province rows of the books (PROVENANCE §27 tidy file, D)
    ("households_tap_water_census", "530000", 2010, 55.2239), ("households_toilet_census", "530000", 2010, 44.2283),
    ("households_tap_water_census", "530000", 2020, 93.2006), ("households_toilet_census", "520000", 2020, 95.7154),
])
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("area_code", "year"), [
    ("140000", 2020), ("410000", 2020), ("620000", 2020), ("460000", 2020),  # county rows short (PROVENANCE §27)
    ("620000", 2010), ("460000", 2010),  # 嘉峪关, 三亚 printed only as prefectures
])
def test_incomplete_provinces_missing(dataset: Dataset, area_code, year) -> None:
    for indicator_id in IDS:
        assert area_code not in set(dataset.values_for_year(indicator_id, year)["area_code"])


def test_flagged_derived_and_say_what_was_summed(dataset: Dataset) -> None:
    obs = dataset.observations[dataset.observations["indicator_id"].isin(IDS)]
    assert set(obs["flag"]) == {"derived"} and set(obs["year"]) == {2010, 2020}
    assert obs["note"].str.match(r"sum of \d+ county-level units: ").all()
    assert not obs.duplicated(["indicator_id", "area_code", "year", "subgroup"]).any()
    assert obs["value"].between(0, 100).all()


def _book(rows):
    return pd.DataFrame(rows, columns=["区划代码", "hh", "tap", "toilet"]).astype(str)


def test_aggregates_only_when_counties_sum_to_the_province() -> None:
    complete = _book([["530000", 30, 20, 10], ["530100", 0, 0, 0], ["530102", 10, 5, 5], ["530103", 20, 15, 5]])
    shares = province_shares(complete, "hh", "tap", "toilet", "f")
    assert len(shares) == 1 and shares[0]["units"] == 2
    assert shares[0]["tap_share"] == pytest.approx(20 / 30 * 100)
    short = _book([["530000", 31, 20, 10], ["530102", 10, 5, 5], ["530103", 20, 15, 5]])
    assert province_shares(short, "hh", "tap", "toilet", "f") == []
    blank = _book([["530000", 30, 20, 10], ["530102", 10, 5, "nan"], ["530103", 20, 15, 5]])
    assert province_shares(blank, "hh", "tap", "toilet", "f") == []
