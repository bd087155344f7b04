"""Income, Engel coefficients, unemployment, illiteracy, schooling, forest and energy series
transcribed from yearbook / communiqué pages (PROVENANCE.md sections 7-10).

Each (file, printed indicator, source_id) maps to exactly one of our indicator ids with one
vintage. Concept breaks become separate ids, never one line:
- household income and Engel before/after the 2013 integrated household survey;
- illiteracy: census (15+), the 2008 annual sample survey, and the 2004 "illiterate and
  semi-illiterate" sample figure are three different measures.
Where two sources print the same cell (urban income 2010 in SDYB2013 and HNYB2011; urban Engel
2010 in HNYB2011 and SNYB2011; illiteracy 2000 in CSY2001 and Wikipedia) the first listed is
kept and the other only confirms it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame, read_tidy_transcription
from dashboard.data.errors import DataError, Location

_YB = "yearbook_html_tables/"
_OLD_SURVEY = "Separate urban / rural household surveys (before the 2013 integrated survey)"
_NEW_SURVEY = "NBS integrated household survey (from 2013)"
_CENSUS = "Population census results (2000, 2010, 2020) as first published"
_COMMUNIQUE = "As first published in each year's communiqué (not revised)"


@dataclass(frozen=True)
class Series:
    """One printed series of one file, mapped to one of our indicator ids."""

    file: str
    printed: str  # the transcription's `indicator` value
    source_ids: tuple[str, ...]  # in order of preference where two print the same cell
    indicator_id: str
    vintage: str
    flag: str = "official"
    scale: float = 1.0
    note: str = ""
    subgroup: str = "total"


SERIES = (
    Series(_YB + "income_urban_disposable.csv", "urban_per_capita_disposable_income", ("SDYB2013-A1-13", "HNYB2011-19-18"), "urban_disposable_income", _OLD_SURVEY),
    Series(_YB + "income_urban_disposable.csv", "urban_per_capita_disposable_income", ("XPCCYB2020-A1-5",), "urban_disposable_income_2013survey", _NEW_SURVEY),
    Series(_YB + "income_all_residents_disposable.csv", "all_residents_per_capita_disposable_income", ("QHYB2018-23-15",), "resident_disposable_income", _NEW_SURVEY),
    Series(_YB + "income_all_residents_disposable.csv", "all_residents_per_capita_consumption_expenditure", ("QHYB2018-23-15",), "resident_consumption_expenditure", _NEW_SURVEY),
    Series(_YB + "income_rural_net.csv", "rural_per_capita_net_income", ("CSY2009-9-22", "CSY2008-9-22", "CSY2000-10-16"), "rural_net_income", _OLD_SURVEY),
    Series(_YB + "income_rural_net.csv", "rural_per_capita_net_income", ("QHYB2014-23-16",), "rural_net_income_2013", "2013 net income, first year of the integrated household survey"),
    Series(_YB + "engel_coefficients.csv", "urban_engel_coefficient", ("HNYB2011-19-18", "SNYB2011-22-6"), "engel_urban", _OLD_SURVEY),
    Series(_YB + "engel_coefficients.csv", "rural_engel_coefficient", ("SNYB2011-22-6",), "engel_rural", _OLD_SURVEY),
    Series(_YB + "engel_coefficients.csv", "rural_engel_coefficient", ("QHYB2014-23-16",), "engel_rural_2013", "2013, first year of the integrated household survey"),
    Series(_YB + "urban_registered_unemployment_rate.csv", "urban_registered_unemployment_rate", ("CSY2006-5-28",), "unemployment_urban_registered", "China Statistical Yearbook 2006 (as first published)"),
    Series(_YB + "illiteracy_rate.csv", "illiteracy_rate_15plus", ("CSY2001-4-13",), "illiteracy_census", _CENSUS),
    Series("wikipedia_lists/illiteracy_rate_enwiki.csv", "illiteracy_rate_15plus", ("ENWIKI-ILLITERACY",), "illiteracy_census", _CENSUS),
    Series(_YB + "illiteracy_rate.csv", "illiteracy_rate_15plus_sample", ("CSY2009-3-13",), "illiteracy_sample", "2008 annual sample survey on population changes (CSY 2009)"),
    Series(_YB + "illiteracy_rate.csv", "illiteracy_semiilliteracy_rate_15plus_sample", ("CSY2005-4-12",), "illiteracy_semi_sample", "2004 annual sample survey on population changes (CSY 2005)"),
    Series("census2020_communique_ssurrus/avg_years_schooling_15plus_tidy.csv", "avg_years_schooling_15plus", ("CENSUS2020-COMMUNIQUE6-T6-2",), "schooling_years", "7th census communiqué No. 6 (11 May 2021, preliminary tabulation)"),
    Series(_YB + "forest_coverage.csv", "forest_coverage_rate", ("CSY2009-11-35",), "forest_coverage", "National Forest Inventory results", note="6th National Forest Inventory (1999-2003); survey period 1999-2003; year = end of period"),
    Series(_YB + "forest_coverage.csv", "forest_area", ("CSY2009-11-35",), "forest_area", "6th National Forest Inventory (1999-2003)", note="survey period 1999-2003; year = end of period"),
    Series("nbs_energy_intensity_communiques/energy_intensity_tidy.csv", "energy_per_gdp_level_reuters_units", ("REUTERS-2010-07-15-NBS2009",), "energy_intensity", "NBS/NDRC/NEA communiqué on 2009 energy use per unit of GDP (first published July 2010)", scale=10.0, note="Reuters printed t SCE per 1,000 yuan; multiplied by 10 to NBS's t SCE per 10,000 yuan"),
    Series("nbs_energy_intensity_communiques/energy_intensity_tidy.csv", "energy_per_gdp_change_pct", ("NDRC-2008-55", "REUTERS-2010-07-15-NBS2009", "NBS-ENERGY-COMMUNIQUE-2018", "NBS-ENERGY-COMMUNIQUE-2020"), "energy_intensity_change", _COMMUNIQUE),
    Series("nbs_energy_intensity_communiques/energy_intensity_tidy.csv", "electricity_per_gdp_change_pct", ("REUTERS-2010-07-15-NBS2009", "NBS-ENERGY-COMMUNIQUE-2018", "NBS-ENERGY-COMMUNIQUE-2020"), "electricity_intensity_change", _COMMUNIQUE),
)


def _source(source_id: str, title_en: str, title_zh: str, publisher: str, year: str, table: str, url: str, raw: str, doubts: str, licence: str = "Official statistics (public)") -> dict:
    return {
        "source_id": source_id, "title_en": title_en, "title_zh": title_zh, "publisher": publisher, "year": year,
        "table": table, "url": url, "licence": licence,
        "via": f"Transcribed from a stored copy of the page (first ~2,000 characters); raw text kept in reference-data {raw}",
        "doubts": doubts,
    }


_TRUNC = "Page text was cut off after ~2,000 characters; provinces not in the returned text are missing, not filled."
_POSITIONAL = " Region names were lost in conversion; rows mapped by position in the fixed NBS order (checked: 31/32 rows)."
SOURCES = [
    _source("SDYB2013-A1-13", "Shandong Statistical Yearbook 2013, appendix 1-13: urban per-capita disposable income by region, 2005-2012", "《山东统计年鉴2013》附录1-13 各省市城镇居民人均可支配收入", "Shandong Provincial Bureau of Statistics (NBS data)", "2013", "Appendix 1-13", "http://tjj.shandong.gov.cn/tjnj/nj2013/html/C113.htm", "yearbook_html_tables/raw/sdyb2013_C113_urban_disposable_income_2005_2012.txt", "Reprint of NBS urban household survey figures." + _POSITIONAL + " 2010 identical to HNYB2011-19-18; Shandong and Chongqing agree with their own yearbooks."),
    _source("HNYB2011-19-18", "Hunan Statistical Yearbook 2011, table 19-18: urban household income and expenditure by province (2010)", "《湖南统计年鉴2011》19-18 各省(市、区)城镇居民家庭人均收支情况(2010年)", "Hunan Provincial Bureau of Statistics (NBS data)", "2011", "19-18", "http://222.240.193.190/11tjnj/html/1918.htm", "yearbook_html_tables/raw/hnyb2011_1918_urban_income_engel_2010.txt", "English-named rows; the second 'Shanxi' after Tibet is Shaanxi (mapped by position)."),
    _source("XPCCYB2020-A1-5", "XPCC Statistical Yearbook 2020, appendix 1-5: urban per-capita disposable income by province, 2016-2018", "《新疆生产建设兵团统计年鉴2020》附录1-5", "XPCC Statistics Bureau (NBS data)", "2020", "Appendix 1-5", "http://tjj.xjbt.gov.cn/2020nj/table/fl1-05.htm", "yearbook_html_tables/raw/xpccyb2020_fl1-05_urban_disposable_income_2016_2018.txt", "Integrated household survey (post-2013 definition), not comparable with earlier urban income. " + _TRUNC + " Shaanxi labelled 'Shanxi' in the source."),
    _source("QHYB2018-23-15", "Qinghai Statistical Yearbook 2018, table 23-15: per-capita disposable income and consumption of all residents by province (2017)", "《青海统计年鉴2018》23-15 各地区全体居民人均收支及排序(2017年)", "Qinghai Provincial Bureau of Statistics (NBS data)", "2018", "23-15", "http://tjj.qinghai.gov.cn/nj/2018/html/2315.htm", "yearbook_html_tables/raw/qhyb2018_2315_all_residents_disposable_income_2017.txt", "All residents (urban and rural together)."),
    _source("CSY2009-9-22", "China Statistical Yearbook 2009, table 9-22: per-capita net income of rural households by region (2008)", "《中国统计年鉴2009》9-22 各地区农村居民家庭人均纯收入", "National Bureau of Statistics of China", "2009", "9-22", "http://www.stats.gov.cn/tjsj/ndsj/2009/html/J0922e.htm", "yearbook_html_tables/raw/csy2009_J0922e_rural_net_income_2008.txt", "National total matches NBS (4760.62)."),
    _source("CSY2008-9-22", "China Statistical Yearbook 2008, table 9-22: per-capita net income of rural households by region (2007)", "《中国统计年鉴2008》9-22 各地区农村居民家庭人均纯收入", "National Bureau of Statistics of China", "2008", "9-22", "http://www.stats.gov.cn/tjsj/ndsj/2008/html/J0922e.htm", "yearbook_html_tables/raw/csy2008_J0922e_rural_net_income_2007.txt", "National total matches NBS (4140.36); Chongqing equals its own yearbook."),
    _source("CSY2000-10-16", "China Statistical Yearbook 2000, table 10-16: per-capita net income of rural households by region, 1985-1999", "《中国统计年鉴2000》10-16 各地区农村居民家庭人均纯收入", "National Bureau of Statistics of China", "2000", "10-16", "http://www.stats.gov.cn/english/statisticaldata/yearlydata/YB2000e/J16E.htm", "yearbook_html_tables/raw/csy2000_J16E_rural_net_income_1985_1999.txt", _TRUNC + " National + Beijing…Guangxi only. The columns headed 1995 and 1997 are mislabelled in the source (national row = the NBS database's 1994 and 1995 values; provincial '1998'/'1997' ratios 1.23-1.64 where one year's growth was a few per cent): both columns are left out for every area."),
    _source("QHYB2014-23-16", "Qinghai Statistical Yearbook 2014, table 23-16: rural household income and Engel coefficient by province (2013)", "《青海统计年鉴2014》23-16 各地区农村居民家庭人均纯收入及恩格尔系数(2013年)", "Qinghai Provincial Bureau of Statistics (NBS data)", "2014", "23-16", "http://tjj.qinghai.gov.cn/nj/2014/html/2316.htm", "yearbook_html_tables/raw/qhyb2014_2316_rural_net_income_engel_2013.txt", "2013 is the first year of the integrated household survey; kept as separate ids. " + _TRUNC),
    _source("SNYB2011-22-6", "Shaanxi Statistical Yearbook 2011, table 22-6: urban and rural per-capita consumption and Engel coefficients by province, 2009-2010", "《陕西统计年鉴2011》22-6 城乡居民人均消费支出", "Shaanxi Provincial Bureau of Statistics (NBS data)", "2011", "22-6", "http://tjj.shaanxi.gov.cn/upload/n2020/zl/2011/zk/html/2206.htm", "yearbook_html_tables/raw/snyb2011_2206_urban_rural_consumption_engel_2009_2010.txt", _TRUNC + " National + Beijing…Hainan; Hainan rural 2010 cut off ('50.') and omitted. Urban 2010 identical to HNYB2011."),
    _source("CSY2006-5-28", "China Statistical Yearbook 2006, table 5-28: registered unemployed persons and unemployment rate in urban areas by region", "《中国统计年鉴2006》5-28 各地区城镇登记失业人员及失业率", "National Bureau of Statistics of China", "2006", "5-28", "http://www.stats.gov.cn/sj/ndsj/2006/html/E0528C.HTM", "yearbook_html_tables/raw/csy2006_E0528C_urban_registered_unemployment.txt", "No national row in the returned text." + _POSITIONAL + " Shanghai 2004-2005 and Tibet omitted (year of a blank cell ambiguous); Chongqing 1990 blank in the source."),
    _source("CSY2001-4-13", "China Statistical Yearbook 2001, table 4-13: illiterate population aged 15+ by region (2000 census)", "《中国统计年鉴2001》4-13 各地区15岁及以上文盲人口（2000年人口普查）", "National Bureau of Statistics of China", "2001", "4-13", "http://www.stats.gov.cn/yearbook2001/2002/d0413c.htm", "yearbook_html_tables/raw/csy2001_d0413c_illiteracy_2000census.txt", _TRUNC + " National + Beijing…Guangdong."),
    _source("ENWIKI-ILLITERACY", "Wikipedia: List of Chinese administrative divisions by illiteracy rate (census 2000, 2010, 2020)", "", "Wikipedia contributors (census figures of NBS)", "2024", "", "https://en.wikipedia.org/wiki/List_of_Chinese_administrative_divisions_by_illiteracy_rate", "wikipedia_lists/raw/enwiki_illiteracy_rate_list.txt", "Secondary source; 19 provinces (page cut off). 2000 values equal CSY2001 for the 15 provinces in both.", licence="CC BY-SA 4.0"),
    _source("CSY2009-3-13", "China Statistical Yearbook 2009, table 3-13: illiterate population aged 15+ by region (2008 sample survey)", "《中国统计年鉴2009》3-13 各地区15岁及以上文盲人口（2008年抽样调查）", "National Bureau of Statistics of China", "2009", "3-13", "http://www.stats.gov.cn/tjsj/ndsj/2009/html/D0313e.htm", "yearbook_html_tables/raw/csy2009_D0313e_illiteracy_2008sample.txt", "Sample fraction 0.887 per mille: noisy, not comparable with census rates. " + _TRUNC),
    _source("CSY2005-4-12", "China Statistical Yearbook 2005, table 4-12: illiterate and semi-illiterate population aged 15+ by region (2004 sample survey)", "《中国统计年鉴2005》4-12 各地区15岁及以上文盲半文盲人口", "National Bureau of Statistics of China", "2005", "4-12", "http://www.gsei.com.cn/ziliao/shuju/yearbook2005/html/D0412C.HTM", "yearbook_html_tables/raw/csy2005_D0412C_illiteracy_semiilliteracy_2004sample.txt", "Via a mirror. Illiterate AND semi-illiterate: a different concept from illiteracy. " + _TRUNC),
    {
        "source_id": "CENSUS2020-COMMUNIQUE6-T6-2",
        "title_en": "Communiqué of the Seventh National Population Census (No. 6), table 6-2: average years of schooling of the population aged 15+ by region",
        "title_zh": "第七次全国人口普查公报（第六号）表6-2 各地区15岁及以上人口平均受教育年限",
        "publisher": "National Bureau of Statistics of China", "year": "2021", "table": "6-2",
        "url": "https://www.stats.gov.cn/sj/tjgb/rkpcgb/qgrkpcgb/202302/t20230206_1902006.html",
        "licence": "Official statistics (public); no licence in the repository",
        "via": "SSURRUS/population-census @ 2e8ee460154c6e3896cc2997f612cf71e28c8566 (data/各地区15岁及以上人口平均受教育年限.csv from 30081e3aab9c90f7ab08a75f9ca7d3379b3d171f)",
        "doubts": "Repository does not state its source; content matches the communiqué (national 9.91 / 9.08). Preliminary tabulation.",
    },
    _source("CSY2009-11-35", "China Statistical Yearbook 2009, table 11-35: forest resources by region (6th National Forest Inventory, 1999-2003)", "《中国统计年鉴2009》11-35 各地区森林资源情况", "National Bureau of Statistics of China (State Forestry Administration data)", "2009", "11-35", "http://www.stats.gov.cn/tjsj/ndsj/2009/html/L1135e.htm", "yearbook_html_tables/raw/csy2009_L1135e_forest_resources_6th_inventory.txt", "Inventory period 1999-2003, stored as year 2003. Xinjiang cut off. 7th-9th inventories by province not found."),
    _source("REUTERS-2010-07-15-NBS2009", "Reuters factbox (15 July 2010) reproducing the NBS/NDRC/NEA communiqué on energy use per unit of GDP by region, 2009", "", "NBS / NDRC / NEA (via Reuters)", "2010", "", "", "nbs_energy_intensity_communiques/raw/reuters_2010-07-15_energy_intensity_2009.txt", "Secondary reprint; levels printed per 1,000 yuan (x10 = NBS's t SCE per 10,000 yuan). " + _TRUNC + " Beijing…Shaanxi.", licence="Numbers only (text (c) Reuters)"),
    _source("NDRC-2008-55", "NDRC announcement 2008 No. 55: 2007 energy-saving results by region (achieved change in energy per unit GDP)", "国家发展改革委公告2008年第55号", "National Development and Reform Commission", "2008", "", "http://lsbar.com:8000/law/44302", "nbs_energy_intensity_communiques/raw/ndrc_2008-55_energy_targets_2007.txt", "Copy on a law site. " + _TRUNC + " Beijing…Guangxi (20 provinces). Annual targets not bundled (Henan's is a range)."),
    _source("NBS-ENERGY-COMMUNIQUE-2018", "NBS/NDRC/NEA communiqué on energy consumption per unit of GDP by region, 2018 (17 Sep 2019)", "2018年分省（区、市）万元地区生产总值能耗降低率等指标公报", "NBS / NDRC / NEA", "2019", "", "", "nbs_energy_intensity_communiques/raw/nbs_2018_communique_en_marketscreener.txt", "Taken from a marketscreener.com republication; Tibet absent. The middle column was not transcribed (label doubtful)."),
    _source("NBS-ENERGY-COMMUNIQUE-2020", "NBS/NDRC/NEA communiqué on energy consumption per unit of GDP by region, 2020 (23 Aug 2021)", "2020年分省（区、市）万元地区生产总值能耗降低率等指标公报", "NBS / NDRC / NEA", "2021", "", "http://www.stats.gov.cn/english/PressRelease/202108/t20210824_1820860.html", "nbs_energy_intensity_communiques/raw/nbs_2020_communique_en.txt", "GDP at 2015 prices; Tibet absent. Identical to the Chinese version at qiongling.com."),
]


def _ind(indicator_id: str, name_zh: str, name_en: str, unit_zh: str, unit_en: str, def_zh: str, def_en: str, better: str, decimals: str, mean: str) -> dict:
    return {
        "indicator_id": indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit_zh, "unit_en": unit_en,
        "definition_zh": def_zh, "definition_en": def_en, "higher_is_better": better, "decimals": decimals,
        "regional_mean": mean, "kind": "numeric", "categories": "",
    }


_PW = "population_weighted"
INDICATORS = [
    _ind("urban_disposable_income", "城镇居民人均可支配收入", "Urban per-capita disposable income", "元", "yuan", "当年价格，2005-2012年，城镇住户调查（2013年一体化改革前）。", "Current prices, 2005-2012, urban household survey (before the 2013 integrated survey). Not joined with urban_disposable_income_2013survey.", "true", "0", _PW),
    _ind("urban_disposable_income_2013survey", "城镇居民人均可支配收入（一体化调查）", "Urban per-capita disposable income (integrated survey)", "元", "yuan", "当年价格，2016-2018年，城乡一体化住户调查口径，与2013年前数据不可比。", "Current prices, 2016-2018, integrated household survey definition; a break from urban_disposable_income.", "true", "0", _PW),
    _ind("resident_disposable_income", "全体居民人均可支配收入", "Per-capita disposable income, all residents", "元", "yuan", "当年价格，2017年，城乡一体化住户调查。", "Current prices, 2017, all residents (integrated household survey).", "true", "1", _PW),
    _ind("resident_consumption_expenditure", "全体居民人均消费支出", "Per-capita consumption expenditure, all residents", "元", "yuan", "当年价格，2017年。", "Current prices, 2017, all residents (integrated household survey).", "", "1", _PW),
    _ind("rural_net_income", "农村居民人均纯收入", "Rural per-capita net income", "元", "yuan", "当年价格，农村住户调查（2013年改革前）：1985、1990、1998、1999年（20省）、2007-2008年（31省）。《中国统计年鉴2000》表10-16标为1995、1997年的两列实为其他年份（全国行为1994、1995年值），已剔除。2013年另列 rural_net_income_2013。", "Current prices, rural household survey before the 2013 reform: 1985, 1990, 1998, 1999 (20 provinces), 2007-2008 (31). The columns CSY2000 table 10-16 heads 1995 and 1997 hold other years (the national row: the 1994 and 1995 values) and are left out. The 2013 figure (integrated survey year) is the separate id rural_net_income_2013, not joined.", "true", "0", _PW),
    _ind("rural_net_income_2013", "农村居民人均纯收入（2013年）", "Rural per-capita net income (2013, integrated survey year)", "元", "yuan", "2013年，住户调查一体化改革当年公布的纯收入，与此前序列不连接。", "2013 net income published in the first year of the integrated survey; a break, kept apart from rural_net_income. After 2013 NBS reports rural disposable income instead.", "true", "0", _PW),
    _ind("engel_urban", "城镇居民家庭恩格尔系数", "Engel coefficient, urban households", "%", "%", "食品支出占消费支出比重，2009-2010年（2013年改革前）。", "Food / consumption expenditure x 100, urban households, 2009-2010 (before the 2013 survey reform).", "false", "1", _PW),
    _ind("engel_rural", "农村居民家庭恩格尔系数", "Engel coefficient, rural households", "%", "%", "食品支出占消费支出比重，2009-2010年（2013年改革前）。", "Food / consumption expenditure x 100, rural households, 2009-2010 (before the 2013 reform). 2013 is the separate id engel_rural_2013.", "false", "1", _PW),
    _ind("engel_rural_2013", "农村居民家庭恩格尔系数（2013年）", "Engel coefficient, rural households (2013)", "%", "%", "2013年（住户调查一体化改革当年），不与此前序列连接。", "2013 (integrated survey year); a break, not joined with engel_rural.", "false", "1", _PW),
    _ind("unemployment_urban_registered", "城镇登记失业率", "Urban registered unemployment rate", "%", "%", "年末城镇登记失业率，1990、2003-2005年（《中国统计年鉴2006》）。无全国行。", "Year-end urban registered unemployment rate, 1990 and 2003-2005 (CSY 2006). No national row in the source.", "false", "1", _PW),
    _ind("illiteracy_census", "文盲率（普查）", "Illiteracy rate (census)", "%", "%", "15岁及以上人口中文盲人口比重，2000、2010、2020年人口普查。", "Illiterate share of the population aged 15+, population censuses 2000, 2010, 2020. Not comparable with illiteracy_sample.", "false", "2", _PW),
    _ind("illiteracy_sample", "文盲率（抽样调查）", "Illiteracy rate (sample survey)", "%", "%", "15岁及以上人口中文盲人口比重，2008年人口变动抽样调查（抽样比0.887‰）。", "Illiterate share of the population aged 15+, 2008 annual sample survey (0.887 per mille): noisy, not comparable with census rates.", "false", "2", _PW),
    _ind("illiteracy_semi_sample", "文盲半文盲率（抽样调查）", "Illiterate and semi-illiterate rate (sample survey)", "%", "%", "15岁及以上人口中文盲半文盲人口比重，2004年抽样调查。", "Illiterate AND semi-illiterate share of the population aged 15+, 2004 sample survey; a different concept from illiteracy.", "false", "2", _PW),
    _ind("schooling_years", "平均受教育年限", "Average years of schooling (15+)", "年", "years", "15岁及以上人口平均受教育年限，2010、2020年（七普公报第六号）。", "Average years of schooling of the population aged 15+, 2010 and 2020 (7th census communiqué No. 6). Not comparable with schooling_mean_25_gdl (25+).", "true", "2", _PW),
    _ind("forest_coverage", "森林覆盖率", "Forest coverage", "%", "%", "森林面积占土地面积的比重，全国森林资源清查结果：第六次（1999-2003年，记为2003年）、第七次（2004-2008年，记为2008年）、第八次（2009-2013年，记为2013年）、第九次（2014-2018年，记为2018年）；版本列注明清查次数。各省清查年份在清查期内不同。", "Forest area as a share of land area, National Forest Inventory results: 6th (1999-2003, stored as 2003), 7th (2004-2008, as 2008), 8th (2009-2013, as 2013), 9th (2014-2018, as 2018); the vintage names the inventory. A province's survey year lies somewhere inside the period.", "true", "2", "plain"),
    _ind("forest_area", "森林面积", "Forest area", "万公顷", "10,000 ha", "第六次全国森林资源清查（1999-2003年），年份记为2003。", "6th National Forest Inventory (1999-2003), stored as year 2003.", "true", "2", "none"),
    _ind("energy_intensity", "单位地区生产总值能耗", "Energy use per unit of GDP", "吨标准煤/万元", "t SCE per 10,000 yuan", "2009年（国家统计局等公报，路透社转载）。路透社按每千元印出，已乘以10换算。", "2009 (NBS/NDRC/NEA communiqué as reprinted by Reuters). Reuters printed t SCE per 1,000 yuan; converted x10 to NBS's unit.", "false", "3", "plain"),
    _ind("energy_intensity_change", "单位地区生产总值能耗升降", "Change in energy use per unit of GDP", "%", "% on previous year", "比上年增减%，2007（国家发改委考核）、2009、2018、2020年（公报；2020年按2015年价格）。负值为下降。", "% change on the previous year; 2007 (NDRC assessment), 2009, 2018, 2020 (communiqués; 2020 GDP at 2015 prices). Negative = reduction.", "false", "2", "plain"),
    _ind("electricity_intensity_change", "单位地区生产总值电耗升降", "Change in electricity use per unit of GDP", "%", "% on previous year", "比上年增减%，2009、2018、2020年。负值为下降。", "% change on the previous year, 2009, 2018, 2020 (communiqués). Negative = reduction.", "false", "2", "plain"),
    _ind("urban_rural_income_ratio", "城乡居民收入比", "Urban-rural income ratio", "倍", "ratio", "计算：城镇居民人均可支配收入 ÷ 农村居民人均纯收入，仅2007、2008年（同年数据）。", "Derived: urban per-capita disposable income (SDYB2013-A1-13) / rural per-capita net income (CSY2008/2009 table 9-22) of the same year; 2007 and 2008 only.", "false", "2", "plain"),
]


# Columns whose printed year is wrong in the source itself. CSY2000 table 10-16 (the English page
# and our transcription alike) heads its columns 1985 1990 1995 1997 1998 1999, but the national
# row's "1995" and "1997" are 1,220.98 and 1,577.74: the rural net income of 1994 and 1995 in the
# NBS national database (which gives 1995 = 1,577.74, 1997 = 2,090.13; 1985, 1990, 1998 and 1999
# agree), and CSY2001 table 10-15 also prints 1995 = 1,577.74. The provincial cells of those two
# columns are wrong-yeared too: their "1998"/"1997" ratio is 1.23-1.64 in all 20 provinces,
# against 0.95-1.07 for 1999/1998 and +3.4% nationally for 1997-98. Their true years (very likely
# 1994 and 1995, as in the national row) are not confirmed by a second provincial source, so the
# two columns are dropped for every area rather than re-yeared.
MISLABELLED_COLUMNS = {"CSY2000-10-16": (1995, 1997)}


def _series_rows(reference_dir: Path, matcher: AreaMatcher, series: Series, table: pd.DataFrame) -> list[dict]:
    rows = table[(table["indicator"] == series.printed) & table["source_id"].isin(series.source_ids)].copy()
    for source_id, years in MISLABELLED_COLUMNS.items():
        rows = rows[~((rows["source_id"] == source_id) & rows["year"].isin(years))]
    rows["rank"] = rows["source_id"].map({s: i for i, s in enumerate(series.source_ids)})
    rows = rows.sort_values("rank", kind="stable").drop_duplicates(["area_code", "year"], keep="first")
    records = []
    for row in rows.itertuples(index=False):
        if not row.text:
            continue
        if pd.isna(row.value):
            raise DataError(Location(series.file, row.line, "value"), f"'{row.text}' is not a number")
        records.append({
            "area_code": row.area_code, "indicator_id": series.indicator_id, "year": row.year,
            "value": round(float(row.value) * series.scale, 6), "subgroup": series.subgroup,
            "source_id": row.source_id, "vintage": series.vintage, "flag": series.flag, "note": series.note,
        })
    return records


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    tables: dict[str, pd.DataFrame] = {}
    records: list[dict] = []
    for series in SERIES:
        if series.file not in tables:
            tables[series.file] = read_tidy_transcription(reference_dir, series.file, matcher)
        new = _series_rows(reference_dir, matcher, series, tables[series.file])
        taken = {(r["area_code"], r["year"]) for r in records if r["indicator_id"] == series.indicator_id}
        records += [r for r in new if (r["area_code"], r["year"]) not in taken]
    frame = observation_frame(records)
    urban = frame[(frame["indicator_id"] == "urban_disposable_income")].set_index(["area_code", "year"])
    rural = frame[(frame["indicator_id"] == "rural_net_income")].set_index(["area_code", "year"])
    ratio_rows = []
    for key in sorted(set(urban.index) & set(rural.index)):
        ratio_rows.append({
            "area_code": key[0], "indicator_id": "urban_rural_income_ratio", "year": key[1],
            "value": round(urban.at[key, "value"] / rural.at[key, "value"], 4), "subgroup": "total",
            "source_id": urban.at[key, "source_id"], "vintage": _OLD_SURVEY, "flag": "derived",
            "note": f"urban {urban.at[key, 'value']:.0f} ({urban.at[key, 'source_id']}) / rural {rural.at[key, 'value']:.2f} ({rural.at[key, 'source_id']})",
        })
    return pd.concat([frame, observation_frame(ratio_rows)], ignore_index=True)
