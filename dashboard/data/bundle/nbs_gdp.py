"""GDP, GDP per capita and tertiary share by province, each series from one NBS release.

Why this shape (see PROVENANCE.md sections 1, 2, 4):
- The Skywalker panel mixes releases province by province (its 2010 per-capita column holds the
  first release for Beijing, 73,856, but Inner Mongolia 33,262 where NBS printed 47,347), so it is
  not used as a series on its own.
- `gdp` is the NBS database as exported in Dec 2018 (tobby file): one release, before the 4th
  economic census revision. `gdp_pc` is computed from that release and the resident population of
  the same era (raffg export, before the 7th-census revision): GDP / mean of the year-end
  populations of the year and the year before, which is how NBS forms per-capita GDP. Where the
  Skywalker printed figure agrees with that computation within 0.1%, the printed (official) figure
  is kept: it is then shown to be the NBS-published value of the same release.
- `gdp_rev2024` is the post-5th-economic-census revision (renjiyi export), a different vintage,
  hence a different id.
- `tertiary_share` takes Skywalker's tertiary value added only where its three sectors add up to
  the Dec 2018 GDP (so the sectors are demonstrably of that release), divided by that GDP.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, observation_frame, read_nbs_export, skywalker_panel
from dashboard.data.bundle.population import POP_2020_FILE, VINTAGE_POP_2020

GDP_2018_FILE = "nbs_exports/tobby_gdp_1993_2017_gbk.csv"
GDP_2024_FILE = "renjiyi_provincial_panel/nbs_gdp_2006_2024_gbk.csv"
SKY_GDP_FILE = "skywalker_regional_disparity/prov_1.xlsx"
SKY_SECTOR_FILE = "skywalker_regional_disparity/prov_3.xlsx"

VINTAGE_2018 = "NBS database, Dec 2018 export (before the 4th economic census revision)"
VINTAGE_2024 = "NBS 5th economic census revision (2024 release)"
# Resident (常住) population by region starts in 2005, so per capita starts with 2006 (mean of 2005, 2006).
FIRST_PER_CAPITA_YEAR = 2006
PRINTED_AGREEMENT = 0.001  # printed per-capita figure kept only within 0.1% of our computation
SECTOR_SUM_TOLERANCE = 0.0005  # sectors must add up to GDP within rounding (0.05%)

SOURCES = [
    {
        "source_id": "NBS-DB-GDP-2018",
        "title_en": "NBS National Data, Annual by Province: Gross Regional Product (100 million yuan), 1993-2017",
        "title_zh": "国家统计局国家数据·分省年度数据：地区生产总值(亿元)，1993-2017年",
        "publisher": "National Bureau of Statistics of China",
        "year": "2018",
        "table": "data.stats.gov.cn 分省年度数据 > 地区生产总值",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION,
        "via": "Tobby-star/dynamic_datas @ 785e857d3b43ff940bcb9c25cbe7ab83d483e617 (file 分省年度数据.csv from 0af0641db06532cb77768b7d3868b1edd0dd95b7, 2018-12)",
        "doubts": "Export by a third party; values are those before the 4th (2018) and 5th (2023) economic census revisions (Beijing 2010 = 14,113.58 vs 15,420.2 after the 5th).",
    },
    {
        "source_id": "NBS-DB-GDP-2024",
        "title_en": "NBS National Data, Annual by Province: Gross Regional Product (100 million yuan), 2006-2024, revised after the 5th Economic Census",
        "title_zh": "国家统计局国家数据·分省年度数据：地区生产总值(亿元)，2006-2024年（第五次全国经济普查后修订）",
        "publisher": "National Bureau of Statistics of China",
        "year": "2025",
        "table": "data.stats.gov.cn 分省年度数据 > 地区生产总值",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=E0103",
        "licence": NBS_ATTRIBUTION + "; repository MIT (c) 2026 RenJiyi163",
        "via": "RenJiyi163/panel_data_analysis_for_thesis @ 756964b145f2ca33ab3c2390922b91e0070a2ed4 (file 分省年度数据.csv from e6d65372ec36319dd3d838f5c5e12841f7c77f26)",
        "doubts": "Export by a third party. NBS footnote: 1992-2023 systematically revised after the 5th economic census.",
    },
    {
        "source_id": "SKY-PROV-GDP",
        "title_en": "GDP per capita and value added by sector, by province (China Statistical Yearbooks / Compendium of Statistics 1949-2008, compiled)",
        "title_zh": "分地区人均地区生产总值及三次产业增加值（中国统计年鉴、新中国六十年统计资料汇编，汇编）",
        "publisher": "National Bureau of Statistics of China (compiled by a third party)",
        "year": "2024",
        "table": "prov_1 人均GDP(元); prov_3 第一/第二/第三产业增加值(亿元)",
        "url": "",
        "licence": "Public NBS statistics; compiler's redistribution terms unknown (no licence in the repository)",
        "via": "SkywalkerSun15/regional_disparity @ 54d547acb31ed1abcbf1ca88369a8c494126e022 (data/raw_data/census_data_by_province/prov_1.xlsx, prov_3.xlsx)",
        "doubts": "Origin not stated (looks like a CNKI/EPS export). Mixes NBS releases province by province, so values are used only where checked against one NBS release: per-capita GDP within 0.1% of GDP/mean population of NBS-DB-GDP-2018 and NBS-DB-POP-2020; sector value added only where the three sectors add up to NBS-DB-GDP-2018.",
    },
]

INDICATORS = [
    {
        "indicator_id": "gdp",
        "name_zh": "地区生产总值", "name_en": "Gross regional product",
        "unit_zh": "亿元", "unit_en": "100 million yuan",
        "definition_zh": f"当年价格。单一版本：{VINTAGE_2018}（第四、五次经济普查修订前）。",
        "definition_en": f"Current prices. One release: {VINTAGE_2018}. Not comparable with gdp_rev2024.",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "gdp_rev2024",
        "name_zh": "地区生产总值（五经普修订）", "name_en": "Gross regional product (5th census revision)",
        "unit_zh": "亿元", "unit_en": "100 million yuan",
        "definition_zh": "当年价格。第五次全国经济普查后修订（1992-2023年），2024年为初步核算。",
        "definition_en": "Current prices, NBS series after the 5th economic census revision (1992-2023 revised; 2024 as released).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "gdp_pc",
        "name_zh": "人均地区生产总值", "name_en": "GDP per capita",
        "unit_zh": "元", "unit_en": "yuan",
        "definition_zh": (
            "当年价格，2006-2017年，单一版本（2018年数据库，第四次经济普查修订前）。"
            "计算：地区生产总值 ÷ 上年末与本年末常住人口的平均数（2020年导出、七普修订前）。"
            "若汇编表中的公布值与此计算相差不超过0.1%，采用公布值（标记official），否则为计算值（标记derived）。"
        ),
        "definition_en": (
            f"Current prices, 2006-2017, one release ({VINTAGE_2018}). Computed as GDP (NBS-DB-GDP-2018) x 10,000 / "
            "mean of year-end resident population of the year and the year before (NBS-DB-POP-2020), as NBS forms it. "
            "Where the printed figure in the Skywalker compilation agrees within 0.1% it is kept (flag official, e.g. "
            "Beijing 2010 73,856); otherwise the computed value is shown (flag derived). The compilation's other years mix "
            "releases and are left out; years before 2006 are left out because regional population was not yet resident-based."
        ),
        "higher_is_better": "true", "decimals": "0", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "tertiary_share",
        "name_zh": "第三产业增加值占地区生产总值比重", "name_en": "Tertiary industry share of GDP",
        "unit_zh": "%", "unit_en": "%",
        "definition_zh": "计算：第三产业增加值 ÷ 同一版本地区生产总值（2018年数据库）× 100；仅保留三次产业之和等于该GDP（误差≤0.05%）的省份年份。",
        "definition_en": (
            "Derived: tertiary value added / GDP x 100, both of one release (NBS-DB-GDP-2018). Kept only where the "
            "three sector values (Skywalker compilation) add up to that GDP within 0.05%, which shows they are of the "
            "same release; other province-years are left out (coverage is therefore uneven)."
        ),
        "higher_is_better": "", "decimals": "1", "regional_mean": "plain", "kind": "numeric", "categories": "",
    },
]


def _per_capita(gdp: pd.Series, population: pd.Series) -> pd.Series:
    """GDP (100 million yuan) / mean year-end population (10k persons) -> yuan; needs both years."""
    population = population.sort_index()
    mean_population = (population + population.groupby(level="area_code").shift(1)) / 2
    return (gdp * 10_000 / mean_population).dropna()


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    gdp_2018 = read_nbs_export(
        reference_dir, GDP_2018_FILE, matcher, indicator_id="gdp", source_id="NBS-DB-GDP-2018", vintage=VINTAGE_2018
    ).observations
    gdp_2024 = read_nbs_export(
        reference_dir, GDP_2024_FILE, matcher, indicator_id="gdp_rev2024", source_id="NBS-DB-GDP-2024", vintage=VINTAGE_2024
    ).observations
    population = read_nbs_export(
        reference_dir, POP_2020_FILE, matcher, indicator_id="population", source_id="NBS-DB-POP-2020", vintage=VINTAGE_POP_2020
    ).observations
    gdp = gdp_2018.set_index(["area_code", "year"])["value"]
    pop = population.set_index(["area_code", "year"])["value"]
    skywalker = skywalker_panel(reference_dir, SKY_GDP_FILE, matcher)
    printed = skywalker[skywalker["item"] == "人均GDP(元)"].set_index(["area_code", "year"])["value"]

    records: list[dict] = []
    computed = _per_capita(gdp, pop)
    for (code, year), value in computed.items():
        if year < FIRST_PER_CAPITA_YEAR:
            continue
        shown = printed.get((code, year))
        if shown is not None and abs(shown / value - 1) <= PRINTED_AGREEMENT:
            records.append({
                "area_code": code, "indicator_id": "gdp_pc", "year": year, "value": shown, "subgroup": "total",
                "source_id": "SKY-PROV-GDP", "vintage": VINTAGE_2018, "flag": "official",
                "note": f"printed figure; agrees within 0.1% with GDP/mean population ({value:.0f})",
            })
        else:
            records.append({
                "area_code": code, "indicator_id": "gdp_pc", "year": year, "value": round(value), "subgroup": "total",
                "source_id": "NBS-DB-GDP-2018", "vintage": VINTAGE_2018, "flag": "derived",
                "note": f"GDP x 10,000 / mean of year-end resident population {year - 1} and {year} (NBS-DB-POP-2020)",
            })

    sectors = skywalker_panel(reference_dir, SKY_SECTOR_FILE, matcher)
    wide = sectors.pivot_table(index=["area_code", "year"], columns="item", values="value")
    needed = ["第一产业增加值(亿元)", "第二产业增加值(亿元)", "第三产业增加值(亿元)"]
    wide = wide.dropna(subset=needed).join(gdp.rename("gdp"), how="inner")
    same_release = (wide[needed].sum(axis=1) / wide["gdp"] - 1).abs() <= SECTOR_SUM_TOLERANCE
    for (code, year), row in wide[same_release].iterrows():
        records.append({
            "area_code": code, "indicator_id": "tertiary_share", "year": year,
            "value": round(row["第三产业增加值(亿元)"] / row["gdp"] * 100, 2), "subgroup": "total",
            "source_id": "SKY-PROV-GDP", "vintage": VINTAGE_2018, "flag": "derived",
            "note": "tertiary value added (SKY-PROV-GDP) / GDP (NBS-DB-GDP-2018) x 100; sectors add up to that GDP",
        })
    return pd.concat([gdp_2018, gdp_2024, observation_frame(records)], ignore_index=True)
