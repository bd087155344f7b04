"""Internet penetration (MDG 8) and village broadband, 31 provinces x 2010-2016 (PROVENANCE §14)."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


@pytest.mark.parametrize("indicator_id", ["internet_penetration", "village_broadband_share"])
def test_full_panel(dataset: Dataset, indicator_id) -> None:
    obs = dataset.observations
    rows = obs[(obs["indicator_id"] == indicator_id) & (obs["area_code"] != "100000")]
    assert len(rows) == 217 and rows["area_code"].nunique() == 31
    assert sorted(rows["year"].unique()) == list(range(2010, 2017))
    assert set(rows["confidence"]) == {"C"} and set(rows["flag"]) == {"official"}
    assert not rows.duplicated(["area_code", "year", "subgroup"]).any()


@pytest.mark.parametrize(("area_code", "year", "expected"), [
    ("110000", 2011, 70.3), ("110000", 2012, 72.2), ("310000", 2012, 68.4), ("440000", 2012, 63.1),
    ("350000", 2012, 61.3), ("650000", 2011, 40.4), ("110000", 2010, 69.4),
])
def test_cnnic_figures(dataset: Dataset, area_code, year, expected) -> None:
    assert value(dataset, "internet_penetration", area_code, year) == pytest.approx(expected, abs=0.05)
