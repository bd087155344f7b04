"""Sources of the frameworks in data/frameworks/ (NBS 2008 and 2013 Xiaokang monitoring, 11th FYP,
MDG targets, provincial energy-intensity targets).

SOURCES only: frameworks are read by dashboard.data.frameworks, not built here, but their
source_ids must resolve in data/sources.csv like every observation's. Facts and their tags are
from the research note (shared/research/domain.md §2-§4); `doubts` says what is not confirmed.
"""
from __future__ import annotations

_NOT_READ_IN_FULL = "Only the opening part of the document could be read (research note, method and limits)."

SOURCES = [
    {
        "source_id": "NBS-XK-2008-SCHEME",
        "title_zh": "全面建设小康社会统计监测方案（2008年6月）",
        "title_en": "Statistical monitoring scheme for building a Xiaokang society in an all-round way (June 2008)",
        "publisher": "国家统计局 National Bureau of Statistics of China",
        "year": "2008",
        "table": "Indicator list and direction classes (正指标 / 逆指标 / 区间指标); 附1 weights and 2020 standard values",
        "url": "https://max.book118.com/html/2019/0413/5222243244002024.shtm",
        "licence": "Official document; reproduced for reference",
        "via": "max.book118.com copy (partial)",
        "doubts": (
            "Confirmed from the copy: 6 domains, 23 indicators, the direction of each (14 positive, 3 reverse, "
            "6 interval) and the unemployment band [3, 6]%. NOT captured: the weights, the 2020 standard values, "
            "the allowed interval bounds and the formula images. The weights and targets bundled with this source "
            "are the commonly reproduced ones (research note §2.2, from memory) and must be checked against 附1. "
            + _NOT_READ_IN_FULL
        ),
    },
    {
        "source_id": "NBS-SHI-2013-SLIDES",
        "title_zh": "",
        "title_en": "Measuring China's progress: research on monitoring the advancement of building a Xiaokang society (Dr Shi Fengdan, NBS, 25 Feb 2013)",
        "publisher": "National Bureau of Statistics of China",
        "year": "2013",
        "table": "Slide 5 (indicators per domain: 5, 5, 5, 2, 3, 3)",
        "url": "https://slideplayer.com./slide/706573",
        "licence": "Presentation; cited for facts",
        "via": "slideplayer.com",
        "doubts": "Gives the number of indicators per domain, not which indicator sits in which domain; that placement follows usual practice [U].",
    },
    {
        "source_id": "NBS-XK-2007-PILOT",
        "title_zh": "文兼武：全面建设小康社会统计监测（6个方面、25项指标）",
        "title_en": "Wen Jianwu (NBS Institute of Statistical Sciences) on the pilot Xiaokang monitoring system: 6 systems, 25 indicators (6 Aug 2007)",
        "publisher": "China.org.cn (中国网) / chinagate",
        "year": "2007",
        "table": "",
        "url": "http://cn.chinagate.cn/economics/xkjc/2007-08/07/content_8644310.htm",
        "licence": "News report; cited for facts",
        "via": "",
        "doubts": "The 2007 pilot version, not the 2008 scheme; cited only where it corroborates a 2008 target (e.g. tertiary >50%, urban >60%, schooling 10.5, energy <0.84). Its urban-rural income ratio is <=2.85, not 2.80.",
    },
    {
        "source_id": "NBS-XK-2013-SYSTEM",
        "title_zh": "全面建成小康社会统计监测指标体系（全国统一标准方案）",
        "title_en": "Statistical monitoring indicator system for completing the building of a Xiaokang society (2013 revision): unified national targets",
        "publisher": "国家统计局 National Bureau of Statistics of China",
        "year": "2013",
        "table": "Unified national target table, rows 1-33 (weights and 2020 targets) and the name and unit of row 34",
        "url": "https://777doc.com/doc-4954787.html",
        "licence": "Official document; reproduced for reference",
        "via": "777doc.com copy (partial)",
        "doubts": (
            "The copy stops at row 34: the weight and target of row 34 (water per unit GDP) and rows 35-39 are not "
            "captured; the total of 39 indicators is unconfirmed. The differentiated regional target values are not in "
            "the copy. Domain weights 22/14/14/28 are sums of the confirmed rows; resources & environment = 22 assumes "
            "the weights total 100."
        ),
    },
    {
        "source_id": "RMLT-2015-XK2013",
        "title_zh": "人民论坛网：全面建成小康社会统计监测（2015年8月11日）",
        "title_en": "People's Tribune (rmlt.com.cn) on the 2013 Xiaokang monitoring revision and attainment 2000-2010 (11 Aug 2015)",
        "publisher": "人民论坛网 rmlt.com.cn",
        "year": "2015",
        "table": "",
        "url": "http://rmlt.com.cn/2015/0811/398610_3.shtml",
        "licence": "Article; cited for facts",
        "via": "",
        "doubts": "Secondary: describes the 2013 revision (five parts, lower economic weight, unified and differentiated regional targets) but gives no provincial target values.",
    },
    {
        "source_id": "FYP11-OUTLINE",
        "title_zh": "中华人民共和国国民经济和社会发展第十一个五年规划纲要 专栏1 主要指标",
        "title_en": "Outline of the 11th Five-Year Plan for National Economic and Social Development, box 1: main indicators",
        "publisher": "全国人民代表大会 National People's Congress (adopted 14 March 2006)",
        "year": "2006",
        "table": "Box 1 (专栏1), main indicators: 2005 value, 2010 target, annual or cumulative change",
        "url": "http://wiki.china.org.cn/wiki/index.php/11th_Five-Year_Plan",
        "licence": "Official document; table reproduced by China.org.cn",
        "via": "wiki.china.org.cn (China.org.cn wiki), English",
        "doubts": "Read through an English reproduction, not the Outline itself. Chinese indicator names are our rendering of the English ones. 2005 population and unemployment values not given there.",
    },
    {
        "source_id": "FYP11-BINDING-ZJOL",
        "title_zh": "浙江在线：十一五规划22个主要指标中8个为约束性指标（2006年3月6日）",
        "title_en": "Zhejiang Online on the 11th FYP: 22 main indicators, 8 of them binding (6 Mar 2006)",
        "publisher": "浙江在线 zjol.com.cn / 浙江日报",
        "year": "2006",
        "table": "",
        "url": "http://opinion.zjol.com.cn/system/2006/03/06/006502510.shtml",
        "licence": "News report; cited for facts",
        "via": "also http://zjrb.zjol.com.cn/html/2006-03/06/content_54137.htm",
        "doubts": "Lists the 8 binding indicators; 'expected' for the other 14 is derived (not in the binding list).",
    },
    {
        "source_id": "FYP11-JOBS-CHINAORG",
        "title_zh": "",
        "title_en": "China.org.cn on the 11th FYP employment targets: 45 million new urban jobs and 45 million rural workers moved to non-farm work (26 Dec 2006)",
        "publisher": "China.org.cn",
        "year": "2006",
        "table": "",
        "url": "http://english.china.org.cn/archive/2006-12/26/content_1192900.htm",
        "licence": "News report; cited for facts",
        "via": "",
        "doubts": "",
    },
    {
        "source_id": "FYP11-TAIWANCN-2008",
        "title_zh": "",
        "title_en": "taiwan.cn on the 11th FYP: urban registered unemployment within 5%, urban and rural income growth 5% a year (Jan 2008)",
        "publisher": "中国台湾网 taiwan.cn",
        "year": "2008",
        "table": "",
        "url": "http://taiwan.cn/zt/jmkj/jmke21/syw4/200801/t20080102_534626.htm",
        "licence": "News report; cited for facts",
        "via": "",
        "doubts": "Secondary. The 2005 unemployment rate (4.2%) is not in it.",
    },
    {
        "source_id": "FYP11-INCOME-CBS",
        "title_zh": "",
        "title_en": "Targets for the 11th and misses for the 10th Five-Year Plan (China Business Services)",
        "publisher": "China Business Services",
        "year": "2006",
        "table": "",
        "url": "http://www.chinabusinessservices.com/targets-for-the-11th-and-misses-for-the-10th-five-year-plan/print/",
        "licence": "Web article; cited for facts",
        "via": "",
        "doubts": "Secondary (consultancy). Gives urban income 10,493 -> 13,390 and rural income 3,255 -> 4,110 yuan; 4,110 conflicts with the usually cited 4,150 (3,255 x 1.05^5 = 4,154).",
    },
    {
        "source_id": "PEOPLESDAILY-JA-2006-11-09",
        "title_zh": "人民网日文版：各地区“十一五”单位GDP能耗降低目标（2006年11月9日）",
        "title_en": "People's Daily (Japanese edition) on provincial 11th FYP energy-intensity reduction targets (9 Nov 2006)",
        "publisher": "人民网 People's Daily Online (Japanese edition)",
        "year": "2006",
        "table": "",
        "url": "",
        "licence": "News report; cited for facts",
        "via": "Summary recorded in shared/reference-data/PROVENANCE.md §9 (not transcribed into a CSV there)",
        "doubts": (
            "Secondary and qualitative: 19 provinces 20%, Jilin 30%, Heilongjiang 28%, Shanxi and Inner Mongolia 25%, "
            "Shandong 22%, 7 provinces below 20% (not named). The official table (attachment to 国函〔2006〕94号) was not "
            "read. URL not recorded."
        ),
    },
    {
        "source_id": "UN-MDG-TARGETS",
        "title_zh": "千年发展目标：目标与具体目标（联合国官方指标清单，2008年1月起）",
        "title_en": "Millennium Development Goals: goals, targets and indicators (UN official list, effective 15 January 2008)",
        "publisher": "United Nations",
        "year": "2008",
        "table": "Goals 1-8, targets 1.A, 2.A, 3.A, 4.A, 5.A, 6.A, 6.C, 7.A, 7.C, 8.F (indicator 8.16)",
        "url": "https://www.dvv-international.de/en/adult-education-and-development/editions/aed-802013-post-2015/key-documents/2000-millennium-development-goals",
        "licence": "UN document; target wording quoted in short",
        "via": "Target wording checked against reproductions at dvv-international.de and http://www.mdgmonitor.org/goal4.cfm",
        "doubts": "The UN's own list page was not read; wording was checked against two reproductions. Target 1.A reads '$1 a day' in the original list and '$1.25 a day' in later versions. Not in the research note.",
    },
]
