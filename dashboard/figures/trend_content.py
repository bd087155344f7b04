"""From the dataset and a view state to the trend chart's lines and its source line."""
from __future__ import annotations

import pandas as pd

from dashboard.analysis.disparity import regional_series
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL, REGIONS
from dashboard.figures.labels import flag_text, indicator_name, indicator_unit, source_line, value_text
from dashboard.figures.trend import TrendLine
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year


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
                role: str = "region") -> TrendLine | None:
    table = regional_series(dataset, indicator_id, region)
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


def trend_lines(dataset: Dataset, indicator_id: str, area_code: str | None, lang: str) -> tuple[list[TrendLine], pd.DataFrame]:
    """The lines to draw and the observation rows behind them (for the source line)."""
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
    national = dataset.series(indicator_id, NATIONAL)
    if not national.empty:
        lines.append(_line(dataset, national, indicator_id, dataset.area_name(NATIONAL, lang), "national", lang))
        shown.append(national)
    for region in regions:
        line = region_line(dataset, indicator_id, region, lang,
                           role="region" if area_code else f"region_{region}")
        if line is not None:
            lines.append(line)
            shown.append(dataset.observations[
                (dataset.observations["indicator_id"] == indicator_id)
                & (dataset.observations["area_code"].isin(
                    dataset.areas.loc[dataset.areas["region"] == region, "area_code"]))])
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
