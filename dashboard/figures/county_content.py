"""From the dataset to a province's county map and a county's card (issue 13): pure, worded."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.drill import COUNTY_INDICATOR, COUNTY_YEAR, drill_code, extra
from dashboard.figures.labels import flag_text, indicator_name, indicator_unit, value_text
from dashboard.figures.province_map import MapValues
from dashboard.i18n import t
from dashboard.i18n.numbers import axis_ticks, axis_unit, format_year
from dashboard.state import ViewState, ascii_int

POVERTY_ID = "county_poverty_exit_year"  # value = exit batch year; no value = not on the 832 list


def county_indicators(dataset: Dataset, province_code: str) -> list[str]:
    """Indicator ids with a value for one of the province's prefectures or counties (bundled
    county_* ids, or a user's import at county level), in the indicators' order."""
    return dataset.sub_area_indicators(province_code)


def offered_indicators(dataset: Dataset, province_code: str | None) -> list[str]:
    """The indicators the province's county map offers: the 832 poverty list first (it is
    national: no value means "not on the list"), then the province's own county indicators."""
    ids = county_indicators(dataset, province_code) if province_code else []
    if POVERTY_ID not in ids and dataset.has_indicator(POVERTY_ID):
        ids = [POVERTY_ID, *ids]
    return ids


def county_choice(dataset: Dataset, state: ViewState) -> tuple[str | None, str | None, int | None]:
    """(province, indicator, year) the county map shows for a view state: the link's `cind` and
    `cyear` where the province has them, else the poverty list and the indicator's latest year."""
    province = drill_code(state)
    if province is None:
        return None, None, None
    offered = offered_indicators(dataset, province)
    wanted = extra(state, COUNTY_INDICATOR)
    indicator = wanted if wanted in offered else (offered[0] if offered else None)
    years = county_years(dataset, province, indicator) if indicator else []
    year = ascii_int(extra(state, COUNTY_YEAR))
    return province, indicator, year if year in years else (years[-1] if years else None)


def map_units(dataset: Dataset, province_code: str) -> list[str]:
    """The units the province's county map draws: county-level units and prefectures that are one."""
    return dataset.map_units(province_code)


def county_years(dataset: Dataset, province_code: str, indicator_id: str) -> list[int]:
    units = set(map_units(dataset, province_code))
    obs = dataset._obs(indicator_id)
    return sorted(int(y) for y in obs.loc[obs["area_code"].isin(units), "year"].dropna().unique())


@dataclass(frozen=True)
class CountyMap:
    """What the county map of one province shows, in one language."""

    province_code: str
    unit_codes: list[str]
    base_hover: list[str]          # every unit: name and why it has no colour
    values: MapValues
    year: int | None
    summary: str                   # "88 of 129 county-level units …" under the map
    table_rows: list[list[str]]    # the map as a table: unit, value (or why none), flag


def _colour_range(rows: pd.DataFrame) -> tuple[float, float]:
    values = rows["value"].dropna()
    if values.empty:
        return 0.0, 1.0
    low, high = float(values.min()), float(values.max())
    return (low, high) if high > low else (low - 0.5, high + 0.5)


def county_map_content(dataset: Dataset, province_code: str, indicator_id: str, year: int | None, lang: str) -> CountyMap:
    units = map_units(dataset, province_code)
    obs = dataset._obs(indicator_id)
    in_province = obs[obs["area_code"].isin(units)]
    year_rows = in_province[in_province["year"] == year] if year is not None else in_province.iloc[0:0]
    # One record per unit (a dict): a .loc per unit costs more than the rest of the map.
    rows = {r["area_code"]: r for r in year_rows[["area_code", "value", "flag", "source_id", "confidence"]]
            .to_dict("records")}
    poverty = indicator_id == POVERTY_ID
    absent = t("ui.county.not_on_list" if poverty else "ui.map.no_data", lang)
    codes, values, hover, table = [], [], [], []
    year_label = format_year(year, lang) if year is not None else ""  # rows exist only for a year
    for code in units:
        row = rows.get(code)
        if row is None:
            table.append([dataset.area_name(code, lang), absent, ""])
            continue
        value = float(row["value"])
        flag = flag_text(row["flag"], lang, row["source_id"], row.get("confidence"))
        shown = (t("ui.county.exit_batch", lang, year=int(value)) if poverty
                 else value_text(dataset, indicator_id, value, lang))
        codes.append(code)
        values.append(value)
        hover.append(f"<b>{dataset.area_name(code, lang)}</b><br>{shown}<br>{year_label}"
                     + (f" · {flag}" if flag else ""))
        table.append([dataset.area_name(code, lang), shown, flag])
    zmin, zmax = _colour_range(in_province)
    if poverty:
        ticks = list(range(int(zmin), int(zmax) + 1))
        tick_values, tick_text = [float(y) for y in ticks], [str(y) for y in ticks]
    else:
        tick_values, tick_text = axis_ticks(zmin, zmax, lang, unit=indicator_unit(dataset, indicator_id, lang))
    higher = dataset.indicator(indicator_id)["higher_is_better"]
    unit = axis_unit(zmin, zmax, indicator_unit(dataset, indicator_id, lang), lang)
    title = t("ui.county.exit_year_title", lang) if poverty else (unit or indicator_name(dataset, indicator_id, lang))
    colour = MapValues(area_codes=codes, values=values, hover_text=hover,
                       colour_title=title,
                       zmin=zmin, zmax=zmax, tick_values=tick_values, tick_text=tick_text,
                       reverse_scale=higher == "false")
    base = [f"{dataset.area_name(code, lang)}<br>{absent}" for code in units]
    key = "ui.county.summary_poverty" if poverty else "ui.county.summary"
    summary = t(key, lang, n=len(codes), total=len(units), province=dataset.area_name(province_code, lang),
                year=format_year(year, lang) if year else "—", indicator=indicator_name(dataset, indicator_id, lang))
    return CountyMap(province_code, units, base, colour, year, summary, table)


@dataclass(frozen=True)
class CardLine:
    indicator: str                 # name
    latest: str                    # value, flag and year of the latest year with data
    earlier: str                   # the same for the year before it with data, or "—"
    years: int                     # how many years the unit has for this indicator
    source: str                    # source titles, one per distinct source


class _Row(NamedTuple):
    year: int
    value: float
    flag: str
    source_id: str
    confidence: object


def _cell(dataset: Dataset, indicator_id: str, row, lang: str) -> str:
    value = float(row.value)
    text = (t("ui.county.exit_batch", lang, year=int(value)) if indicator_id == POVERTY_ID
            else value_text(dataset, indicator_id, value, lang))
    flag = flag_text(row.flag, lang, row.source_id, getattr(row, "confidence", None))
    return f"{text} ({format_year(int(row.year), lang)}" + (f", {flag})" if flag else ")")


def county_card_lines(dataset: Dataset, area_code: str, lang: str) -> list[CardLine]:
    """Every indicator the unit has: its latest value and the one before (the census pair
    2020 / 2010), so the card stays two columns wide however many years a series holds."""
    rows = dataset.sub_area_rows(area_code)
    if rows.empty:
        return []
    order = {indicator_id: n for n, indicator_id in enumerate(dataset.indicators["indicator_id"])}
    # One sort and one tail(2) for all indicators (a loop of per-indicator frames was the slow part).
    ordered = rows.sort_values(["indicator_id", "year"], kind="stable")
    last_two = ordered.groupby("indicator_id", sort=False).tail(2)
    counts = ordered["indicator_id"].value_counts().to_dict()
    sources = ordered.groupby("indicator_id", sort=False)["source_id"].unique().to_dict()
    by_indicator: dict[str, list[_Row]] = {}
    for record in last_two[["indicator_id", *_Row._fields]].to_dict("records"):
        by_indicator.setdefault(record.pop("indicator_id"), []).append(_Row(**record))
    lines = []
    for indicator_id in sorted(by_indicator, key=lambda i: order.get(i, 0)):
        last = by_indicator[indicator_id]
        latest = _cell(dataset, indicator_id, last[-1], lang)
        earlier = _cell(dataset, indicator_id, last[0], lang) if len(last) == 2 else "—"
        titles = [str(dataset.source(s)[f"title_{lang}"] or dataset.source(s)["title_en"]) for s in sources[indicator_id]]
        lines.append(CardLine(indicator_name(dataset, indicator_id, lang), latest, earlier, int(counts[indicator_id]),
                              "; ".join(titles)))
    return lines
