"""China's national MDG series as its MDG reports (and reports quoting them) state them.

Only values the research note (shared/research/domain.md §4.1-§4.2) gives with a source; each
value cites the report or page it came from. Nothing here is estimated or interpolated.
Left out on purpose (see the report of issue 3 part 3):
- U5MR 17.2: the blog that prints it dates it 2004, while the 2010 article gives 25 for 2004;
- MMR 88 (1990, WHO Bulletin estimate): a second 1990 value from another estimate (the bundled
  1990 baseline is the 89 of MDG reporting); the item's note lists the competing baselines;
- rural poor 35.97 million (2009): measured against the new 2008 line, so not comparable with
  the 85 million (1990) and 32.09 million (2000) of the old absolute line;
- forest coverage 18.21% (2008 report): the year it refers to is not stated.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher

# One label for values as China's MDG reporting states them: the series are the official MCH
# surveillance and poverty-monitoring figures, quoted by successive reports, not revisions.
VINTAGE = "China MDG reporting (as quoted)"
_SECONDARY = "Secondary source (blog summary of China's MDG reports), not the report itself."


def _indicator(indicator_id: str, name_zh: str, name_en: str, unit_zh: str, unit_en: str,
               definition_zh: str, definition_en: str, higher_is_better: str, decimals: int) -> dict[str, str]:
    return {
        "indicator_id": indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit_zh, "unit_en": unit_en,
        "definition_zh": definition_zh, "definition_en": definition_en, "higher_is_better": higher_is_better,
        "decimals": str(decimals), "regional_mean": "none", "kind": "numeric", "categories": "",
    }


SOURCES = [
    {
        "source_id": "CN-MDG-REPORT-2008",
        "title_zh": "中国实施千年发展目标进展情况报告（2008年）",
        "title_en": "China's Progress towards the Millennium Development Goals, 2008 Report",
        "publisher": "Ministry of Foreign Affairs of the PRC and the UN System in China",
        "year": "2008",
        "table": "Goal chapters 2-4 and 7 (page numbers not recorded)",
        "url": "https://360docs.net/doc/d316174003.html",
        "licence": "Official report; cited for facts",
        "via": "360docs.net copy; English edition at https://dokumen.tips/documents/mdgs-report-2008.html",
        "doubts": "Chinese title as commonly given, not checked on the cover. Page and table numbers not recorded in the research note.",
    },
    {
        "source_id": "CN-MDG-REPORT-2010-BJREVIEW",
        "title_zh": "",
        "title_en": "Beijing Review on China's 2010 MDG progress report (MFA and UN System in China, released 21 Sept 2010)",
        "publisher": "Beijing Review",
        "year": "2010",
        "table": "",
        "url": "http://www.bjreview.com/exclusive/txt/2010-09/26/content_300487.htm",
        "licence": "News report; cited for facts",
        "via": "",
        "doubts": "Quotes the 2010 report; the report itself was not read.",
    },
    {
        "source_id": "CN-MDG-REPORT-2015-SXSJBJ",
        "title_zh": "中国实施千年发展目标报告（2000-2015年）",
        "title_en": "Report on China's Implementation of the Millennium Development Goals (2000-2015), as reported 24-28 July 2015",
        "publisher": "Government of China and the UN System in China",
        "year": "2015",
        "table": "",
        "url": "http://m.sxsjbj.com/news/2015-07/28/content_36164868.htm",
        "licence": "News report of an official report; cited for facts",
        "via": "English edition: https://docslib.org/doc/3749074/report-on-chinas-implementation-of-the-millennium-development-goals-2000-2015",
        "doubts": "The poverty line behind 689 million (1990) and 250 million (2011) is not stated in the excerpt read.",
    },
    {
        "source_id": "CN-MDG-PROGRESS-DOCEST",
        "title_zh": "",
        "title_en": "Millennium Development Goals: China's Progress (copy at docest.com)",
        "publisher": "UN System in China / Government of China",
        "year": "2005",
        "table": "Goal 1 (page not recorded)",
        "url": "https://docest.com/doc/634990/millennium-development-goals-china-s-progress",
        "licence": "Official report; cited for facts",
        "via": "docest.com copy",
        "doubts": "Edition not certain: the copy mentions the 2005 report as the second evaluation report. Poverty figures are at the then-official absolute line (625 yuan/yr in 1990).",
    },
    {
        "source_id": "KEYANHELP-2010-09-19",
        "title_zh": "",
        "title_en": "Article on China's MDG progress (Sept 2010): poor 85 million (1990) halved; U5MR 61 (1991) -> 25 (2004); MMR 89 (1990) -> 51.3 (2003); women 20.3% of NPC seats (2006)",
        "publisher": "keyanhelp.cn (re-post of a China.org.cn-style news article)",
        "year": "2010",
        "table": "",
        "url": "http://keyanhelp.cn/china/2010-09/19/content_20961311.htm",
        "licence": "News report; cited for facts",
        "via": "",
        "doubts": "A re-post; the original publisher is not named on the page. Also cited for China's framing of MDG 1 as halving the number of rural poor from 85 million.",
    },
    {
        "source_id": "BLOG-AMAZINGRISINGCHINA-2011",
        "title_zh": "",
        "title_en": "Progress in terms of UN's Millennium Development Goals (blog summary of China's MDG reports, June 2011)",
        "publisher": "amazingrisingchina.blogspot.com",
        "year": "2011",
        "table": "",
        "url": "https://amazingrisingchina.blogspot.com/2011/06/progress-in-terms-of-uns-millennium.html",
        "licence": "Blog post; cited for facts",
        "via": "",
        "doubts": "Secondary [S]. Prints rates per 1,000 with a % sign and dates U5MR 17.2 to 2004 (likely 2009): that value is not bundled.",
    },
    {
        "source_id": "NHFPC-2015-06-11-ALLJOURNALS",
        "title_zh": "中国人口日：农村首批90后超六成没在医院出生（国家卫生计生委2015年6月11日例行发布会）",
        "title_en": "China Population Day: NHFPC press briefing of 11 June 2015 on maternal and child health (2014 values; rural hospital delivery 1990 and 2014)",
        "publisher": "国家卫生和计划生育委员会 NHFPC (as reported in a journal news item)",
        "year": "2015",
        "table": "",
        "url": "https://edu.alljournals.cn/view_abstract.aspx?aid=05864CE0E961DFFB2F3D7FAADAE1D8E0&pcid=B5EDD921F3D863E289B22F36E70174A7007B5F5E43D63598017D41BB67247657",
        "licence": "Journal abstract; cited for facts",
        "via": "edu.alljournals.cn abstract",
        "doubts": "A journal's news item quoting the NHFPC briefing, not the NHFPC release itself.",
    },
]

INDICATORS = [
    _indicator(
        "u5mr", "5岁以下儿童死亡率", "Under-five mortality rate", "‰", "per 1,000 live births",
        "全国妇幼卫生监测数据，按中国千年发展目标报告所引。省级数值来自各省卫生部门发布（零散，见 mch_releases）。", "National MCH surveillance figure as quoted by China's MDG reporting (MDG indicator 4.1). Provincial values: provincial health releases (scattered; see mch_releases).",
        "false", 1,
    ),
    _indicator(
        "imr", "婴儿死亡率", "Infant mortality rate", "‰", "per 1,000 live births",
        "全国妇幼卫生监测数据，按中国千年发展目标报告所引。不同于模型估计的 imr_adjusted。省级数值来自各省卫生部门发布（零散）。",
        "National MCH surveillance figure as quoted by China's MDG reporting (MDG indicator 4.2). Not the modelled imr_adjusted. Provincial values: provincial health releases (scattered).",
        "false", 1,
    ),
    _indicator(
        "mmr", "孕产妇死亡率", "Maternal mortality ratio", "1/10万", "per 100,000 live births",
        "全国妇幼卫生监测数据。1990年基期值因来源而异（88、88.8、89、111），本数据采用千年发展目标报告所引的89。省级数值来自各省卫生部门发布（零散）；北京为户籍人口口径。",
        "National MCH surveillance figure (MDG indicator 5.1). The 1990 baseline differs by source (88, 88.8, 89, 111); the bundled one is the 89 of MDG reporting. Provincial values: provincial health releases (scattered); Beijing's are on the registered-resident (hukou) basis.",
        "false", 1,
    ),
    _indicator(
        "hospital_delivery_rural", "农村孕产妇住院分娩率（全国）", "Rural hospital delivery rate (national)", "%", "% of rural births",
        "农村孕产妇在医疗机构分娩的比例；中国用作千年发展目标5.2（专业人员接生）的代用指标。",
        "Share of rural births delivered in a health facility; China's proxy for MDG indicator 5.2 (births attended by skilled personnel).",
        "true", 1,
    ),
    _indicator(
        "poverty_headcount_national", "农村贫困发生率（国家绝对贫困线，全国）", "Rural poverty incidence at the national absolute poverty line (national)",
        "%", "% of rural population",
        "按当时的国家农村绝对贫困标准（1990年为625元/年）计算的农村贫困人口占农村人口比重。2008年起标准改变，不可与新标准数据连成一条线。",
        "Rural poor under the then-official absolute line (625 yuan/yr in 1990) as a share of the rural population. The line changed in 2008; do not join with new-line figures.",
        "false", 1,
    ),
    _indicator(
        "poor_population_national_rural", "农村绝对贫困人口（国家绝对贫困线，全国）", "Rural absolute poor at the national absolute poverty line (national)",
        "百万人", "million persons",
        "按当时的国家农村绝对贫困标准计算的农村贫困人口。2008年起标准改变（2009年3597万人为新标准），不连成一条线。",
        "Rural poor under the then-official absolute line. The line changed in 2008 (35.97 million in 2009 is under the new line and is not bundled here).",
        "false", 2,
    ),
    _indicator(
        "poverty_headcount_international_rural", "农村贫困人口比例（国际贫困标准，全国）", "Rural population below the international poverty line, share (national)",
        "%", "% of rural population",
        "按国际贫困标准（每天1美元）计算的农村贫困人口占农村人口比重，按2010年中国千年发展目标报告所引。",
        "Share of the rural population below the international poverty line ($1 a day) as quoted from China's 2010 MDG report (MDG indicator 1.1, rural).",
        "false", 1,
    ),
    _indicator(
        "poor_population_international", "贫困人口（国际贫困标准，全国）", "Poor population at the international poverty line (national)",
        "百万人", "million persons",
        "按2015年中国实施千年发展目标报告所引的贫困人口；所据贫困标准在所读摘录中未注明。",
        "Poor population as quoted from China's 2015 MDG report; the line behind it is not stated in the excerpt read.",
        "false", 0,
    ),
    _indicator(
        "primary_net_enrolment", "小学学龄儿童净入学率（全国）", "Net enrolment ratio in primary education (national)", "%", "%",
        "千年发展目标指标2.1；分性别数据见 male/female 分组。", "MDG indicator 2.1; by-sex values in the male/female subgroups.",
        "true", 2,
    ),
    _indicator(
        "women_npc_seats_share", "全国人大代表中女性比例", "Seats held by women in the National People's Congress", "%", "% of NPC deputies",
        "千年发展目标指标3.3。", "MDG indicator 3.3 (proportion of seats held by women in national parliament).",
        "true", 1,
    ),
    _indicator(
        "rural_no_safe_water", "农村未获得安全饮用水人口（全国）", "Rural population without safe drinking water (national)",
        "百万人", "million persons",
        "人数而非比例；千年发展目标7.C以比例计。", "A count, not a share; MDG target 7.C is stated as a proportion.",
        "false", 0,
    ),
]


class NationalValue(NamedTuple):
    """One national value as a report states it, with the report it came from."""

    indicator_id: str
    year: int
    value: float
    source_id: str
    subgroup: str = "total"
    note: str = ""


NATIONAL_VALUES: tuple[NationalValue, ...] = (
    # MDG 1: poverty
    NationalValue("poverty_headcount_national", 1990, 9.4, "CN-MDG-PROGRESS-DOCEST", note="Line 625 yuan/yr (low-income line 865)."),
    NationalValue("poor_population_national_rural", 1990, 85.0, "CN-MDG-PROGRESS-DOCEST", note="Line 625 yuan/yr."),
    NationalValue("poor_population_national_rural", 2000, 32.09, "CN-MDG-PROGRESS-DOCEST", note="Then-official absolute line."),
    NationalValue("poverty_headcount_international_rural", 1990, 46.0, "CN-MDG-REPORT-2010-BJREVIEW"),
    NationalValue("poverty_headcount_international_rural", 2005, 10.4, "CN-MDG-REPORT-2010-BJREVIEW"),
    NationalValue("poor_population_international", 1990, 689.0, "CN-MDG-REPORT-2015-SXSJBJ"),
    NationalValue("poor_population_international", 2011, 250.0, "CN-MDG-REPORT-2015-SXSJBJ"),
    # MDG 2 and 3: education, gender
    NationalValue("primary_net_enrolment", 1990, 97.8, "BLOG-AMAZINGRISINGCHINA-2011", note=_SECONDARY),
    NationalValue("primary_net_enrolment", 2009, 99.4, "CN-MDG-REPORT-2010-BJREVIEW"),
    NationalValue("primary_net_enrolment", 2007, 99.46, "CN-MDG-REPORT-2008", subgroup="male"),
    NationalValue("primary_net_enrolment", 2007, 99.52, "CN-MDG-REPORT-2008", subgroup="female"),
    NationalValue("primary_net_enrolment", 2009, 99.36, "CN-MDG-REPORT-2010-BJREVIEW", subgroup="male"),
    NationalValue("primary_net_enrolment", 2009, 99.44, "CN-MDG-REPORT-2010-BJREVIEW", subgroup="female"),
    NationalValue("women_npc_seats_share", 2006, 20.3, "KEYANHELP-2010-09-19"),
    NationalValue("women_npc_seats_share", 2008, 21.3, "CN-MDG-REPORT-2008"),
    # MDG 4: child mortality (China's series starts in 1991, the first year after 1990)
    NationalValue("u5mr", 1991, 61.0, "CN-MDG-REPORT-2008"),
    NationalValue("u5mr", 2004, 25.0, "KEYANHELP-2010-09-19"),
    NationalValue("u5mr", 2007, 18.1, "CN-MDG-REPORT-2008"),
    NationalValue("u5mr", 2014, 11.7, "NHFPC-2015-06-11-ALLJOURNALS"),
    NationalValue("imr", 1991, 50.2, "CN-MDG-REPORT-2008"),
    NationalValue("imr", 2007, 15.3, "CN-MDG-REPORT-2008"),
    NationalValue("imr", 2009, 13.8, "BLOG-AMAZINGRISINGCHINA-2011", note=_SECONDARY),
    NationalValue("imr", 2014, 8.9, "NHFPC-2015-06-11-ALLJOURNALS"),
    # MDG 5: maternal health
    NationalValue("mmr", 1990, 89.0, "KEYANHELP-2010-09-19", note="1990 baseline of MDG reporting; other sources give 88, 88.8 or 111."),
    NationalValue("mmr", 1991, 80.0, "BLOG-AMAZINGRISINGCHINA-2011", note=_SECONDARY),
    NationalValue("mmr", 2003, 51.3, "KEYANHELP-2010-09-19"),
    NationalValue("mmr", 2009, 31.9, "BLOG-AMAZINGRISINGCHINA-2011", note=_SECONDARY),
    NationalValue("mmr", 2014, 21.7, "NHFPC-2015-06-11-ALLJOURNALS"),
    NationalValue("hospital_delivery_rural", 1990, 36.4, "NHFPC-2015-06-11-ALLJOURNALS"),
    NationalValue("hospital_delivery_rural", 2014, 99.6, "NHFPC-2015-06-11-ALLJOURNALS"),
    # MDG 7: safe water (counts of rural people)
    NationalValue("rural_no_safe_water", 2000, 379.0, "CN-MDG-REPORT-2008"),
    NationalValue("rural_no_safe_water", 2007, 251.0, "CN-MDG-REPORT-2008"),
)


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    """National rows (area 100000); the values live here, not in reference files, each with its source."""
    rows = [
        {
            "area_code": schema.NATIONAL, "indicator_id": v.indicator_id, "year": v.year, "value": v.value,
            "subgroup": v.subgroup, "source_id": v.source_id, "vintage": VINTAGE, "flag": "official", "note": v.note,
        }
        for v in NATIONAL_VALUES
    ]
    return pd.DataFrame(rows, columns=list(schema.OBSERVATIONS.columns))
