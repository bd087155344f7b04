"""One area's report: attainment, MDG/Xiaokang progress rows and disparity context.

The UI panels render this dict (one code path for screen, export and tests). It is
JSON-serialisable: missing numbers are None, never NaN.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis._common import (
    NATIONAL, higher_is_better, province_regions, restricted, series_points, split_by_indicator, to_int, to_str,
)
from dashboard.analysis.attainment import (
    FrameworksLike, ItemSpec, compute_attainment, framework_items,
)
from dashboard.analysis.disparity import (
    POPULATION, URBAN_RURAL_PAIRS, province_values, ranks_from_values, regional_mean_rule,
    regional_means_from_values, statistics_from_values, urban_rural_ratio,
)
from dashboard.analysis.progress import (
    INSUFFICIENT_DATA, TARGET_YEARS, ProgressResult, default_path, progress_for_area,
)
from dashboard.analysis.trend_status import TrendResult, TrendRule, assess_trend

MDG_FRAMEWORK = "mdg"
MDG_ROW_KEYS = (
    "item_id", "framework_id", "indicator_id", "baseline_year", "baseline", "latest_year", "latest",
    "target", "target_year", "status", "progress_ratio", "required_rate", "actual_rate",
    "years_to_target", "national_status", "note",
    # how the row was judged (see method_of): "target" (absolute / relative / band end) or "trend"
    "method", "rule", "framework_baseline_year", "prorated", "band_low", "band_high",
    "trend_direction", "trend_pace", "worst_year", "worst", "trend_window_start",
)
# Methods of a row: against a numeric target, by trend (no numeric target), or not assessed.
TARGET, TREND, NONE = "target", "trend", "none"


def json_safe(value: Any) -> Any:
    """Recursively: NaN/NA -> None, numpy scalars -> Python, tuples -> lists."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _framework_target_year(frameworks: FrameworksLike, framework_id: str) -> int:
    registry = getattr(frameworks, "registry", None)
    if isinstance(registry, pd.DataFrame) and "framework_id" in registry.columns:
        rows = registry[registry["framework_id"] == framework_id]
        if len(rows):
            year = to_int(rows.iloc[0].get("target_year"))
            if year is not None:
                return year
    return TARGET_YEARS["mdg"] if framework_id == MDG_FRAMEWORK else TARGET_YEARS["xiaokang"]


def _items(frameworks: FrameworksLike, framework_id: str, area_code: str | None) -> tuple[ItemSpec, ...]:
    try:
        return framework_items(frameworks, framework_id, area_code)
    except (KeyError, ValueError):
        return ()  # framework not bundled (yet): no rows rather than a broken report


def _unassessable(spec: ItemSpec) -> str | None:
    """Why an item has no target to progress towards (None: it has one; "no_target" items may
    still be judged by trend, see assessment_rules.csv)."""
    if spec.indicator_id is None:
        return "not_measured"
    if spec.direction == "interval":
        if spec.target_low is None and spec.target_high is None:
            return "no_target"
        return None
    if spec.direction not in ("positive", "reverse"):
        return "unknown_direction"
    if spec.target is None and not (spec.baseline_rule == "relative" and spec.relative_change is not None):
        return "no_target"
    return None


def _insufficient(result: ProgressResult, note: str) -> ProgressResult:
    """Keep the observed baseline/latest for display, but give no status beyond insufficient_data."""
    return replace(result, status=INSUFFICIENT_DATA, progress_ratio=None, required_rate=None, actual_rate=None,
                   years_to_target=None, progress_band=None, note=note)


def indicator_price_basis(dataset, indicator_id: str | None) -> str:
    """The indicator's price basis (indicators.csv `price_basis`; empty/absent = current prices)."""
    if not indicator_id or not dataset.has_indicator(indicator_id):
        return "current"
    basis = to_str(dataset.indicator(indicator_id).get("price_basis"))
    return (basis or "current").lower()


def _comparable(dataset, spec: ItemSpec) -> bool:
    """A constant-price target is compared only with a series at the same constant prices."""
    return not spec.constant_prices or indicator_price_basis(dataset, spec.indicator_id) == spec.price_basis.lower()


def _interval_spec(spec: ItemSpec, points: list[tuple[int, float]], year: int) -> tuple[ItemSpec, str]:
    """An interval item as a one-way target: the end of the band the latest value is outside of
    (or, inside the band, the end it is nearer to: the latest value then already meets it)."""
    low, high = spec.target_low, spec.target_high
    latest = next((v for y, v in reversed(points) if y <= year), None)
    if low is None or (high is not None and latest is not None and latest > high):
        return replace(spec, direction="reverse", target=high, baseline_rule="absolute"), "band_high"
    if high is None or (latest is not None and latest < low):
        return replace(spec, direction="positive", target=low, baseline_rule="absolute"), "band_low"
    if latest is not None and latest - low <= high - latest:
        return replace(spec, direction="positive", target=low, baseline_rule="absolute"), "band_low"
    return replace(spec, direction="reverse", target=high, baseline_rule="absolute"), "band_high"


def _trend_rule(frameworks: FrameworksLike, spec: ItemSpec) -> TrendRule | None:
    lookup = getattr(frameworks, "rule_for", None)
    row = lookup(spec.framework_id, spec.item_id) if lookup else None
    if not row:
        return None
    return TrendRule(kind=str(row["kind"]), window_obs=int(row["window_obs"]), min_points=int(row["min_points"]),
                     flat_pace=float(row["flat_pace"]), fast_pace=float(row["fast_pace"]),
                     max_age_years=int(row["max_age_years"]), rule_id=f"{row['framework_id']}/{row['item_id']}")


def _trend_row(result: TrendResult, target_year: int) -> dict[str, Any]:
    return {
        "baseline_year": result.first_year, "baseline": result.first, "latest_year": result.latest_year,
        "latest": result.latest, "target": None, "target_year": target_year, "status": result.status,
        "progress_ratio": None, "required_rate": None, "actual_rate": None, "years_to_target": None,
        "note": result.note, "method": TREND, "rule": result.kind, "framework_baseline_year": None,
        "prorated": False, "band_low": None, "band_high": None, "trend_direction": result.direction,
        "trend_pace": result.pace, "worst_year": result.worst_year, "worst": result.worst,
        "trend_window_start": result.window_start,
    }


def _target_row(result: ProgressResult, spec: ItemSpec, rule: str | None, method: str) -> dict[str, Any]:
    return {
        "baseline_year": result.baseline_year, "baseline": result.baseline, "latest_year": result.latest_year,
        "latest": result.latest, "target": result.target, "target_year": result.target_year,
        "status": result.status, "progress_ratio": result.progress_ratio, "required_rate": result.required_rate,
        "actual_rate": result.actual_rate, "years_to_target": result.years_to_target, "note": result.note,
        "method": method, "rule": rule,
        "framework_baseline_year": spec.baseline_year if spec.baseline_rule == "relative" else None,
        "prorated": result.prorated, "band_low": spec.target_low, "band_high": spec.target_high,
        "trend_direction": None, "trend_pace": None, "worst_year": None, "worst": None, "trend_window_start": None,
    }


def _assess(dataset, frameworks: FrameworksLike, spec: ItemSpec, area_code: str, year: int,
            target_year: int) -> dict[str, Any]:
    """One item for one area: against its target, else by its trend rule, else not assessed."""
    reason = _unassessable(spec)
    points = (series_points(dataset, spec.indicator_id, area_code, spec.subgroup)
              if spec.indicator_id and dataset.has_indicator(spec.indicator_id) else [])
    rule: str | None = None
    if reason is None and spec.direction == "interval":
        spec, rule = _interval_spec(spec, points, year)
    better = {"positive": True, "reverse": False}.get(spec.direction)
    if better is None:
        better = higher_is_better(dataset, spec.indicator_id) is not False if spec.indicator_id else True
    if reason == "no_target":
        trend_rule = _trend_rule(frameworks, spec)
        if trend_rule is not None and spec.direction in ("positive", "reverse"):
            return _trend_row(assess_trend(points, trend_rule, higher_is_better=better, target_year=target_year,
                                           as_of_year=year), target_year)
    relative = spec.relative_change if spec.baseline_rule == "relative" else None
    target = None if relative is not None else spec.target
    baseline_year = spec.baseline_year
    if relative is not None and area_code == NATIONAL and spec.baseline_value is not None:
        # The framework states the national baseline: use it rather than our first observation.
        target, relative = spec.baseline_value * (1.0 + relative), None
    result = progress_for_area(
        dataset, spec.indicator_id or "", area_code, target_year=target_year, higher_is_better=better,
        target=None if reason else target, relative_change=None if reason else relative,
        baseline_year=baseline_year, as_of_year=year, path=default_path(spec.baseline_rule),
        subgroup=spec.subgroup,
    )
    if reason:
        return _target_row(_insufficient(result, reason), spec, None, NONE)
    if not _comparable(dataset, spec):
        # No series at the target's constant prices: never compared with current prices.
        return _target_row(_insufficient(result, "not_comparable"), spec, rule, NONE)
    return _target_row(result, spec, rule or ("relative" if spec.baseline_rule == "relative" else "absolute"), TARGET)


def mdg_rows(dataset, frameworks: FrameworksLike, area_code: str, year: int, framework_id: str = "nbs2008",
             *, with_mdg: bool = True) -> list[dict[str, Any]]:
    """Progress rows of a framework's items, each once, in the framework's order.

    With ``with_mdg`` (the report) the MDG items come first and then the chosen framework's
    (framework_id says which row is which); the gap panel asks for the chosen framework only.
    An item that cannot be assessed still gets a row (insufficient_data, ``note`` says why).
    ``method`` says how each row was judged: "target" (``rule`` absolute / relative / band_low /
    band_high), "trend" (``rule`` halt_reverse / direction from assessment_rules.csv) or "none".
    The area's own series (area-specific target where set); the national status of the same
    item (national target) is given alongside, so an area without data still shows context.
    """
    rows = []
    groups = split_by_indicator(dataset)
    sources = ([MDG_FRAMEWORK] if with_mdg else []) + ([framework_id] if framework_id != MDG_FRAMEWORK or not with_mdg else [])
    for fid in dict.fromkeys(sources):
        national_items = {spec.item_id: spec for spec in _items(frameworks, fid, None)}
        default_year = _framework_target_year(frameworks, fid)
        for spec in _items(frameworks, fid, area_code):
            spec = spec if spec.framework_id else replace(spec, framework_id=fid)
            target_year = spec.target_year or default_year
            narrow = restricted(dataset, groups, [spec.indicator_id or ""])
            own = _assess(narrow, frameworks, spec, area_code, year, target_year)
            national_spec = national_items.get(spec.item_id, spec)
            national_spec = national_spec if national_spec.framework_id else replace(national_spec, framework_id=fid)
            national = own if area_code == NATIONAL else _assess(
                narrow, frameworks, national_spec, NATIONAL, year, national_spec.target_year or default_year)
            row = {"item_id": spec.item_id, "framework_id": fid, "indicator_id": spec.indicator_id, **own,
                   "national_status": national["status"]}
            rows.append({key: row.get(key) for key in MDG_ROW_KEYS})
    return rows


def indicator_targets(dataset, frameworks: FrameworksLike, framework_id: str, indicator_id: str,
                      area_code: str | None, year: int) -> list[dict[str, Any]]:
    """The framework's targets for one indicator as they apply to an area (its own target where
    set; a relative target on its own baseline, pro-rated): for drawing on a trend chart.
    Items judged by trend or not assessed (e.g. a constant-price target over a current-price
    series) have no target to draw and are left out."""
    area = area_code or NATIONAL
    default_year = _framework_target_year(frameworks, framework_id)
    out = []
    for spec in _items(frameworks, framework_id, area):
        if spec.indicator_id != indicator_id:
            continue
        spec = spec if spec.framework_id else replace(spec, framework_id=framework_id)
        row = _assess(dataset, frameworks, spec, area, year, spec.target_year or default_year)
        # A constant-price target is not drawn over a current-price series (not comparable).
        if row["method"] != TARGET or row["target"] is None:
            continue
        out.append({"item_id": spec.item_id, "framework_id": framework_id, "area_code": area, **row,
                    "direction": spec.direction, "relative_change": spec.relative_change,
                    "area_specific": spec.area_specific})
    return out


def _disparity_indicators(dataset) -> list[str]:
    """Numeric indicators with a regional-mean rule (totals such as population are not compared)."""
    frame = dataset.indicators
    keep = (frame["kind"] == "numeric") & (frame["regional_mean"] != "none") & (frame["indicator_id"] != POPULATION)
    return frame.loc[keep, "indicator_id"].astype(str).tolist()


def disparity_block(dataset, area_code: str, year: int) -> dict[str, Any]:
    """Cross-province statistics of each indicator in ``year`` plus the area's rank and regional mean."""
    regions = province_regions(dataset)
    region = regions.get(area_code)
    groups = split_by_indicator(dataset)
    indicators = []
    for indicator_id in _disparity_indicators(dataset):
        values = province_values(restricted(dataset, groups, [indicator_id, POPULATION]), indicator_id, year)
        if values.empty:
            continue
        ranked = ranks_from_values(values, higher_is_better(dataset, indicator_id)).set_index("area_code")
        means = regional_means_from_values(values, regions, regional_mean_rule(dataset, indicator_id)).set_index("region")
        own = ranked.loc[area_code] if area_code in ranked.index else None
        mean = means.loc[region] if region in means.index else None
        indicators.append({
            "indicator_id": indicator_id,
            "year": int(year),
            "n_expected": len(regions),
            **statistics_from_values(values),
            "value": None if own is None else own["value"],
            "rank": None if own is None else own["rank"],
            "rank_of": len(ranked),
            "regional_mean": None if mean is None else mean["value"],
            "regional_mean_method": None if mean is None else mean["method"],
            "regional_n_provinces": None if mean is None else mean["n_provinces"],
        })
    urban_rural = []
    pairs: list[tuple[str, str | None]] = list(URBAN_RURAL_PAIRS)
    obs = dataset.observations
    for indicator_id in sorted(set(obs.loc[obs["subgroup"] == "urban", "indicator_id"])
                               & set(obs.loc[obs["subgroup"] == "rural", "indicator_id"])):
        pairs.append((indicator_id, None))
    for urban_id, rural_id in pairs:
        ratios = urban_rural_ratio(dataset, urban_id, rural_id)
        here = ratios[(ratios["area_code"] == area_code) & (ratios["year"] == year)]
        if here.empty:
            continue
        row = here.iloc[0]
        urban_rural.append({
            "urban_indicator_id": urban_id,
            "rural_indicator_id": rural_id or urban_id,
            "year": year,
            "urban": row["urban"],
            "rural": row["rural"],
            "ratio": row["ratio"],
        })
    return {"region": to_str(region), "indicators": indicators, "urban_rural": urban_rural}


def build_report(dataset, frameworks: FrameworksLike, area_code: str, year: int, framework_id: str = "nbs2008") -> dict:
    """{"area_code", "year", "attainment": {...}, "mdg": [...], "disparity": {...}}, JSON-safe."""
    attainment = compute_attainment(dataset, frameworks, area_code, year, framework_id)
    report = {
        "area_code": area_code,
        "year": int(year),
        "attainment": attainment.to_dict(),
        "mdg": mdg_rows(dataset, frameworks, area_code, year, framework_id),
        "disparity": disparity_block(dataset, area_code, year),
    }
    return json_safe(report)
