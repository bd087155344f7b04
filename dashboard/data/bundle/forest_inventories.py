"""Forest coverage by province, 7th, 8th and 9th National Forest Inventories (PROVENANCE.md §13).

With the 6th inventory (1999-2003, yearbook_tables.py) the series has four inventories. The NBS
provincial database repeats one inventory's value for every year of its period; the tidy file
keeps one row per inventory with `year` = end of the period (2008, 2013, 2018), the convention
of the 6th-inventory rows (2003). The vintage names the inventory and its period: a province's
own survey ran in one year inside that period, so the value is not "as of" the year. One vintage
for the four inventories ("National Forest Inventory results"): the note names the inventory.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import read_releases, unique_cells
from dashboard.data.errors import DataError, Location

FOREST_FILE = "forest_coverage_inventories_7_9/forest_coverage_7th_9th.csv"
SOURCE_ID = "NBS-PROVDB-FOREST"
VINTAGE = "National Forest Inventory results"  # as the 6th-inventory rows (yearbook_tables.py)
# year of the tidy row (end of the inventory period) -> the inventory, as the vintage names it
INVENTORIES = {
    2008: "7th National Forest Inventory (2004-2008)",
    2013: "8th National Forest Inventory (2009-2013)",
    2018: "9th National Forest Inventory (2014-2018)",
}

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "国家统计局分省年度数据：资源和环境—森林资源—森林覆盖率（第七、八、九次全国森林资源清查）",
        "title_en": "NBS provincial annual database: resources and environment, forest resources, forest coverage (7th, 8th and 9th National Forest Inventories)",
        "publisher": "National Bureau of Statistics of China (National Forestry and Grassland Administration data)",
        "year": "2020", "table": "森林资源 森林覆盖率(%)", "url": "https://data.stats.gov.cn/",
        "licence": "数据来源：国家统计局; public statistics, no licence stated by the crawling repository",
        "via": "3112944976/National-Visualization-Web-Application @ 2e3008c519da42d6666213a07f73b9eca7dc8ef0: 源数据/国家统计局分省年度数据/资源和环境/森林资源.csv",
        "doubts": "None found: the 28 values on forestry-administration release pages agree (forest_coverage_crosscheck_releases.csv). Annual provincial forestry estimates are not inventory results and are not used.",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records = []
    for _, row in read_releases(reference_dir, FOREST_FILE, matcher).iterrows():
        inventory = INVENTORIES.get(int(row["year"]))
        if inventory is None or inventory not in row["source"]:
            raise DataError(Location(FOREST_FILE, row["line"], "year"), f"year {row['year']} names no known inventory")
        start, end = inventory[-10:-1].split("-")
        records.append({
            "area_code": row["area_code"], "indicator_id": "forest_coverage", "year": row["year"], "value": float(row["value"]),
            "subgroup": "total", "source_id": SOURCE_ID, "vintage": VINTAGE, "flag": "official",
            "confidence": row["confidence"],
            "note": f"{inventory}; survey period {start}-{end}; year = end of period; the province's own survey year lies inside it",
        })
    unique_cells(records, FOREST_FILE)
    return observation_frame(records)
