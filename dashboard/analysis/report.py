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
    NATIONAL, higher_is_better, province_regions, restricted, split_by_indicator, to_int, to_str,
)
from dashboard.analysis.attainment import (
    FrameworksLike, ItemSpec, compute_attainment, framework_items, series_in_target_prices,
)
from dashboard.analysis.disparity import (
    POPULATION, URBAN_RURAL_PAIRS, province_values, ranks_from_values, regional_mean_rule,
    regional_means_from_values, statistics_from_values, urban_rural_ratio,
)
from dashboard.analysis.progress import (
    INSUFFICIENT_DATA, TARGET_YEARS, ProgressResult, default_path, progress_for_area,
)

MDG_FRAMEWORK = "mdg"
MDG_ROW_KEYS = (
    "item_id", "framework_id", "indicator_id", "baseline_year", "baseline", "latest_year", "latest",
    "target", "target_year", "status", "progress_ratio", "required_rate", "actual_rate",
    "years_to_target", "national_status", "note",
)


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
    """Why an item has no single target to progress towards (None: it has one)."""
    if spec.indicator_id is None:
        return "not_measured"
    if spec.direction == "interval":
        return "interval_target"  # a band (e.g. gender parity [1, 1]) is not a one-way target
    if spec.direction not in ("positive", "reverse"):
        return "unknown_direction"
    if spec.target is None and not (spec.baseline_rule == "relative" and spec.relative_change is not None):
        return "no_target"
    return None


def _insufficient(result: ProgressResult, note: str) -> ProgressResult:
    """Keep the observed baseline/latest for display, but give no status beyond insufficient_data."""
    return replace(result, status=INSUFFICIENT_DATA, progress_ratio=None, required_rate=None, actual_rate=None,
                   years_to_target=None, progress_band=None, note=note)


def _progress(dataset, spec: ItemSpec, area_code: str, year: int, target_year: int) -> ProgressResult:
    reason = _unassessable(spec)
    better = {"positive": True, "reverse": False}.get(spec.direction)
    if better is None:
        better = higher_is_better(dataset, spec.indicator_id) is not False if spec.indicator_id else True
    target = spec.target if spec.baseline_rule != "relative" else None
    relative = spec.relative_change if spec.baseline_rule == "relative" else None
    if relative is not None and area_code == NATIONAL and spec.baseline_value is not None:
        # The framework states the national baseline: use it rather than our first observation.
        target, relative = spec.baseline_value * (1.0 + relative), None
    result = progress_for_area(
        dataset, spec.indicator_id or "", area_code, target_year=target_year, higher_is_better=better,
        target=None if reason else target, relative_change=None if reason else relative,
        baseline_year=spec.baseline_year, as_of_year=year, path=default_path(spec.baseline_rule),
        subgroup=spec.subgroup,
    )
    if reason:
        return _insufficient(result, reason)
    if spec.constant_prices and not series_in_target_prices(dataset, spec):
        # No series at the target's prices: a constant-price target is not compared with current prices.
        return _insufficient(result, "not_comparable")
    return result


def mdg_rows(dataset, frameworks: FrameworksLike, area_code: str, year: int, framework_id: str = "nbs2008") -> list[dict[str, Any]]:
    """Progress rows: every ``mdg`` item, then the Xiaokang framework's items that have a target.

    An MDG item without a measurable one-way target still gets a row (insufficient_data, with
    ``note`` = not_measured / no_target / interval_target), so the panel lists every goal.
    The area's own series (area-specific target where set); the national status of the same
    item (national target) is given alongside, so an area without data still shows context.
    """
    rows = []
    groups = split_by_indicator(dataset)
    sources = [MDG_FRAMEWORK] + ([framework_id] if framework_id != MDG_FRAMEWORK else [])
    for fid in sources:
        national_items = {spec.item_id: spec for spec in _items(frameworks, fid, None)}
        default_year = _framework_target_year(frameworks, fid)
        for spec in _items(frameworks, fid, area_code):
            if fid != MDG_FRAMEWORK and _unassessable(spec) is not None:
                continue  # Xiaokang items join the gap panel only when they have a target
            target_year = spec.target_year or default_year
            narrow = restricted(dataset, groups, [spec.indicator_id or ""])
            own = _progress(narrow, spec, area_code, year, target_year)
            national_spec = national_items.get(spec.item_id, spec)
            national = own if area_code == NATIONAL else _progress(
                narrow, national_spec, NATIONAL, year, national_spec.target_year or default_year)
            rows.append({
                "item_id": spec.item_id,
                "framework_id": fid,
                "indicator_id": spec.indicator_id,
                "baseline_year": own.baseline_year,
                "baseline": own.baseline,
                "latest_year": own.latest_year,
                "latest": own.latest,
                "target": own.target,
                "target_year": own.target_year,
                "status": own.status,
                "progress_ratio": own.progress_ratio,
                "required_rate": own.required_rate,
                "actual_rate": own.actual_rate,
                "years_to_target": own.years_to_target,
                "national_status": national.status,
                "note": own.note,
            })
    return rows


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
    pairs = list(URBAN_RURAL_PAIRS)
    obs = dataset.observations
    for indicator_id in sorted(set(obs.loc[obs["subgroup"] == "urban", "indicator_id"]) & set(obs.loc[obs["subgroup"] == "rural", "indicator_id"])):
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
