"""Rural sanitary toilets / tap water from provincial releases (§19): C and S in, U out."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


@pytest.mark.parametrize(("indicator_id", "area_code", "year", "expected", "confidence"), [
    ("rural_sanitary_toilet_coverage", "350000", 2005, 58.28, "C"), ("rural_sanitary_toilet_coverage", "350000", 2012, 88.5, "C"),
    ("rural_sanitary_toilet_coverage", "330000", 2005, 67.8, "S"), ("rural_tap_water_coverage", "330000", 2005, 83.7, "S"),
])
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected, confidence) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected)
    rows = dataset.values_for_year(indicator_id, year)
    assert rows.loc[rows["area_code"] == area_code, "confidence"].iloc[0] == confidence


def test_anhui_u_value_absent_and_counts(dataset: Dataset) -> None:
    obs = dataset.observations
    rows = obs[obs["indicator_id"].isin(["rural_sanitary_toilet_coverage", "rural_tap_water_coverage"])]
    assert len(rows) == 9 and "340000" not in set(rows["area_code"])
    assert not rows.duplicated(["indicator_id", "area_code", "year", "subgroup"]).any()
