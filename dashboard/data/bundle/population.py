"""Year-end resident population by province, two NBS vintages kept as two indicator ids.

The 2020 export (2000-2018) predates the 7th-census revision; the 2025 export (2015-2024) is
revised after it (Beijing 2015: 2171 vs 2188). Joining them would mix revisions in one line, so
`population` is the long pre-revision series and `population_c7` the revised one.
Skywalker's 总人口数 is not used: it switches between hukou, census and resident figures.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, read_nbs_export

POP_2020_FILE = "nbs_exports/raffg_resident_population_2000_2018_en_latin1.csv"
POP_2025_FILE = "nbs_exports/lmq_resident_population_2015_2024_gbk.csv"
VINTAGE_POP_2020 = "NBS database, May 2020 export (before the 7th-census revision)"
VINTAGE_POP_2025 = "NBS 7th-census revision (2025 export)"

SOURCES = [
    {
        "source_id": "NBS-DB-POP-2020",
        "title_en": "NBS National Data, Annual by Province: Resident Population (year-end, 10,000 persons), 2000-2018",
        "title_zh": "国家统计局国家数据·分省年度数据：年末常住人口(万人)，2000-2018年",
        "publisher": "National Bureau of Statistics of China",
        "year": "2020",
        "table": "data.stats.gov.cn Annual by Province > Resident Population (year-end)",
        "url": "https://data.stats.gov.cn/english/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION,
        "via": "raffg/covid-19 @ f22baf5f8655fbff955d07a779c9aff4875cf51c (data/AnnualbyProvince.csv from 1e6d47f1ea625939bfe5e6f536b743b81f3b14cd, 2020-05)",
        "doubts": "English export with a mis-encoded header. Before the 7th-census revision (Beijing 2015 = 2171 vs 2188 revised). NBS note: 2000-2001 estimated from the census; resident population by region only since 2005 (earlier years partly household-registration based).",
    },
    {
        "source_id": "NBS-DB-POP-2025",
        "title_en": "NBS National Data, Annual by Province: Resident Population (year-end, 10,000 persons), 2015-2024, revised after the 7th Population Census",
        "title_zh": "国家统计局国家数据·分省年度数据：年末常住人口(万人)，2015-2024年（第七次人口普查后修订）",
        "publisher": "National Bureau of Statistics of China",
        "year": "2025",
        "table": "data.stats.gov.cn 分省年度数据 > 年末常住人口",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION,
        "via": "1lmq/FYP_QMM2_Chinese_Railways @ 5ed1c6741ea0931e8fe89cd0c320d439015ee381 (分省年度数据.csv from b126026fefc95417acd08ef2555ae10e4328623a, 2025-10)",
        "doubts": "Export by a third party. Post-7th-census revised values; differ from NBS-DB-POP-2020 for 2015-2018.",
    },
]

_POP_NOTE_ZH = "常住人口：居住本地或离开户口登记地半年以上的人口。"
INDICATORS = [
    {
        "indicator_id": "population",
        "name_zh": "年末常住人口", "name_en": "Resident population (year-end)",
        "unit_zh": "万人", "unit_en": "10,000 persons",
        "definition_zh": _POP_NOTE_ZH + f"2000-2018年，单一版本：{VINTAGE_POP_2020}。2005年起为常住人口口径；2000-2001年按普查推算。七普修订后数据见 population_c7。",
        "definition_en": (
            f"2000-2018, one vintage: {VINTAGE_POP_2020}. NBS: resident population by region since 2005; 2000-2001 "
            "estimated from the census. The post-7th-census revision (2015-2024) is the separate id population_c7; the two are not joined."
        ),
        "higher_is_better": "", "decimals": "0", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "population_c7",
        "name_zh": "年末常住人口（七普修订）", "name_en": "Resident population (year-end, 7th-census revision)",
        "unit_zh": "万人", "unit_en": "10,000 persons",
        "definition_zh": _POP_NOTE_ZH + "2015-2024年，第七次全国人口普查后修订的数据。",
        "definition_en": f"2015-2024, one vintage: {VINTAGE_POP_2025}. Not joined with population (pre-revision).",
        "higher_is_better": "", "decimals": "0", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    before = read_nbs_export(
        reference_dir, POP_2020_FILE, matcher, indicator_id="population", source_id="NBS-DB-POP-2020", vintage=VINTAGE_POP_2020
    ).observations
    revised = read_nbs_export(
        reference_dir, POP_2025_FILE, matcher, indicator_id="population_c7", source_id="NBS-DB-POP-2025", vintage=VINTAGE_POP_2025
    ).observations
    return pd.concat([before, revised], ignore_index=True)
