"""Life expectancy at birth by province and sex, census years 1990, 2000, 2010.

Read from Data_0.xlsx (the original table) rather than the cleaned Data_1 (odd names such as
"Shanxi1"). Layout: header rows give "1990年预期寿命(岁)合计" then 男/女 columns; "/" marks
Sichuan 1990 (before Chongqing was split off) and stays missing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, observation_frame, require_file
from dashboard.data.errors import DataError, Location

TABLE_FILE = "fangshuai_life_expectancy/Data_0.xlsx"
VINTAGE = "Population census 1990, 2000, 2010 (as excerpted in China Health Statistical Yearbook 2018)"
_SUBGROUP = {"合计": "total", "男": "male", "女": "female"}
_YEAR = re.compile(r"(\d{4})年")

SOURCES = [
    {
        "source_id": "CHSY2018-LE",
        "title_en": "China Health Statistical Yearbook 2018: life expectancy by region, 1990, 2000, 2010 (population census figures)",
        "title_zh": "《中国卫生健康统计年鉴2018》：各地区预期寿命（1990、2000、2010年人口普查数字）",
        "publisher": "National Health Commission of China (census figures of NBS)",
        "year": "2018",
        "table": "中国主要年份各地区预期寿命统计(1990-2010)",
        "url": "",
        "licence": "Official statistics; repository MIT (c) 2019 fangshuai53",
        "via": "fangshuai53/China-Life-Expectancy-Project @ 07abe8cdc9c82d451c90bc1b74282ffc40e83a63 (DataSet/Data_0.xlsx from f056b5ca2026ef304f4f43a7e9ad99fd6536e180)",
        "doubts": "Transcribed by a third party from the yearbook; spot checks match official values (national 2010 74.83, Beijing 80.18, Tibet 68.17, Yunnan 69.54). Sichuan 1990 is '/' (includes Chongqing) and is left out. No 2020 provincial values.",
    },
]

INDICATORS = [
    {
        "indicator_id": "life_expectancy",
        "name_zh": "人口平均预期寿命", "name_en": "Life expectancy at birth",
        "unit_zh": "岁", "unit_en": "years",
        "definition_zh": "人口普查年份（1990、2000、2010年）的平均预期寿命，合计及分性别。",
        "definition_en": "Life expectancy at birth from the 1990, 2000 and 2010 population censuses, total and by sex.",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
]


def _clean(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return ""
    return str(cell).strip()


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    sheet = pd.read_excel(require_file(reference_dir, TABLE_FILE), header=None, dtype=object)
    year_row = next((r for r in range(len(sheet)) if _clean(sheet.iat[r, 0]) == "地区"), None)
    if year_row is None:
        raise DataError(Location(TABLE_FILE), "no header row starting with 地区")
    columns: dict[int, tuple[int, str]] = {}
    year: int | None = None
    for col in range(1, sheet.shape[1]):
        top, sub = _clean(sheet.iat[year_row, col]), _clean(sheet.iat[year_row + 1, col])
        if match := _YEAR.search(top):
            year = int(match.group(1))
        label = "合计" if top.endswith("合计") else sub
        if year is None or label not in _SUBGROUP:
            raise DataError(Location(TABLE_FILE, year_row + 1, str(col + 1)), f"unexpected header '{top or sub}'")
        columns[col] = (year, _SUBGROUP[label])
    records = []
    for row in range(year_row + 2, len(sheet)):
        name = _clean(sheet.iat[row, 0])
        if not name or name.startswith(("资料来源", "摘编自")):
            continue
        code = area_code(matcher, name, TABLE_FILE, row + 1, "地区")
        for col, (year, subgroup) in columns.items():
            text = _clean(sheet.iat[row, col])
            if text in ("", "/", "--"):
                continue
            try:
                value = float(text)
            except ValueError:
                raise DataError(Location(TABLE_FILE, row + 1, f"{year} {subgroup}"), f"'{text}' is not a number") from None
            records.append({
                "area_code": code, "indicator_id": "life_expectancy", "year": year, "value": value,
                "subgroup": subgroup, "source_id": "CHSY2018-LE", "vintage": VINTAGE, "flag": "official", "note": "",
            })
    return observation_frame(records)
