"""From the dataset and a framework to attainment per province, and to the map's MapValues.

`attainment_by_area` gives the same results as `analysis.attainment.compute_attainment` with no
deflator and no lag (a test checks this), but reads the observation table once for every area:
compute_attainment costs ~150 ms per area, too slow to recolour 31 provinces on each edit.

Partial indices (below the 80% rule, shown only in partial mode) never join the strict colour
layer: they get their own layer, lighter and hatched (`partial_layer`), and their hover says
"measured: 52% of the weight".
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis._common import latest_vintage_per_year
from dashboard.analysis.attainment import (
    KIND_PARTIAL, KIND_STRICT, MIN_WEIGHT_COVERAGE, MODE_STRICT, AttainmentResult, ItemSpec, ShownIndex,
    apply_overrides, attainment_from_values, framework_items, series_in_target_prices, shown_result,
)
from dashboard.data.dataset import Dataset
from dashboard.figures import theme
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
    if overrides is None or len(overrides) == 0:
        return national
    if not isinstance(overrides, pd.DataFrame):
        overrides = pd.DataFrame(list(overrides))
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


def status_line(shown: ShownIndex, lang: str) -> str:
    """'Attainment 76.1% · weight with data 92%', 'Partial index 64.0% · measured: 52% of the
    weight…' or 'Insufficient data: only 18% of the weight…' (the kind is always in words)."""
    coverage = format_percent(shown.weight_coverage, lang, 0)
    threshold = format_percent(MIN_WEIGHT_COVERAGE, lang, 0)
    if shown.kind == KIND_STRICT:
        return t("attainment.map.hover_ok", lang, score=format_percent(shown.value, lang), coverage=coverage)
    if shown.kind == KIND_PARTIAL:
        return t("attainment.map.hover_partial", lang, score=format_percent(shown.value, lang), coverage=coverage,
                 threshold=threshold)
    return t("attainment.map.hover_insufficient", lang, coverage=coverage, threshold=threshold)


@dataclass(frozen=True)
class PartialLayer:
    """Provinces shown with a partial index (partial mode only), apart from the strict colours."""

    area_codes: Sequence[str] = ()
    values: Sequence[float] = ()
    hover_text: Sequence[str] = ()


def attainment_map_values(dataset: Dataset, results: Mapping[str, AttainmentResult], domain_id: str | None,
                          metric: str, year: int, lang: str,
                          mode: str = MODE_STRICT) -> tuple[MapValues, list[str], PartialLayer]:
    """MapValues (areas with an index), the hover of every province (for the grey base layer) and
    the partial layer.

    metric 'attainment': areas whose index (or domain index) reaches the 80% rule are coloured;
    in partial mode the others with a partial index go to the partial layer. metric 'coverage':
    the share of weight with data, which every area has (no partial layer).
    """
    names = dataset.areas.set_index("area_code")[f"name_{lang}"]
    year_text = format_year(year, lang)
    codes, values, hover, base_hover = [], [], [], []
    partial_codes, partial_values, partial_hover = [], [], []
    for area_code in dataset.areas.loc[dataset.areas["level"] == "province", "area_code"]:
        result = results.get(area_code)
        name = f"<b>{names[area_code]}</b>"
        if result is None:
            base_hover.append(f"{name}<br>{t('attainment.map.not_computed', lang)}")
            continue
        shown = shown_result(result, domain_id, mode)
        text = f"{name}<br>{year_text}<br>{status_line(shown, lang)}"
        base_hover.append(text)
        if metric == "coverage":
            codes.append(area_code)
            values.append(round(shown.weight_coverage * 100, 2))
            hover.append(text)
        elif shown.kind == KIND_STRICT:
            assert shown.value is not None  # strict and partial indices carry their value
            codes.append(area_code)
            values.append(round(shown.value * 100, 2))
            hover.append(text)
        elif shown.kind == KIND_PARTIAL:
            assert shown.value is not None
            partial_codes.append(area_code)
            partial_values.append(round(shown.value * 100, 2))
            partial_hover.append(text)
    title = t("attainment.map.colour_coverage" if metric == "coverage" else "attainment.map.colour_attainment", lang)
    return (MapValues(area_codes=codes, values=values, hover_text=hover, colour_title=title, zmin=0.0, zmax=100.0,
                      tick_values=[0, 20, 40, 60, 80, 100],
                      tick_text=[format_percent(v / 100, lang, 0) for v in (0, 20, 40, 60, 80, 100)]),
            base_hover, PartialLayer(partial_codes, partial_values, partial_hover))


# --- the partial layer: lighter fill and a hatch drawn as short diagonal strokes ----------------
def _inside(lons: np.ndarray, lats: np.ndarray, ring: Sequence[Sequence[float]]) -> np.ndarray:
    """Even-odd ray casting: which points lie inside one polygon ring."""
    x, y = np.asarray([p[0] for p in ring]), np.asarray([p[1] for p in ring])
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    inside = np.zeros(lons.shape, dtype=bool)
    for xa, ya, xb, yb in zip(x, y, x2, y2):
        crosses = (ya > lats) != (yb > lats)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = xa + (lats - ya) * (xb - xa) / (yb - ya)
        inside ^= crosses & (lons < x_at)
    return inside


def hatch_grid(geojson: Mapping[str, Any], step: float = 0.9) -> dict[str, tuple[list[float], list[float]]]:
    """{adcode: (lons, lats)} of a regular grid of points inside each province (holes respected),
    with at least the polygon's first vertex for provinces smaller than one grid step."""
    grid: dict[str, tuple[list[float], list[float]]] = {}
    for feature in geojson.get("features", []):
        code = str(feature.get("properties", {}).get("adcode") or feature.get("id"))
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        lons_out: list[float] = []
        lats_out: list[float] = []
        for polygon in polygons:
            outer = polygon[0]
            xs, ys = [p[0] for p in outer], [p[1] for p in outer]
            gx = np.arange(np.floor(min(xs) / step) * step + step / 2, max(xs), step)
            gy = np.arange(np.floor(min(ys) / step) * step + step / 2, max(ys), step)
            if gx.size == 0 or gy.size == 0:
                continue
            lon, lat = (a.ravel() for a in np.meshgrid(gx, gy))
            keep = _inside(lon, lat, outer)
            for hole in polygon[1:]:
                keep &= ~_inside(lon, lat, hole)
            lons_out += [round(float(v), 3) for v in lon[keep]]
            lats_out += [round(float(v), 3) for v in lat[keep]]
        if not lons_out and polygons:
            first = polygons[0][0][0]
            lons_out, lats_out = [first[0]], [first[1]]
        grid[code] = (lons_out, lats_out)
    return grid


def add_partial_layer(fig: go.Figure, geojson: dict | str, layer: PartialLayer,
                      grid: Mapping[str, tuple[Sequence[float], Sequence[float]]], legend: str) -> go.Figure:
    """Append the partial layer to a province map: the same scale, faded, with hatch strokes on top
    and a text legend (so 'partial' is never told by colour alone). Appended after the map's fixed
    traces, so the map's trace indices stay valid."""
    if not layer.area_codes:
        return fig
    fig.add_trace(go.Choropleth(
        geojson=geojson, locations=list(layer.area_codes), z=list(layer.values), zmin=0, zmax=100,
        colorscale=theme.SEQUENTIAL, showscale=False, marker=dict(opacity=0.45, line=dict(color=theme.PROVINCE_EDGE,
                                                                                            width=0.6)),
        customdata=list(layer.hover_text), hovertemplate="%{customdata}<extra></extra>", geo="geo",
        name="partial", showlegend=False,
    ))
    lons: list[float] = []
    lats: list[float] = []
    for code in layer.area_codes:
        xs, ys = grid.get(code, ((), ()))
        lons += list(xs)
        lats += list(ys)
    fig.add_trace(go.Scattergeo(
        lon=lons, lat=lats, mode="markers", hoverinfo="skip", showlegend=False, geo="geo", name="partial-hatch",
        marker=dict(symbol="line-ne", size=9, line=dict(width=1.2, color=theme.PARTIAL_HATCH)),
    ))
    fig.add_annotation(text=legend, x=0.0, y=0.11, xref="paper", yref="paper", xanchor="left", showarrow=False,
                       font=dict(size=12))
    return fig
