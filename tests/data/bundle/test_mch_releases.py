"""Provincial MMR / IMR / U5MR / hospital delivery: C and S only, confidence carried, Beijing's
hukou-basis rates flagged (PROVENANCE §15-17)."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value

IDS = ("mmr", "imr", "u5mr", "hospital_delivery")


def _provincial(dataset: Dataset):
    obs = dataset.observations
    return obs[obs["indicator_id"].isin(IDS) & (obs["source_id"] == "PROV-MCH-RELEASES")]


def test_counts_by_confidence(dataset: Dataset) -> None:
    counts = _provincial(dataset).groupby(["indicator_id", "confidence"]).size().to_dict()
    # PROVENANCE: MMR 5 C / 24 S / 3 U; IMR 5 C / 19 S / 8 U; U5MR 8 S / 4 U; delivery 2 S / 5 U
    assert counts == {("mmr", "C"): 5, ("mmr", "S"): 24, ("imr", "C"): 5, ("imr", "S"): 19,
                      ("u5mr", "S"): 8, ("hospital_delivery", "S"): 2}


@pytest.mark.parametrize(("indicator_id", "area_code", "year"), [
    ("mmr", "540000", 2015), ("mmr", "540000", 2016), ("mmr", "540000", 2020),  # Tibet rounded / year assumed
    ("imr", "370000", 1995), ("imr", "210000", 1990), ("imr", "630000", 2015),  # surveillance, repost
    ("u5mr", "630000", 2015), ("u5mr", "210000", 1991),
    ("hospital_delivery", "540000", 2009), ("hospital_delivery", "630000", 2015),
])
def test_doubtful_values_are_absent(dataset: Dataset, indicator_id, area_code, year) -> None:
    rows = dataset.values_for_year(indicator_id, year)
    assert area_code not in set(rows["area_code"])


@pytest.mark.parametrize(("indicator_id", "area_code", "year", "expected", "confidence"), [
    ("mmr", "110000", 2013, 9.45, "C"), ("mmr", "540000", 2010, 174.78, "S"), ("mmr", "650000", 2020, 17.89, "S"),
    ("mmr", "620000", 2012, 24.35, "S"), ("imr", "650000", 2010, 26.58, "S"), ("imr", "650000", 2020, 6.75, "S"),
    ("u5mr", "650000", 2010, 31.95, "S"), ("u5mr", "110000", 2015, 3.02, "S"),
    ("hospital_delivery", "420000", 2018, 99.94, "S"), ("hospital_delivery", "620000", 2012, 98.33, "S"),
])
def test_spot_values_and_confidence(dataset: Dataset, indicator_id, area_code, year, expected, confidence) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected)
    rows = dataset.values_for_year(indicator_id, year)
    assert rows.loc[rows["area_code"] == area_code, "confidence"].iloc[0] == confidence


def test_beijing_hukou_rates_flagged_and_only_beijing(dataset: Dataset) -> None:
    rows = _provincial(dataset)
    flagged = rows[rows["flag"] == "registered_basis"]
    assert set(flagged["area_code"]) == {"110000"}
    assert len(flagged[flagged["indicator_id"] == "mmr"]) == 8  # 2009-2011 (S) and 2013-2017 (C)
    assert flagged["note"].str.contains("not comparable with province-wide rates").all()
    unstated = rows[(rows["area_code"] == "110000") & (rows["flag"] != "registered_basis")]
    # the source does not state the basis: 2012 and 2021 press release, 2015 surveillance-network U5MR
    assert sorted(zip(unstated["indicator_id"], unstated["year"])) == [
        ("imr", 2012), ("imr", 2021), ("mmr", 2012), ("mmr", 2021), ("u5mr", 2015)]
    assert set(rows.loc[rows["area_code"] != "110000", "flag"]) == {"official"}


def test_no_duplicate_cells(dataset: Dataset) -> None:
    obs = dataset.observations
    mch = obs[obs["indicator_id"].isin(IDS)]
    assert not mch.duplicated(["indicator_id", "area_code", "year", "subgroup"]).any()
