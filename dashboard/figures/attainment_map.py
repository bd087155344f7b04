"""From the dataset and a framework to attainment per province, and to the map's MapValues.

`attainment_by_area` gives the same results as `analysis.attainment.compute_attainment` with no
deflator and no lag (a test checks this), but reads the observation table once for every area:
compute_attainment costs ~150 ms per area, too slow to recolour 31 provinces on each edit.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from dashboard.analysis._common import latest_vintage_per_year
from dashboard.analysis.attainment import (
    MIN_WEIGHT_COVERAGE, STATUS_OK, AttainmentResult, ItemSpec, apply_overrides,
    attainment_from_values, framework_items, series_in_target_prices,
)
from dashboard.data.dataset import Dataset
from dashboard.figures.province_map import MapValues
from dashboard.i18n import t
from dashboard.i18n.numbers import format_percent, format_year

METRICS = ("attainment", "coverage")


def _values_by_area(dataset: Dataset, specs: Sequence[ItemSpec], year: int) -> dict[str, dict[str, tuple[float, int]]]:
    """{area_code: {item_id: (value, year)}} for the exact year, one vintage per cell."""
    wanted = {(s.indicator_id, s.subgroup) for s in specs if s.indicator_id}
    obs = dataset.observations
    rows = obs[(obs["year"] == year) & obs["indicator_id"].isin({i for i, _ in wanted})]
    found: dict[tuple[str, str], dict[str, float]] = {}
    for (indicator_id, subgroup), group in rows.groupby(["indicator_id", "subgroup"], sort=False):
        if (indicator_id, subgroup) not in wanted:
            continue
        one = latest_vintage_per_year(group)
        found[(str(indicator_id), str(subgroup))] = dict(zip(one["area_code"].astype(str), one["value"].astype(float)))
    result: dict[str, dict[str, tuple[float, int]]] = {}
    for spec in specs:
        for area_code, value in found.get((spec.indicator_id or "", spec.subgroup), {}).items():
            result.setdefault(area_code, {})[spec.item_id] = (value, year)
    return result


def _specs_for(frameworks: Any, framework_id: str, area_code: str, national: tuple[ItemSpec, ...]) -> tuple[ItemSpec, ...]:
    """The national specs unless the area has its own targets (then the slow, exact path)."""
    overrides = getattr(frameworks, "overrides", None)
    if overrides is None or overrides.empty:
        return national
    hit = (overrides["framework_id"] == framework_id) & (overrides["area_code"] == area_code)
    return framework_items(frameworks, framework_id, area_code) if hit.any() else national


def attainment_by_area(dataset: Dataset, frameworks: Any, framework_id: str, year: int, area_codes: Sequence[str],
                       overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, AttainmentResult]:
    """Attainment of each area in one year (what-if overrides applied to every area)."""
    national = framework_items(frameworks, framework_id)
    values = _values_by_area(dataset, national, year)
    results = {}
    for area_code in area_codes:
        specs = _specs_for(frameworks, framework_id, area_code, national)
        if overrides:
            specs = apply_overrides(specs, overrides)
        # a series bundled at the target's constant prices is compared as it is (as compute_attainment does)
        same_prices = {spec.item_id: 1.0 for spec in specs if spec.constant_prices and series_in_target_prices(dataset, spec)}
        result = attainment_from_values(framework_id, specs, values.get(area_code, {}), same_prices)
        results[area_code] = replace(result, area_code=area_code, year=year)
    return results


def shown_score(result: AttainmentResult, domain_id: str | None) -> tuple[float | None, float, str]:
    """(score, weight coverage, status) of the whole index or of one domain."""
    if domain_id:
        for domain in result.domains:
            if domain.domain_id == domain_id:
                return domain.score, domain.weight_coverage, domain.status
        return None, 0.0, "insufficient_data"
    return result.overall, result.weight_coverage, result.status


def status_line(score: float | None, coverage: float, status: str, lang: str) -> str:
    """'Attainment 76.1% · weight with data 92%' or 'Insufficient data: only 18% of the weight…'."""
    if status == STATUS_OK and score is not None:
        return t("attainment.map.hover_ok", lang, score=format_percent(score, lang),
                 coverage=format_percent(coverage, lang, 0))
    return t("attainment.map.hover_insufficient", lang, coverage=format_percent(coverage, lang, 0),
             threshold=format_percent(MIN_WEIGHT_COVERAGE, lang, 0))


def attainment_map_values(dataset: Dataset, results: Mapping[str, AttainmentResult], domain_id: str | None,
                          metric: str, year: int, lang: str) -> tuple[MapValues, list[str]]:
    """MapValues (areas with a value) and the hover of every province (for the grey base layer).

    metric 'attainment': only areas whose index (or domain index) reaches the 80% rule are
    coloured; metric 'coverage': the share of weight with data, which every area has.
    """
    names = dataset.areas.set_index("area_code")[f"name_{lang}"]
    year_text = format_year(year, lang)
    codes, values, hover, base_hover = [], [], [], []
    for area_code in dataset.areas.loc[dataset.areas["level"] == "province", "area_code"]:
        result = results.get(area_code)
        name = f"<b>{names[area_code]}</b>"
        if result is None:
            base_hover.append(f"{name}<br>{t('attainment.map.not_computed', lang)}")
            continue
        score, coverage, status = shown_score(result, domain_id)
        text = f"{name}<br>{year_text}<br>{status_line(score, coverage, status, lang)}"
        base_hover.append(text)
        value = coverage if metric == "coverage" else (score if status == STATUS_OK else None)
        if value is not None:
            codes.append(area_code)
            values.append(round(value * 100, 2))
            hover.append(text)
    title = t("attainment.map.colour_coverage" if metric == "coverage" else "attainment.map.colour_attainment", lang)
    return MapValues(area_codes=codes, values=values, hover_text=hover, colour_title=title, zmin=0.0, zmax=100.0,
                     tick_values=[0, 20, 40, 60, 80, 100],
                     tick_text=[format_percent(v / 100, lang, 0) for v in (0, 20, 40, 60, 80, 100)]), base_hover


def published_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of nbs_published_attainment.csv as plain dicts (year int, value float)."""
    rows = []
    for row in frame.to_dict("records"):
        row = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        row["year"] = int(row["year"])
        row["published_pct"] = float(row["published_pct"])
        rows.append(row)
    return rows
