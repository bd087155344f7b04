"""Plausibility rules for imported values: one place that says what an absurd value is.

Rules come from the indicator's own metadata (unit and kind), so a new indicator gets a rule
without editing this file: a percentage lies within 0..100, a count or a per-capita amount is
never negative, a per-mille rate lies within 0..1000, a category is an index into its bands.
Only growth or change indicators (named so) may be negative.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass

import pandas as pd

from dashboard.data.errors import DataError, Location, Problem

# The People's Republic's statistics start in 1949; nothing can be observed after this year.
FIRST_YEAR = 1949

_GROWTH = re.compile(r"growth|change|increase|增长|增速|变化|上年=100", re.IGNORECASE)


def last_year() -> int:
    return dt.date.today().year


@dataclass(frozen=True)
class ValueRule:
    """Closed bounds for a value; None means unbounded on that side."""

    minimum: float | None
    maximum: float | None
    integer: bool = False
    why: str = ""

    def problem(self, value: float) -> str | None:
        """What is wrong with the value under this rule, or None when it is plausible."""
        if not math.isfinite(value):
            return f"{value} is not a finite number"
        if self.integer and value != int(value):
            return f"{value:g} must be a whole number ({self.why})"
        if self.minimum is not None and value < self.minimum:
            return f"{value:g} is below {self.minimum:g} ({self.why})"
        if self.maximum is not None and value > self.maximum:
            return f"{value:g} is above {self.maximum:g} ({self.why})"
        return None


def _text(indicator: pd.Series, column: str) -> str:
    value = indicator.get(column)
    return value if isinstance(value, str) else ""


def value_rule(indicator: pd.Series) -> ValueRule:
    """The plausibility rule for one row of indicators.csv."""
    if _text(indicator, "kind") == "category":
        bands = [b for b in _text(indicator, "categories").split("|") if b]
        return ValueRule(0, max(len(bands) - 1, 0), integer=True, why=f"a band index 0..{max(len(bands) - 1, 0)}")
    unit = f"{_text(indicator, 'unit_en')} {_text(indicator, 'unit_zh')}".lower()
    names = " ".join(_text(indicator, c) for c in ("indicator_id", "name_en", "name_zh"))
    signed = bool(_GROWTH.search(names) or _GROWTH.search(unit))
    if re.search(r"index 0\s*-\s*1", unit):
        return ValueRule(0, 1, why="an index between 0 and 1")
    if "%" in unit or "percent" in unit:
        return ValueRule(None if signed else 0, None if signed else 100, why="a percentage")
    if "‰" in unit or "per 1,000" in unit or "per 1000" in unit:
        return ValueRule(0, 1000, why="a rate per 1,000")
    if "100,000" in unit or "100000" in unit or "10万" in unit:
        return ValueRule(0, 100_000, why="a rate per 100,000")
    if re.search(r"\byears?\b", unit) or _text(indicator, "unit_zh").strip() in ("年", "岁"):
        return ValueRule(0, 150, why="a number of years")
    if signed:
        return ValueRule(None, None, why="a change")
    return ValueRule(0, None, why="an amount that cannot be negative")


def year_problem(year: int) -> str | None:
    if FIRST_YEAR <= year <= last_year():
        return None
    return f"year {year} is outside {FIRST_YEAR}..{last_year()}"


def observation_problems(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    locate: Callable[[Any, str], Location],  # Any: the label type is the frame index's
) -> list[DataError]:
    """Every implausible year or value, each located.

    `locate(index, column)` turns a row label of `observations` and a schema column
    ("year" or "value") into the place in the user's file, so the message points at a cell.
    """
    rules = {row["indicator_id"]: value_rule(row) for _, row in indicators.iterrows()}
    found: list[DataError] = []
    for index, row in observations.iterrows():
        problem = year_problem(int(row["year"]))
        if problem:
            found.append(DataError(locate(index, "year"), problem, key="datasrc.problem.year_range",
                                   params={"year": int(row["year"])}))
            continue
        rule = rules.get(row["indicator_id"])
        if rule is None or pd.isna(row["value"]):
            continue
        problem = rule.problem(float(row["value"]))
        if problem:
            found.append(DataError(
                locate(index, "value"),
                f"implausible value for {row['indicator_id']} ({row['area_code']}, {row['year']}): {problem}",
                key="datasrc.problem.implausible",
                params={"value": f"{float(row['value']):g}", "minimum": _bound(rule.minimum), "maximum": _bound(rule.maximum)},
            ))
    return found


def _bound(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def check_observations(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    locate: Callable[[Any, str], Location],  # Any: the label type is the frame index's
) -> None:
    """Raise one DataError listing every implausible year or value (see observation_problems)."""
    found = observation_problems(observations, indicators, locate)
    if found:
        raise DataError.of(found)


# A value this many times its neighbours' median (or this fraction of it) is shown as doubtful.
NEIGHBOUR_RATIO = 20.0


def plausibility_warnings(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    locate: Callable[[Any, str], Location],  # Any: the label type is the frame index's
) -> list[Problem]:
    """Values within their rule that still look like a slip, for the user to confirm or fix.

    A percentage indicator whose values in the file all lie in 0..1 looks written as a fraction
    (0.36 for 36%); a value NEIGHBOUR_RATIO times (or 1/NEIGHBOUR_RATIO of) the median of the same
    series' values within two years (itself included) looks like a unit or decimal slip. Nothing is changed.
    """
    found: list[Problem] = []
    if observations.empty:
        return found
    rules = {row["indicator_id"]: value_rule(row) for _, row in indicators.iterrows()}
    frame = observations.assign(_index=observations.index).dropna(subset=["value"])
    for indicator_id, rows in frame.groupby("indicator_id", sort=False):
        rule = rules.get(indicator_id)
        values = rows["value"].astype(float)
        if rule is not None and rule.why == "a percentage" and len(values) >= 3 and values.abs().max() <= 1 and values.abs().max() > 0:
            first = rows.iloc[0]
            found.append(Problem(
                locate(first["_index"], "value"),
                f"every value of {indicator_id} lies between 0 and 1 although the unit is %: "
                f"were shares written as fractions (0.36 for 36%)? Write them as percentages",
                key="datasrc.problem.fraction_as_percent",
                params={"indicator": indicator_id, "value": f"{float(first['value']):g}"},
            ))
            continue
        for _, series in rows.groupby(["area_code", "subgroup"], sort=False):
            by_year = series.set_index("year")
            for year, row in by_year.iterrows():
                value = float(row["value"])
                # The window includes the value itself, so one slip cannot move its neighbours' median.
                window = by_year["value"][abs(by_year.index - year) <= 2].astype(float)
                if len(window) < 3 or value == 0:
                    continue
                median = float(window.median())
                if median == 0 or (median < 0) != (value < 0):
                    continue
                ratio = abs(value / median)
                if ratio >= NEIGHBOUR_RATIO or ratio <= 1 / NEIGHBOUR_RATIO:
                    found.append(Problem(
                        locate(row["_index"], "value"),
                        f"{value:g} is {ratio:.3g} times the neighbouring years' {median:g} "
                        f"({row['area_code']}, {year}): check the unit or the decimal point",
                        key="datasrc.problem.outlier",
                        params={"value": f"{value:g}", "ratio": f"{ratio:.3g}", "median": f"{median:g}", "year": int(year)},
                    ))
    return found
