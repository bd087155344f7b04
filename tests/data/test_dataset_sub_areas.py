"""Dataset lookups for county scale: one indicator's rows and one county's rows without scans."""
from __future__ import annotations

import pandas as pd

from dashboard.data.dataset import Dataset


def test_indicator_rows_equal_a_filter_of_the_table(bundled_dataset: Dataset) -> None:
    obs = bundled_dataset.observations
    for indicator_id in ("gdp_pc", "urbanisation", "county_poverty_exit_year"):
        expected = obs[(obs["indicator_id"] == indicator_id) & (obs["subgroup"] == "total")]
        pd.testing.assert_frame_equal(bundled_dataset.indicator_rows(indicator_id).sort_index(), expected.sort_index())
        every = obs[obs["indicator_id"] == indicator_id]
        assert sorted(bundled_dataset.indicator_rows(indicator_id, None).index) == sorted(every.index)
    assert bundled_dataset.indicator_rows("no_such_indicator").empty


def test_a_counties_rows_equal_a_filter_of_the_table(bundled_dataset: Dataset) -> None:
    obs = bundled_dataset.observations
    expected = obs[(obs["area_code"] == "532322") & (obs["subgroup"] == "total")]
    assert sorted(bundled_dataset.sub_area_rows("532322").index) == sorted(expected.index)
    assert bundled_dataset.sub_area_rows("530000").empty  # a province is not a sub-area
    assert "county_poverty_exit_year" in bundled_dataset.sub_area_indicators("530000")
    assert bundled_dataset.sub_area_indicators("110000") == []
