"""R&D by province from the bulletins: published intensity, one release per year (PROVENANCE §22)."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


def _rd(dataset: Dataset, indicator_id: str):
    obs = dataset.observations
    return obs[(obs["indicator_id"] == indicator_id) & (obs["area_code"] != "100000")]


def test_every_province_every_year_2010_2023(dataset: Dataset) -> None:
    for indicator_id in ("rd_intensity", "rd_expenditure"):
        rd = _rd(dataset, indicator_id)
        assert len(rd) == 31 * 14
        assert sorted(rd["year"].unique()) == list(range(2010, 2024))
        assert not rd.duplicated(["area_code", "year", "subgroup"]).any()


@pytest.mark.parametrize(("indicator_id", "area_code", "year", "expected"), [
    ("rd_intensity", "110000", 2018, 6.17),   # bulletin HTML (C)
    ("rd_expenditure", "110000", 2018, 1870.8),
    ("rd_intensity", "110000", 2019, 6.31),
    ("rd_intensity", "110000", 2010, 5.82),   # derived from the yearbook and first-release GDP
    ("rd_intensity", "440000", 2010, 1.76),
    ("rd_intensity", "330000", 2010, 1.78),
    ("rd_expenditure", "440000", 2017, 2343.6),  # the bulletin, not the collected 2345.6
])
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected, abs=0.005)


def test_intensity_is_the_published_release_with_confidence(dataset: Dataset) -> None:
    rd = _rd(dataset, "rd_intensity")
    published = rd[rd["year"] >= 2011]
    assert (published["flag"] == "official").all()
    assert set(published.loc[published["year"] >= 2018, "confidence"]) == {"C"}
    assert set(published.loc[published["year"] <= 2017, "confidence"]) == {"S"}
    assert published["note"].str.contains("统计公报").all()  # the note names the year's bulletin
    first = rd[rd["year"] == 2010]
    assert (first["flag"] == "derived").all() and first["confidence"].isna().all()
    assert "gdp_rev2024" not in " ".join(rd["vintage"].astype(str))  # the revised-GDP ratio is gone
