"""Family households with tap water / a toilet in their dwelling, 2010 and 2020 censuses,
aggregated from county-level units to provinces (PROVENANCE.md §27): MDG 7.C proxies.

For each province: sum over its county-level units (counties, districts, county-level cities and,
in 2020, the development zones the book prints apart from their host counties) of the long-form
sample's family households with piped tap water (or a toilet) in the dwelling, divided by the
sum of long-form family households. A province is bundled only when all its county-level units
are present: the county sums of all three counts must equal the province row of the same book
exactly; otherwise (units printed only at prefecture level or not digitised) it stays missing.
Values are flagged derived; the counts are a third-party digitisation of the printed books (C).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame, require_file
from dashboard.data.errors import DataError, Location

BOOKS = {
    2010: ("census_county_2010_2020/raw/dong_census_county_2010_v1.xlsx",
           "长表数据-家庭户", "住房内有无管道自来水-有", "住房内有无厕所-有", "CENSUS-2010-COUNTY"),
    2020: ("census_county_2010_2020/raw/dong_census_county_2020_v1.xlsx",
           "家庭户户数_长表", "住房內有管道自来水", "住房內有厕所", "CENSUS-2020-COUNTY"),
}
PROVINCE, COUNTY = r"^\d\d0000$", r"^\d{4}(?!00)\d\d$"

SOURCES = [
    {
        "source_id": "CENSUS-2010-COUNTY", "title_zh": "《中国2010年人口普查分县资料》",
        "title_en": "Tabulation on the 2010 Population Census of China by County",
        "publisher": "Population Census Office under the State Council / NBS", "year": "2012",
        "table": "住房内有无管道自来水、有无厕所（长表数据，家庭户）", "url": "",
        "licence": "Official statistics; digitisation MIT (Dong, Wu et al.)",
        "via": "leiii/census @ fe45ae633e43d7cb8c7af40772bfa5820c30c99c: data/census/census_county_2010_v1.xlsx",
        "doubts": "Third-party digitisation of the printed book. Province shares are aggregated from county rows (derived) and bundled only where the county sums equal the province row.",
    },
    {
        "source_id": "CENSUS-2020-COUNTY", "title_zh": "《中国人口普查分县资料—2020》",
        "title_en": "Tabulation on the 2020 Population Census of China by County",
        "publisher": "Office of the Leading Group of the State Council for the Seventh National Population Census / NBS", "year": "2022",
        "table": "住房内有管道自来水、有厕所（长表，家庭户户数）", "url": "",
        "licence": "Official statistics; digitisation MIT (Dong, Wu et al.)",
        "via": "leiii/census @ 719d9be5f6153f23486a8a364233e9b34c01751c: data/census/census_county_2020_v1.xlsx",
        "doubts": "Third-party digitisation of the printed book. Province shares are aggregated from county rows (derived) and bundled only where the county sums equal the province row.",
    },
]


def _indicator(indicator_id: str, what_zh: str, what_en: str) -> dict:
    return {
        "indicator_id": indicator_id, "name_zh": f"住房内有{what_zh}的家庭户比重（普查）",
        "name_en": f"Family households with {what_en} in the dwelling (census)", "unit_zh": "%", "unit_en": "% of family households",
        "definition_zh": f"人口普查长表抽样：住房内有{what_zh}的家庭户 ÷ 家庭户，由县级单位汇总到省（计算值）；仅当全部县级单位齐全（县级合计等于省级行）时给出。城乡合计，非农村指标。千年发展目标7.C的代用指标。",
        "definition_en": f"Census long-form sample: family households with {what_en} in the dwelling / family households, summed from county-level units to the province (derived); given only where every county-level unit is present (county sums equal the province row). Urban and rural together, not a rural indicator. A proxy for MDG 7.C.",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    }


INDICATORS = [
    _indicator("households_tap_water_census", "管道自来水", "piped tap water"),
    _indicator("households_toilet_census", "厕所", "a toilet"),
]


def province_shares(book: pd.DataFrame, households: str, tap: str, toilet: str, file: str) -> list[dict]:
    """One dict per complete province: area_code, units, households, tap_share, toilet_share."""
    codes = book["区划代码"].fillna("").astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    counts = {}
    for column in (households, tap, toilet):
        if column not in book:
            raise DataError(Location(file, 1, column), "column missing")
        counts[column] = pd.to_numeric(book[column], errors="coerce")
    frame = pd.DataFrame({"code": codes, **counts})
    counties = frame[frame["code"].str.match(COUNTY)]
    out = []
    for _, province in frame[frame["code"].str.match(PROVINCE)].iterrows():
        units = counties[counties["code"].str[:2] == province["code"][:2]]
        sums = units[[households, tap, toilet]].sum(min_count=1)
        complete = len(units) and not units[[households, tap, toilet]].isna().any().any() and all(
            sums[c] == province[c] for c in (households, tap, toilet))
        if complete:
            out.append({"area_code": province["code"], "units": len(units), "households": int(sums[households]),
                        "tap_share": sums[tap] / sums[households] * 100, "toilet_share": sums[toilet] / sums[households] * 100})
    return out


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records = []
    for year, (file, households, tap, toilet, source_id) in BOOKS.items():
        book = pd.read_excel(require_file(reference_dir, file), dtype=str)
        for share in province_shares(book, households, tap, toilet, file):
            if matcher.code_for(share["area_code"]) != share["area_code"]:
                raise DataError(Location(file), f"province code {share['area_code']} is not in areas.csv")
            for indicator_id, key, what in (("households_tap_water_census", "tap_share", tap),
                                            ("households_toilet_census", "toilet_share", toilet)):
                records.append({
                    "area_code": share["area_code"], "indicator_id": indicator_id, "year": year,
                    "value": round(share[key], 4), "subgroup": "total", "source_id": source_id,
                    "vintage": "population census county tabulations (2010, 2020)", "flag": "derived", "confidence": "C",
                    "note": f"sum of {share['units']} county-level units: {what} / {households} ({share['households']} households); "
                            "county sums equal the province row",
                })
    return observation_frame(records)
