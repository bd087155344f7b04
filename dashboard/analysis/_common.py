"""Small shared helpers: missing-value handling and one-value-per-year selection."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pandas as pd

from dashboard.data.schema import NATIONAL


def to_float(value: Any) -> float | None:
    """A finite float, or None for empty / NaN / pd.NA / non-numbers (CSV cells arrive as all of these)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def to_int(value: Any) -> int | None:
    number = to_float(value)
    return None if number is None else int(number)


def to_str(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def latest_vintage_per_year(frame: pd.DataFrame, keys: tuple[str, ...] = ("area_code", "year")) -> pd.DataFrame:
    """Keep one row per key when several vintages give the same cell.

    NBS revises series (e.g. GDP after each economic census) and two vintages of one cell must
    never be averaged. Vintage labels are free text, so "newest" cannot be read from them; the
    vintage that covers most rows of ``frame`` wins (so a line stays in one vintage as far as
    possible), ties broken by the label. The bundle keeps revisions under separate indicator
    ids, so this is a guard for imported data, not the normal case.
    """
    if frame.empty:
        return frame
    frame = frame[frame["value"].notna()]
    if not frame.duplicated(list(keys)).any():
        return frame.reset_index(drop=True)  # the usual case: one vintage per cell already
    vintage = frame["vintage"].astype(str)
    coverage = vintage.map(vintage.value_counts())
    ordered = frame.assign(_coverage=coverage, _vintage=vintage).sort_values([*keys, "_coverage", "_vintage"])
    kept = ordered.drop_duplicates(list(keys), keep="last")
    return kept.drop(columns=["_coverage", "_vintage"]).reset_index(drop=True)


def split_by_indicator(dataset) -> dict[str, pd.DataFrame]:
    """Observations grouped by indicator_id, once (filtering the whole table per query is slow)."""
    return {str(k): g for k, g in dataset.observations.groupby("indicator_id", sort=False)}


def restricted(dataset, groups: dict[str, pd.DataFrame], indicator_ids: list[str]):
    """The same frozen Dataset seeing only these indicators' observations (tables are shared, not copied)."""
    frames = [groups[i] for i in dict.fromkeys(indicator_ids) if i in groups]
    observations = pd.concat(frames) if frames else dataset.observations.iloc[0:0]
    return replace(dataset, observations=observations)


def series_points(dataset, indicator_id: str, area_code: str, subgroup: str = "total") -> list[tuple[int, float]]:
    """(year, value) points of one area's series, one per year (see latest_vintage_per_year), sorted by year."""
    frame = latest_vintage_per_year(dataset.series(indicator_id, area_code, subgroup))
    return [(int(y), float(v)) for y, v in zip(frame["year"], frame["value"]) if to_float(v) is not None]


def province_regions(dataset) -> pd.Series:
    """area_code -> region for mainland provinces (the 31 with a region)."""
    areas = dataset.areas
    provinces = areas[(areas["level"] == "province") & areas["region"].notna()]
    return provinces.set_index("area_code")["region"].astype(str)


def higher_is_better(dataset, indicator_id: str) -> bool | None:
    """The indicator's direction from indicators.csv ("true"/"false"), None if unknown."""
    if not dataset.has_indicator(indicator_id):
        return None
    text = to_str(dataset.indicator(indicator_id).get("higher_is_better"))
    if text is None:
        return None
    return text.lower() == "true"


__all__ = [
    "NATIONAL", "to_float", "to_int", "to_str", "latest_vintage_per_year", "series_points",
    "province_regions", "higher_is_better",
]
