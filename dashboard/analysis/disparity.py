"""Disparity across provinces: CV, max/min, Theil, Gini, regional means, ranks, convergence.

Conventions (chosen so that equal weights reproduce the plain statistic exactly):

* Units are the 31 mainland provinces (areas with a region); national and regional rows of the
  dataset are never mixed in.
* Weights are resident population (indicator ``population``) of the SAME year. A province
  without population that year has no weight; a population-weighted statistic then is missing
  — population is never carried over from another year.
* CV = σ / μ with the population standard deviation (ddof = 0); the population-weighted CV is
  Williamson's: sqrt(Σ pᵢ (yᵢ − μ_w)²) / μ_w with pᵢ = population shares.
* Theil T (population-weighted): Σ pᵢ (yᵢ/μ_w) ln(yᵢ/μ_w); values must be > 0.
* Gini (population-weighted): Σᵢ Σⱼ pᵢ pⱼ |yᵢ − yⱼ| / (2 μ_w); values must be ≥ 0. With n
  equal weights it is at most (n − 1)/n < 1.
* Regional means follow the indicator's ``regional_mean`` rule in indicators.csv
  (``population_weighted`` | ``plain`` | ``none``). A regional value needs EVERY province of the
  region in that year (and its same-year population when weighted); otherwise it is missing
  and ``n_provinces`` says how many were there. A mean of the provinces that happen to report
  would change composition from year to year and fake trends.
* Sigma-convergence: CV by year, by default only for years in which all mainland provinces
  report, so that CVs are comparable over time.
* Theil decomposition (population-weighted, groups = the four regions): T = T_between + T_within,
  T_between = Σ_g P_g (μ_g/μ) ln(μ_g/μ), T_within = Σ_g P_g (μ_g/μ) T_g, where P_g is the group's
  population share, μ_g its weighted mean and T_g the Theil index inside it. The parts sum to T
  exactly; only years with every province and its same-year population.
* Beta-convergence: OLS of the annual log growth ln(y_end/y_start)/(end−start) on ln(y_start)
  across provinces; a negative slope whose 95% interval excludes 0 means the provinces that
  started lower grew faster. The interval uses Student's t with n − 2 degrees of freedom.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis._common import (
    higher_is_better, latest_vintage_per_year, province_regions, to_str,
)
from dashboard.data.schema import REGIONS

POPULATION = "population"
METHODS = ("population_weighted", "plain", "none")
# Known urban/rural pairs measured as two indicators (a third form is one indicator with
# subgroups urban/rural, handled by urban_rural_ratio(..., rural_indicator_id=None)).
URBAN_RURAL_PAIRS = (
    ("urban_disposable_income", "rural_net_income"),
    ("engel_urban", "engel_rural"),
)
# Every urban/rural pair by measure and household survey. The 2013 integration of the urban and
# rural household surveys changed definitions (net -> disposable rural income), so the old
# (2002–2012) and integrated (2013–) series are separate series, never joined into one line.
URBAN_RURAL_SERIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # measure: ((survey, urban indicator, rural indicator), ...) in time order
    "income": (("old", "urban_disposable_income", "rural_net_income"),
               ("integrated", "urban_disposable_income_2013survey", "rural_disposable_income")),
    "consumption": (("integrated", "urban_consumption_2013survey", "rural_consumption_2013survey"),),
    "engel": (("old", "engel_urban", "engel_rural"),
              ("integrated", "engel_urban_2013survey", "engel_rural_2013survey")),
    "culture": (("old", "culture_spending_share_urban", "culture_spending_share_rural"),),
}


# --- statistics on arrays ------------------------------------------------------------------
def _arrays(values: Sequence[float], weights: Sequence[float] | None) -> tuple[np.ndarray, np.ndarray] | None:
    y = np.asarray(values, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    if y.size == 0 or y.shape != w.shape or not np.all(np.isfinite(y)) or not np.all(np.isfinite(w)):
        return None
    if np.any(w < 0) or w.sum() <= 0:
        return None
    return y, w / w.sum()


def weighted_mean(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    arrays = _arrays(values, weights)
    if arrays is None:
        return None
    y, p = arrays
    return float(np.clip(np.dot(p, y), y.min(), y.max()))


def coefficient_of_variation(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    """σ/μ (ddof 0); population-weighted (Williamson) when weights are given. None if μ <= 0."""
    arrays = _arrays(values, weights)
    if arrays is None:
        return None
    y, p = arrays
    mean = float(np.dot(p, y))
    if mean <= 0:
        return None
    spread = float(np.sqrt(np.dot(p, (y - mean) ** 2)))
    # Equal values can leave rounding noise in the mean; report an exact 0.
    return 0.0 if np.ptp(y) == 0 else spread / mean


def max_min_ratio(values: Sequence[float]) -> float | None:
    y = np.asarray(values, dtype=float)
    if y.size == 0 or not np.all(np.isfinite(y)) or y.min() <= 0:
        return None
    return float(y.max() / y.min())


def theil_index(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    """Theil T, population-weighted; None unless every value is > 0."""
    arrays = _arrays(values, weights)
    if arrays is None or arrays[0].min() <= 0:
        return None
    y, p = arrays
    if np.ptp(y) == 0:
        return 0.0
    r = y / float(np.dot(p, y))
    return max(float(np.dot(p, r * np.log(r))), 0.0)


def gini(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    """Population-weighted Gini in [0, 1); None for negative values or a zero mean."""
    arrays = _arrays(values, weights)
    if arrays is None or arrays[0].min() < 0:
        return None
    y, p = arrays
    mean = float(np.dot(p, y))
    if mean <= 0:
        return None
    if np.ptp(y) == 0:
        return 0.0
    diff = np.abs(y[:, None] - y[None, :])
    return float(np.clip(p @ diff @ p / (2.0 * mean), 0.0, 1.0))


def ranks(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Rank 1 = best; ties share the better rank; missing values get no rank."""
    return values.rank(ascending=not higher_is_better, method="min").astype("Int64")


# --- from the dataset -------------------------------------------------------------------------
def regional_mean_rule(dataset, indicator_id: str) -> str:
    rule = to_str(dataset.indicator(indicator_id).get("regional_mean")) if dataset.has_indicator(indicator_id) else None
    return rule if rule in METHODS else "none"


def _indicator_rows(dataset, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
    if hasattr(dataset, "indicator_rows"):  # grouped once per dataset: no scan of the whole table
        return latest_vintage_per_year(dataset.indicator_rows(indicator_id, subgroup))
    obs = dataset.observations
    return latest_vintage_per_year(obs[(obs["indicator_id"] == indicator_id) & (obs["subgroup"] == subgroup)])


def province_panel(dataset, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(area_code, region, year, value, population): mainland provinces, every year.

    Observations are filtered once per indicator (a report touches many indicators).
    ``population`` is the same year's population or NaN — never another year's.
    """
    columns = ["area_code", "region", "year", "value", "population"]
    if not dataset.has_indicator(indicator_id):
        return pd.DataFrame(columns=columns)
    regions = province_regions(dataset)
    obs = _indicator_rows(dataset, indicator_id, subgroup)
    obs = obs[obs["area_code"].isin(regions.index)]
    frame = pd.DataFrame({"area_code": obs["area_code"].astype(str), "year": obs["year"].astype(int),
                          "value": obs["value"].astype(float)})
    frame["region"] = frame["area_code"].map(regions)
    if dataset.has_indicator(POPULATION):
        pop = _indicator_rows(dataset, POPULATION)
        pop = pd.DataFrame({"area_code": pop["area_code"].astype(str), "year": pop["year"].astype(int),
                            "population": pop["value"].astype(float)})
        frame = frame.merge(pop, on=["area_code", "year"], how="left")
    else:
        frame["population"] = np.nan
    return frame[columns].sort_values(["year", "area_code"]).reset_index(drop=True)


def province_values(dataset, indicator_id: str, year: int, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(area_code, region, value, population) for mainland provinces with a value in ``year``."""
    panel = province_panel(dataset, indicator_id, subgroup)
    return panel.loc[panel["year"] == year, ["area_code", "region", "value", "population"]].reset_index(drop=True)


def _region_value(values: pd.DataFrame, expected: int, method: str) -> float | None:
    if method == "none" or len(values) < expected or expected == 0:
        return None
    if method == "plain":
        return weighted_mean(values["value"].tolist())
    if values["population"].isna().any():
        return None
    return weighted_mean(values["value"].tolist(), values["population"].tolist())


def regional_series(dataset, indicator_id: str, region: str, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(year, value, n_provinces, n_expected, method): the region's mean per year.

    ``method`` is the indicator's regional_mean rule. ``value`` is NaN when the rule is
    ``none``, when fewer than all ``n_expected`` provinces report that year, or (weighted) when
    any of them lacks that year's population. Years: every year in which any province of the
    region has a value.
    """
    if region not in REGIONS:
        raise ValueError(f"unknown region '{region}' (one of {', '.join(REGIONS)})")
    return regional_series_all(dataset, indicator_id, subgroup, regions=(region,))[region]


def regional_series_all(dataset, indicator_id: str, subgroup: str = "total",
                        regions: Sequence[str] = REGIONS) -> dict[str, pd.DataFrame]:
    """region -> regional_series(...) for each of ``regions``, from one province panel (the
    panel is most of the cost: the trend chart with nothing selected draws all four)."""
    unknown = [r for r in regions if r not in REGIONS]
    if unknown:
        raise ValueError(f"unknown region '{unknown[0]}' (one of {', '.join(REGIONS)})")
    method = regional_mean_rule(dataset, indicator_id)
    of_province = province_regions(dataset)
    panel = province_panel(dataset, indicator_id, subgroup)
    by_region = {str(key): group for key, group in panel.groupby("region", sort=False)}
    found = {}
    for region in regions:
        expected = int((of_province == region).sum())
        members = by_region.get(region, panel.iloc[0:0])
        rows: list[dict[str, Any]] = []
        for year, values in members.groupby("year", sort=True):
            value = _region_value(values, expected, method)
            rows.append({"year": int(year), "value": np.nan if value is None else value,
                         "n_provinces": len(values), "n_expected": expected, "method": method})
        frame = pd.DataFrame(rows, columns=["year", "value", "n_provinces", "n_expected", "method"])
        found[region] = frame.astype({"year": int, "value": float, "n_provinces": int, "n_expected": int})
    return found


def regional_means_from_values(values: pd.DataFrame, regions: pd.Series, method: str) -> pd.DataFrame:
    """DataFrame(region, value, n_provinces, n_expected, method) from one year's province values."""
    rows = []
    for region in REGIONS:
        expected = int((regions == region).sum())
        members = values[values["region"] == region]
        value = _region_value(members, expected, method)
        rows.append({"region": region, "value": np.nan if value is None else value,
                     "n_provinces": len(members), "n_expected": expected, "method": method})
    return pd.DataFrame(rows)


def regional_means(dataset, indicator_id: str, year: int, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(region, value, n_provinces, n_expected, method) for the four regions in one year."""
    values = province_values(dataset, indicator_id, year, subgroup)
    return regional_means_from_values(values, province_regions(dataset), regional_mean_rule(dataset, indicator_id))


def statistics_from_values(values: pd.DataFrame) -> dict[str, Any]:
    """cv, cv_weighted, max_min_ratio, theil, gini of one year's province values.

    Weighted statistics need every reporting province's same-year population, else None.
    """
    y = values["value"].tolist()
    has_pop = len(values) > 0 and not values["population"].isna().any()
    w = values["population"].tolist() if has_pop else None
    return {
        "n_provinces": len(values),
        "cv": coefficient_of_variation(y) if y else None,
        "cv_weighted": coefficient_of_variation(y, w) if w else None,
        "max_min_ratio": max_min_ratio(y) if y else None,
        "theil": theil_index(y, w) if w else None,
        "gini": gini(y, w) if w else None,
    }


def disparity_for_year(dataset, indicator_id: str, year: int, subgroup: str = "total") -> dict[str, Any]:
    """All cross-province statistics of one indicator in one year (JSON-safe: None, not NaN)."""
    values = province_values(dataset, indicator_id, year, subgroup)
    return {"indicator_id": indicator_id, "year": int(year), "n_expected": len(province_regions(dataset)),
            **statistics_from_values(values)}


def ranks_from_values(values: pd.DataFrame, higher_is_better: bool | None) -> pd.DataFrame:
    """DataFrame(area_code, region, value, rank) sorted by rank; unknown direction ranks high = 1."""
    ranked = values.assign(rank=ranks(values["value"], True if higher_is_better is None else higher_is_better))
    return ranked[["area_code", "region", "value", "rank"]].sort_values("rank").reset_index(drop=True)


def province_ranks(dataset, indicator_id: str, year: int, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(area_code, region, value, rank), rank 1 = best by the indicator's direction."""
    values = province_values(dataset, indicator_id, year, subgroup)
    return ranks_from_values(values, higher_is_better(dataset, indicator_id))


def sigma_convergence(
    dataset, indicator_id: str, *, weighted: bool = False, min_provinces: int | None = None, subgroup: str = "total",
) -> pd.DataFrame:
    """DataFrame(year, cv, n_provinces): CV across provinces by year (falling CV = σ-convergence).

    ``min_provinces`` defaults to all mainland provinces; years below it get cv NaN.
    """
    needed = len(province_regions(dataset)) if min_provinces is None else min_provinces
    rows = []
    for year, values in province_panel(dataset, indicator_id, subgroup).groupby("year", sort=True):
        cv = None
        if len(values) >= needed:
            if not weighted:
                cv = coefficient_of_variation(values["value"].tolist())
            elif not values["population"].isna().any():
                cv = coefficient_of_variation(values["value"].tolist(), values["population"].tolist())
        rows.append({"year": int(year), "cv": np.nan if cv is None else cv, "n_provinces": len(values)})
    frame = pd.DataFrame(rows, columns=["year", "cv", "n_provinces"])
    return frame.astype({"year": int, "cv": float, "n_provinces": int})


def urban_rural_ratio(dataset, urban_indicator_id: str, rural_indicator_id: str | None = None) -> pd.DataFrame:
    """DataFrame(area_code, year, urban, rural, ratio) where both exist for the same area and year.

    Two indicators (e.g. urban_disposable_income / rural_net_income), or — when
    ``rural_indicator_id`` is None — one indicator's urban and rural subgroups. ratio = urban /
    rural (rural = 1, as NBS states the income ratio); rows with rural <= 0 are dropped.
    """
    columns = ["area_code", "year", "urban", "rural", "ratio"]
    if rural_indicator_id is None:
        urban_key, rural_key = (urban_indicator_id, "urban"), (urban_indicator_id, "rural")
    else:
        urban_key, rural_key = (urban_indicator_id, "total"), (rural_indicator_id, "total")
    if not (dataset.has_indicator(urban_key[0]) and dataset.has_indicator(rural_key[0])):
        return pd.DataFrame(columns=columns)
    obs = dataset.observations

    def side(key: tuple[str, str], name: str) -> pd.DataFrame:
        frame = obs[(obs["indicator_id"] == key[0]) & (obs["subgroup"] == key[1])]
        frame = latest_vintage_per_year(frame)
        return pd.DataFrame({"area_code": frame["area_code"].astype(str),
                             "year": frame["year"].astype(int), name: frame["value"].astype(float)})

    merged = side(urban_key, "urban").merge(side(rural_key, "rural"), on=["area_code", "year"], how="inner")
    merged = merged[merged["rural"] > 0]
    merged["ratio"] = merged["urban"] / merged["rural"]
    return merged[columns].sort_values(["area_code", "year"]).reset_index(drop=True)



def theil_decomposition_from_values(values: pd.DataFrame) -> dict[str, float] | None:
    """{total, between, within, within_<region>...} of one year's province values (region, value,
    population), or None unless every value is > 0 and every population is known and > 0.

    ``within_<region>`` is the region's contribution P_g (μ_g/μ) T_g; they sum to ``within``.
    """
    if values.empty or values["population"].isna().any() or values["region"].isna().any():
        return None
    y = values["value"].to_numpy(dtype=float)
    pop = values["population"].to_numpy(dtype=float)
    if not (np.all(np.isfinite(y)) and np.all(y > 0) and np.all(pop > 0)):
        return None
    total = theil_index(y, pop)
    if total is None:
        return None
    mean = float(np.dot(pop, y) / pop.sum())
    between = 0.0
    parts: dict[str, float] = {}
    for region, members in values.groupby("region", sort=False):
        share = float(members["population"].sum() / pop.sum())
        group_mean = weighted_mean(members["value"].tolist(), members["population"].tolist())
        group_theil = theil_index(members["value"].tolist(), members["population"].tolist())
        if group_mean is None or group_theil is None:
            return None
        ratio = group_mean / mean
        between += share * ratio * math.log(ratio)
        parts[f"within_{region}"] = share * ratio * group_theil
    within = sum(parts.values())
    return {"total": float(total), "between": float(between), "within": float(within), **parts}


def theil_decomposition(dataset, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
    """DataFrame(year, total, between, within, between_share, n_provinces) for every year of the
    indicator; NaN unless all mainland provinces report with same-year population (comparable
    over time, like sigma_convergence)."""
    expected = len(province_regions(dataset))
    rows = []
    for year, values in province_panel(dataset, indicator_id, subgroup).groupby("year", sort=True):
        parts = theil_decomposition_from_values(values) if len(values) >= expected else None
        row = {"year": int(year), "total": np.nan, "between": np.nan, "within": np.nan,
               "between_share": np.nan, "n_provinces": len(values)}
        if parts is not None:
            row.update(total=parts["total"], between=parts["between"], within=parts["within"],
                       between_share=parts["between"] / parts["total"] if parts["total"] > 0 else np.nan)
        rows.append(row)
    columns = ["year", "total", "between", "within", "between_share", "n_provinces"]
    return pd.DataFrame(rows, columns=columns).astype({"year": int, "n_provinces": int})


# Two-sided 97.5% quantiles of Student's t by degrees of freedom (scipy is not a dependency);
# beyond 30 the normal value 1.96 is within 0.04 of t.
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
         10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110,
         18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060,
         26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042}


def t_quantile_975(df: int) -> float:
    return _T975.get(df, 2.042 if df > 30 else math.nan)


def beta_regression(initial: Sequence[float], final: Sequence[float], years: int) -> dict[str, float] | None:
    """OLS of ln(final/initial)/years on ln(initial): {slope, intercept, low, high, se, n}; None with
    fewer than 3 units, a non-positive value, no elapsed time or no spread in the initial level."""
    y0 = np.asarray(initial, dtype=float)
    y1 = np.asarray(final, dtype=float)
    if years <= 0 or y0.size < 3 or y0.shape != y1.shape or not (np.all(y0 > 0) and np.all(y1 > 0)):
        return None
    x = np.log(y0)
    g = np.log(y1 / y0) / years
    sxx = float(np.sum((x - x.mean()) ** 2))
    if sxx <= 0:
        return None
    slope = float(np.sum((x - x.mean()) * (g - g.mean())) / sxx)
    intercept = float(g.mean() - slope * x.mean())
    residuals = g - (intercept + slope * x)
    n = int(x.size)
    se = float(math.sqrt(float(np.sum(residuals ** 2)) / (n - 2) / sxx))
    half = t_quantile_975(n - 2) * se
    return {"slope": slope, "intercept": intercept, "se": se, "low": slope - half, "high": slope + half,
            "n": n}


def beta_convergence(dataset, indicator_id: str, start: int, end: int, subgroup: str = "total") -> dict[str, Any] | None:
    """β-convergence between two years across the provinces that report in both; None if fewer
    than all mainland provinces do (a changing set of provinces would bias the slope)."""
    panel = province_panel(dataset, indicator_id, subgroup)
    first = panel[panel["year"] == start].set_index("area_code")["value"]
    last = panel[panel["year"] == end].set_index("area_code")["value"]
    both = first.index.intersection(last.index)
    if len(both) < len(province_regions(dataset)):
        return None
    result = beta_regression(first[both].tolist(), last[both].tolist(), end - start)
    return None if result is None else {**result, "start": int(start), "end": int(end),
                                        "area_codes": [str(code) for code in both]}


def complete_years(dataset, indicator_id: str, subgroup: str = "total") -> list[int]:
    """Years in which every mainland province has a value."""
    expected = len(province_regions(dataset))
    counts = province_panel(dataset, indicator_id, subgroup).groupby("year")["value"].count()
    return sorted(int(year) for year, n in counts.items() if n >= expected)


def urban_rural_series(dataset, measure: str) -> list[tuple[str, str, str, pd.DataFrame]]:
    """[(survey, urban_id, rural_id, ratios)] for a measure of URBAN_RURAL_SERIES, old survey first;
    each survey's ratios apart (urban_rural_ratio), empty frames left out."""
    out = []
    for survey, urban_id, rural_id in URBAN_RURAL_SERIES[measure]:
        ratios = urban_rural_ratio(dataset, urban_id, rural_id)
        if not ratios.empty:
            out.append((survey, urban_id, rural_id, ratios))
    return out


def between_or_within(years: Sequence[int], between_shares: Sequence[float | None],
                      year: int | None = None) -> dict[str, Any] | None:
    """Where the gap lies in ``year`` and since when: {year, side, share, since, before}.

    ``between_shares`` are the between-region shares of the Theil index by year (None: not
    decomposed). ``year`` is the selected year if it is decomposed, else the last decomposed year.
    ``side`` is 'between' when the between-region part is at least half of the index, else
    'within'; ``since`` is the first decomposed year of the unbroken run of that side up to
    ``year``; ``before`` is the decomposed year just before the run (None: the side held in every
    decomposed year up to ``year``). None when no year is decomposed.
    """
    points = sorted((int(y), float(s)) for y, s in zip(years, between_shares)
                    if s is not None and math.isfinite(s))
    if not points:
        return None
    decomposed = [y for y, _ in points]
    index = decomposed.index(year) if year in decomposed else len(points) - 1

    def side_of(share: float) -> str:
        return "between" if share >= 0.5 else "within"

    side = side_of(points[index][1])
    start = index
    while start > 0 and side_of(points[start - 1][1]) == side:
        start -= 1
    return {"year": points[index][0], "side": side, "share": points[index][1], "since": points[start][0],
            "since_share": points[start][1],
            "before": points[start - 1][0] if start > 0 else None,
            "before_share": points[start - 1][1] if start > 0 else None}
