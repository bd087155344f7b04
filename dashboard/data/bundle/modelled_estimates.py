"""Modelled series, flagged 'modelled' and kept under their own ids (DESIGN honesty rules):
Global Data Lab subnational HDI v5 and its components, and the 2010 census infant mortality
by sex as adjusted upward for under-reporting by Hong & Zeng (2013).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, observation_frame, read_tidy_transcription, require_file
from dashboard.data.errors import DataError, Location

GDL_FILE = "gdl_shdi_v5/gdl_shdi_v5_china_provinces.csv"
IMR_FILE = "wikipedia_lists/infant_mortality_by_sex_enwiki.csv"
GDL_VINTAGE = "GDL Subnational HDI database v5.0"
IMR_VINTAGE = "2010 census IMR adjusted by Hong & Zeng (2013)"

# GDL indicator -> (our id, name_zh, name_en, unit_zh, unit_en, decimals, higher_is_better)
_GDL = {
    "shdi": ("hdi_gdl", "人类发展指数（GDL模型）", "Human Development Index (GDL, modelled)", "指数", "index 0-1", "3", "true"),
    "lifexp": ("life_expectancy_gdl", "预期寿命（GDL模型）", "Life expectancy (GDL, modelled)", "岁", "years", "2", "true"),
    "msch": ("schooling_mean_25_gdl", "25岁及以上平均受教育年限（GDL模型）", "Mean years of schooling, 25+ (GDL, modelled)", "年", "years", "2", "true"),
    "esch": ("schooling_expected_gdl", "预期受教育年限（GDL模型）", "Expected years of schooling (GDL, modelled)", "年", "years", "2", "true"),
    "gnic": ("gni_pc_gdl", "人均国民总收入（GDL模型，购买力平价美元）", "GNI per capita (GDL, modelled, PPP US$)", "购买力平价美元", "PPP US$", "0", "true"),
    "healthindex": ("health_index_gdl", "健康指数（GDL模型）", "Health index (GDL, modelled)", "指数", "index 0-1", "3", "true"),
    "edindex": ("education_index_gdl", "教育指数（GDL模型）", "Education index (GDL, modelled)", "指数", "index 0-1", "3", "true"),
    "incindex": ("income_index_gdl", "收入指数（GDL模型）", "Income index (GDL, modelled)", "指数", "index 0-1", "3", "true"),
}

SOURCES = [
    {
        "source_id": "GDL-SHDI-5",
        "title_en": "Smits, J. & Permanyer, I. (2019), The Subnational Human Development Database, Scientific Data 6:190038; Global Data Lab SHDI v5.0",
        "title_zh": "全球数据实验室（GDL）次国家人类发展指数数据库 v5.0",
        "publisher": "Global Data Lab, Radboud University", "year": "2019",
        "table": "SHDI-SGDI-Total 5.0 (China rows chnr101-chnr131, chnt)",
        "url": "https://globaldatalab.org/shdi/",
        "licence": "Free with citation (GDL); Gapminder DDF packaging CC-BY-4.0",
        "via": "open-numbers/ddf--gdl--shdi @ 044b3e07d16d0e68f9515df89c67018c75e7d7ed (datapoints/ddf--datapoints--*--by--subnat--year.csv)",
        "doubts": "Modelled estimates, not official Chinese statistics: national UNDP HDR values scaled to provinces and interpolated between surveys (Beijing 2010 life expectancy 79.28 vs census 80.18). GNI base year: check GDL documentation (labelled 2011 PPP). msch is 25+, not comparable with NBS 15+ schooling.",
    },
    {
        "source_id": "ENWIKI-IMR-2010-ADJ",
        "title_en": "Infant mortality by sex, 2010 census adjusted for under-reporting (Hong Rongqing & Zeng Xianxin, Population Research 2013), as listed on Wikipedia",
        "title_zh": "2010年分性别婴儿死亡率（普查数据经漏报调整，洪荣庆、曾宪新，《人口研究》2013）",
        "publisher": "Hong Rongqing & Zeng Xianxin (via Wikipedia)", "year": "2013",
        "table": "List of administrative divisions in China by infant mortality",
        "url": "https://en.wikipedia.org/wiki/List_of_administrative_divisions_in_China_by_infant_mortality",
        "licence": "CC BY-SA 4.0 (Wikipedia list)",
        "via": "Transcribed from a stored copy of the findatwiki.com mirror; raw text in reference-data wikipedia_lists/raw/enwiki_infant_mortality_list_findatwiki.txt",
        "doubts": "Not official rates: census IMRs adjusted upward (~78% under-reporting estimated) with group-level factors, so many provinces share values. By sex only; no both-sexes rate.",
    },
]

INDICATORS = [
    {
        "indicator_id": our, "name_zh": zh, "name_en": en, "unit_zh": uzh, "unit_en": uen,
        "definition_zh": "模型估计值（全球数据实验室SHDI v5.0，Smits & Permanyer 2019），非官方统计。",
        "definition_en": f"Modelled estimate (GDL SHDI v5.0, Smits & Permanyer 2019; GDL '{gdl}'), 1990-2019. Not an NBS statistic.",
        "higher_is_better": better, "decimals": dec,
        "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    }
    for gdl, (our, zh, en, uzh, uen, dec, better) in _GDL.items()
] + [
    {
        "indicator_id": "imr_adjusted", "name_zh": "婴儿死亡率（漏报调整模型）", "name_en": "Infant mortality rate (adjusted, modelled)",
        "unit_zh": "‰", "unit_en": "per 1,000 live births",
        "definition_zh": "2010年人口普查婴儿死亡率经漏报调整（洪荣庆、曾宪新 2013），分性别；模型估计，非官方数据。",
        "definition_en": "2010 census infant mortality adjusted upward for under-reporting (Hong & Zeng 2013), male and female only; modelled, not official.",
        "higher_is_better": "false", "decimals": "2", "regional_mean": "population_weighted", "kind": "numeric", "categories": "",
    },
]


def _gdl(reference_dir: Path, matcher: AreaMatcher) -> list[dict]:
    table = pd.read_csv(require_file(reference_dir, GDL_FILE), dtype=str, keep_default_na=False)
    records = []
    for index, row in table.iterrows():
        mapped = _GDL.get(row["indicator"])
        if mapped is None or not row["value"].strip():
            continue  # pop (thousands) is GDL's own population, not bundled
        try:
            value = float(row["value"])
        except ValueError:
            raise DataError(Location(GDL_FILE, int(index) + 2, "value"), f"'{row['value']}' is not a number") from None
        records.append({
            "area_code": area_code(matcher, row["province_en"], GDL_FILE, int(index) + 2, "province_en"),
            "indicator_id": mapped[0], "year": int(row["year"]), "value": value, "subgroup": "total",
            "source_id": "GDL-SHDI-5", "vintage": GDL_VINTAGE, "flag": "modelled", "note": "",
        })
    return records


def _imr(reference_dir: Path, matcher: AreaMatcher) -> list[dict]:
    table = read_tidy_transcription(reference_dir, IMR_FILE, matcher)
    # The 2000 list (7 provinces, census via a journal article) is a different vintage and too thin.
    table = table[table["source_id"] == "ENWIKI-IMR-2010-adjusted"]
    sexes = {"infant_mortality_rate_male": "male", "infant_mortality_rate_female": "female"}
    records = []
    for row in table.itertuples(index=False):
        if row.indicator not in sexes or not row.text:
            continue
        if pd.isna(row.value):
            raise DataError(Location(IMR_FILE, row.line, "value"), f"'{row.text}' is not a number")
        records.append({
            "area_code": row.area_code, "indicator_id": "imr_adjusted", "year": row.year, "value": float(row.value),
            "subgroup": sexes[row.indicator], "source_id": "ENWIKI-IMR-2010-ADJ", "vintage": IMR_VINTAGE,
            "flag": "modelled", "note": "",
        })
    return records


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    return observation_frame(_gdl(reference_dir, matcher) + _imr(reference_dir, matcher))
