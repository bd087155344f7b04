"""From the dataset and a view state to the trend chart's lines and its source line."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analysis.disparity import regional_series, regional_series_all
from dashboard.analysis.report import indicator_targets
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL, REGIONS
from dashboard.figures.labels import flag_text, indicator_name, indicator_unit, source_line, value_text
from dashboard.figures.method_text import method_text
from dashboard.figures.trend import TargetMark, TrendLine
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_year


def _line(dataset: Dataset, rows: pd.DataFrame, indicator_id: str, name: str, role: str, lang: str) -> TrendLine:
    hover = []
    for row in rows.itertuples():
        flag = flag_text(row.flag, lang, row.source_id, getattr(row, "confidence", None))
        hover.append(f"<b>{name}</b><br>{format_year(int(row.year), lang)}: "
                     f"{value_text(dataset, indicator_id, row.value, lang)}" + (f" · {flag}" if flag else ""))
    return TrendLine(
        name=name, years=[int(y) for y in rows["year"]], values=[float(v) for v in rows["value"]],
        hover_text=hover, role=role, flagged=[f in ("derived", "modelled", "estimate") for f in rows["flag"]],
    )


def region_line(dataset: Dataset, indicator_id: str, region: str, lang: str,
                role: str = "region", table: pd.DataFrame | None = None) -> TrendLine | None:
    """The region's mean as a line; ``table``: its regional_series, when already computed."""
    table = regional_series(dataset, indicator_id, region) if table is None else table
    table = table.dropna(subset=["value"])
    if table.empty:
        return None
    method = str(table["method"].iloc[0])
    name = t("ui.trend.region_mean", lang, region=t(f"terms.region.{region}", lang),
             method=t(f"ui.trend.method.{method}", lang))
    hover = [f"<b>{name}</b><br>{format_year(int(r.year), lang)}: "
             f"{value_text(dataset, indicator_id, r.value, lang)}<br>"
             f"{t('ui.trend.n_provinces', lang, n=int(r.n_provinces))}"
             for r in table.itertuples()]
    return TrendLine(name=name, years=[int(y) for y in table["year"]],
                     values=[float(v) for v in table["value"]], hover_text=hover, role=role)


@dataclass(frozen=True)
class TrendPart:
    """A line that does not depend on the selected province, and the observations behind it."""

    line: TrendLine | None      # None: nothing to draw (no national series, no regional mean)
    rows: pd.DataFrame          # for the source line; read-only (shared when cached)


@dataclass(frozen=True)
class SharedLines:
    """The national line and regional means of one indicator in one language: the same for every
    province clicked, so a cache (callbacks.resources.Resources.trend_lines_shared) keeps them
    per dataset. Region lines carry role "region"; trend_lines gives them their drawn role."""

    national: TrendPart
    regions: Mapping[str, TrendPart]


def shared_lines(dataset: Dataset, indicator_id: str, lang: str, regions: Sequence[str] = REGIONS) -> SharedLines:
    national_rows = dataset.series(indicator_id, NATIONAL)
    national = TrendPart(None if national_rows.empty else _line(
        dataset, national_rows, indicator_id, dataset.area_name(NATIONAL, lang), "national", lang), national_rows)
    tables = regional_series_all(dataset, indicator_id, regions=regions)
    every_row = dataset.indicator_rows(indicator_id, None) if regions else dataset.observations.iloc[0:0]
    parts = {}
    for region in regions:
        line = region_line(dataset, indicator_id, region, lang, table=tables[region])
        members = dataset.areas.loc[dataset.areas["region"] == region, "area_code"]
        parts[region] = TrendPart(line, every_row[every_row["area_code"].isin(members)] if line else every_row.iloc[0:0])
    return SharedLines(national, parts)


def trend_lines(dataset: Dataset, indicator_id: str, area_code: str | None, lang: str,
                shared: SharedLines | None = None) -> tuple[list[TrendLine], pd.DataFrame]:
    """The lines to draw and the observation rows behind them (for the source line). ``shared``:
    shared_lines(dataset, indicator_id, lang) when kept from an earlier call (it holds every region)."""
    lines: list[TrendLine] = []
    shown: list[pd.DataFrame] = []
    # Nothing selected: the four regions side by side answer "where are the gaps" at a glance.
    regions: list[str] = list(REGIONS) if area_code is None else []
    if area_code is not None:
        rows = dataset.series(indicator_id, area_code)
        lines.append(_line(dataset, rows, indicator_id, dataset.area_name(area_code, lang), "area", lang))
        shown.append(rows)
        region = dataset.area(area_code)["region"]
        if isinstance(region, str):
            regions.append(region)
    shared = shared_lines(dataset, indicator_id, lang, regions) if shared is None else shared
    if shared.national.line is not None:
        lines.append(shared.national.line)
        shown.append(shared.national.rows)
    for region in regions:
        part = shared.regions[region]
        if part.line is not None:
            lines.append(part.line if area_code else replace(part.line, role=f"region_{region}"))
            shown.append(part.rows)
    rows = pd.concat(shown, ignore_index=True) if shown else dataset.observations.iloc[0:0]
    return lines, rows


def trend_title(dataset: Dataset, indicator_id: str, area_code: str | None, lang: str) -> str:
    name = indicator_name(dataset, indicator_id, lang)
    where = dataset.area_name(area_code, lang) if area_code else dataset.area_name(NATIONAL, lang)
    return f"{where} · {name}"


def trend_source(dataset: Dataset, rows: pd.DataFrame, lang: str) -> str:
    return source_line(dataset, rows, lang)


def y_axis_title(dataset: Dataset, indicator_id: str, lang: str) -> str:
    return indicator_unit(dataset, indicator_id, lang)


def target_marks(dataset: Dataset, frameworks, framework_id: str, indicator_id: str, area_code: str | None,
                 year: int | None, lang: str) -> list[TargetMark]:
    """The framework's targets for the indicator in the area (national when none is selected),
    labelled with the framework and the target year; the hover says how the target was set."""
    if frameworks is None or year is None or not dataset.has_indicator(indicator_id):
        return []
    try:
        targets = indicator_targets(dataset, frameworks, framework_id, indicator_id, area_code, year)
    except (KeyError, ValueError):
        return []
    meta = dataset.indicator(indicator_id)
    decimals = int(meta["decimals"]) if pd.notna(meta["decimals"]) else 1
    unit = indicator_unit(dataset, indicator_id, lang) or None
    framework = t(f"terms.framework_short.{framework_id}", lang)
    marks = []
    for row in targets:
        target_year = format_year(int(row["target_year"]), lang)
        band = row["rule"] in ("band_low", "band_high")
        if band:
            label = t("gaps.trend.band", lang, framework=framework, target_year=target_year,
                      low=format_number(row["band_low"], lang, decimals) if row["band_low"] is not None else "—",
                      high=format_number(row["band_high"], lang, decimals) if row["band_high"] is not None else "—")
        else:
            label = t("gaps.trend.target", lang, framework=framework, target_year=target_year,
                      target=format_number(row["target"], lang, decimals, unit=unit))
        hover = t("gaps.trend.target_hover", lang, label=label,
                  method=method_text(row, row, lang, decimals=decimals, unit=unit))
        marks.append(TargetMark(label=label, target_year=int(row["target_year"]),
                                value=None if band else row["target"],
                                low=row["band_low"] if band else None, high=row["band_high"] if band else None,
                                hover=hover))
    return marks
