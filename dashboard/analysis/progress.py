"""MDG / Xiaokang progress: required vs actual rate along a reference path (gap panel).

Reference path (World Bank developmentgoals.org, research/anchors.md §A.3): from the baseline
(first observation in or after ``baseline_year``) to the target in ``target_year``.

* ``path="linear"`` — constant absolute change per year. Used for levels and for absolute
  targets (e.g. "life expectancy 75 years", "urbanisation 60%").
  required = (target − baseline) / (target_year − baseline_year);
  actual   = (latest − baseline) / (latest_year − baseline_year).
* ``path="geometric"`` — constant proportional change per year (CAGR, as Open SDG and the World
  Bank reference path). Used for relative targets on rates/ratios ("reduce U5MR by two thirds
  from 1990"), see :func:`default_path`. Needs positive values; otherwise the linear path is
  used and ``note`` says so.
  required = (target / baseline) ** (1 / (target_year − baseline_year)) − 1;
  actual   = (latest / baseline) ** (1 / (latest_year − baseline_year)) − 1.

progress_ratio = actual / required (both signed; > 0 means moving towards the target).

Status, checked in this order (five values, spelled exactly):

1. ``insufficient_data`` — fewer than 2 observations (distinct years) up to the as-of year, or no
   target (no target value / relative target without baseline), or a target year not after the
   baseline year. Takes precedence: one observation shows no pace, even if it is past the target.
2. ``met`` — the latest value is at or beyond the target in the good direction
   (higher_is_better: latest ≥ target; otherwise latest ≤ target).
3. ``regressing`` — no progress or deterioration: the actual rate is zero or in the wrong
   direction (progress_ratio ≤ 0), including a baseline already past the target that has since
   fallen behind it (UN chart red "no progress or deterioration"; Open SDG "deterioration").
4. ``on_track`` — progress_ratio ≥ 0.95 (Open SDG's "substantial progress" threshold: within 5% of
   the required pace) and the target year has not passed.
5. ``off_track`` — otherwise: 0 < ratio < 0.95, or the target year has passed unmet.

``progress_band`` keeps Open SDG's finer second scale (thresholds 0.95 / 0.6 / 0):
``substantial`` ≥ 0.95, ``moderate`` 0.6–0.95, ``limited`` 0–0.6, ``deterioration`` ≤ 0; None when
met or insufficient. When the baseline was already past the target the required rate points the
wrong way, so progress_ratio is None.

Relative targets on a province's own baseline: the baseline is the first observation at or after
the framework's ``baseline_year``. When that is later (e.g. a series that starts in 2004 for
"reduce by two thirds between 1990 and 2015"), the reduction is pro-rated to the years left:
the required annual rate is the framework's own, (1 + change) ** (1 / (target_year −
baseline_year)) − 1 (geometric; the linear path scales the change by the share of years left),
applied from the first observation, so a late start neither inflates nor waives the pace.
``prorated`` says so.

years_to_target: years after ``latest_year`` until the target at the actual pace (0 if met;
None when regressing or insufficient).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from dashboard.analysis._common import series_points, to_float

Path = Literal["linear", "geometric"]
PATHS = ("linear", "geometric")

MET = "met"
ON_TRACK = "on_track"
OFF_TRACK = "off_track"
REGRESSING = "regressing"
INSUFFICIENT_DATA = "insufficient_data"
STATUSES = (MET, ON_TRACK, OFF_TRACK, REGRESSING, INSUFFICIENT_DATA)

# Open SDG ProgressMeasure thresholds (high / med / low).
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.6
# Rates come from decimal data (e.g. 3.8 / 10 / 0.4 = 0.9499999...); a ratio that is the threshold
# up to rounding counts as reaching it.
_RATIO_TOLERANCE = 1e-9

TARGET_YEARS = {"mdg": 2015, "xiaokang": 2020, "sdg": 2030}


@dataclass(frozen=True)
class ProgressResult:
    indicator_id: str
    baseline_year: int | None
    baseline: float | None
    latest_year: int | None
    latest: float | None
    target: float | None
    target_year: int
    status: str
    progress_ratio: float | None
    required_rate: float | None
    actual_rate: float | None
    years_to_target: float | None
    path: str = "linear"
    progress_band: str | None = None
    n_points: int = 0
    note: str | None = None
    prorated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_path(baseline_rule: str | None) -> Path:
    """Relative targets ("reduce by two thirds") follow a geometric path, absolute targets a linear one."""
    return "geometric" if (baseline_rule or "").lower() == "relative" else "linear"


def relative_target(baseline: float, relative_change: float) -> float:
    """E.g. baseline 61 ‰ and −2/3 → 20.33 ‰."""
    return baseline * (1.0 + relative_change)


def prorated_target(baseline: float, relative_change: float, *, observed_year: int, baseline_year: int,
                    target_year: int, path: Path = "geometric") -> float:
    """The relative target of a series whose first observation is later than the framework's
    baseline year: the framework's annual rate over the years from ``observed_year``."""
    share = (target_year - observed_year) / (target_year - baseline_year)
    if path == "geometric":
        return baseline * (1.0 + relative_change) ** share
    return baseline * (1.0 + relative_change * share)


def _band(ratio: float) -> str:
    if ratio >= ON_TRACK_RATIO - _RATIO_TOLERANCE:
        return "substantial"
    if ratio >= MODERATE_RATIO - _RATIO_TOLERANCE:
        return "moderate"
    if ratio > 0:
        return "limited"
    return "deterioration"


def _clean(points: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """One finite value per year (the last given wins), sorted by year."""
    by_year: dict[int, float] = {}
    for year, value in points:
        number = to_float(value)
        if number is not None and year is not None:
            by_year[int(year)] = number
    return sorted(by_year.items())


def assess_progress(
    points: Iterable[tuple[int, float]],
    *,
    target_year: int,
    higher_is_better: bool,
    target: float | None = None,
    relative_change: float | None = None,
    baseline_year: int | None = None,
    as_of_year: int | None = None,
    path: Path = "linear",
    indicator_id: str = "",
) -> ProgressResult:
    """Classify progress of one series towards a target (see the module docstring for rules).

    ``target`` is absolute; or give ``relative_change`` (−0.6667 = reduce by two thirds) and the
    target is taken relative to this series' own baseline. ``as_of_year`` ignores later points.
    """
    if path not in PATHS:
        raise ValueError(f"path must be one of {PATHS}")
    clean = _clean(points)
    if baseline_year is not None:
        clean = [p for p in clean if p[0] >= baseline_year]
    if as_of_year is not None:
        clean = [p for p in clean if p[0] <= as_of_year]
    n = len(clean)
    base_year, base = clean[0] if clean else (None, None)
    last_year, last = clean[-1] if clean else (None, None)
    prorated = False
    if target is None and relative_change is not None and base is not None and base_year is not None:
        target = relative_target(base, relative_change)
        if baseline_year is not None and baseline_year < base_year < target_year:
            positive = base > 0 and relative_change > -1
            target = prorated_target(base, relative_change, observed_year=base_year, baseline_year=baseline_year,
                                     target_year=target_year, path=path if positive else "linear")
            prorated = True

    def result(status: str, **kw: Any) -> ProgressResult:
        fields: dict[str, Any] = {"progress_ratio": None, "required_rate": None, "actual_rate": None,
                                  "years_to_target": None, "path": path}
        fields.update(kw)
        return ProgressResult(
            indicator_id=indicator_id, baseline_year=base_year, baseline=base, latest_year=last_year,
            latest=last, target=target, target_year=target_year, status=status, n_points=n, prorated=prorated,
            **fields,
        )

    if n < 2:
        return result(INSUFFICIENT_DATA, note="fewer_than_2_points")
    # n >= 2: both ends of the series exist (tells mypy what the (None, None) fallback hid).
    assert base_year is not None and base is not None and last_year is not None and last is not None
    if target is None:
        return result(INSUFFICIENT_DATA, note="no_target")
    if target_year <= base_year:
        return result(INSUFFICIENT_DATA, note="target_year_not_after_baseline")

    sign = 1.0 if higher_is_better else -1.0
    used_path: Path = path
    note = None
    if path == "geometric" and not (base > 0 and last > 0 and target > 0):
        used_path, note = "linear", "geometric_needs_positive_values"
    if used_path == "geometric":
        required = (target / base) ** (1.0 / (target_year - base_year)) - 1.0
        actual = (last / base) ** (1.0 / (last_year - base_year)) - 1.0
    else:
        required = (target - base) / (target_year - base_year)
        actual = (last - base) / (last_year - base_year)

    if sign * (last - target) >= 0:
        return result(MET, path=used_path, required_rate=required, actual_rate=actual,
                      progress_ratio=(actual / required) if sign * required > 0 else None,
                      years_to_target=0.0, note=note)
    if sign * required <= 0:
        # The baseline was already at/past the target and the series has fallen behind it.
        return result(REGRESSING, path=used_path, required_rate=required, actual_rate=actual,
                      progress_band="deterioration", note=note or "baseline_met_then_lost")
    ratio = actual / required
    band = _band(ratio)
    if ratio <= 0:
        status = REGRESSING
    elif ratio >= ON_TRACK_RATIO - _RATIO_TOLERANCE and last_year < target_year:
        status = ON_TRACK
    else:
        status = OFF_TRACK
    years = None
    if ratio > 0:
        if used_path == "geometric":
            years = math.log(target / last) / math.log1p(actual)
        else:
            years = (target - last) / actual
    return result(status, path=used_path, required_rate=required, actual_rate=actual,
                  progress_ratio=ratio, years_to_target=years, progress_band=band, note=note)


def progress_for_area(
    dataset,
    indicator_id: str,
    area_code: str,
    *,
    target_year: int,
    higher_is_better: bool,
    target: float | None = None,
    relative_change: float | None = None,
    baseline_year: int | None = None,
    as_of_year: int | None = None,
    path: Path = "linear",
    subgroup: str = "total",
) -> ProgressResult:
    """assess_progress on the area's own series (one value per year, one vintage per cell)."""
    points: Sequence[tuple[int, float]] = []
    if dataset.has_indicator(indicator_id):
        points = series_points(dataset, indicator_id, area_code, subgroup)
    return assess_progress(
        points, target=target, relative_change=relative_change, target_year=target_year,
        higher_is_better=higher_is_better, baseline_year=baseline_year, as_of_year=as_of_year,
        path=path, indicator_id=indicator_id,
    )
