"""Tidy export, coverage tables and formula neutralisation."""
from __future__ import annotations

import dataclasses

import pandas as pd
from hypothesis import given, strategies as st

from dashboard.data.dataset import Dataset
from dashboard.data.export import (
    FORMULA_STARTS,
    TIDY_COLUMNS,
    coverage_by_province,
    coverage_matrix,
    neutralise_formula,
    tidy_export,
)


def test_tidy_export_has_the_agreed_columns_and_units(dataset: Dataset) -> None:
    frame = tidy_export(dataset)
    assert list(frame.columns) == list(TIDY_COLUMNS)
    assert len(frame) == len(dataset.observations)
    assert set(frame.loc[frame["indicator_id"] == "urbanisation_rate", "unit"]) == {"%"}
    assert set(frame.loc[frame["indicator_id"] == "population", "unit"]) == {"10k persons"}
    assert set(tidy_export(dataset, lang="zh").loc[lambda f: f["indicator_id"] == "population", "unit"]) == {"万人"}


def test_tidy_export_neutralises_text_but_not_negative_numbers(dataset: Dataset) -> None:
    obs = dataset.observations.copy()
    obs.loc[0, "note"] = "=HYPERLINK(\"http://x\")"
    obs.loc[0, "value"] = -12.5
    changed = dataclasses.replace(dataset, observations=obs)
    frame = tidy_export(changed)
    row = frame[(frame["area_code"] == "110000") & (frame["indicator_id"] == "population")].iloc[0]
    assert row["note"] == "'=HYPERLINK(\"http://x\")"
    assert row["value"] == -12.5
    assert dataset.observations.loc[0, "note"] is None  # the dataset itself is untouched


def test_coverage_matrix_counts_provinces_per_indicator_and_year(dataset: Dataset) -> None:
    matrix = coverage_matrix(dataset)
    assert list(matrix.index) == list(dataset.indicators["indicator_id"])
    assert matrix.loc["population", 2010] == 2
    assert matrix.loc["urbanisation_rate", 2011] == 1
    assert matrix.loc["gdp"].sum() == 0


def test_coverage_by_province_marks_cells_with_values(dataset: Dataset) -> None:
    table = coverage_by_province(dataset, "urbanisation_rate")
    assert list(table.columns) == [2010, 2011]
    assert table.loc["110000"].tolist() == [True, True]
    assert table.loc["530000"].tolist() == [True, False]
    assert not table.loc["650000"].any()
    assert table.dtypes.eq(bool).all()


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    result = neutralise_formula(text)
    assert not result.startswith(("=", "+", "-", "@"))
    assert result == text or result == "'" + text
    assert (result != text) == text.startswith(FORMULA_STARTS)


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_numbers_pass_through_unchanged(value: object) -> None:
    assert neutralise_formula(value) is value


def test_negative_number_column_is_not_quoted(dataset: Dataset) -> None:
    frame = tidy_export(dataset)
    assert pd.api.types.is_float_dtype(frame["value"]) and pd.api.types.is_integer_dtype(frame["year"])
