"""Forest coverage: four inventories per province, each value naming its inventory (PROVENANCE §13)."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


def test_four_inventories_one_year_each(dataset: Dataset) -> None:
    obs = dataset.observations
    forest = obs[(obs["indicator_id"] == "forest_coverage") & (obs["area_code"] != "100000")]
    assert set(forest["vintage"]) == {"National Forest Inventory results"}
    inventory = forest["note"].str.extract(r"^(\d)th National Forest Inventory \((\d{4})-(\d{4})\)")
    assert not inventory.isna().any().any()
    assert (inventory[2].astype(int) == forest["year"].astype(int)).all()  # year = end of the survey period
    assert inventory.groupby(0).size().to_dict() == {"6": 30, "7": 31, "8": 31, "9": 31}  # 6th: Xinjiang cut off
    later = forest[forest["year"] > 2003]
    assert len(later) == 93 and later["area_code"].nunique() == 31
    assert set(later["confidence"]) == {"C"}
    assert later["note"].str.contains("survey period ").all()
    assert not forest.duplicated(["area_code", "year", "subgroup"]).any()


@pytest.mark.parametrize(("area_code", "year", "expected"), [
    ("350000", 2008, 63.10), ("350000", 2013, 65.95), ("350000", 2018, 66.8),  # Fujian 7th -> 9th
    ("220000", 2018, 41.49), ("310000", 2018, 14.04), ("430000", 2018, 49.69),
    ("140000", 2018, 20.50), ("520000", 2018, 43.77), ("450000", 2018, 60.17), ("640000", 2018, 12.63),
])
def test_spot_values(dataset: Dataset, area_code, year, expected) -> None:
    assert value(dataset, "forest_coverage", area_code, year) == pytest.approx(expected, abs=0.005)
