"""Reported pulmonary TB, AIDS, HIV and malaria by province, 2004-2020, from the MONTHLY file.

Annual values are computed here (the reference folder's annual file is not used): cases and
deaths are the sum of the 12 monthly counts; incidence and mortality the sum of the 12 monthly
rates per 100,000 the centre published. A province-year is bundled only when all 12 months carry
a value: a blank month may or may not mean zero (not stated), so a sum over fewer months is a
lower bound, not a whole-year value, and is left out. A month with 0 cases (or deaths) and a
blank rate counts as rate 0: the rate of zero events is zero whatever the denominator.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame, require_file
from dashboard.data.errors import DataError, Location

MONTHLY_FILE = "phsciencedata_notifiable_diseases/notifiable_diseases_monthly_by_province_2004_2020.csv"
VINTAGE = "Monthly notifiable disease reports as published by the Data-center of China Public Health Science (2004-2020)"
MONTHS = 12

# disease_key -> {our id: (monthly column, count column it depends on)}
_MEASURES = {
    "pulmonary_tuberculosis": {"tb_incidence": ("incidence_per_100k", "cases"), "tb_mortality": ("mortality_per_100k", "deaths"), "tb_cases": ("cases", "cases")},
    "aids": {"aids_incidence": ("incidence_per_100k", "cases"), "aids_mortality": ("mortality_per_100k", "deaths"), "aids_cases": ("cases", "cases"), "aids_deaths": ("deaths", "deaths")},
    "hiv_infection": {"hiv_incidence": ("incidence_per_100k", "cases"), "hiv_cases": ("cases", "cases")},
    "malaria": {"malaria_incidence": ("incidence_per_100k", "cases"), "malaria_cases": ("cases", "cases")},
}

SOURCES = [
    {
        "source_id": "PHSDC-NID-MONTHLY",
        "title_en": "Monthly reported cases, deaths, incidence and mortality of notifiable infectious diseases by province (national notifiable disease reporting system)",
        "title_zh": "全国法定报告传染病分省月报（发病数、死亡数、发病率、死亡率）",
        "publisher": "Data-center of China Public Health Science (Chinese Center for Disease Control and Prevention)",
        "year": "2020", "table": "DatacenterReport monthly tables (地区, 发病数, 死亡数, 发病率(1/10万), 死亡率(1/10万))",
        "url": "https://www.phsciencedata.cn/",
        "licence": "Official statistics; repository GPL-3.0",
        "via": "xmusphlkg/CNIDS @ 863427a25869c9eaf757f21e618fc081ebd688bf (Data/CleanData/DatacenterReport/<disease>/<YYYY Month>.csv from 29a6a63e4d00740f6c178d3b09ed77612b4c656a)",
        "doubts": "Reported (notified) cases, not WHO-estimated incidence; rates per total population. Blank cells (AIDS 2004-2011 in low-incidence provinces, malaria months without a row) may or may not mean zero; such years are left out. Malaria totals not checked against NHC. HIV = newly reported infections without AIDS. National PTB 2010 991,350 cases / 74.27 per 100k equal NHC figures.",
    },
]

_NAMES = {
    "tb": ("肺结核", "Pulmonary tuberculosis"), "aids": ("艾滋病", "AIDS"), "hiv": ("HIV感染者", "HIV infection"), "malaria": ("疟疾", "Malaria"),
}
_KINDS = {
    "incidence": ("报告发病率", "reported incidence", "1/10万", "per 100,000", "2", "population_weighted", "sum of the 12 monthly reported incidence rates"),
    "mortality": ("报告死亡率", "reported mortality", "1/10万", "per 100,000", "3", "population_weighted", "sum of the 12 monthly reported mortality rates"),
    "cases": ("报告发病数", "reported cases", "例", "cases", "0", "none", "sum of the 12 monthly reported case counts"),
    "deaths": ("报告死亡数", "reported deaths", "人", "deaths", "0", "none", "sum of the 12 monthly reported death counts"),
}


def _indicator(indicator_id: str) -> dict:
    disease, kind = indicator_id.split("_", 1)
    dzh, den = _NAMES[disease]
    kzh, ken, uzh, uen, decimals, mean, how = _KINDS[kind]
    return {
        "indicator_id": indicator_id, "name_zh": f"{dzh}{kzh}", "name_en": f"{den}, {ken}", "unit_zh": uzh, "unit_en": uen,
        "definition_zh": f"法定传染病报告数据，2004-2020年；年值为12个月之和（{kzh}）。少于12个月有值的年份不列出。",
        "definition_en": f"Notifiable disease reports, 2004-2020. Annual value derived here: {how}. Years with fewer than 12 reported months are left out (a partial sum is a lower bound).",
        "higher_is_better": "false", "decimals": decimals, "regional_mean": mean, "kind": "numeric", "categories": "",
    }


INDICATORS = [_indicator(i) for measures in _MEASURES.values() for i in measures]


def _monthly_value(row: pd.Series, column: str, count_column: str) -> float | None:
    value = row[column]
    if pd.notna(value):
        return float(value)
    if column != count_column and row[count_column] == 0:
        return 0.0
    return None


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    monthly = pd.read_csv(require_file(reference_dir, MONTHLY_FILE), dtype={"adcode": str})
    for column in ("year", "month", "disease_key", "adcode", "cases", "deaths", "incidence_per_100k", "mortality_per_100k"):
        if column not in monthly:
            raise DataError(Location(MONTHLY_FILE, 1, column), "column missing")
    unknown = sorted(set(monthly["adcode"]) - {c for c in monthly["adcode"] if matcher.code_for(c) == c})
    if unknown:
        raise DataError(Location(MONTHLY_FILE, None, "adcode"), f"unknown area codes {unknown[:5]}")
    if monthly.duplicated(["year", "month", "disease_key", "adcode"]).any():
        row = int(monthly.index[monthly.duplicated(["year", "month", "disease_key", "adcode"])][0]) + 2
        raise DataError(Location(MONTHLY_FILE, row), "duplicate month for one disease and province")
    records = []
    for (disease, code, year), months in monthly.groupby(["disease_key", "adcode", "year"]):
        for indicator_id, (column, count_column) in _MEASURES.get(disease, {}).items():
            values = [v for _, r in months.iterrows() if (v := _monthly_value(r, column, count_column)) is not None]
            if len(values) != MONTHS:
                continue
            records.append({
                "area_code": code, "indicator_id": indicator_id, "year": int(year), "value": round(sum(values), 4),
                "subgroup": "total", "source_id": "PHSDC-NID-MONTHLY", "vintage": VINTAGE, "flag": "derived",
                "note": "sum of 12 monthly reports",
            })
    return observation_frame(records)
