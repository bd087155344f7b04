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
from dataclasses import dataclass

import pandas as pd

from dashboard.data.errors import DataError, Location

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


def check_observations(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    locate: Callable[[object, str], Location],
) -> None:
    """Raise DataError at the first implausible year or value.

    `locate(index, column)` turns a row label of `observations` and a schema column
    ("year" or "value") into the place in the user's file, so the message points at a cell.
    """
    rules = {row["indicator_id"]: value_rule(row) for _, row in indicators.iterrows()}
    for index, row in observations.iterrows():
        problem = year_problem(int(row["year"]))
        if problem:
            raise DataError(locate(index, "year"), problem)
        rule = rules.get(row["indicator_id"])
        if rule is None or pd.isna(row["value"]):
            continue
        problem = rule.problem(float(row["value"]))
        if problem:
            raise DataError(
                locate(index, "value"),
                f"implausible value for {row['indicator_id']} ({row['area_code']}, {row['year']}): {problem}",
            )
