"""National series (area 100000) from three crawls of the NBS national annual database (年度数据).

PROVENANCE.md section 30. Each crawl is a snapshot of the database, i.e. one vintage. Rules:
- one value per indicator and year: rows a later crawl also covers (note "superseded ...") are
  dropped, so each year comes from the latest crawl holding it (the 2022-02 and 2023-08 crawls
  agree for 2010-2020 except energy 2020, where the later value is kept);
- GDP-based series start in 2000: before 2000 only the 2016 crawl exists, which holds an earlier
  GDP revision (GDP 2000: 99,776.3 there vs 100,280.1 later), so it is left out rather than
  spliced. Population and urbanisation before 2000 come from the 2016 crawl (not revised later);
  the `vintage` column names the crawl of every value, so the join at 2000 is labelled;
- the integrated household survey (2013-) is kept apart from the old separate surveys (<=2012);
  its 2000-2012 values are NBS back-calculations on the new basis, flagged `estimate`;
- derived values (GDP per capita at 2000 prices, CPI-deflated income) never divide a value of
  one crawl by a value of another.
These rows are the preferred national source (PREFERRED_SOURCES): where another module holds the
same national cell of the same id (MDG report quotes, yearbook transcriptions), build keeps this
one and the cross-check (dashboard.data.crosscheck) compares the two.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, observation_frame, require_file
from dashboard.data.errors import DataError, Location

TIDY_FILE = "nbs_national_annual/nbs_national_annual_tidy.csv"

CRAWLS = {
    "2016-04": ("NBS-NATDB-CRAWL2016", "yiyuezhuo/National-Data @ bece4b18df7832d7721b5124d532a51ab0ceb0d4 (data/zb/, UTF-8 CSV; GDP and population tables from 5693bf422abed6acf27e78c6363815673f43e0d0)", "2016-04-03 (commit date)"),
    "2022-02": ("NBS-NATDB-CRAWL2022", "zhuang1234/National-Data @ 54cf6100a5193c4dc29af5a80fad1a4e672e6ff7 (data_year/zb/, xlsx)", "on or before 2022-02-09 (commit date)"),
    "2023-08": ("NBS-NATDB-CRAWL2023", "zhuang1234/National-Data @ 4b467dda7a0fbef29f937a60f08db0e6420da6a6 (data_year/zb/, xlsx)", "on or before 2023-08-13 (commit date)"),
}
PREFERRED_SOURCES = tuple(source_id for source_id, _, _ in CRAWLS.values())

_DOUBTS = {
    "2016-04": "GDP after the 3rd economic census revision, before the R&D capitalisation revision; population 2011-2014 before the 7th-census revision. Old separate household surveys to 2012.",
    "2022-02": "GDP after the 4th economic census revision (2020 = final verification); population 2011-2019 revised to the 7th census. Integrated-survey income and Engel back to 2000 (pre-2013 = NBS back-calculations).",
    "2023-08": "Same as the 2022-02 crawl for 2010-2020 except energy 2020 (498,314.1 vs 498,000); 2021 final GDP verification, 2022 first release; R&D 2022 = communique's preliminary 30,870.",
}

_METHOD = (
    " Bundled: for each indicator and year the latest crawl holding it; GDP-based series from 2000 only."
    " Derived here (flag derived): gdp_pc_2000prices = per-capita GDP of 2000 (current prices) x the chained"
    " per-capita GDP index (previous year = 100); resident_disposable_income_2000prices = all-resident disposable"
    " income / CPI chained to 2000 = 100 x 100 (2013-2022). The chains join the 2022-02 crawl (to 2009) and the"
    " 2023-08 crawl (from 2010) only because the two hold identical indices for 2010-2020 (the build checks this)."
    " Integrated-survey income and Engel values before 2013 are NBS back-calculations (flag estimate)."
)

SOURCES = [
    {
        "source_id": source_id,
        "title_en": f"NBS National Data, Annual (年度数据, database hgnd): national series, crawl {crawl}",
        "title_zh": f"国家统计局国家数据·年度数据（全国），{crawl} 抓取",
        "publisher": "National Bureau of Statistics of China",
        "year": crawl[:4],
        "table": "data.stats.gov.cn 年度数据: the table of each value is named in its note",
        "url": "https://data.stats.gov.cn/easyquery.htm?cn=C01",
        "licence": NBS_ATTRIBUTION,
        "via": f"{via}; crawled {when}; tidied in reference-data nbs_national_annual/",
        "doubts": "A third party's crawl; each crawl is one snapshot (vintage) of the database. " + _DOUBTS[crawl] + _METHOD,
    }
    for crawl, (source_id, via, when) in CRAWLS.items()
]

_INTEGRATED = "NBS integrated household survey (from 2013)"
_OLD = "Separate urban / rural household surveys (before the 2013 integrated survey)"
_BACKCAST = "NBS back-calculation on the integrated-survey basis (not the figure published at the time)"


@dataclass(frozen=True)
class Series:
    """One crawl indicator mapped to one of our ids (and subgroup)."""

    crawl_indicator: str
    indicator_id: str
    subgroup: str = "total"
    flag: str = "official"
    first_year: int | None = None
    last_year: int | None = None
    integrated_survey: bool = False  # values before 2013 are back-calculations: flag estimate


SERIES = (
    Series("gdp_current", "gdp", first_year=2000),
    Series("gdp_per_capita_current", "gdp_pc", first_year=2000),
    Series("gdp_index_prev_year_100", "gdp_index_prev_year", first_year=2000),
    Series("tertiary_share_gdp", "tertiary_share", first_year=2000),
    Series("population_yearend", "population"),
    Series("urban_population_yearend", "urban_population"),
    Series("urbanisation_rate", "urbanisation", flag="derived"),
    Series("urban_registered_unemployment_rate", "unemployment_urban_registered"),
    Series("urban_disposable_income_pc_old_survey", "urban_disposable_income"),
    Series("rural_net_income_pc", "rural_net_income"),
    Series("urban_engel_coefficient_old_survey", "engel_urban"),
    Series("rural_engel_coefficient_old_survey", "engel_rural"),
    Series("all_residents_disposable_income_pc", "resident_disposable_income", integrated_survey=True),
    Series("urban_disposable_income_pc", "urban_disposable_income_2013survey", integrated_survey=True),
    Series("rural_disposable_income_pc", "rural_disposable_income", integrated_survey=True),
    Series("engel_coefficient_all_residents", "engel_resident", integrated_survey=True),
    Series("urban_engel_coefficient", "engel_urban_2013survey", integrated_survey=True),
    Series("rural_engel_coefficient", "engel_rural_2013survey", integrated_survey=True),
    Series("gini_disposable_income", "gini_disposable_income"),
    # 2010- national R&D is in nbs_rd_bulletins/ (bulletin figures, equal to the crawls to 2021);
    # the crawls add 1995-2009 only, so the two never hold the same cell.
    Series("rd_expenditure", "rd_expenditure", last_year=2009),
    Series("energy_consumption_total", "energy_consumption_total"),
    Series("internet_penetration", "internet_penetration"),
    Series("illiteracy_rate_census", "illiteracy_census_total"),
    Series("illiteracy_rate_15plus_sample_derived", "illiteracy_sample", flag="derived"),
    Series("cpi_prev_year_100", "cpi_prev_year"),
    Series("cpi_urban_prev_year_100", "cpi_urban_prev_year"),
    Series("cpi_rural_prev_year_100", "cpi_rural_prev_year"),
    Series("maternal_mortality_ratio", "mmr"),
    Series("maternal_mortality_ratio_urban", "mmr", subgroup="urban"),
    Series("maternal_mortality_ratio_rural", "mmr", subgroup="rural"),
    Series("infant_mortality_rate", "imr"),
    Series("infant_mortality_rate_urban", "imr", subgroup="urban"),
    Series("infant_mortality_rate_rural", "imr", subgroup="rural"),
    Series("under5_mortality_rate", "u5mr"),
    Series("under5_mortality_rate_urban", "u5mr", subgroup="urban"),
    Series("under5_mortality_rate_rural", "u5mr", subgroup="rural"),
    Series("primary_net_enrolment_rate", "primary_net_enrolment"),
    Series("npc_women_deputies_share_derived", "women_npc_seats_share", flag="derived"),
)

# One value per forest inventory, stored at the inventory's last year (as the 6th inventory's
# 18.21 is stored at 2003): the database repeats each value over several years.
FOREST_INVENTORIES = ((7, 2004, 2008), (8, 2009, 2013), (9, 2014, 2018))


def _ind(indicator_id: str, name_zh: str, name_en: str, unit_zh: str, unit_en: str, def_zh: str, def_en: str,
         better: str, decimals: int, mean: str = "none") -> dict:
    return {
        "indicator_id": indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit_zh, "unit_en": unit_en,
        "definition_zh": def_zh, "definition_en": def_en, "higher_is_better": better, "decimals": str(decimals),
        "regional_mean": mean, "kind": "numeric", "categories": "",
    }


_PW = "population_weighted"
_NAT = "全国：国家统计局年度数据（三次抓取，每年取最新一次）。"
_NAT_EN = " National row (100000): NBS national annual database, latest of three crawls holding the year (vintage column)."

# Ids this module alone introduces.
INDICATORS = [
    _ind("energy_consumption_total", "能源消费总量（全国）", "Total energy consumption (national)", "万吨标准煤", "10,000 t SCE",
         "全国能源消费总量，2000-2022年（国家统计局年度数据）。2014、2020年为修订后数值。",
         "National total energy consumption, 2000-2022 (NBS national database; 2014 and 2020 as revised in the later crawls).",
         "false", 0),
    _ind("illiteracy_census_total", "文盲率（普查，占总人口）", "Illiteracy rate (census, share of total population)", "%", "% of total population",
         "人口普查15岁及以上文盲人口占总人口的比重（1982、1990、2000、2010、2020年）。分母为总人口，与 illiteracy_census（占15岁及以上人口）不同。",
         "Illiterates aged 15+ as a share of the TOTAL population, censuses 1982-2020 (NBS national database). Not comparable with illiteracy_census (denominator: population 15+): 2000 = 6.72 here vs 9.08 there.",
         "false", 2),
    _ind("engel_urban_2013survey", "城镇居民恩格尔系数（一体化调查）", "Engel coefficient, urban residents (integrated survey)", "%", "%",
         "城乡一体化住户调查口径，2013-2022年；2000-2012年为国家统计局按新口径回溯推算（标记为估计），不与 engel_urban（旧口径）连接。",
         "Integrated household survey basis, 2013-2022; 2000-2012 are NBS back-calculations on the new basis (flag estimate). Not joined with engel_urban (old survey; urban 2010: 35.7 old vs 31.9 new basis).",
         "false", 1, _PW),
    _ind("engel_rural_2013survey", "农村居民恩格尔系数（一体化调查）", "Engel coefficient, rural residents (integrated survey)", "%", "%",
         "城乡一体化住户调查口径，2013-2022年；2000-2012年为回溯推算（标记为估计），不与 engel_rural（旧口径）连接。",
         "Integrated household survey basis, 2013-2022; 2000-2012 are NBS back-calculations (flag estimate). Not joined with engel_rural (old survey).",
         "false", 1, _PW),
]

# Ids another engineer may define too (provincial rows); used only when no other module defines
# them, so two definitions never collide in indicators.csv.
SHARED_INDICATORS = [
    _ind("gdp_index_prev_year", "地区生产总值指数（上年=100）", "GDP index (previous year = 100)", "上年=100", "previous year = 100",
         "按不变价格计算的生产总值指数，上年=100。" + _NAT, "Real GDP index, previous year = 100." + _NAT_EN, "true", 1, "plain"),
    _ind("gdp_pc_2000prices", "人均地区生产总值（2000年价格）", "GDP per capita at 2000 prices", "元（2000年价格）", "yuan (2000 prices)",
         "计算（derived）：2000年当年价人均GDP × 人均GDP指数（上年=100）逐年连乘。全国：同一抓取版本的数据。",
         "Derived: per-capita GDP of 2000 (current prices) chained forward with the per-capita GDP index (previous year = 100). National: 2000 level and indices of the NBS national database (2022-02 crawl to 2009, 2023-08 crawl from 2010; the two agree on every index 2010-2020).",
         "true", 0, _PW),
    _ind("rural_disposable_income", "农村居民人均可支配收入", "Rural per-capita disposable income", "元", "yuan",
         "当年价格，城乡一体化住户调查（2013年起）；2013年前为回溯推算（标记为估计）。不与 rural_net_income（纯收入，旧口径）连接。",
         "Current prices, integrated household survey (2013-); earlier national values are NBS back-calculations (flag estimate). Not joined with rural_net_income (old-survey net income).",
         "true", 0, _PW),
    _ind("resident_disposable_income_2000prices", "全体居民人均可支配收入（2000年价格）", "Per-capita disposable income, all residents, at 2000 prices", "元（2000年价格）", "yuan (2000 prices)",
         "计算（derived）：当年价可支配收入 ÷ 居民消费价格指数（2000=100，由上年=100指数连乘）。全国：2013-2022年。",
         "Derived: current-price disposable income (integrated survey) / CPI rebased to 2000 = 100 (chained from the previous-year CPI of the same crawl). National: 2013-2022.",
         "true", 0, _PW),
    _ind("engel_resident", "全体居民恩格尔系数", "Engel coefficient, all residents", "%", "%",
         "城乡一体化住户调查口径；全国2013-2022年，2000-2012年为回溯推算（标记为估计）。",
         "Food / consumption expenditure x 100, all residents, integrated household survey. National 2013-2022; 2000-2012 NBS back-calculations (flag estimate).",
         "false", 1, _PW),
    _ind("cpi_prev_year", "居民消费价格指数（上年=100）", "Consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         "居民消费价格指数，上年=100。" + _NAT, "Consumer price index, previous year = 100." + _NAT_EN, "false", 1, "plain"),
    _ind("cpi_urban_prev_year", "城市居民消费价格指数（上年=100）", "Urban consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         "城市居民消费价格指数，上年=100。" + _NAT, "Urban CPI, previous year = 100." + _NAT_EN, "false", 1, "plain"),
    _ind("cpi_rural_prev_year", "农村居民消费价格指数（上年=100）", "Rural consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         "农村居民消费价格指数，上年=100。" + _NAT, "Rural CPI, previous year = 100." + _NAT_EN, "false", 1, "plain"),
    _ind("urban_population", "城镇人口", "Urban population (year-end)", "万人", "10,000 persons",
         "年末城镇常住人口。" + _NAT + "2011-2019年为七普修订后数值。",
         "Year-end urban resident population." + _NAT_EN + " 2011-2019 as revised to the 7th census.", "", 0),
    _ind("gini_disposable_income", "居民人均可支配收入基尼系数", "Gini coefficient of per-capita disposable income", "0-1", "index 0-1",
         "全国居民人均可支配收入基尼系数，2003-2021年（国家统计局年度数据）。", "Gini coefficient of per-capita disposable income, national, 2003-2021 (NBS national database).",
         "false", 3),
    _ind("internet_penetration", "互联网普及率", "Internet penetration", "%", "% of population",
         "互联网普及率。" + _NAT, "Internet users as a share of the population." + _NAT_EN, "true", 1, _PW),
]

# Appended to the definitions of ids other modules own, so their text stays theirs.
_NAT_ZH_NOTE = " 全国（100000）：国家统计局年度数据，{years}；vintage 列注明抓取版本。"
_NAT_EN_NOTE = " National row (100000): NBS national annual database, {years}; the vintage column names the crawl."
DEFINITION_NOTES = {
    "gdp": ("2000-2022（四经普修订；2021年最终核实，2022年初步核算）", "2000-2022 (4th economic census revision; 2021 final verification, 2022 first release)"),
    "gdp_pc": ("2000-2022（当年价格，同一版本人口）", "2000-2022 (current prices, population of the same vintage)"),
    "tertiary_share": ("2000-2022（公布值）", "2000-2022 (published shares)"),
    "population": ("1978-2022（2011-2019年七普修订后；1978-1999年取自2016年抓取）", "1978-2022 (2011-2019 revised to the 7th census; 1978-1999 from the 2016 crawl)"),
    "urbanisation": ("1978-2022，城镇人口 ÷ 年末总人口（同一抓取，计算值）；2010年49.95%为年末口径，49.68%为普查时点口径", "1978-2022, urban / total year-end population of the same crawl (derived); 2010 = 49.95 (year-end; 49.68 is the census-day share)"),
    "unemployment_urban_registered": ("1978-2021", "1978-2021"),
    "urban_disposable_income": ("1978-2012（旧城镇住户调查）", "1978-2012 (old urban household survey)"),
    "rural_net_income": ("1978-2012（旧农村住户调查）", "1978-2012 (old rural household survey)"),
    "engel_urban": ("1978、1980-2012（旧口径）", "1978, 1980-2012 (old survey)"),
    "engel_rural": ("1978-2012（旧口径）", "1978-2012 (old survey)"),
    "resident_disposable_income": ("2013-2022；2000-2012年为回溯推算（估计）", "2013-2022; 2000-2012 NBS back-calculations (flag estimate)"),
    "urban_disposable_income_2013survey": ("2013-2022；2000-2012年为回溯推算（估计），不与旧口径连接", "2013-2022; 2000-2012 NBS back-calculations (flag estimate), never joined with urban_disposable_income"),
    "rd_expenditure": ("1995-2009（2010年起为科技经费统计公报数）", "1995-2009 (from 2010 the R&D bulletins)"),
    "illiteracy_sample": ("2002-2021年人口抽样调查（计算：文盲人口 ÷ 15岁及以上人口，样本数；普查年无值）", "2002-2021 sample surveys (derived: illiterates / population 15+, sample counts; none in census years)"),
    "mmr": ("1991-2021（妇幼卫生监测，含城市/农村分组）", "1991-2021 (MCH surveillance; urban and rural subgroups)"),
    "imr": ("1991-2021（妇幼卫生监测，含城市/农村分组）", "1991-2021 (MCH surveillance; urban and rural subgroups)"),
    "u5mr": ("1991-2021（妇幼卫生监测，含城市/农村分组）", "1991-2021 (MCH surveillance; urban and rural subgroups)"),
    "primary_net_enrolment": ("1978-2020（总计）", "1978-2020 (total)"),
    "women_npc_seats_share": ("1978-2018，各届全国人大第一次会议（计算：女代表 ÷ 代表总数）", "1978-2018, first session of each NPC (derived: women deputies / all deputies)"),
    # shared ids: appended only when another module's row defines the id
    "gdp_index_prev_year": ("2000-2022", "2000-2022"),
    "gdp_pc_2000prices": ("2000-2022，2000年当年价人均GDP × 人均GDP指数连乘（计算值）", "2000-2022, per-capita GDP of 2000 chained with the per-capita GDP index (derived)"),
    "rural_disposable_income": ("2013-2022；2000-2012年为回溯推算（估计）", "2013-2022; 2000-2012 NBS back-calculations (flag estimate)"),
    "resident_disposable_income_2000prices": ("2013-2022，按居民消费价格指数（2000=100）平减（计算值）", "2013-2022, deflated by the CPI chained to 2000 = 100 (derived)"),
    "engel_resident": ("2013-2022；2000-2012年为回溯推算（估计）", "2013-2022; 2000-2012 NBS back-calculations (flag estimate)"),
    "cpi_prev_year": ("1978-2022", "1978-2022"),
    "cpi_urban_prev_year": ("1978-2022", "1978-2022"),
    "cpi_rural_prev_year": ("1985-2022", "1985-2022"),
    "urban_population": ("1978-2022（2011-2019年七普修订后）", "1978-2022 (2011-2019 revised to the 7th census)"),
    "gini_disposable_income": ("2003-2021", "2003-2021"),
    "internet_penetration": ("2002-2022", "2002-2022"),
    "forest_coverage": ("第七、八、九次森林资源清查（年份记为清查期末：2008、2013、2018）", "7th, 8th and 9th National Forest Inventories (stored at the period's last year: 2008, 2013, 2018)"),
}
DEFINITION_NOTES = {
    indicator_id: (_NAT_ZH_NOTE.format(years=zh), _NAT_EN_NOTE.format(years=en))
    for indicator_id, (zh, en) in DEFINITION_NOTES.items()
}


def crawl_of(vintage_text: str) -> str:
    """'NBSDB crawl 2022-02 (committed ...); ...' -> '2022-02' (2016-04-03 -> '2016-04')."""
    for crawl in CRAWLS:
        if f"crawl {crawl}" in vintage_text:
            return crawl
    raise ValueError(f"no known crawl in '{vintage_text[:60]}'")


def read_tidy(reference_dir: Path) -> pd.DataFrame:
    """The tidy crawl file with a `crawl` column and a `superseded` flag, as stored."""
    path = require_file(reference_dir, TIDY_FILE)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype={"value": str}, keep_default_na=False)
    for column in ("indicator", "year", "value", "source", "crawl_date_or_vintage", "note"):
        if column not in table:
            raise DataError(Location(TIDY_FILE, 1, column), "column missing")
    table["line"] = table.index + 2
    try:
        table["crawl"] = table["crawl_date_or_vintage"].map(crawl_of)
    except ValueError as exc:
        raise DataError(Location(TIDY_FILE, column="crawl_date_or_vintage"), str(exc)) from None
    table["superseded"] = table["note"].str.startswith("superseded")
    table["text"] = table["value"].str.strip()
    table["value"] = pd.to_numeric(table["text"], errors="coerce")
    bad = table[(table["text"] != "") & table["value"].isna()]
    if len(bad):
        raise DataError(Location(TIDY_FILE, int(bad["line"].iloc[0]), "value"), f"'{bad['text'].iloc[0]}' is not a number")
    table["year"] = table["year"].astype(int)
    return table[table["text"] != ""]


def current_series(tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and year: the latest crawl holding it (superseded rows dropped)."""
    current = tidy[~tidy["superseded"]]
    dup = current.duplicated(["indicator", "year"], keep=False)
    if dup.any():
        row = current[dup].iloc[0]
        raise DataError(Location(TIDY_FILE, int(row["line"])), f"{row['indicator']} {row['year']} held by two crawls not marked superseded")
    return current


def _table(source: str) -> str:
    return source.split(" table ", 1)[-1] if " table " in source else source


def _row(indicator_id: str, year: int, value: float, crawl: str, flag: str, note: str, subgroup: str = "total") -> dict:
    source_id = CRAWLS[crawl][0]
    return {
        "area_code": schema.NATIONAL, "indicator_id": indicator_id, "year": int(year), "value": round(float(value), 6),
        "subgroup": subgroup, "source_id": source_id, "vintage": f"NBS national database, crawl {crawl}", "flag": flag,
        "note": note,
    }


def _series_rows(current: pd.DataFrame, series: Series) -> list[dict]:
    rows = current[current["indicator"] == series.crawl_indicator]
    if rows.empty:
        raise DataError(Location(TIDY_FILE), f"indicator '{series.crawl_indicator}' not found")
    if series.first_year is not None:
        rows = rows[rows["year"] >= series.first_year]
    if series.last_year is not None:
        rows = rows[rows["year"] <= series.last_year]
    records = []
    for row in rows.itertuples(index=False):
        flag, note = series.flag, _table(row.source)
        if series.integrated_survey and row.year < 2013:
            flag, note = "estimate", f"{_BACKCAST}; {note}"
        elif series.integrated_survey:
            note = f"{_INTEGRATED}; {note}"
        if series.flag == "derived" and row.indicator_zh:
            note = f"{row.indicator_zh} ({note})"
        records.append(_row(series.indicator_id, row.year, row.value, row.crawl, flag, note, series.subgroup))
    return records


def _forest_rows(current: pd.DataFrame) -> list[dict]:
    rows = current[current["indicator"] == "forest_coverage"].set_index("year")
    records = []
    for number, first, last in FOREST_INVENTORIES:
        span = rows.loc[[y for y in range(first, last + 1) if y in rows.index]]
        if span.empty or span["value"].nunique() != 1 or last not in span.index:
            raise DataError(Location(TIDY_FILE), f"forest coverage {first}-{last}: expected one repeated inventory value")
        row = span.loc[last]
        records.append(_row(
            "forest_coverage", last, row["value"], row["crawl"], "official",
            f"{number}th National Forest Inventory ({first}-{last}); the database repeats it for {first}-{last}; year = end of period",
        ))
    return records


def chain(base: float, indices: pd.Series) -> pd.Series:
    """base at the first year of `indices`' index, then base x prod(index/100) of later years.

    `indices` is indexed by consecutive years; its first element is not applied (it is the base
    year). A gap stops the chain: a missing year is never bridged.
    """
    values = {}
    years = sorted(indices.index)
    level = base
    values[years[0]] = level
    for previous, year in zip(years, years[1:]):
        if year != previous + 1:
            break
        level = level * indices[year] / 100
        values[year] = level
    return pd.Series(values, dtype=float)


def _by_year(current: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return current[current["indicator"] == indicator].set_index("year").sort_index()


def _derived_rows(current: pd.DataFrame, tidy: pd.DataFrame) -> list[dict]:
    """GDP per capita at 2000 prices and all-resident income at 2000 prices (national)."""
    records = []
    # The chain joins the 2022-02 crawl (2001-2009) with the 2023-08 crawl (2010-): allowed only
    # because the earlier crawl's 2010-2020 indices are identical to the later one's (checked).
    for indicator in ("gdp_per_capita_index_prev_year_100", "cpi_prev_year_100"):
        revised = tidy[(tidy["indicator"] == indicator) & (tidy["crawl"] == "2022-02") & tidy["note"].str.contains("REVISED")]
        if len(revised):
            raise DataError(Location(TIDY_FILE, int(revised["line"].iloc[0])), f"{indicator} revised between crawls: chaining across them would mix vintages")
    pc = _by_year(current, "gdp_per_capita_current")
    index = _by_year(current, "gdp_per_capita_index_prev_year_100")["value"]
    base = pc.loc[2000]
    real = chain(float(base["value"]), index[index.index >= 2000])
    for year, value in real.items():
        records.append(_row(
            "gdp_pc_2000prices", year, round(value, 1), _crawl_at(current, "gdp_per_capita_index_prev_year_100", year, base["crawl"]),
            "derived",
            f"per-capita GDP 2000 ({float(base['value']):.1f} yuan, crawl {base['crawl']}) x per-capita GDP index chain (previous year = 100) 2001-{year}",
        ))
    cpi = _by_year(current, "cpi_prev_year_100")["value"]
    price = chain(100.0, cpi[cpi.index >= 2000])
    income = _by_year(current, "all_residents_disposable_income_pc")
    for year, row in income[income.index >= 2013].iterrows():
        if year not in price.index:
            continue
        records.append(_row(
            "resident_disposable_income_2000prices", year, round(row["value"] / price[year] * 100, 1), row["crawl"], "derived",
            f"{row['value']:.0f} yuan / CPI {price[year]:.2f} (2000 = 100, chained from CPI previous year = 100) x 100",
        ))
    return records


def _crawl_at(current: pd.DataFrame, indicator: str, year: int, fallback: str) -> str:
    rows = current[(current["indicator"] == indicator) & (current["year"] == year)]
    return str(rows["crawl"].iloc[0]) if len(rows) else fallback


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    tidy = read_tidy(reference_dir)
    current = current_series(tidy)
    records: list[dict] = []
    for series in SERIES:
        records += _series_rows(current, series)
    records += _forest_rows(current)
    records += _derived_rows(current, tidy)
    return observation_frame(records)
