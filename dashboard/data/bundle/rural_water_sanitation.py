"""Rural sanitary-toilet and tap-water coverage from provincial releases (PROVENANCE.md §19).

Printed coverage rates only (the tidy file holds no "population benefiting" counts). C and S
values bundled; Anhui 2011 (U: the page names the province only as 该省) left out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import VINTAGE, cited_note, read_releases, unique_cells
from dashboard.data.errors import DataError, Location

WATER_FILE = "rural_water_sanitation_provincial/rural_water_sanitation.csv"
SOURCE_ID = "PROV-RURAL-WATSAN"

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "农村卫生厕所普及率与自来水普及率（《福建统计年鉴》2007年15-19表、2013年19-3表；浙江省统计局发布）",
        "title_en": "Rural sanitary-toilet and tap-water coverage (Fujian Statistical Yearbook 2007 table 15-19 and 2013 table 19-3; Zhejiang statistics release)",
        "publisher": "Fujian Provincial Bureau of Statistics; Zhejiang Provincial Bureau of Statistics",
        "year": "2007-2013", "table": "农村环境情况", "url": "https://tjj.fujian.gov.cn/tongjinianjian/dz2013/cn/html/1903.htm",
        "licence": "Official statistics quoted for facts",
        "via": "shared/reference-data rural_water_sanitation_provincial (PROVENANCE.md §19)",
        "doubts": "Three provinces only. Zhejiang 2005 is quoted by a news page (S).",
    },
]

INDICATORS = [
    {
        "indicator_id": "rural_sanitary_toilet_coverage", "name_zh": "农村卫生厕所普及率", "name_en": "Rural sanitary toilet coverage",
        "unit_zh": "%", "unit_en": "% of rural households",
        "definition_zh": "使用卫生厕所的农户占农户总数的比重（各省统计年鉴、统计局发布）。",
        "definition_en": "Rural households with a sanitary toilet as a share of all rural households (provincial yearbooks and statistics releases).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "rural_tap_water_coverage", "name_zh": "农村自来水普及率", "name_en": "Rural tap-water coverage",
        "unit_zh": "%", "unit_en": "% of rural population",
        "definition_zh": "使用自来水的农村人口占农村人口的比重（统计局发布）。不是“累计改水受益人口”。",
        "definition_en": "Rural population with tap water as a share of the rural population (statistics releases). Not the 'population benefiting from improved water'.",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
]


def indicator_of(unit: str, line: int) -> str:
    if "sanitary toilet" in unit:
        return "rural_sanitary_toilet_coverage"
    if "tap water" in unit:
        return "rural_tap_water_coverage"
    raise DataError(Location(WATER_FILE, line, "unit"), f"unknown unit '{unit}'")


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records = [
        {
            "area_code": row["area_code"], "indicator_id": indicator_of(row["unit"], row["line"]), "year": row["year"],
            "value": float(row["value"]), "subgroup": "total", "source_id": SOURCE_ID, "vintage": VINTAGE,
            "flag": "official", "confidence": row["confidence"], "note": cited_note(row),
        }
        for _, row in read_releases(reference_dir, WATER_FILE, matcher).iterrows() if not pd.isna(row["value"])
    ]
    unique_cells(records, WATER_FILE)
    return observation_frame(records)
