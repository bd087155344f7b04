"""Another release told by its values: a file whose values differ beyond rounding from a bundled
series is a vintage of its own, and may not add years to that series."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import differs_beyond_rounding, import_file, merge_import


@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_a_value_and_its_rounding_never_differ(value: float, decimals: int) -> None:
    assert not differs_beyond_rounding(value, round(value, decimals))
    assert not differs_beyond_rounding(round(value, decimals), value)


def test_a_difference_in_the_shown_decimals_differs() -> None:
    assert differs_beyond_rounding(35445.1, 35371.28)
    assert differs_beyond_rounding(8.1, 8.3)
    assert not differs_beyond_rounding(35371.3, 35371.28)


def _bundled_cells(dataset: Dataset, indicator_id: str, n: int):
    rows = dataset.observations
    rows = rows[(rows["indicator_id"] == indicator_id) & (rows["subgroup"] == "total")
                & (rows["area_code"] != "100000")].head(n)
    return list(rows[["area_code", "year", "value"]].itertuples(index=False, name=None))


def _csv(cells, indicator_id: str) -> bytes:
    return ("地区,指标,年份,数值\n" + "".join(f"{a},{indicator_id},{y},{v}\n" for a, y, v in cells)).encode()


def test_the_same_values_rounded_are_the_same_release(bundled_dataset: Dataset) -> None:
    cells = [(a, y, round(v, 0)) for a, y, v in _bundled_cells(bundled_dataset, "gdp", 3)]
    table = import_file(_csv(cells, "gdp"), filename="g.csv", dataset=bundled_dataset)
    assert set(table.observations["vintage"]) == {"user-upload"}
    assert table.checks == ()


def test_other_values_are_another_release_and_cannot_add_years(bundled_dataset: Dataset) -> None:
    cells = _bundled_cells(bundled_dataset, "gdp", 2)
    revised = [(a, y, v * 1.05) for a, y, v in cells]
    table = import_file(_csv(revised, "gdp"), filename="g.csv", dataset=bundled_dataset)
    (vintage,) = set(table.observations["vintage"])
    assert vintage.startswith("user upload: another release than 'NBS database, Dec 2018 export")
    (check,) = table.checks
    assert check.key == "datasrc.problem.revised_values" and check.params["n"] == 2
    assert "2 of 2 values shared with the dataset's gdp" in check.message
    # Only the shared cells: replacing them is the user's explicit choice ...
    merged = merge_import(bundled_dataset, table, replace=True)
    assert len(merged.observations) == len(bundled_dataset.observations)
    # ... but a year the bundle lacks would join two releases in one line.
    area, year, value = cells[0]
    later = bundled_dataset.observations
    last = int(later[(later["indicator_id"] == "gdp") & (later["area_code"] == area)]["year"].max())
    extended = import_file(_csv(revised + [(area, last + 1, value * 1.1)], "gdp"), filename="g.csv", dataset=bundled_dataset)
    for replace in (False, True):
        with pytest.raises(DataError) as caught:
            merge_import(bundled_dataset, extended, replace=replace)
        assert caught.value.key == "datasrc.problem.mixed_release"
        assert f"{last + 1}" in str(caught.value)
