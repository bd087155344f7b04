"""Provincial rural poverty from scattered releases (PROVENANCE.md §18), three series kept apart.

The tidy file mixes series; its `note` names each row's series, and only named rows are bundled:
- NBS rural poverty monitoring survey, 2010 line (2,300 yuan/yr at 2010 prices):
  `poverty_incidence_rural_survey` (%), `poor_population_rural_survey` (万人);
- registered poor (建档立卡, provincial poverty-alleviation offices, administrative counts):
  `poverty_incidence_registered_rural` (%), `poor_registered_rural` (万人);
- NBS monitoring on the 2008 line (1,196 yuan in 2009): `poverty_incidence_rural_2008line` (%),
  `poor_population_rural_2008line` (万人). Not the existing `poverty_headcount_national`, which
  is the pre-2008 absolute line (625 yuan in 1990): a third line, so a third id.
Left out: rows whose series the page did not name ("series not named", "the State reported",
poverty-office figures of 2011 before registration), upper bounds ("below 0.1 percent"), and the
2018 bands (not point values). All bundled values are confidence S.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import VINTAGE, cited_note, read_releases, unique_cells
from dashboard.data.errors import DataError, Location

POVERTY_FILE = "rural_poverty_provincial_releases/rural_poverty.csv"
SOURCE_ID = "PROV-POVERTY-RELEASES"

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "各省农村贫困发生率与贫困人口（国家统计局调查总队、扶贫办发布、《中国扶贫开发年鉴》，零散）",
        "title_en": "Provincial rural poverty incidence and poor population (NBS survey teams, provincial poverty-alleviation offices, Yearbook of China Poverty Alleviation and Development; scattered)",
        "publisher": "NBS provincial survey teams / provincial poverty-alleviation offices / IPRCC",
        "year": "2010-2020", "table": "One release per value: the vintage names it, the note gives the page read",
        "url": "", "licence": "Official statistics quoted for facts",
        "via": "shared/reference-data rural_poverty_provincial_releases (PROVENANCE.md §18)",
        "doubts": "All values are quoted by secondary pages (S). Survey estimates, registered poor and the 2008 line are separate series; rows without a named series are not bundled.",
    },
]

_SERIES_ZH = {"survey": "国家统计局农村贫困监测调查，2010年标准", "registered": "建档立卡贫困人口（扶贫部门行政统计）",
              "line2008": "国家统计局农村贫困监测，2008年标准（2009年1196元）"}
_SERIES_EN = {"survey": "NBS rural poverty monitoring survey, 2010 line (2,300 yuan/yr at 2010 prices)",
              "registered": "registered poor (建档立卡), administrative counts of provincial poverty-alleviation offices; not the NBS survey estimate",
              "line2008": "NBS rural poverty monitoring on the 2008 line (1,196 yuan in 2009); not comparable with the 2010 line or the pre-2008 absolute line"}
IDS = {
    ("survey", "rate"): "poverty_incidence_rural_survey", ("survey", "count"): "poor_population_rural_survey",
    ("registered", "rate"): "poverty_incidence_registered_rural", ("registered", "count"): "poor_registered_rural",
    ("line2008", "rate"): "poverty_incidence_rural_2008line", ("line2008", "count"): "poor_population_rural_2008line",
}


def _indicators() -> list[dict]:
    rows = []
    for (series, kind), indicator_id in IDS.items():
        rate = kind == "rate"
        rows.append({
            "indicator_id": indicator_id,
            "name_zh": ("农村贫困发生率" if rate else "农村贫困人口") + {"survey": "（监测调查）", "registered": "（建档立卡）", "line2008": "（2008年标准）"}[series],
            "name_en": ("Rural poverty incidence" if rate else "Rural poor population") + {"survey": " (survey estimate)", "registered": " (registered poor)", "line2008": " (2008 line)"}[series],
            "unit_zh": "%" if rate else "万人", "unit_en": "% of rural population" if rate else "10,000 persons",
            "definition_zh": _SERIES_ZH[series] + "。省级数值零散，均为二手页面转引。",
            "definition_en": _SERIES_EN[series] + ". Provincial values are scattered, all quoted by secondary pages.",
            "higher_is_better": "false", "decimals": "1" if rate else "0", "regional_mean": "none", "kind": "numeric",
            "categories": "",
        })
    return rows


INDICATORS = _indicators()


def series_of(note: str) -> str | None:
    """The series a row's note names, or None when the page did not name one."""
    if "NBS rural poverty monitoring survey" in note:
        return "survey"
    if "REGISTERED poor" in note:
        return "registered"
    if "OLD 1196-yuan line" in note:
        return "line2008"
    return None


def kind_of(unit: str, line: int) -> str:
    if unit.startswith("percent of rural population (poverty incidence)"):
        return "rate"
    if unit.startswith("10,000 persons"):
        return "count"
    raise DataError(Location(POVERTY_FILE, line, "unit"), f"unknown unit '{unit}'")


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    table = read_releases(reference_dir, POVERTY_FILE, matcher)
    records: list[dict] = []
    for _, row in table.iterrows():
        series = series_of(row["note"])
        if series is None or pd.isna(row["value"]) or "upper bound" in row["note"] or "BAND" in row["unit"]:
            continue
        records.append({
            "area_code": row["area_code"], "indicator_id": IDS[(series, kind_of(row["unit"], row["line"]))],
            "year": row["year"], "value": float(row["value"]), "subgroup": "total", "source_id": SOURCE_ID,
            "vintage": VINTAGE, "flag": "official", "confidence": row["confidence"], "note": cited_note(row),
        })
    unique_cells(records, POVERTY_FILE)
    return observation_frame(records)
