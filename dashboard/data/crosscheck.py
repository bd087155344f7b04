"""Cross-check of bundled values against the NBS database crawls (pandas only).

Every bundled value whose concept the NBS national database crawls (area 100000) or the NBS
provincial database crawl (provinces) also hold is compared with the crawl's value for the same
area, year and subgroup. Two values agree when they are equal at the precision of the coarser of
the two (decimals as stored, capped at the indicator's display decimals): 1,577.74 vs 1,577.7 agree,
1,220.98 vs 1,577.74 do not. Each disagreement must be explained by a row of
data/crosscheck_explanations.csv (indicator, area, years, bundled source, reason); the build
fails on any disagreement without one, after writing the report.

The reference values are read from the crawl files directly, so rows another module bundles from
the same crawl are compared with their own source and must agree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.errors import DataError, Location

NATIONAL_TIDY = "nbs_national_annual/nbs_national_annual_tidy.csv"
PROVINCIAL_TIDY = "nbs_provincial_db_crawl/nbs_provincial_db_tidy.csv"
PROVINCIAL_DERIVED = "nbs_provincial_db_crawl/derived_indicators.csv"
EXPLANATIONS_FILE = "crosscheck_explanations.csv"
REPORT_FILE = "CROSSCHECK.md"
DISAGREEMENTS_FILE = "crosscheck_disagreements.csv"
EXPLANATION_COLUMNS = ("indicator_id", "area", "years", "source_id", "reason")


@dataclass(frozen=True)
class Concept:
    """One of our ids (and subgroup) and the crawl indicator holding the same concept."""

    indicator_id: str
    national: str | None = None  # indicator in the national tidy file
    provincial: str | None = None  # indicator in the provincial tidy or derived file
    subgroup: str = "total"
    years: tuple[int, int] | None = None  # only these years share the concept (price bases)


CONCEPTS = (
    Concept("gdp", "gdp_current", "gdp_current"),
    Concept("gdp_pc", "gdp_per_capita_current", "gdp_per_capita_current"),
    Concept("gdp_index_prev_year", "gdp_index_prev_year_100", "gdp_index_prev_year_100"),
    Concept("tertiary_share", "tertiary_share_gdp", "tertiary_share_of_gdp"),
    Concept("population", "population_yearend", "resident_population_yearend"),
    Concept("urban_population", "urban_population_yearend", "urban_population_yearend"),
    Concept("urbanisation", "urbanisation_rate", "urbanisation_rate_from_db"),
    Concept("unemployment_urban_registered", "urban_registered_unemployment_rate", "urban_registered_unemployment_rate"),
    Concept("urban_disposable_income", "urban_disposable_income_pc_old_survey", "urban_disposable_income_pc_old_survey"),
    Concept("rural_net_income", "rural_net_income_pc", "rural_net_income_pc"),
    Concept("resident_disposable_income", "all_residents_disposable_income_pc", "all_residents_disposable_income_pc"),
    Concept("urban_disposable_income_2013survey", "urban_disposable_income_pc", "urban_disposable_income_pc"),
    Concept("rural_disposable_income", "rural_disposable_income_pc", "rural_disposable_income_pc"),
    Concept("resident_consumption_expenditure", None, "all_residents_consumption_pc"),
    Concept("urban_consumption_2013survey", None, "urban_consumption_pc"),
    Concept("rural_consumption_2013survey", None, "rural_consumption_pc"),
    Concept("engel_urban", "urban_engel_coefficient_old_survey", "urban_engel_coefficient_old_survey"),
    Concept("engel_rural", "rural_engel_coefficient_old_survey", "rural_engel_coefficient_old_survey"),
    Concept("engel_resident", "engel_coefficient_all_residents"),
    Concept("engel_urban_2013survey", "urban_engel_coefficient"),
    Concept("engel_rural_2013survey", "rural_engel_coefficient"),
    Concept("engel_rural_2013", "rural_engel_coefficient", years=(2013, 2013)),
    Concept("culture_spending_share_urban", None, "urban_culture_education_recreation_share_old_survey"),
    Concept("culture_spending_share_rural", None, "rural_culture_education_recreation_share_old_survey"),
    Concept("rural_housing_area", None, "rural_housing_floor_area_pc_old_survey"),
    Concept("gini_disposable_income", "gini_disposable_income"),
    Concept("rd_expenditure", "rd_expenditure"),
    Concept("energy_consumption_total", "energy_consumption_total"),
    Concept("energy_intensity", None, "energy_per_gdp_level", years=(2005, 2010)),
    Concept("energy_intensity_2010prices", None, "energy_per_gdp_level", years=(2011, 2011)),
    Concept("energy_intensity_change", None, "energy_per_gdp_change_pct"),
    Concept("internet_penetration", "internet_penetration"),
    Concept("forest_coverage", "forest_coverage"),
    Concept("illiteracy_census_total", "illiteracy_rate_census"),
    Concept("illiteracy_sample", "illiteracy_rate_15plus_sample_derived"),
    Concept("cpi_prev_year", "cpi_prev_year_100", "cpi_prev_year_100"),
    Concept("cpi_urban_prev_year", "cpi_urban_prev_year_100", "cpi_urban_prev_year_100"),
    Concept("cpi_rural_prev_year", "cpi_rural_prev_year_100", "cpi_rural_prev_year_100"),
    Concept("mmr", "maternal_mortality_ratio"),
    Concept("mmr", "maternal_mortality_ratio_urban", subgroup="urban"),
    Concept("mmr", "maternal_mortality_ratio_rural", subgroup="rural"),
    Concept("imr", "infant_mortality_rate"),
    Concept("imr", "infant_mortality_rate_urban", subgroup="urban"),
    Concept("imr", "infant_mortality_rate_rural", subgroup="rural"),
    Concept("u5mr", "under5_mortality_rate"),
    Concept("u5mr", "under5_mortality_rate_urban", subgroup="urban"),
    Concept("u5mr", "under5_mortality_rate_rural", subgroup="rural"),
    Concept("primary_net_enrolment", "primary_net_enrolment_rate"),
    Concept("women_npc_seats_share", "npc_women_deputies_share_derived"),
    Concept("life_expectancy", "life_expectancy"),
    Concept("life_expectancy", "life_expectancy_male", subgroup="male"),
    Concept("life_expectancy", "life_expectancy_female", subgroup="female"),
)

_REFERENCE_COLUMNS = ["area_code", "indicator_id", "subgroup", "year", "ref_value", "ref_text", "reference"]


def decimals(text: object) -> int:
    """Decimals of a number as written ('1577.74' -> 2, '30' -> 0, 1e-05 -> 5)."""
    if isinstance(text, float):
        text = repr(round(text, 10))
    text = str(text).strip().lower()
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(decimals(mantissa) - int(exponent), 0)
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def agree(a: float, a_text: object, b: float, b_text: object, display_decimals: int | None = None) -> bool:
    """Equal at the precision of the coarser value (and at most the display precision)."""
    places = min(decimals(a_text), decimals(b_text))
    if display_decimals is not None:
        places = min(places, int(display_decimals))
    return abs(a - b) <= 0.5 * 10 ** -places + 1e-9 * max(abs(a), abs(b), 1.0)


def _read(reference_dir: Path, relative: str) -> pd.DataFrame:
    path = Path(reference_dir) / relative
    if not path.is_file():
        raise DataError(Location(relative), f"cross-check reference file not found under {reference_dir}")
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def reference_values(reference_dir: Path, matcher) -> pd.DataFrame:
    """Crawl values mapped to our ids: one row per (area, indicator, subgroup, year)."""
    frames = []
    national = _read(reference_dir, NATIONAL_TIDY)
    national = national[~national["note"].str.startswith("superseded") & (national["value"].str.strip() != "")]
    national = national.assign(reference=national["crawl_date_or_vintage"].str.split(";").str[0].str.split(" \\(").str[0])
    for concept in CONCEPTS:
        if concept.national:
            rows = national[national["indicator"] == concept.national]
            frames.append(pd.DataFrame({
                "area_code": schema.NATIONAL, "indicator_id": concept.indicator_id, "subgroup": concept.subgroup,
                "year": rows["year"].astype(int), "ref_value": rows["value"].astype(float), "ref_text": rows["value"],
                "reference": "NBS national DB, " + rows["reference"],
            }))
    provincial = pd.concat([_read(reference_dir, PROVINCIAL_TIDY), _read(reference_dir, PROVINCIAL_DERIVED)], ignore_index=True)
    provincial = provincial[provincial["value"].str.strip() != ""]
    codes = {name: matcher.code_for(name) for name in provincial["province_zh"].unique()}
    unknown = [name for name, code in codes.items() if code is None]
    if unknown:
        raise DataError(Location(PROVINCIAL_TIDY, column="province_zh"), f"unknown region name '{unknown[0]}'")
    for concept in CONCEPTS:
        if concept.provincial:
            rows = provincial[provincial["indicator"] == concept.provincial]
            frames.append(pd.DataFrame({
                "area_code": rows["province_zh"].map(codes), "indicator_id": concept.indicator_id,
                "subgroup": concept.subgroup, "year": rows["year"].astype(int), "ref_value": rows["value"].astype(float),
                "ref_text": rows["value"], "reference": "NBS provincial DB crawl (~2021)",
            }))
    reference = pd.concat(frames, ignore_index=True)[_REFERENCE_COLUMNS]
    keep = pd.Series(True, index=reference.index)
    for concept in CONCEPTS:
        if concept.years:
            rows = (reference["indicator_id"] == concept.indicator_id) & (reference["subgroup"] == concept.subgroup)
            keep &= ~rows | reference["year"].between(*concept.years)
    return reference[keep].drop_duplicates(["area_code", "indicator_id", "subgroup", "year"], keep="first")


def compare(observations: pd.DataFrame, reference: pd.DataFrame, display_decimals: dict[str, int]) -> pd.DataFrame:
    """Every bundled value with a reference value: columns of both plus `agrees`."""
    bundled = observations.dropna(subset=["value"]).copy()
    bundled["year"] = bundled["year"].astype(int)
    merged = bundled.merge(reference, on=["area_code", "indicator_id", "subgroup", "year"], how="inner")
    merged["agrees"] = [
        agree(float(row.value), float(row.value), float(row.ref_value), row.ref_text, display_decimals.get(row.indicator_id))
        for row in merged.itertuples(index=False)
    ]
    return merged


def _years_match(pattern: str, year: int) -> bool:
    pattern = str(pattern).strip()
    if pattern in ("", "*"):
        return True
    for part in pattern.split(";"):
        part = part.strip()
        if "-" in part:
            first, last = part.split("-", 1)
            if int(first) <= year <= int(last):
                return True
        elif part and int(part) == year:
            return True
    return False


def _area_matches(pattern: str, area_code: str) -> bool:
    pattern = str(pattern).strip()
    if pattern in ("", "*"):
        return True
    if pattern == "province":
        return area_code != schema.NATIONAL
    return area_code in [p.strip() for p in pattern.split(";")]


def explanation_key(position: int) -> str:
    """E1, E2, ...: the data row of crosscheck_explanations.csv (E1 = line 2)."""
    return f"E{position + 1}"


def explain(disagreements: pd.DataFrame, explanations: pd.DataFrame) -> pd.Series:
    """The key (explanation_key) of the first explanation covering each disagreement, or ''."""
    reasons = []
    for row in disagreements.itertuples(index=False):
        reason = ""
        for position, rule in enumerate(explanations.itertuples(index=False)):
            if rule.indicator_id != row.indicator_id:
                continue
            if str(rule.source_id).strip() not in ("", "*", row.source_id):
                continue
            if _area_matches(rule.area, row.area_code) and _years_match(rule.years, int(row.year)):
                reason = explanation_key(position)
                break
        reasons.append(reason)
    return pd.Series(reasons, index=disagreements.index, dtype=str)


def read_explanations(data_dir: Path) -> pd.DataFrame:
    path = Path(data_dir) / EXPLANATIONS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(EXPLANATION_COLUMNS))
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in EXPLANATION_COLUMNS if c not in table]
    if missing:
        raise DataError(Location(EXPLANATIONS_FILE, 1), f"header lacks column(s) {', '.join(missing)}")
    empty = table.index[table["reason"].str.strip() == ""]
    if len(empty):
        raise DataError(Location(EXPLANATIONS_FILE, int(empty[0]) + 2, "reason"), "an explanation needs a reason")
    return table


@dataclass(frozen=True)
class CrosscheckResult:
    compared: pd.DataFrame  # every comparison, with `agrees` and `reason` (an explanation key)
    superseded: pd.DataFrame  # rows dropped because a preferred source holds the same cell
    explanations: pd.DataFrame | None = None

    def reason_text(self, key: str) -> str:
        if not key or self.explanations is None:
            return ""
        return str(self.explanations.iloc[int(key[1:]) - 1]["reason"])

    @property
    def disagreements(self) -> pd.DataFrame:
        return self.compared[~self.compared["agrees"]]

    @property
    def unexplained(self) -> pd.DataFrame:
        d = self.disagreements
        return d[d["reason"] == ""]


def run(observations: pd.DataFrame, reference: pd.DataFrame, display_decimals: dict[str, int],
        explanations: pd.DataFrame, superseded: pd.DataFrame | None = None) -> CrosscheckResult:
    compared = compare(observations, reference, display_decimals)
    compared["reason"] = ""
    bad = ~compared["agrees"]
    compared.loc[bad, "reason"] = explain(compared[bad], explanations)
    empty = pd.DataFrame(columns=list(schema.OBSERVATIONS.columns))
    return CrosscheckResult(compared, superseded if superseded is not None else empty, explanations)


def _fmt(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)


def render(result: CrosscheckResult) -> str:
    c = result.compared
    lines = [
        "# Cross-check of the bundle against the NBS database crawls",
        "",
        "Generated by `python -m dashboard.data build` (dashboard/data/crosscheck.py); do not edit by hand.",
        "Each bundled value is compared with the NBS national database crawls (area 100000) or the NBS",
        "provincial database crawl (provinces) where both hold the same concept, area, year and subgroup.",
        "Agreement: equal at the precision of the coarser value (capped at the indicator's display decimals).",
        "Disagreements must be explained in `data/crosscheck_explanations.csv`; the build fails otherwise.",
        "",
        f"**{len(c)} comparisons: {int(c['agrees'].sum())} agree, {len(result.disagreements)} disagree "
        f"({len(result.disagreements) - len(result.unexplained)} explained, {len(result.unexplained)} unexplained).**",
        "",
        "| indicator | source | area | years | compared | agree | disagree | reason |",
        "|---|---|---|---|---|---|---|---|",
    ]
    if len(c):
        c = c.assign(scope=c["area_code"].where(c["area_code"] == schema.NATIONAL, "provinces"))
        for (indicator_id, source_id, scope), rows in c.groupby(["indicator_id", "source_id", "scope"]):
            bad = rows[~rows["agrees"]]
            reasons = ", ".join(sorted(set(bad["reason"].replace("", "**UNEXPLAINED**"))))
            lines.append(
                f"| `{indicator_id}` | {source_id} | {'national' if scope == schema.NATIONAL else 'provinces'} | "
                f"{rows['year'].min()}-{rows['year'].max()} | {len(rows)} | {int(rows['agrees'].sum())} | {len(bad)} | {reasons} |"
            )
    used = sorted(set(result.disagreements["reason"]) - {""}, key=lambda k: int(k[1:]))
    lines += ["", "## Explanations used", "", "From `data/crosscheck_explanations.csv` (E1 = its first data row).", ""]
    counts = result.disagreements["reason"].value_counts()
    lines += [f"- **{key}** ({counts.get(key, 0)} values): {result.reason_text(key)}" for key in used]
    lines += ["", "## Disagreements", "",
              "| indicator | area | year | subgroup | bundled (source) | crawl (reference) | reason |", "|---|---|---|---|---|---|---|"]
    for row in result.disagreements.sort_values(["indicator_id", "area_code", "year"]).itertuples(index=False):
        lines.append(
            f"| `{row.indicator_id}` | {row.area_code} | {row.year} | {row.subgroup} | {_fmt(row.value)} ({row.source_id}) | "
            f"{_fmt(row.ref_value)} ({row.reference}) | {row.reason or '**UNEXPLAINED**'} |"
        )
    s = result.superseded
    lines += ["", "## Superseded rows", "",
              "Values another module holds for a cell the NBS database series also holds; the database series is bundled,",
              "these are dropped (and were compared above when the crawl holds the same concept).", "",
              f"{len(s)} rows.", ""]
    if len(s):
        lines += ["| indicator | area | year | subgroup | value | source |", "|---|---|---|---|---|---|"]
        for row in s.sort_values(["indicator_id", "area_code", "year"]).itertuples(index=False):
            lines.append(f"| `{row.indicator_id}` | {row.area_code} | {row.year} | {row.subgroup} | "
                         f"{_fmt(float(row.value))} | {row.source_id} |")
    return "\n".join(lines) + "\n"


def write_report(result: CrosscheckResult, out_dir: Path) -> None:
    columns = ["indicator_id", "area_code", "year", "subgroup", "value", "source_id", "vintage", "ref_value", "reference", "reason"]
    result.disagreements.sort_values(["indicator_id", "area_code", "year"])[columns].rename(columns={"reason": "explanation"}).to_csv(
        Path(out_dir) / DISAGREEMENTS_FILE, index=False, encoding="utf-8", lineterminator="\n")
    (Path(out_dir) / REPORT_FILE).write_text(render(result), encoding="utf-8")


def fail_on_unexplained(result: CrosscheckResult) -> None:
    bad = result.unexplained
    if len(bad):
        row = bad.iloc[0]
        raise DataError(
            Location(EXPLANATIONS_FILE),
            f"{len(bad)} unexplained disagreement(s) with the NBS database crawls (see {REPORT_FILE}); first: "
            f"{row['indicator_id']} {row['area_code']} {row['year']} {row['subgroup']}: bundled {row['value']:g} "
            f"({row['source_id']}) vs {row['ref_value']:g} ({row['reference']})",
        )
