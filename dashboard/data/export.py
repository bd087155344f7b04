"""The dataset as users take it away: one tidy CSV, and coverage tables for the sources view.

Pure functions of a Dataset; the CLI and the app's "Data & sources" view both call them.
"""
from __future__ import annotations

import pandas as pd

from dashboard.data.dataset import Dataset

TIDY_COLUMNS = (
    "area_code", "indicator_id", "year", "value", "unit", "subgroup", "source_id", "vintage", "flag", "note",
)
# Characters that make Excel or LibreOffice read a cell as a formula (OWASP CSV injection),
# including the tab and carriage return that some importers treat the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix a text that a spreadsheet would run as a formula with a single quote; leave others."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def tidy_export(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Every observation with its indicator's unit (in `lang`), text cells formula-safe."""
    units = dataset.indicators.set_index("indicator_id")[f"unit_{lang}"]
    frame = dataset.observations.copy()
    frame["unit"] = frame["indicator_id"].map(units)
    frame = frame.reindex(columns=list(TIDY_COLUMNS))
    frame = frame.sort_values(["indicator_id", "area_code", "subgroup", "year", "vintage"], kind="stable")
    for column in frame.columns:
        if column not in ("year", "value"):
            frame[column] = frame[column].map(neutralise_formula).astype(object)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame.reset_index(drop=True)


def _province_observations(dataset: Dataset, subgroup: str) -> pd.DataFrame:
    provinces = set(dataset.province_codes(mainland_only=False))
    obs = dataset.observations
    return obs[obs["area_code"].isin(provinces) & (obs["subgroup"] == subgroup) & obs["value"].notna()]


def coverage_matrix(dataset: Dataset, subgroup: str = "total") -> pd.DataFrame:
    """Indicator x year: how many provinces have a value (every indicator listed, 0 where none)."""
    obs = _province_observations(dataset, subgroup)
    counts = obs.groupby(["indicator_id", "year"])["area_code"].nunique().unstack("year", fill_value=0)
    counts = counts.reindex(index=dataset.indicators["indicator_id"], fill_value=0)
    counts = counts.reindex(columns=sorted(counts.columns), fill_value=0).fillna(0).astype(int)
    counts.index.name, counts.columns.name = "indicator_id", "year"
    return counts


def coverage_by_province(dataset: Dataset, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
    """Province x year booleans for one indicator: which cells have a value."""
    obs = _province_observations(dataset, subgroup)
    obs = obs[obs["indicator_id"] == indicator_id]
    years = sorted(int(y) for y in obs["year"].unique())
    present = set(zip(obs["area_code"], obs["year"].astype(int)))
    provinces = dataset.province_codes(mainland_only=False)
    frame = pd.DataFrame(
        [[(code, year) in present for year in years] for code in provinces],
        index=pd.Index(provinces, name="area_code"), columns=pd.Index(years, name="year"), dtype=bool,
    )
    return frame
