"""Provincial rural poverty: survey estimate, registered poor and the 2008 line kept apart (§18)."""
from __future__ import annotations

import pytest

from dashboard.data.bundle.rural_poverty_releases import IDS, series_of
from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


@pytest.mark.parametrize(("indicator_id", "area_code", "year", "expected"), [
    ("poverty_incidence_rural_survey", "530000", 2012, 21.7), ("poor_population_rural_survey", "530000", 2012, 804),
    ("poverty_incidence_rural_survey", "530000", 2018, 4.8), ("poverty_incidence_rural_survey", "650000", 2017, 9.9),
    ("poverty_incidence_rural_survey", "230000", 2017, 2.7),
    ("poverty_incidence_registered_rural", "520000", 2012, 26.8), ("poor_registered_rural", "520000", 2013, 746),
    ("poverty_incidence_registered_rural", "510000", 2013, 9.6), ("poverty_incidence_registered_rural", "140000", 2014, 13.6),
    ("poverty_incidence_rural_2008line", "620000", 2008, 21.3), ("poor_population_rural_2008line", "620000", 2010, 309.8),
])
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected)


def test_series_never_share_an_id(dataset: Dataset) -> None:
    obs = dataset.observations[dataset.observations["indicator_id"].isin(IDS.values())]
    assert len(obs) == 28 and set(obs["confidence"]) == {"S"}
    assert not obs.duplicated(["indicator_id", "area_code", "year", "subgroup"]).any()
    national = dataset.observations[dataset.observations["indicator_id"] == "poverty_headcount_national"]
    assert set(national["area_code"]) == {"100000"}  # the pre-2008 line gets no provincial 2008-line value


@pytest.mark.parametrize(("area_code", "year"), [("520000", 2011), ("520000", 2014), ("140000", 2016),
                                                   ("540000", 2015), ("620000", 2012), ("450000", 2017)])
def test_unnamed_series_left_out(dataset: Dataset, area_code, year) -> None:
    obs = dataset.observations
    hit = obs[obs["indicator_id"].isin(IDS.values()) & (obs["area_code"] == area_code) & (obs["year"] == year)]
    assert hit.empty


def test_upper_bound_left_out(dataset: Dataset) -> None:
    rows = dataset.values_for_year("poverty_incidence_registered_rural", 2019)
    assert "140000" not in set(rows["area_code"])  # "below 0.1 percent"


@pytest.mark.parametrize(("note", "series"), [
    ("NBS rural poverty monitoring survey (2010 line 2300 yuan/yr at 2010 prices)", "survey"),
    ("REGISTERED poor (建档立卡, provincial poverty-alleviation office) - NOT the NBS survey estimate", "registered"),
    ("NBS monitoring, OLD 1196-yuan line (2008 standard) - not comparable with the 2010 line", "line2008"),
    ("regional figure; series not named (probably registered poor)", None),
])
def test_series_of(note, series) -> None:
    assert series_of(note) == series
