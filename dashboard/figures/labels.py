"""Wording shared by figures: names, units, value text and source lines in one language."""
from __future__ import annotations

import math

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.i18n import t, vintage_text
from dashboard.i18n.numbers import format_number


def indicator_name(dataset: Dataset, indicator_id: str, lang: str) -> str:
    return str(dataset.indicator(indicator_id)[f"name_{lang}"])


def indicator_unit(dataset: Dataset, indicator_id: str, lang: str) -> str:
    unit = dataset.indicator(indicator_id)[f"unit_{lang}"]
    return "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)


def value_text(dataset: Dataset, indicator_id: str, value: float | None, lang: str) -> str:
    """A value as a reader expects it: 万/亿 in Chinese, separators in English, with unit;
    category indicators show their band label."""
    meta = dataset.indicator(indicator_id)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("terms.no_data", lang)
    if meta["kind"] == "category" and isinstance(meta["categories"], str):
        labels = meta["categories"].split("|")
        index = int(value)
        return labels[index] if 0 <= index < len(labels) else t("terms.no_data", lang)
    decimals = int(meta["decimals"]) if not pd.isna(meta["decimals"]) else 1
    return format_number(float(value), lang, decimals, unit=indicator_unit(dataset, indicator_id, lang) or None)


USER_SOURCE_PREFIX = "USER-UPLOAD:"


def flag_text(flag: str | None, lang: str, source_id: str | None = None, confidence: object = None) -> str:
    """Empty for official bundled values; otherwise 'derived' / 'modelled' / 'estimate' /
    'registered residents, not comparable', 'quoted by a secondary page' for confidence S, and
    'your data' for rows this browser tab imported."""
    parts = []
    if isinstance(source_id, str) and source_id.startswith(USER_SOURCE_PREFIX):
        parts.append(t("ui.flag.user_data", lang))
    if flag and flag != "official":
        parts.append(t(f"terms.flag.{flag}", lang))
    if confidence == "S":
        parts.append(t("ui.flag.secondary", lang))
    return " · ".join(parts)


def source_line(dataset: Dataset, rows: pd.DataFrame, lang: str) -> str:
    """'Source: <title> (<vintage>); …' for the rows shown, most used first."""
    if rows.empty:
        return ""
    counts = rows.groupby(["source_id", "vintage"], dropna=False).size().sort_values(ascending=False)
    parts = []
    for (source_id, vintage), _ in counts.items():
        source = dataset.source(source_id)
        title = source[f"title_{lang}"] if isinstance(source.get(f"title_{lang}"), str) else source["title_en"]
        parts.append(f"{title} ({vintage_text(vintage, lang)})" if isinstance(vintage, str) and vintage else str(title))
    return t("ui.source.prefix", lang) + "; ".join(dict.fromkeys(parts))
