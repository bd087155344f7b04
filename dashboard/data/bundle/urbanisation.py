"""Urbanisation rate (urban share of resident population), 31 provinces, 2005-2024.

From the renjiyi panel's 城镇化率_% column only: its other population columns are sample-survey
counts, not totals (PROVENANCE.md section 2), and are not used.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, area_code, observation_frame, require_file
from dashboard.data.errors import DataError, Location

PANEL_FILE = "renjiyi_provincial_panel/panel_merged_2005_2024_utf8.csv"
RATE_COLUMN = "城镇化率_%"
VINTAGE = "NBS database as downloaded by the compiler (2026; after the 7th-census revision)"

SOURCES = [
    {
        "source_id": "NBS-DB-URB-2026",
        "title_en": "NBS National Data, Annual by Province: urban population share of year-end resident population (%), 2005-2024",
        "title_zh": "国家统计局国家数据·分省年度数据：城镇人口比重(%)，2005-2024年",
        "publisher": "National Bureau of Statistics of China",
        "year": "2026",
        "table": "data.stats.gov.cn 分省年度数据 > 人口 > 城镇人口比重 (merged panel column 城镇化率_%)",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION + "; repository MIT (c) 2026 RenJiyi163",
        "via": "RenJiyi163/panel_data_analysis_for_thesis @ 756964b145f2ca33ab3c2390922b91e0070a2ed4 (分省年度数据_整合.csv from e6d65372ec36319dd3d838f5c5e12841f7c77f26)",
        "doubts": "The compiler's own merge of NBS downloads; column-level source not documented beyond NBS. Spot checks agree with NBS/census values (Beijing 2010 85.96, Guizhou 2020 53.15). Whether 2011-2019 carry the post-7th-census revision is not stated.",
    },
]

INDICATORS = [
    {
        "indicator_id": "urbanisation",
        "name_zh": "城镇化率", "name_en": "Urbanisation rate",
        "unit_zh": "%", "unit_en": "%",
        "definition_zh": "城镇常住人口占年末常住人口的比重，2005-2024年（国家统计局分省年度数据，一次下载）。",
        "definition_en": "Urban resident population as a share of year-end resident population, 2005-2024, from one download of the NBS provincial database.",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    path = require_file(reference_dir, PANEL_FILE)
    panel = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for column in ("地区", "年份", RATE_COLUMN):
        if column not in panel:
            raise DataError(Location(PANEL_FILE, 1, column), "column missing from the panel")
    records = []
    for index, row in panel.iterrows():
        text = row[RATE_COLUMN].strip()
        if text in ("", "--", ".."):
            continue
        line = int(index) + 2
        try:
            value, year = float(text), int(row["年份"])
        except ValueError:
            raise DataError(Location(PANEL_FILE, line, RATE_COLUMN), f"'{text}' is not a number") from None
        records.append({
            "area_code": area_code(matcher, row["地区"], PANEL_FILE, line, "地区"),
            "indicator_id": "urbanisation", "year": year, "value": value, "subgroup": "total",
            "source_id": "NBS-DB-URB-2026", "vintage": VINTAGE, "flag": "official", "note": "",
        })
    return observation_frame(records)
