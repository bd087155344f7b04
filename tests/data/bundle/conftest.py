"""The committed bundle (data/), as the app loads it: one load per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.dataset import Dataset, load_dataset

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(DATA_DIR)


def value(ds: Dataset, indicator_id: str, area_code: str, year: int, subgroup: str = "total") -> float:
    """The one value of a cell; fails when the cell is empty or held twice."""
    rows = ds.values_for_year(indicator_id, year, subgroup)
    rows = rows[rows["area_code"] == area_code]
    assert len(rows) == 1, f"{indicator_id} {area_code} {year} {subgroup}: {len(rows)} rows"
    return float(rows["value"].iloc[0])
