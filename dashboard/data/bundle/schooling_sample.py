"""Average years of schooling of the population aged 6+, from the NBS annual population sample
surveys (PROVENANCE.md §21, `nbs_provincial_db_social_tidy.csv`), 2002-2019 without 2010.

Why its own id: the bundled `schooling_years` is the census figure for the population aged 15+
(2010, 2020). The sample surveys count the population aged 6+ by attainment every year, so a
province's pace towards the Xiaokang target of 10.5 years can be judged between censuses. The
two are different age bases and never joined.

Method (flag derived): (6 x primary + 9 x junior secondary + 12 x senior secondary + 16 x
college and above) / population aged 6+, sample counts of one table and year. The usual NBS
weights, except that the table does not split college (15 years), university (16) and
postgraduate (19): all are counted as 16, so the value is approximate where tertiary shares are
large. The sample is 1 per mille in most years and 1% in 2005 (the mini-census); only the ratio is used.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, area_code, observation_frame, require_file
from dashboard.data.errors import DataError, Location

SOCIAL_FILE = "nbs_provincial_db_crawl/nbs_provincial_db_social_tidy.csv"
VINTAGE = "NBSDB-2021"
INDICATOR_ID = "schooling_years_6plus_sample"
SOURCE_ID = "NBSDB-2021-EDUSAMPLE"
TOTAL = "sample_pop_6plus"
# Tidy count -> years of schooling it stands for; no schooling counts 0 (in the total only).
WEIGHTS = {
    "sample_pop_6plus_primary": 6,
    "sample_pop_6plus_junior_secondary": 9,
    "sample_pop_6plus_senior_secondary": 12,
    "sample_pop_6plus_tertiary": 16,
}
_METHOD_EN = (
    "(6 x primary + 9 x junior secondary + 12 x senior secondary + 16 x college and above) / population aged 6+; "
    "sample counts; college, university and postgraduate all counted as 16 years (the table does not split them)"
)

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_en": "NBS National Data, Annual by Province: population aged 6+ by educational attainment (population sample survey)",
        "title_zh": "国家统计局国家数据·分省年度数据：按受教育程度分人口数（人口抽样调查）",
        "publisher": "National Bureau of Statistics of China", "year": "2021",
        "table": "data.stats.gov.cn 分省年度数据 > 人口 > 人口抽样调查样本数据 > 按受教育程度分人口数(人口抽样调查)",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION,
        "via": "3112944976/National-Visualization-Web-Application @ 2e3008c519da42d6666213a07f73b9eca7dc8ef0 "
               f"(源数据/国家统计局分省年度数据/人口/人口抽样调查样本数据/); tidied in reference-data {SOCIAL_FILE}",
        "doubts": "Sample counts, not population totals (1 per mille; 1% in 2005). No 2010 (census year). "
                  f"Average years derived here ({_METHOD_EN}): approximate where tertiary shares are large.",
    },
]

INDICATORS = [
    {
        "indicator_id": INDICATOR_ID,
        "name_zh": "6岁及以上人口平均受教育年限（抽样调查，计算值）",
        "name_en": "Average years of schooling, population aged 6+ (sample survey, derived)",
        "unit_zh": "年", "unit_en": "years",
        "definition_zh": "计算值：（6×小学＋9×初中＋12×高中＋16×大专及以上）÷ 6岁及以上人口，国家统计局分省年度数据人口抽样调查样本数，"
                         "2002-2019年（2010年为普查年，无值）。表中大专、本科、研究生未分列，均按16年计，故为近似值。"
                         "与普查15岁及以上人口平均受教育年限（schooling_years）年龄口径不同，不合并。",
        "definition_en": f"Derived: {_METHOD_EN}; NBS provincial database, population sample surveys 2002-2019 (no 2010, a census year). "
                         "A different age base from the census figure for the population aged 15+ (schooling_years): never joined.",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
]


def read_counts(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    """(area_code, year) x count columns of the attainment table; only confidence C rows."""
    path = require_file(reference_dir, SOCIAL_FILE)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype={"province_zh": str, "indicator": str, "confidence": str})
    for column in ("province_zh", "year", "indicator", "value", "confidence"):
        if column not in table:
            raise DataError(Location(SOCIAL_FILE, 1, column), "column missing")
    table["line"] = table.index + 2
    table = table[table["indicator"].isin([TOTAL, *WEIGHTS]) & table["value"].notna() & (table["confidence"] == "C")]
    table = table.assign(area_code=[
        area_code(matcher, name, SOCIAL_FILE, line, "province_zh") for name, line in zip(table["province_zh"], table["line"])
    ])
    duplicated = table.duplicated(["area_code", "year", "indicator"], keep=False)
    if duplicated.any():
        line = int(table.loc[duplicated, "line"].iloc[0])
        raise DataError(Location(SOCIAL_FILE, line, "indicator"), "the same count appears twice for one province and year")
    return table.pivot(index=["area_code", "year"], columns="indicator", values="value").astype(float)


def average_years(counts: pd.DataFrame) -> pd.Series:
    """Average years per (area_code, year) where the total and every weighted count are present."""
    needed = [TOTAL, *WEIGHTS]
    complete = counts.dropna(subset=[c for c in needed if c in counts]).reindex(columns=needed)
    complete = complete.dropna()
    complete = complete[complete[TOTAL] > 0]
    years = sum(complete[name] * weight for name, weight in WEIGHTS.items()) / complete[TOTAL]
    return years


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    counts = read_counts(reference_dir, matcher)
    values = average_years(counts)
    records = [
        {
            "area_code": code, "indicator_id": INDICATOR_ID, "year": int(year), "value": round(float(value), 3),
            "subgroup": "total", "source_id": SOURCE_ID, "vintage": VINTAGE, "flag": "derived",
            "note": f"confidence D: {_METHOD_EN} (sample of {int(counts.at[(code, year), TOTAL])} persons aged 6+)",
        }
        for (code, year), value in values.items()
    ]
    return observation_frame(records)
