"""Progress of items without a numeric target, by trend (MDG 6.A/6.C, 7.A, MDG 8, counts).

The UN progress charts and Open SDG's method without a target (research/anchors.md §A.3) judge
such items by the direction and pace of the recent trend. The rule of each item is data
(``data/frameworks/assessment_rules.csv``, one :class:`TrendRule` per row); this module only
applies it, so the same rule is written once and shown in every row that uses it.

Definitions (all on the points up to the as-of year, one value per year):

* **window**: the last ``window_obs`` observations; at least ``min_points`` are needed, and the
  latest must be at most ``max_age_years`` before the as-of year (an old value says nothing
  about now). Otherwise ``insufficient_data``.
* **pace**: the least-squares slope over the window (units per year) divided by the mean
  absolute level of the window: a relative annual change, so the status does not change when
  the series is scaled (yuan or 万元, ‰ or %). Signed so that > 0 is the good direction.
  A window whose mean level is 0 has no relative pace: insufficient_data.
* **flat**: ``|pace| < flat_pace`` (Open SDG's 0.5% a year by default).
* **worst point** ("peak" of a bad-is-high series such as HIV incidence, trough of a good-is-high
  one such as forest coverage): the worst value over the whole series up to the as-of year.

Rules (``kind``), mapped onto the five statuses of dashboard.analysis.progress:

``halt_reverse`` — "have halted by <target year> and begun to reverse":
  * met: improving (pace ≥ flat_pace) and the latest value is better than the worst point —
    "halted and reversing since the <year> peak";
  * on_track: flat (halted, not yet reversing) and the target year has not passed;
  * off_track: flat and the target year has passed;
  * regressing: worsening (pace ≤ −flat_pace).
``direction`` — an item whose only target is a direction (MDG 8, context counts). Never "met"
  (there is no end state):
  * on_track: improving at least ``fast_pace`` a year (Open SDG "substantial", 1.5%);
  * off_track: improving more slowly, or flat;
  * regressing: worsening (pace ≤ −flat_pace).

A series improving monotonically never gets "regressing" (its least-squares slope cannot point
the wrong way).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from dashboard.analysis._common import to_float
from dashboard.analysis.progress import INSUFFICIENT_DATA, MET, OFF_TRACK, ON_TRACK, REGRESSING

HALT_REVERSE = "halt_reverse"
DIRECTION = "direction"
KINDS = (HALT_REVERSE, DIRECTION)

IMPROVING = "improving"
FLAT = "flat"
WORSENING = "worsening"

# Reasons for insufficient_data (translated in the UI).
FEW_POINTS = "trend_too_few_points"
STALE = "trend_latest_too_old"
ZERO_LEVEL = "trend_zero_level"


@dataclass(frozen=True)
class TrendRule:
    """One row of assessment_rules.csv: how an item without a numeric target is judged."""

    kind: str = DIRECTION
    window_obs: int = 5
    min_points: int = 3
    flat_pace: float = 0.005
    fast_pace: float = 0.015
    max_age_years: int = 5
    rule_id: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"trend rule kind must be one of {KINDS}, not {self.kind!r}")
        if self.min_points < 2 or self.window_obs < self.min_points:
            raise ValueError("a trend rule needs min_points >= 2 and window_obs >= min_points")
        if not 0 <= self.flat_pace <= self.fast_pace:
            raise ValueError("a trend rule needs 0 <= flat_pace <= fast_pace")


@dataclass(frozen=True)
class TrendResult:
    status: str
    kind: str
    direction: str | None = None          # improving | flat | worsening (None: not assessed)
    pace: float | None = None             # relative annual change, > 0 = good direction
    worst_year: int | None = None
    worst: float | None = None
    window_start: int | None = None
    latest_year: int | None = None
    latest: float | None = None
    first_year: int | None = None
    first: float | None = None
    n_points: int = 0
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clean(points: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    by_year: dict[int, float] = {}
    for year, value in points:
        number = to_float(value)
        if number is not None and year is not None:
            by_year[int(year)] = number
    return sorted(by_year.items())


def relative_pace(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope per year divided by the mean absolute level (None if that level is 0)."""
    n = len(points)
    years = [float(y) for y, _ in points]
    values = [v for _, v in points]
    mean_x, mean_y = sum(years) / n, sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in years)
    level = sum(abs(v) for v in values) / n
    if sxx == 0 or level == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(years, values)) / sxx
    return slope / level


def assess_trend(points: Iterable[tuple[int, float]], rule: TrendRule, *, higher_is_better: bool,
                 target_year: int, as_of_year: int | None = None) -> TrendResult:
    """Classify one series by its recent trend under ``rule`` (see the module docstring)."""
    clean = _clean(points)
    if as_of_year is not None:
        clean = [p for p in clean if p[0] <= as_of_year]
    n = len(clean)
    base: dict[str, Any] = {"kind": rule.kind, "n_points": n}
    if clean:
        base.update(first_year=clean[0][0], first=clean[0][1], latest_year=clean[-1][0], latest=clean[-1][1])
    window = clean[-rule.window_obs:]
    if len(window) < rule.min_points:
        return TrendResult(INSUFFICIENT_DATA, note=FEW_POINTS, **base)
    reference = as_of_year if as_of_year is not None else window[-1][0]
    if reference - window[-1][0] > rule.max_age_years:
        return TrendResult(INSUFFICIENT_DATA, note=STALE, **base)
    sign = 1.0 if higher_is_better else -1.0
    raw = relative_pace(window)
    if raw is None:
        return TrendResult(INSUFFICIENT_DATA, note=ZERO_LEVEL, **base)
    pace = sign * raw
    if pace >= rule.flat_pace:
        direction = IMPROVING
    elif pace <= -rule.flat_pace:
        direction = WORSENING
    else:
        direction = FLAT
    worst_year, worst = min(clean, key=lambda p: (sign * p[1], p[0]))  # earliest of equal worst values
    base.update(direction=direction, pace=pace, worst_year=worst_year, worst=worst, window_start=window[0][0])
    last_year, last = clean[-1]
    if direction == WORSENING:
        return TrendResult(REGRESSING, **base)
    if rule.kind == HALT_REVERSE:
        if direction == IMPROVING and sign * (last - worst) > 0:
            return TrendResult(MET, **base)
        return TrendResult(ON_TRACK if last_year < target_year else OFF_TRACK, **base)
    if direction == IMPROVING and pace >= rule.fast_pace:
        return TrendResult(ON_TRACK, **base)
    return TrendResult(OFF_TRACK, **base)
