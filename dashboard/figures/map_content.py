"""From the dataset and a view state to the map's inputs (MapFrame, MapValues)."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.figures.labels import flag_text, indicator_name, indicator_unit, value_text
from dashboard.figures.province_map import MapFrame, MapValues
from dashboard.geo import main_map_geojson
from dashboard.i18n import t, vintage_text
from dashboard.i18n.numbers import axis_ticks, axis_unit, format_year


def programme_roles(dataset: Dataset, pilots: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Pilot and study provinces. A pilot list from the URL replaces the bundled pilots;
    a province never shows as both."""
    pilot_codes = list(pilots) if pilots is not None else dataset.role_codes("pilot")
    study = [c for c in dataset.role_codes("study") if c not in pilot_codes]
    return pilot_codes, study


# Too small on the national map for a name that does not cover its neighbours; their names are
# in the hover, the province box and the tables.
CROWDED = frozenset({"110000", "120000", "310000", "810000", "820000"})


def map_labels(dataset: Dataset, label_points: Mapping[str, tuple[float, float]] | None,
               lang: str) -> list[tuple[str, float, float]]:
    """(short name, lon, lat) for each province with a label point, except the crowded ones."""
    if not label_points:
        return []
    areas = dataset.areas[dataset.areas["level"] == "province"]
    labels = []
    for row in areas.itertuples():
        if row.area_code in CROWDED or row.area_code not in label_points:
            continue
        lon, lat = label_points[row.area_code]
        name = row.short_zh if lang == "zh" and isinstance(row.short_zh, str) and row.short_zh else (
            row.name_zh if lang == "zh" else row.name_en)
        labels.append((str(name), lon, lat))
    return labels


def map_frame(dataset: Dataset, geojson: dict | str, south_china_sea, lang: str,
              pilots: Sequence[str] | None = None,
              label_points: Mapping[str, tuple[float, float]] | None = None,
              main_geojson: dict | str | None = None) -> MapFrame:
    """``geojson`` is every polygon (the inset draws it); the main map draws ``main_geojson``, the
    same without the far-south islands (a URL the browser loads, or derived here from a dict)."""
    if main_geojson is None:
        main_geojson = main_map_geojson(geojson) if isinstance(geojson, dict) else geojson
    areas = dataset.areas[dataset.areas["level"] == "province"]
    pilot_codes, study_codes = programme_roles(dataset, pilots)
    pilot_label = t("ui.map.legend_pilot" if pilots is None else "ui.map.legend_pilot_chosen", lang)
    hover = [f"{row.name_zh if lang == 'zh' else row.name_en}<br>{t('ui.map.no_data', lang)}"
             for row in areas.itertuples()]
    return MapFrame(
        geojson=main_geojson,
        all_codes=areas["area_code"].tolist(),
        base_hover=hover,
        pilot_codes=pilot_codes,
        study_codes=study_codes,
        pilot_label=pilot_label,
        study_label=t("ui.map.legend_study", lang),
        inset_title=t("ui.map.inset_title", lang),
        south_china_sea=south_china_sea,
        labels=map_labels(dataset, label_points, lang),
        inset_geojson=geojson,
    )


def colour_range(dataset: Dataset, indicator_id: str) -> tuple[float, float]:
    """Fixed across years so that colours compare between years of one indicator."""
    obs = dataset.indicator_rows(indicator_id)
    values = obs.loc[obs["area_code"].isin(dataset.province_codes()), "value"].dropna()
    if values.empty:
        return 0.0, 1.0
    low, high = float(values.min()), float(values.max())
    return (low, high) if high > low else (low, low + 1.0)


def map_values(dataset: Dataset, indicator_id: str, year: int | None, lang: str) -> MapValues:
    provinces = dataset.province_codes()
    rows = dataset.values_for_year(indicator_id, year) if year is not None else pd.DataFrame(
        columns=dataset.observations.columns)
    rows = rows[rows["area_code"].isin(provinces)]
    # One row per province: plain tuples, not a .at lookup per cell (the map redraws on every change).
    confidence = rows["confidence"] if "confidence" in rows else [None] * len(rows)
    by_code = {code: (value, flag, source, conf) for code, value, flag, source, conf in zip(
        rows["area_code"], rows["value"], rows["flag"], rows["source_id"], confidence)}
    others = dataset.other_vintages(indicator_id, year) if year is not None else {}
    codes, values, hover = [], [], []
    for code in provinces:
        row = by_code.get(code)
        if row is None or pd.isna(row[0]):
            continue  # left to the grey base layer, whose hover says "no data"
        value = float(row[0])
        flag = flag_text(row[1], lang, row[2], row[3])
        assert year is not None  # without a year rows is empty and every province was skipped
        year_text = format_year(int(year), lang)
        extra = f" · {flag}" if flag else ""
        codes.append(code)
        values.append(value)
        hover.append(f"<b>{dataset.area_name(code, lang)}</b><br>{value_text(dataset, indicator_id, value, lang)}"
                     f"<br>{year_text}{extra}{other_vintages_text(dataset, indicator_id, others.get(code), lang, '<br>')}")
    zmin, zmax = colour_range(dataset, indicator_id)
    higher = dataset.indicator(indicator_id)["higher_is_better"]
    unit = indicator_unit(dataset, indicator_id, lang)
    tick_values, tick_text = axis_ticks(zmin, zmax, lang, unit=unit)
    return MapValues(
        area_codes=codes, values=values, hover_text=hover,
        colour_title=axis_unit(zmin, zmax, unit, lang) or indicator_name(dataset, indicator_id, lang),
        zmin=zmin, zmax=zmax, reverse_scale=(higher == "false"),
        tick_values=tick_values, tick_text=tick_text,
    )


def other_vintages_text(dataset: Dataset, indicator_id: str, others: list[tuple[float, str]] | None,
                        lang: str, prefix: str = "") -> str:
    """Names the vintages of a cell that are kept apart (not shown), or '' when there are none."""
    if not others:
        return ""
    values = "; ".join(f"{value_text(dataset, indicator_id, v, lang)} ({vintage_text(vintage, lang)})" for v, vintage in others)
    return prefix + t("ui.map.other_vintages", lang, values=values)


def missing_provinces(dataset: Dataset, values: MapValues) -> list[str]:
    present = set(values.area_codes)
    return [c for c in dataset.province_codes() if c not in present]


def is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
