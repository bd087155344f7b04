"""R&D intensity: R&D expenditure / GDP of one NBS revision (post-5th-census), 2017-2023.

The repository's own provincial_rd_gdp_2024.csv uses an 'estimated_gdp' and is not used. The
ratio may differ slightly from the intensity NBS/MOST printed, which used the GDP of its day.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, observation_frame, read_nbs_export, require_file
from dashboard.data.bundle.nbs_gdp import GDP_2024_FILE, VINTAGE_2024
from dashboard.data.errors import DataError, Location

RD_FILE = "tec_expenditure_rd/province_rd_exp_collected_utf8.csv"
RD_VINTAGE = "NBS/MOST R&D statistics as first published (2017-2023)"

SOURCES = [
    {
        "source_id": "NBS-RD-BULLETINS",
        "title_en": "R&D expenditure by region (China Statistical Yearbook on Science and Technology / NBS-MOST statistical bulletins on S&T expenditure), 2017-2023",
        "title_zh": "各地区研究与试验发展(R&D)经费（中国科技统计年鉴、全国科技经费投入统计公报）",
        "publisher": "National Bureau of Statistics / Ministry of Science and Technology", "year": "2024",
        "table": "R&D expenditure by region (100 million yuan)", "url": "",
        "licence": "Official statistics; no licence in the repository",
        "via": "1376524890/tec_expenditure @ e84be71b604e212df566bfb0886bf2a77c9a0449 (data/province_rd_exp_collected.csv from 19963721bad7fdc4bc5e5b5b0699fc70a904f69c)",
        "doubts": "Collected by a browser-automation script; 2023 only 12 provinces. Spot checks match bulletins (Beijing 1579.7 in 2017, 2326.6 in 2020).",
    },
]

INDICATORS = [
    {
        "indicator_id": "rd_expenditure", "name_zh": "R&D经费支出", "name_en": "R&D expenditure",
        "unit_zh": "亿元", "unit_en": "100 million yuan",
        "definition_zh": "研究与试验发展经费内部支出，2017-2023年（2023年仅12省）。",
        "definition_en": "Gross domestic expenditure on R&D, 2017-2023 (2023: 12 provinces).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "rd_intensity", "name_zh": "R&D经费投入强度", "name_en": "R&D intensity",
        "unit_zh": "%", "unit_en": "% of GDP",
        "definition_zh": "计算：R&D经费 ÷ 地区生产总值（五经普修订，同一版本）× 100。可能与当年公布的强度略有差异。",
        "definition_en": "Derived: R&D expenditure / GDP (NBS 5th economic census revision, one vintage for all years) x 100. May differ slightly from the intensity NBS printed at the time (computed on the GDP then current).",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "plain", "kind": "numeric", "categories": "",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    table = pd.read_csv(require_file(reference_dir, RD_FILE), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    gdp = read_nbs_export(
        reference_dir, GDP_2024_FILE, matcher, indicator_id="gdp_rev2024", source_id="NBS-DB-GDP-2024", vintage=VINTAGE_2024
    ).observations.set_index(["area_code", "year"])["value"]
    records = []
    for index, row in table.iterrows():
        line = int(index) + 2
        if not row["province_rd_exp"].strip():
            continue
        try:
            value, year = float(row["province_rd_exp"]), int(row["year"])
        except ValueError:
            raise DataError(Location(RD_FILE, line, "province_rd_exp"), f"'{row['province_rd_exp']}' is not a number") from None
        code = area_code(matcher, row["province"], RD_FILE, line, "province")
        records.append({
            "area_code": code, "indicator_id": "rd_expenditure", "year": year, "value": value, "subgroup": "total",
            "source_id": "NBS-RD-BULLETINS", "vintage": RD_VINTAGE, "flag": "official", "note": "",
        })
        if (code, year) in gdp.index:
            records.append({
                "area_code": code, "indicator_id": "rd_intensity", "year": year,
                "value": round(value / gdp[(code, year)] * 100, 4), "subgroup": "total",
                "source_id": "NBS-RD-BULLETINS", "vintage": VINTAGE_2024, "flag": "derived",
                "note": f"R&D {value} / GDP {gdp[(code, year)]} (NBS-DB-GDP-2024) x 100",
            })
    return observation_frame(records)
