"""R&D expenditure and intensity by province, 2010-2023, as first published (PROVENANCE.md §22).

`rd_intensity` is the intensity the NBS/MOST/MOF statistical bulletins printed (R&D / GDP of the
day), one release per year: the revision NBS's own schemes and the national series use. It
replaces the earlier ratio to the 2024-revised GDP (2017-2023), which was a second revision of the
same concept; one revision per series, so that ratio is no longer bundled. 2010 has no bulletin
table: its intensity is expenditure (China S&T Statistical Yearbook 2011) / first-release GDP 2010,
flagged derived. National rows are bundled too (2010-2023); the national database module holds 1995-2009.

Every expenditure value is cross-checked against the tec_expenditure_rd collection where both
hold one; a disagreement not listed in KNOWN_DIFFERENCES fails the build.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, observation_frame, require_file
from dashboard.data.bundle._releases import read_releases, unique_cells
from dashboard.data.errors import DataError, Location

RD_FILE = "nbs_rd_bulletins/rd_by_province_2010_2023.csv"
# Each year's value is its bulletin's first release (one revision); the note names the bulletin.
VINTAGE = "first release (annual S&T expenditure bulletins; 2010 S&T statistical yearbook)"
CHECK_FILE = "tec_expenditure_rd/province_rd_exp_collected_utf8.csv"
# (area_code, year) -> why the two collections differ; the bulletin value is bundled.
KNOWN_DIFFERENCES = {
    ("440000", 2017): "Guangdong 2017: 2343.6 in the bulletin transcription, 2345.6 in the browser-collected file (PROVENANCE.md §22)",
}

SOURCES = [
    {
        "source_id": "NBS-RD-BULLETINS",
        "title_en": "Statistical bulletins on national expenditure on science and technology (NBS, MOST, MOF), annex table: R&D expenditure by region, 2011-2023",
        "title_zh": "全国科技经费投入统计公报（国家统计局、科学技术部、财政部），附表 各地区研究与试验发展(R&D)经费情况",
        "publisher": "National Bureau of Statistics / Ministry of Science and Technology / Ministry of Finance", "year": "2012-2024",
        "table": "各地区研究与试验发展(R&D)经费情况", "url": "https://www.stats.gov.cn/sj/tjgb/",
        "licence": "Official statistics; numbers and short table text only",
        "via": "huhuaping/techme @ 9ad60a190dec4a56953da9c478d42cd44c80762a: data-raw/public-site/nbs-RD-bulletin/01-html/YYYY.html (2018-2023, confidence C) and 02-xls/raw-YYYY.xlsx (2011-2017, the package author's transcription, confidence S)",
        "doubts": "2011-2017 transcribed by the package author; the bulletin pages themselves were not seen (S). The package's raw-2018.xlsx duplicates 2019 and is not used.",
    },
    {
        "source_id": "CSTYB-2011-T1-13",
        "title_en": "China Statistics Yearbook on Science and Technology 2011, table 1-13: R&D intramural expenditure by region and source of funds (2010)",
        "title_zh": "《中国科技统计年鉴2011》表1-13 各地区按资金来源分R&D经费内部支出(2010年)",
        "publisher": "National Bureau of Statistics / Ministry of Science and Technology", "year": "2011", "table": "1-13",
        "url": "", "licence": "Official statistics",
        "via": "huhuaping/techme @ 9ad60a1: data-raw/tech-yearbook/part01-over/03-spend-inner/02-source/raw-2010.xlsx (CNKI xls); GDP 2010 first release from nbs_exports/tobby_gdp_1993_2017_gbk.csv",
        "doubts": "The 2010 intensity is derived (expenditure / first-release GDP); consistent with the 2010 bulletin text, which names the seven provinces at or above the national 1.76.",
    },
]

INDICATORS = [
    {
        "indicator_id": "rd_expenditure", "name_zh": "R&D经费支出", "name_en": "R&D expenditure",
        "unit_zh": "亿元", "unit_en": "100 million yuan",
        "definition_zh": "研究与试验发展经费内部支出（当年价），2010-2023年，按当年公报（2010年按科技统计年鉴）首次公布。",
        "definition_en": "Gross domestic expenditure on R&D (current prices), 2010-2023, as first published in each year's bulletin (2010: S&T statistical yearbook).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
    {
        "indicator_id": "rd_intensity", "name_zh": "R&D经费投入强度", "name_en": "R&D intensity",
        "unit_zh": "%", "unit_en": "% of GDP",
        "definition_zh": "R&D经费占地区生产总值的比重，按全国科技经费投入统计公报首次公布的数值（以当时的GDP计算），2011-2023年；2010年为计算值（年鉴经费 ÷ 首次公布的GDP）。",
        "definition_en": "R&D expenditure as a share of GDP as first printed in the NBS/MOST/MOF statistical bulletins (on the GDP of the day), 2011-2023; 2010 derived (yearbook expenditure / first-release GDP).",
        "higher_is_better": "true", "decimals": "2", "regional_mean": "plain", "kind": "numeric", "categories": "",
    },
]

_IDS = {"rd_expenditure": "rd_expenditure", "rd_intensity": "rd_intensity", "rd_intensity_derived": "rd_intensity"}


def _collected(reference_dir: Path, matcher: AreaMatcher) -> dict[tuple[str, int], float]:
    table = pd.read_csv(require_file(reference_dir, CHECK_FILE), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    values = {}
    for index, row in table.iterrows():
        if row["province_rd_exp"].strip():
            code = area_code(matcher, row["province"], CHECK_FILE, int(index) + 2, "province")
            values[(code, int(row["year"]))] = float(row["province_rd_exp"])
    return values


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    # National rows too: the national database module stops its R&D series in 2009 so that the
    # bulletins (first releases, as NBS's schemes use) hold 2010 onward for China as for provinces.
    table = read_releases(reference_dir, RD_FILE, matcher, keep_national=True)
    records = []
    for _, row in table.iterrows():
        if row["indicator"] not in _IDS or pd.isna(row["value"]):
            raise DataError(Location(RD_FILE, row["line"], "indicator"), f"unexpected row '{row['indicator']}' / '{row['text']}'")
        derived = row["confidence"] == "D"
        first_year = row["year"] == 2010
        records.append({
            "area_code": row["area_code"], "indicator_id": _IDS[row["indicator"]], "year": row["year"],
            "value": float(row["value"]), "subgroup": "total",
            "source_id": "CSTYB-2011-T1-13" if first_year else "NBS-RD-BULLETINS",
            "vintage": VINTAGE,
            "flag": "derived" if derived else "official", "confidence": None if derived else row["confidence"],
            "note": "; ".join(p for p in (row["source"] if not derived else row["scheme_or_series"], row["note"],
                                          f"read at {row['via']}") if p),
        })
    unique_cells(records, RD_FILE)
    collected = _collected(reference_dir, matcher)
    for record in records:
        key = (record["area_code"], record["year"])
        if (record["indicator_id"] == "rd_expenditure" and key in collected and key not in KNOWN_DIFFERENCES
                and abs(collected[key] - record["value"]) > 0.05):
            raise DataError(Location(CHECK_FILE), f"R&D {key}: bulletin {record['value']} vs collected {collected[key]}; explain it in KNOWN_DIFFERENCES")
    return observation_frame(records)
