"""NBS provincial annual database (分省年度数据, data.stats.gov.cn), crawled about 2021 (NBSDB-2021).

Source: PROVENANCE.md section 21 (`nbs_provincial_db_crawl/`), 31 provinces x 2000-2019, one
database table per source row below. Every value carries vintage NBSDB-2021 and, in its note,
the confidence code of PROVENANCE (C = read in a copy of the official table; D = derived by us).

Rules (why this shape):
- Values PROVENANCE flags U are left out, never kept silently: Tibet's 2010 energy level
  (possible row shift), the 2017 energy-intensity changes (9 round numbers, maybe targets),
  Hunan 2003 and Xinjiang 2004 unemployment (CSY2006 prints 4.5 and 3.8).
- One id per concept and revision. Old separate urban/rural surveys (to 2012) and the
  integrated household survey (2013-) are different ids, never joined. Energy intensity levels:
  2005-2008 are first releases before the 2nd-economic-census GDP revision, 2009-2010 are after
  it (the 2009 communiqué revised 2005-2008), 2011 is at 2010 prices -> three ids.
- Same cell already bundled from another source (yearbook tables, communiqués, the 2020
  population export): PROVENANCE's checks show the DB holds the *same* figures (equal after
  rounding). The existing value is kept; the DB value is added only where the cell is empty;
  every overlapping cell is compared and the build fails on a difference beyond the rounding
  of the printed figure that is not a U value explained by PROVENANCE (`_TOLERANCE`).
- Derived values (flag derived): Engel coefficients and the culture/education/recreation share
  from the consumption tables; urban/rural income ratios; constant 2000 prices
  (see _constant_prices): GDP per capita via the implicit GDP deflator of the same release,
  disposable income deflated by the province's own CPI (urban CPI for urban income).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle import population as population_module
from dashboard.data.bundle import yearbook_tables
from dashboard.data.bundle._constant_prices import deflate, per_capita_at_base_prices
from dashboard.data.bundle._reference import NBS_ATTRIBUTION, area_code, observation_frame, require_file
from dashboard.data.errors import DataError, Location

TIDY_FILE = "nbs_provincial_db_crawl/nbs_provincial_db_tidy.csv"
VINTAGE = "NBSDB-2021"
_REPO = "3112944976/National-Visualization-Web-Application @ 2e3008c519da42d6666213a07f73b9eca7dc8ef0"
_URL = "https://data.stats.gov.cn/easyquery.htm?cn=E0103"
_CRAWL_DOUBT = (
    "Third-party crawl of the NBS database, about 2021 (GDP after the 3rd and 4th economic-census "
    "revisions, before the 5th; population before the 7th-census revision). Values PROVENANCE marks doubtful (U) "
    "are left out. Overlap rule: where another bundled source already holds the same indicator, province and year "
    "(yearbook tables, communiqués, NBS-DB-POP-2020), that value is kept and the database only fills empty cells; "
    "every overlapping cell is compared at build time and the build fails on a difference beyond the rounding of "
    "the printed figure. "
)


def _src(key: str, table_zh: str, title_en: str, folder: str, doubts: str = "") -> dict:
    return {
        "source_id": f"NBSDB-2021-{key}",
        "title_en": f"NBS National Data, Annual by Province: {title_en}",
        "title_zh": f"国家统计局国家数据·分省年度数据：{table_zh}",
        "publisher": "National Bureau of Statistics of China",
        "year": "2021",
        "table": f"data.stats.gov.cn 分省年度数据 > {table_zh}",
        "url": _URL,
        "licence": NBS_ATTRIBUTION,
        "via": f"{_REPO} (源数据/国家统计局分省年度数据/{folder}/{table_zh}.csv); tidied in reference-data {TIDY_FILE}",
        "doubts": _CRAWL_DOUBT + doubts,
    }


SOURCES = [
    _src("GDPIDX", "地区生产总值指数", "Gross regional product index (previous year = 100)", "国民经济核算"),
    _src("GDP", "地区生产总值", "Gross regional product and per-capita GDP (current prices)", "国民经济核算",
         "Used here only as inputs of GDP per capita at 2000 prices and of the tertiary share of this crawl "
         "(tertiary_share_nbsdb2021 = tertiary value added / GDP x 100, flag derived; not bundled as a current-price series: "
         "a different revision from NBS-DB-GDP-2018). Method of gdp_pc_2000prices (flag derived): current-price GDP per "
         "capita x GDP(2000) x product of the GDP index (previous year = 100, NBSDB-2021-GDPIDX) 2001..year / current-price "
         "GDP of the year, i.e. deflated by the province's implicit GDP deflator (2000 = 1); all three series of this one "
         "crawl, so NBS's own per-capita denominator is kept. A year is computed only if every index link since 2001 is present."),
    _src("UNEMP", "城镇登记失业人员及失业率", "Registered urban unemployed persons and rate", "就业人员和工资",
         "Missing: Tibet 2001, 2003, 2006-2008; Shanghai 2001. Hunan 2003 (3.8) and Xinjiang 2004 (3.5) differ "
         "from CSY2006 table 5-28 (4.5, 3.8): left out (PROVENANCE U)."),
    _src("ENERGY", "能源消耗指标", "Energy consumption indicators (per unit of GDP)", "能源",
         "Levels 2005-2008 are first releases (before the 2nd economic census revision); 2009-2010 after it; "
         "2011 at 2010 prices: kept as three ids. Tibet 2010 (1.276, possible row shift) and the 2017 change "
         "rates (9 provinces, round numbers) are left out (PROVENANCE U)."),
    _src("INC2013", "全体及分城乡居民收支基本情况（2013-）", "Income and consumption of all, urban and rural residents (integrated household survey, 2013-)", "人民生活",
         "Integrated household survey from 2013: a break from the old urban and rural surveys; not joined."),
    _src("URBINC", "城镇居民平均每人全年家庭收入来源（老口径）", "Urban household income per capita (old survey, to 2012)", "人民生活"),
    _src("RURINC", "按来源分农村居民家庭人均纯收入（老口径）", "Rural household net income per capita by source (old survey, to 2012)", "人民生活"),
    _src("URBCON", "城镇居民家庭平均每人全年消费性支出（老口径）", "Urban household consumption expenditure per capita (old survey, to 2012)", "人民生活",
         "Derived here (flag derived): engel_urban = food / consumption expenditure x 100; culture_spending_share_urban = "
         "education, culture and recreation / consumption expenditure x 100. PROVENANCE: the computed Engel coefficients "
         "equal the published ones within 0.05 pp (73 checked)."),
    _src("RURCON", "农村居民家庭平均每人消费支出（老口径）", "Rural household consumption expenditure per capita (old survey, to 2012)", "人民生活",
         "Derived here (flag derived): engel_rural = food / living consumption x 100; culture_spending_share_rural = "
         "education, culture and recreation / living consumption x 100. PROVENANCE: computed = published within 0.05 pp (41 checked)."),
    _src("RURHOUSE", "农村居民家庭住房情况（老口径）", "Rural household housing (old survey, to 2012)", "人民生活",
         "Rural only: the database has no urban per-capita housing area."),
    _src("POP", "总人口", "Year-end resident, urban and rural population", "人口"),
    _src("CPI", "居民消费价格指数和商品零售价格指数(上年=100)", "Consumer and retail price indices (previous year = 100)", "价格指数",
         "No rural CPI for Beijing, Tianjin, Shanghai and Tibet. Some values carry many decimals (computed inside the DB). "
         "Method of the income series at 2000 prices (flag derived): current-price income / product of the province's "
         "CPI (previous year = 100) 2001..year; all-resident income with the overall CPI, urban income with the urban CPI; "
         "old-survey (2002-2012) and integrated-survey (2013-2019) incomes deflated separately and kept as separate ids. "
         "A year is computed only if every CPI link since 2001 is present."),
]

# Tidy-file table name (after "NBS 分省年度数据 (data.stats.gov.cn): ") -> our source id.
_TABLE_SOURCE = {row["table"].split(" > ")[1]: row["source_id"] for row in SOURCES}


@dataclass(frozen=True)
class Series:
    """One tidy indicator (optionally a year range) mapped to one of our ids."""

    printed: str
    indicator_id: str
    years: tuple[int, int] = (1949, 2100)
    note: str = ""


_OLD = "old separate household survey (to 2012)"
_NEW = "integrated household survey (2013-)"
DIRECT = (
    Series("gdp_index_prev_year_100", "gdp_index_prev_year"),
    Series("urban_registered_unemployment_rate", "unemployment_urban_registered"),
    Series("energy_per_gdp_level", "energy_intensity_first_release", (2005, 2008),
           "first release at 2005 prices, before the 2nd economic census GDP revision"),
    Series("energy_per_gdp_level", "energy_intensity", (2009, 2010), "2005 prices, after the 2nd economic census GDP revision"),
    Series("energy_per_gdp_level", "energy_intensity_2010prices", (2011, 2011), "2010 prices"),
    Series("energy_per_gdp_change_pct", "energy_intensity_change"),
    Series("all_residents_disposable_income_pc", "resident_disposable_income", note=_NEW),
    Series("urban_disposable_income_pc", "urban_disposable_income_2013survey", note=_NEW),
    Series("rural_disposable_income_pc", "rural_disposable_income", note=_NEW),
    Series("all_residents_consumption_pc", "resident_consumption_expenditure", note=_NEW),
    Series("urban_consumption_pc", "urban_consumption_2013survey", note=_NEW),
    Series("rural_consumption_pc", "rural_consumption_2013survey", note=_NEW),
    Series("urban_disposable_income_pc_old_survey", "urban_disposable_income", note=_OLD),
    Series("rural_net_income_pc", "rural_net_income", note=_OLD),
    Series("rural_housing_floor_area_pc_old_survey", "rural_housing_area", note=_OLD),
    Series("resident_population_yearend", "population"),
    Series("urban_population_yearend", "urban_population"),
    Series("cpi_prev_year_100", "cpi_prev_year"),
    Series("cpi_urban_prev_year_100", "cpi_urban_prev_year"),
    Series("cpi_rural_prev_year_100", "cpi_rural_prev_year"),
)

# Ratios of two tidy indicators (x 100 for shares), flag derived: (id, numerator, denominator, scale).
RATIOS = (
    ("engel_urban", "urban_food_consumption_pc_old_survey", "urban_cash_consumption_pc_old_survey", 100.0),
    ("engel_rural", "rural_food_consumption_pc_old_survey", "rural_consumption_pc_old_survey", 100.0),
    ("culture_spending_share_urban", "urban_culture_education_recreation_consumption_pc_old_survey", "urban_cash_consumption_pc_old_survey", 100.0),
    ("culture_spending_share_rural", "rural_culture_education_recreation_consumption_pc_old_survey", "rural_consumption_pc_old_survey", 100.0),
    ("urban_rural_income_ratio", "urban_disposable_income_pc_old_survey", "rural_net_income_pc", 1.0),
    ("urban_rural_income_ratio_2013survey", "urban_disposable_income_pc", "rural_disposable_income_pc", 1.0),
    # Its own id: the bundle's tertiary_share is an earlier GDP revision (Dec 2018 export); the two are never joined.
    ("tertiary_share_nbsdb2021", "tertiary_va_current", "gdp_current", 100.0),
)

# Cells other modules already hold: max |existing - DB| that is only rounding of the printed
# figure (existing values are printed with fewer decimals). Beyond it the build fails unless the
# DB value is one PROVENANCE flags U (then the DB value is left out anyway).
_TOLERANCE = {
    "population": 0.5 + 1e-9,  # export rounded to whole 10,000 persons
    "unemployment_urban_registered": 0.05 + 1e-9,  # CSY2006 prints one decimal
    "urban_disposable_income": 0.6,  # PROVENANCE: equal within 0.6 yuan (yearbooks print whole yuan)
    "urban_disposable_income_2013survey": 0.6,
    "rural_net_income": 0.01,
    "resident_disposable_income": 0.05 + 1e-9,  # QHYB2018 prints one decimal
    "resident_consumption_expenditure": 0.05 + 1e-9,
    "energy_intensity": 0.0005 + 1e-9,
    "energy_intensity_change": 0.005 + 1e-9,
    "engel_urban": 0.05 + 1e-9,  # PROVENANCE: computed = published within 0.05 pp
    "engel_rural": 0.05 + 1e-9,
    "urban_rural_income_ratio": 0.002,  # existing ratio is of yearbook figures rounded to whole yuan
}


def _c(table: str) -> str:
    return f"confidence C (NBS DB table {table})"


def read_tidy(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    """The tidy crawl with area_code and our source_id; U values dropped (see module doc)."""
    path = require_file(reference_dir, TIDY_FILE)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype={"province_zh": str, "indicator": str})
    for column in ("province_zh", "year", "indicator", "value", "source", "confidence"):
        if column not in table:
            raise DataError(Location(TIDY_FILE, 1, column), "column missing")
    table["line"] = table.index + 2
    table["area_code"] = [
        area_code(matcher, name, TIDY_FILE, line, "province_zh") for name, line in zip(table["province_zh"], table["line"])
    ]
    table["table"] = table["source"].str.split(": ", n=1).str[1].str.strip()
    unknown = table.index[~table["table"].isin(_TABLE_SOURCE)]
    if len(unknown):
        raise DataError(Location(TIDY_FILE, int(table.at[unknown[0], "line"]), "source"), f"unknown DB table '{table.at[unknown[0], 'source']}'")
    table["source_id"] = table["table"].map(_TABLE_SOURCE)
    bad = table.index[~table["confidence"].isin(["C", "U"])]
    if len(bad):
        raise DataError(Location(TIDY_FILE, int(table.at[bad[0], "line"]), "confidence"), f"unexpected confidence '{table.at[bad[0], 'confidence']}'")
    table = table[table["value"].notna()]
    return table[table["confidence"] == "C"].reset_index(drop=True)


def _values(tidy: pd.DataFrame, printed: str) -> pd.DataFrame:
    return tidy[tidy["indicator"] == printed]


def _direct_rows(tidy: pd.DataFrame) -> list[dict]:
    records = []
    for series in DIRECT:
        rows = _values(tidy, series.printed)
        rows = rows[(rows["year"] >= series.years[0]) & (rows["year"] <= series.years[1])]
        for row in rows.itertuples(index=False):
            note = "; ".join(x for x in (_c(row.table), series.note) if x)
            records.append({
                "area_code": row.area_code, "indicator_id": series.indicator_id, "year": int(row.year),
                "value": round(float(row.value), 6), "subgroup": "total", "source_id": row.source_id,
                "vintage": VINTAGE, "flag": "official", "note": note,
            })
    return records


def _by_cell(tidy: pd.DataFrame, printed: str) -> pd.Series:
    rows = _values(tidy, printed)
    return rows.set_index(["area_code", "year"])["value"].astype(float)


def _ratio_rows(tidy: pd.DataFrame) -> list[dict]:
    records = []
    for indicator_id, numerator, denominator, scale in RATIOS:
        num, den = _by_cell(tidy, numerator), _by_cell(tidy, denominator)
        source = _values(tidy, denominator).set_index(["area_code", "year"])["source_id"]
        for key in sorted(set(num.index) & set(den.index)):
            if den[key] <= 0:
                continue
            records.append({
                "area_code": key[0], "indicator_id": indicator_id, "year": int(key[1]),
                "value": round(num[key] / den[key] * scale, 4), "subgroup": "total", "source_id": source[key],
                "vintage": VINTAGE, "flag": "derived",
                "note": f"confidence D: {numerator} / {denominator}{' x 100' if scale == 100 else ''} ({num[key]:.2f} / {den[key]:.2f})",
            })
    return records


def _per_area(series: pd.Series) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for (code, year), value in series.items():
        out.setdefault(code, {})[int(year)] = float(value)
    return out


# Constant-price series: (our id, base year). GDP per capita at the bases of the frameworks
# (NBS 2008: 2000 prices; FYP11: 2005; NBS 2013: 2010).
GDP_PC_BASES = (("gdp_pc_2000prices", 2000), ("gdp_pc_2005prices", 2005), ("gdp_pc_2010prices", 2010))
# (our id, tidy income, tidy CPI, CPI label, base year); each survey deflated on its own.
DEFLATED = (
    ("resident_disposable_income_2000prices", "all_residents_disposable_income_pc", "cpi_prev_year_100", "CPI", 2000),
    ("resident_disposable_income_2010prices", "all_residents_disposable_income_pc", "cpi_prev_year_100", "CPI", 2010),
    ("urban_disposable_income_2013survey_2000prices", "urban_disposable_income_pc", "cpi_urban_prev_year_100", "urban CPI", 2000),
    ("urban_disposable_income_2000prices", "urban_disposable_income_pc_old_survey", "cpi_urban_prev_year_100", "urban CPI", 2000),
    ("urban_disposable_income_2005prices", "urban_disposable_income_pc_old_survey", "cpi_urban_prev_year_100", "urban CPI", 2005),
    ("rural_net_income_2005prices", "rural_net_income_pc", "cpi_rural_prev_year_100", "rural CPI", 2005),
)


def _pc_note(base: int) -> str:
    return (
        f"confidence D: per-capita GDP (current) x GDP({base}) x chained GDP index (prev. year = 100, {base + 1}..year) "
        f"/ GDP (current), all NBSDB-2021 (implicit GDP deflator, {base} = 1)"
    )


def _constant_price_rows(tidy: pd.DataFrame) -> list[dict]:
    records = []
    pc = _per_area(_by_cell(tidy, "gdp_per_capita_current"))
    gdp = _per_area(_by_cell(tidy, "gdp_current"))
    index = _per_area(_by_cell(tidy, "gdp_index_prev_year_100"))
    for indicator_id, base in GDP_PC_BASES:
        for code in sorted(pc):
            values = per_capita_at_base_prices(pc[code], gdp.get(code, {}), index.get(code, {}), base)
            for year, value in sorted(values.items()):
                records.append({
                    "area_code": code, "indicator_id": indicator_id, "year": year, "value": round(value, 1),
                    "subgroup": "total", "source_id": "NBSDB-2021-GDP", "vintage": VINTAGE, "flag": "derived",
                    "note": _pc_note(base),
                })
    for indicator_id, income_name, cpi_name, cpi_label, base in DEFLATED:
        income = _per_area(_by_cell(tidy, income_name))
        cpi = _per_area(_by_cell(tidy, cpi_name))
        source = _values(tidy, income_name).set_index(["area_code", "year"])["source_id"]
        for code in sorted(income):
            for year, value in sorted(deflate(income[code], cpi.get(code, {}), base).items()):
                records.append({
                    "area_code": code, "indicator_id": indicator_id, "year": year, "value": round(value, 1),
                    "subgroup": "total", "source_id": source[(code, year)], "vintage": VINTAGE, "flag": "derived",
                    "note": (
                        f"confidence D: {income_name} / chained province {cpi_label} "
                        f"(prev. year = 100, {base + 1}..{year}; NBSDB-2021-CPI), {base} = 1"
                    ),
                })
    return records


# Residents' (urban + rural) shares from the old surveys, weighted by year-end urban and rural
# population: sum(part x population) / sum(consumption x population). (id, urban part, urban
# consumption, rural part, rural consumption.)
COMBINED = (
    ("engel_combined_old_survey", "urban_food_consumption_pc_old_survey", "urban_cash_consumption_pc_old_survey",
     "rural_food_consumption_pc_old_survey", "rural_consumption_pc_old_survey"),
    ("culture_spending_share_combined_old_survey", "urban_culture_education_recreation_consumption_pc_old_survey",
     "urban_cash_consumption_pc_old_survey", "rural_culture_education_recreation_consumption_pc_old_survey",
     "rural_consumption_pc_old_survey"),
)


def _combined_rows(tidy: pd.DataFrame) -> list[dict]:
    urban_pop = _by_cell(tidy, "urban_population_yearend")
    rural_pop = _by_cell(tidy, "resident_population_yearend") - urban_pop
    records = []
    for indicator_id, u_part, u_cons, r_part, r_cons in COMBINED:
        parts = pd.concat(
            [_by_cell(tidy, n).rename(n) for n in (u_part, u_cons, r_part, r_cons)] + [urban_pop.rename("pu"), rural_pop.rename("pr")],
            axis=1, join="inner",
        ).dropna()
        for (code, year), r in parts.iterrows():
            denominator = r[u_cons] * r["pu"] + r[r_cons] * r["pr"]
            if denominator <= 0 or r["pr"] < 0:
                continue
            records.append({
                "area_code": code, "indicator_id": indicator_id, "year": int(year),
                "value": round((r[u_part] * r["pu"] + r[r_part] * r["pr"]) / denominator * 100, 4), "subgroup": "total",
                "source_id": "NBSDB-2021-URBCON", "vintage": VINTAGE, "flag": "derived",
                "note": (
                    "confidence D: (urban x urban population + rural x rural population) / (urban consumption x urban population "
                    "+ rural consumption x rural population) x 100; old surveys (NBSDB-2021-URBCON, -RURCON), year-end population "
                    f"(NBSDB-2021-POP: urban {r['pu']:.1f}, rural {r['pr']:.1f} x 10,000)"
                ),
            })
    return records


def merge_with_existing(existing: pd.DataFrame, new: pd.DataFrame, tolerance: dict[str, float]) -> pd.DataFrame:
    """Rows of `new` for cells `existing` lacks; raise DataError where both hold a cell and differ.

    A cell is (indicator_id, area_code, year, subgroup). Only indicators named in `tolerance`
    may overlap; an overlap of any other indicator is an error (it would be two revisions).
    """
    keys = ["indicator_id", "area_code", "year", "subgroup"]
    old = existing[existing["indicator_id"].isin(set(new["indicator_id"]))]
    both = new.merge(old[keys + ["value", "source_id"]], on=keys, how="inner", suffixes=("", "_existing"))
    for row in both.itertuples(index=False):
        allowed = tolerance.get(row.indicator_id)
        if allowed is None:
            raise DataError(Location(TIDY_FILE), f"{row.indicator_id} {row.area_code} {row.year}: already bundled from {row.source_id_existing} and no overlap rule")
        if abs(float(row.value) - float(row.value_existing)) > allowed:
            raise DataError(
                Location(TIDY_FILE),
                f"{row.indicator_id} {row.area_code} {row.year}: DB {row.value} differs from bundled {row.value_existing} "
                f"({row.source_id_existing}) by more than {allowed:g}; a different revision or an error: explain it or keep them apart",
            )
    taken = pd.MultiIndex.from_frame(old[keys].astype({"year": int}))
    mask = ~pd.MultiIndex.from_frame(new[keys].astype({"year": int})).isin(taken)
    return new[mask].reset_index(drop=True)


def _existing(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    """Cells the other modules bundle for the ids this module extends."""
    return pd.concat(
        [yearbook_tables.observations(reference_dir, matcher), population_module.observations(reference_dir, matcher)],
        ignore_index=True,
    )


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    tidy = read_tidy(reference_dir, matcher)
    new = observation_frame(_direct_rows(tidy) + _ratio_rows(tidy) + _constant_price_rows(tidy) + _combined_rows(tidy))
    return merge_with_existing(_existing(reference_dir, matcher), new, _TOLERANCE)


def _ind(indicator_id: str, name_zh: str, name_en: str, unit_zh: str, unit_en: str, def_zh: str, def_en: str,
         better: str, decimals: str, mean: str, price_basis: str = "") -> dict:
    return {
        "indicator_id": indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit_zh, "unit_en": unit_en,
        "definition_zh": def_zh, "definition_en": def_en, "higher_is_better": better, "decimals": decimals,
        "regional_mean": mean, "kind": "numeric", "categories": "", "price_basis": price_basis,
    }


_PW = "population_weighted"
_DB_ZH = "国家统计局分省年度数据（约2021年抓取）。"
_DB_EN = "NBS provincial annual database (crawled about 2021, NBSDB-2021). "
# Indicators new with this module; ids it only extends are defined by their own modules.
INDICATORS = [
    _ind("tertiary_share_nbsdb2021", "第三产业增加值占地区生产总值比重（数据库2021年版）", "Tertiary industry share of GDP (database, 2021 vintage)",
         "%", "%", _DB_ZH + "第三产业增加值÷地区生产总值×100（同一抓取版本，计算值），2000-2019年；经三经普、四经普修订，"
         "与 tertiary_share（2018年12月导出，四经普前）为不同修订版本，不合并。",
         _DB_EN + "Tertiary value added / GDP x 100 of the same crawl (derived), 2000-2019, after the 3rd and 4th economic "
         "census revisions; a different revision from tertiary_share (Dec 2018 export, before the 4th census): never joined.",
         "true", "1", "plain"),
    _ind("gdp_index_prev_year", "地区生产总值指数（上年=100）", "GDP index (previous year = 100)", "上年=100", "previous year = 100",
         _DB_ZH + "按可比价格计算，2000-2019年。", _DB_EN + "At comparable prices, 2000-2019.", "true", "1", "plain"),
    _ind("gdp_pc_2000prices", "人均地区生产总值（2000年价格）", "GDP per capita at 2000 prices", "元（2000年价格）", "yuan (2000 prices)",
         "计算值：当年价人均GDP × 2000年GDP × 地区生产总值指数（上年=100）自2001年起的连乘 ÷ 当年价GDP，均为同一版本（NBSDB-2021），即以本省GDP隐含平减指数（2000=1）折算。",
         "Derived: current-price GDP per capita x GDP(2000) x chained GDP index (previous year = 100, 2001..year) / current-price GDP, "
         "all of one release (NBSDB-2021): current per-capita GDP deflated by the province's implicit GDP deflator (2000 = 1). "
         "Keeps NBS's own per-capita denominator (resident population only from 2005). Not comparable with gdp_pc "
         "(current prices, Dec 2018 release).",
         "true", "0", _PW, "constant_2000"),
    *[
        _ind(f"gdp_pc_{base}prices", f"人均地区生产总值（{base}年价格）", f"GDP per capita at {base} prices", f"元（{base}年价格）", f"yuan ({base} prices)",
             f"计算值：方法同 gdp_pc_2000prices，基年为{base}年（{base}-2019年）。",
             f"Derived like gdp_pc_2000prices with base year {base} ({base}-2019): current-price GDP per capita deflated by the "
             f"province's implicit GDP deflator ({base} = 1), NBSDB-2021.",
             "true", "0", _PW, f"constant_{base}")
        for base in (2005, 2010)
    ],
    _ind("resident_disposable_income_2010prices", "全体居民人均可支配收入（2010年价格）", "Per-capita disposable income, all residents, at 2010 prices", "元（2010年价格）", "yuan (2010 prices)",
         "计算值：全体居民人均可支配收入（一体化调查，2013-2019年）÷ 本省居民消费价格指数自2011年起的连乘（2010=1）。",
         "Derived: all-resident disposable income (integrated survey, 2013-2019) / the province's CPI (previous year = 100) chained from 2011 (2010 = 1), NBSDB-2021.",
         "true", "0", _PW, "constant_2010"),
    _ind("urban_disposable_income_2005prices", "城镇居民人均可支配收入（2005年价格，老口径）", "Urban per-capita disposable income at 2005 prices (old survey)", "元（2005年价格）", "yuan (2005 prices)",
         "计算值：城镇居民人均可支配收入（城镇住户调查，2005-2012年）÷ 本省城市居民消费价格指数自2006年起的连乘（2005=1）。",
         "Derived: urban disposable income (old urban survey, 2005-2012) / the province's urban CPI chained from 2006 (2005 = 1), NBSDB-2021.",
         "true", "0", _PW, "constant_2005"),
    _ind("rural_net_income_2005prices", "农村居民人均纯收入（2005年价格）", "Rural per-capita net income at 2005 prices", "元（2005年价格）", "yuan (2005 prices)",
         "计算值：农村居民人均纯收入（农村住户调查，2005-2012年）÷ 本省农村居民消费价格指数自2006年起的连乘（2005=1）；北京、天津、上海、西藏无农村价格指数，故缺。",
         "Derived: rural net income (old rural survey, 2005-2012) / the province's rural CPI chained from 2006 (2005 = 1), NBSDB-2021. "
         "Missing for Beijing, Tianjin, Shanghai and Tibet (no rural CPI): not filled with another index.",
         "true", "0", _PW, "constant_2005"),
    _ind("engel_combined_old_survey", "城乡居民恩格尔系数（老口径，按人口加权）", "Engel coefficient, urban and rural residents combined (old surveys, population-weighted)", "%", "%",
         "计算值：（城镇人均食品支出×城镇人口＋农村人均食品支出×乡村人口）÷（城镇人均消费性支出×城镇人口＋农村人均生活消费支出×乡村人口）×100，2005-2012年。城镇为现金消费支出、农村含实物消费，口径不完全相同。",
         "Derived: (urban food x urban population + rural food x rural population) / (urban consumption x urban population + rural "
         "consumption x rural population) x 100, old surveys 2005-2012, year-end population (NBSDB-2021). Urban is cash consumption, "
         "rural living consumption incl. in kind: the two bases differ slightly. Not an NBS-published figure; not joined with any integrated-survey Engel coefficient.",
         "false", "1", _PW),
    _ind("culture_spending_share_combined_old_survey", "城乡居民文教娱乐支出占消费支出比重（老口径，按人口加权）", "Education, culture and recreation spending share, urban and rural residents combined (old surveys, population-weighted)", "%", "%",
         "计算值：方法同 engel_combined_old_survey，分子为文教娱乐（服务）支出，2005-2012年。",
         "Derived like engel_combined_old_survey with education, culture and recreation spending as the numerator, old surveys 2005-2012 (NBSDB-2021). Not an NBS-published figure.",
         "true", "1", _PW),
    _ind("rural_disposable_income", "农村居民人均可支配收入", "Rural per-capita disposable income", "元", "yuan",
         _DB_ZH + "当年价格，2013-2019年，城乡一体化住户调查；与此前农村居民人均纯收入（rural_net_income）不连接。",
         _DB_EN + "Current prices, 2013-2019, integrated household survey; a break from rural_net_income (old survey), not joined.",
         "true", "0", _PW, "current"),
    _ind("urban_consumption_2013survey", "城镇居民人均消费支出（一体化调查）", "Urban per-capita consumption expenditure (integrated survey)", "元", "yuan",
         _DB_ZH + "当年价格，2013-2019年，城乡一体化住户调查。", _DB_EN + "Current prices, 2013-2019, integrated household survey.", "", "0", _PW, "current"),
    _ind("rural_consumption_2013survey", "农村居民人均消费支出（一体化调查）", "Rural per-capita consumption expenditure (integrated survey)", "元", "yuan",
         _DB_ZH + "当年价格，2013-2019年，城乡一体化住户调查。", _DB_EN + "Current prices, 2013-2019, integrated household survey.", "", "0", _PW, "current"),
    _ind("resident_disposable_income_2000prices", "全体居民人均可支配收入（2000年价格）", "Per-capita disposable income, all residents, at 2000 prices", "元（2000年价格）", "yuan (2000 prices)",
         "计算值：全体居民人均可支配收入（一体化调查，2013-2019年）÷ 本省居民消费价格指数（上年=100）自2001年起的连乘（2000=1）。",
         "Derived: all-resident disposable income (integrated survey, 2013-2019) / the province's CPI (previous year = 100) chained from 2001 (2000 = 1), NBSDB-2021.",
         "true", "0", _PW, "constant_2000"),
    _ind("urban_disposable_income_2000prices", "城镇居民人均可支配收入（2000年价格，老口径）", "Urban per-capita disposable income at 2000 prices (old survey)", "元（2000年价格）", "yuan (2000 prices)",
         "计算值：城镇居民人均可支配收入（城镇住户调查，2002-2012年）÷ 本省城市居民消费价格指数自2001年起的连乘（2000=1）。",
         "Derived: urban disposable income (old urban household survey, 2002-2012) / the province's urban CPI (previous year = 100) chained from 2001 (2000 = 1), NBSDB-2021. Not joined with the integrated-survey series.",
         "true", "0", _PW, "constant_2000"),
    _ind("urban_disposable_income_2013survey_2000prices", "城镇居民人均可支配收入（2000年价格，一体化调查）", "Urban per-capita disposable income at 2000 prices (integrated survey)", "元（2000年价格）", "yuan (2000 prices)",
         "计算值：城镇居民人均可支配收入（一体化调查，2013-2019年）÷ 本省城市居民消费价格指数自2001年起的连乘（2000=1）。",
         "Derived: urban disposable income (integrated survey, 2013-2019) / the province's urban CPI (previous year = 100) chained from 2001 (2000 = 1), NBSDB-2021.",
         "true", "0", _PW, "constant_2000"),
    _ind("culture_spending_share_urban", "城镇居民文教娱乐支出占消费支出比重", "Urban households' education, culture and recreation spending share", "%", "%",
         "计算值：城镇居民人均文教娱乐服务支出 ÷ 人均消费性支出 × 100，2002-2012年（老口径）。",
         "Derived: urban per-capita spending on education, culture and recreation / per-capita consumption expenditure x 100, old urban survey 2002-2012 (NBSDB-2021).",
         "true", "1", _PW),
    _ind("culture_spending_share_rural", "农村居民文教娱乐支出占消费支出比重", "Rural households' education, culture and recreation spending share", "%", "%",
         "计算值：农村居民人均文教娱乐支出 ÷ 人均生活消费支出 × 100，2002-2012年（老口径）。",
         "Derived: rural per-capita spending on education, culture and recreation / per-capita living consumption x 100, old rural survey 2002-2012 (NBSDB-2021).",
         "true", "1", _PW),
    _ind("rural_housing_area", "农村居民人均住房面积", "Rural per-capita housing floor area", "平方米", "m²",
         _DB_ZH + "农村住户调查（老口径），2002-2012年，年末人均住房面积。数据库无城镇人均住房面积。",
         _DB_EN + "Year-end per-capita housing floor area of rural households, old rural survey 2002-2012. The database has no urban per-capita housing area.",
         "true", "1", _PW),
    _ind("cpi_prev_year", "居民消费价格指数（上年=100）", "Consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         _DB_ZH + "2000-2019年。", _DB_EN + "2000-2019.", "", "1", "plain"),
    _ind("cpi_urban_prev_year", "城市居民消费价格指数（上年=100）", "Urban consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         _DB_ZH + "2000-2019年。", _DB_EN + "2000-2019.", "", "1", "plain"),
    _ind("cpi_rural_prev_year", "农村居民消费价格指数（上年=100）", "Rural consumer price index (previous year = 100)", "上年=100", "previous year = 100",
         _DB_ZH + "2000-2019年；北京、天津、上海、西藏无农村居民消费价格指数。", _DB_EN + "2000-2019; none for Beijing, Tianjin, Shanghai and Tibet.", "", "1", "plain"),
    _ind("energy_intensity_first_release", "单位地区生产总值能耗（初次公布，2005年价格）", "Energy use per unit of GDP (first release, 2005 prices)", "吨标准煤/万元", "t SCE per 10,000 yuan",
         _DB_ZH + "2005-2008年，初次公布值（第二次经济普查GDP修订前）；2009年公报已修订这些年份，故与 energy_intensity（修订后）分列。",
         _DB_EN + "2005-2008 as first released, before the 2nd economic census GDP revision; the 2009 communiqué revised these years "
         "(national 2005-2008: 1.276, 1.241, 1.179, 1.118), so they are kept apart from energy_intensity. Do not compute changes across 2008/2009.",
         "false", "3", "plain", "constant_2005"),
    _ind("energy_intensity_2010prices", "单位地区生产总值能耗（2010年价格）", "Energy use per unit of GDP (2010 prices)", "吨标准煤/万元", "t SCE per 10,000 yuan",
         _DB_ZH + "2011年，按2010年价格计算。", _DB_EN + "2011, GDP at 2010 prices.", "false", "3", "plain", "constant_2010"),
    _ind("urban_population", "年末城镇人口", "Urban population (year-end)", "万人", "10,000 persons",
         _DB_ZH + "2005-2019年，七普修订前。", _DB_EN + "2005-2019, before the 7th-census revision.", "", "0", "none"),
    _ind("urban_rural_income_ratio_2013survey", "城乡居民收入比（一体化调查）", "Urban-rural income ratio (integrated survey)", "倍", "ratio",
         "计算值：城镇居民人均可支配收入 ÷ 农村居民人均可支配收入，2013-2019年（一体化调查）；与此前（纯收入口径）不连接。",
         "Derived: urban / rural per-capita disposable income, integrated survey 2013-2019 (NBSDB-2021); not joined with urban_rural_income_ratio (old surveys, rural net income).",
         "false", "2", "plain"),
]


def _ext(indicator_id: str, years: str, check_zh: str, check_en: str, price_basis: str = "") -> dict:
    return {
        "indicator_id": indicator_id,
        "definition_zh": f"另由国家统计局分省年度数据（NBSDB-2021）补充{years}年中原来源缺失的省份年份；两者都有的数值经核对一致（{check_zh}），保留原来源数值。",
        "definition_en": (
            f"Extended with the NBS provincial database (NBSDB-2021) for {years} where the source above lacks the "
            f"province-year; where both hold a value they agree ({check_en}) and the source above is kept."
        ),
        "price_basis": price_basis,
    }


# Ids defined by other modules that this module extends (same concept and revision, checked
# cell by cell in merge_with_existing), and the price basis of monetary ids defined elsewhere.
AMENDMENTS = [
    _ext("urban_disposable_income", "2002-2012", "差≤0.6元", "within 0.6 yuan", "current"),
    _ext("urban_disposable_income_2013survey", "2013-2019", "差≤0.6元", "within 0.6 yuan", "current"),
    _ext("resident_disposable_income", "2013-2019", "差≤0.05元", "within 0.05 yuan", "current"),
    _ext("resident_consumption_expenditure", "2013-2019", "差≤0.05元", "within 0.05 yuan", "current"),
    _ext("rural_net_income", "2002-2012", "完全一致", "identical", "current"),
    {**_ext("engel_urban", "2002-2012", "差≤0.05个百分点", "within 0.05 pp"),
     "definition_zh": _ext("engel_urban", "2002-2012", "差≤0.05个百分点", "")["definition_zh"]
     + "数据库部分为计算值（食品支出÷消费性支出×100，标记derived）。",
     "definition_en": _ext("engel_urban", "2002-2012", "", "within 0.05 pp")["definition_en"]
     + " Database values are derived (food / cash consumption expenditure x 100, flag derived)."},
    {**_ext("engel_rural", "2002-2012", "差≤0.05个百分点", "within 0.05 pp"),
     "definition_zh": _ext("engel_rural", "2002-2012", "差≤0.05个百分点", "")["definition_zh"]
     + "数据库部分为计算值（食品支出÷生活消费支出×100，标记derived）。",
     "definition_en": _ext("engel_rural", "2002-2012", "", "within 0.05 pp")["definition_en"]
     + " Database values are derived (food / living consumption expenditure x 100, flag derived)."},
    {**_ext("unemployment_urban_registered", "2000-2019", "四舍五入后一致", "equal after rounding"),
     "definition_en": _ext("unemployment_urban_registered", "2000-2019", "", "equal after rounding")["definition_en"]
     + " Hunan 2003 and Xinjiang 2004 differ (DB 3.8 and 3.5, CSY2006 4.5 and 3.8): the database values are left out."},
    {**_ext("energy_intensity", "2009-2010", "完全一致", "identical", "constant_2005"),
     "definition_en": _ext("energy_intensity", "2009-2010", "", "identical")["definition_en"]
     + " 2005 prices, after the 2nd economic census GDP revision. The 2005-2008 first releases are energy_intensity_first_release; "
     "2011 at 2010 prices is energy_intensity_2010prices. Tibet 2010 (possible row shift) left out."},
    _ext("energy_intensity_change", "2006-2015", "差≤0.005个百分点", "within 0.005 pp; the 2017 column (9 round numbers) is left out"),
    _ext("urban_rural_income_ratio", "2002-2012", "差≤0.002", "within 0.002; database values derived from its own income tables"),
    _ext("population", "2019", "差≤0.5万人（原来源取整）", "within 0.5 (the 2020 export is rounded); both before the 7th-census revision"),
    {"indicator_id": "gdp", "price_basis": "current"},
    {"indicator_id": "gdp_rev2024", "price_basis": "current"},
    {"indicator_id": "gdp_pc", "price_basis": "current"},
    {"indicator_id": "rural_net_income_2013", "price_basis": "current"},
    {"indicator_id": "rd_expenditure", "price_basis": "current"},
]
