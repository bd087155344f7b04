"""Internet penetration and village broadband by province, 2010-2016 (PROVENANCE.md §14), MDG 8.

The published rate (CNNIC, as the NBS provincial database holds it); users / resident population
is not the published rate and is not computed. The series stops in 2016 (later cells empty).
National values come from the national database (another module), under the same id.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import read_releases, unique_cells

PENETRATION_FILE = "internet_penetration_provincial/internet_penetration.csv"
BROADBAND_FILE = "internet_penetration_provincial/village_broadband_share.csv"
SOURCE_ID = "NBS-PROVDB-TELECOM"
VINTAGE = "NBS provincial annual database (crawl 2e3008c, 2020)"

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "国家统计局分省年度数据：运输和邮电—电信通信服务水平（互联网普及率、开通互联网宽带业务的行政村比重）",
        "title_en": "NBS provincial annual database: transport, post and telecommunications, telecom service level (Internet penetration; administrative villages with broadband)",
        "publisher": "National Bureau of Statistics of China (CNNIC / MIIT data)", "year": "2020",
        "table": "电信通信服务水平", "url": "https://data.stats.gov.cn/",
        "licence": "数据来源：国家统计局; public statistics, no licence stated by the crawling repository",
        "via": "3112944976/National-Visualization-Web-Application @ 2e3008c519da42d6666213a07f73b9eca7dc8ef0: 源数据/国家统计局分省年度数据/运输和邮电/电信通信服务水平.csv",
        "doubts": "None found: CNNIC figures quoted in the press agree (Beijing 70.3 in 2011, 72.2 in 2012; Xinjiang 40.4 in 2011).",
    },
]

INDICATORS = [
    {
        "indicator_id": "internet_penetration", "name_zh": "互联网普及率", "name_en": "Internet penetration",
        "unit_zh": "%", "unit_en": "% of population",
        "definition_zh": "网民数占常住人口的比重，按中国互联网络信息中心（CNNIC）公布、国家统计局数据库所载（年末）。千年发展目标8（指标8.16）。",
        "definition_en": "Internet users as a share of the population, as published by CNNIC and held in the NBS database (year end). MDG 8 (indicator 8.16).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "village_broadband_share", "name_zh": "开通互联网宽带业务的行政村比重",
        "name_en": "Administrative villages with broadband Internet", "unit_zh": "%", "unit_en": "% of administrative villages",
        "definition_zh": "开通互联网宽带业务的行政村占全部行政村的比重（国家统计局分省年度数据）。",
        "definition_en": "Administrative villages with broadband Internet service as a share of all administrative villages (NBS provincial database).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "plain", "kind": "numeric", "categories": "",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records = []
    for file, indicator_id in ((PENETRATION_FILE, "internet_penetration"), (BROADBAND_FILE, "village_broadband_share")):
        for _, row in read_releases(reference_dir, file, matcher).iterrows():
            if pd.isna(row["value"]):
                continue
            records.append({
                "area_code": row["area_code"], "indicator_id": indicator_id, "year": row["year"], "value": float(row["value"]),
                "subgroup": "total", "source_id": SOURCE_ID, "vintage": VINTAGE, "flag": "official",
                "confidence": row["confidence"], "note": row["note"],
            })
    unique_cells(records, "internet_penetration")
    return observation_frame(records)
