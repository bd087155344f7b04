"""National series from the NBS national database crawls in the committed bundle (reads data/),
and the pure helpers of the bundle module."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.bundle import nbs_national
from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value

NATIONAL = "100000"

# id -> (first year, last year, number of years) of the national series
COVERAGE = {
    "gdp": (2000, 2022, 23),
    "gdp_index_prev_year": (2000, 2022, 23),
    "gdp_pc": (2000, 2022, 23),
    "gdp_pc_2000prices": (2000, 2022, 23),
    "tertiary_share": (2000, 2022, 23),
    "population": (1978, 2022, 45),
    "urban_population": (1978, 2022, 45),
    "urbanisation": (1978, 2022, 45),
    "unemployment_urban_registered": (1978, 2021, 44),
    "urban_disposable_income": (1978, 2012, 35),
    "rural_net_income": (1978, 2012, 35),
    "engel_urban": (1978, 2012, 34),
    "engel_rural": (1978, 2012, 35),
    "resident_disposable_income": (2000, 2022, 23),
    "urban_disposable_income_2013survey": (2000, 2022, 23),
    "rural_disposable_income": (2000, 2022, 23),
    "resident_disposable_income_2000prices": (2013, 2022, 10),
    "engel_resident": (2000, 2022, 23),
    "gini_disposable_income": (2003, 2021, 19),
    "rd_expenditure": (1995, 2023, 29),  # 1995-2009 crawls, 2010-2023 the R&D bulletins (rd_intensity.py)
    "energy_consumption_total": (2000, 2022, 23),
    "internet_penetration": (2002, 2022, 21),
    "illiteracy_census_total": (1982, 2020, 5),
    "illiteracy_sample": (2002, 2021, 18),
    "cpi_prev_year": (1978, 2022, 45),
    "cpi_rural_prev_year": (1985, 2022, 38),
    "mmr": (1990, 2021, 32),  # 1990 = the MDG baseline from China's MDG reporting
    "imr": (1991, 2021, 31),
    "u5mr": (1991, 2021, 31),
    "primary_net_enrolment": (1978, 2020, 43),
    "women_npc_seats_share": (1978, 2018, 10),  # 9 NPCs + the 2006 MDG quote
    "forest_coverage": (2003, 2018, 4),  # 6th-9th inventories
}


def _national(dataset: Dataset, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
    return dataset.series(indicator_id, NATIONAL, subgroup)


@pytest.mark.parametrize("indicator_id", sorted(COVERAGE))
def test_national_coverage_per_id(dataset: Dataset, indicator_id: str) -> None:
    years = _national(dataset, indicator_id)["year"].astype(int)
    assert (years.min(), years.max(), len(years)) == COVERAGE[indicator_id]


@pytest.mark.parametrize(
    ("indicator_id", "year", "subgroup", "expected", "tolerance"),
    [
        ("urbanisation", 2010, "total", 49.95, 0.005),  # year-end, not the census-day 49.68
        ("mmr", 2010, "total", 30.0, 0.05),
        ("imr", 2010, "total", 13.1, 0.05),
        ("u5mr", 2010, "total", 16.4, 0.05),
        ("rural_net_income", 1995, "total", 1577.74, 0.005),  # not the 1,220.98 of CSY2000's mislabelled column
        ("rural_net_income", 1994, "total", 1220.98, 0.005),
        ("rural_net_income", 1997, "total", 2090.13, 0.005),
        ("rural_net_income", 2010, "total", 5919.0, 0.05),
        ("urban_disposable_income", 2010, "total", 19109.4, 0.05),
        ("urban_disposable_income_2013survey", 2010, "total", 18779, 0.5),  # back-calculation
        ("resident_disposable_income", 2010, "total", 12520, 0.5),
        ("engel_urban", 2010, "total", 35.7, 0.05),
        ("engel_urban_2013survey", 2010, "total", 31.9, 0.05),
        ("gdp", 2010, "total", 412119.3, 0.05),
        ("gdp", 2020, "total", 1013567.0, 0.5),  # final verification, not the first release 1,015,986
        ("tertiary_share", 2010, "total", 44.2, 0.05),
        ("population", 2011, "total", 134916, 0.5),  # after the 7th-census revision
        ("internet_penetration", 2020, "total", 70.4, 0.05),
        ("unemployment_urban_registered", 2020, "total", 4.2, 0.05),
        ("cpi_prev_year", 2020, "total", 102.5, 0.05),
        ("illiteracy_census_total", 2010, "total", 4.08, 0.005),
        ("illiteracy_census_total", 2020, "total", 2.67, 0.005),
        ("illiteracy_sample", 2008, "total", 7.77, 0.005),
        ("forest_coverage", 2008, "total", 20.36, 0.005),
        ("forest_coverage", 2013, "total", 21.63, 0.005),
        ("forest_coverage", 2018, "total", 22.96, 0.005),
        ("forest_coverage", 2003, "total", 18.21, 0.005),
        ("women_npc_seats_share", 2018, "total", 24.9, 0.05),
    ],
)
def test_national_spot_values(dataset: Dataset, indicator_id, year, subgroup, expected, tolerance) -> None:
    assert value(dataset, indicator_id, NATIONAL, year, subgroup) == pytest.approx(expected, abs=tolerance)


def test_mch_series_have_urban_and_rural_subgroups(dataset: Dataset) -> None:
    for indicator_id in ("mmr", "imr", "u5mr"):
        for subgroup in ("urban", "rural"):
            years = _national(dataset, indicator_id, subgroup)["year"]
            assert (years.min(), years.max(), len(years)) == (1991, 2021, 31), (indicator_id, subgroup)


def test_database_series_supersede_report_quotes_of_the_same_cell(dataset: Dataset) -> None:
    mmr = _national(dataset, "mmr").set_index("year")
    assert mmr.at[1990, "source_id"] == "KEYANHELP-2010-09-19"  # baseline, not in the database
    assert set(mmr.loc[1991:, "source_id"]) <= set(nbs_national.PREFERRED_SOURCES)
    assert (_national(dataset, "rural_net_income")["source_id"].isin(nbs_national.PREFERRED_SOURCES)).all()


def test_csy2000_mislabelled_columns_are_left_out_for_every_area(dataset: Dataset) -> None:
    obs = dataset.observations
    csy2000 = obs[obs["source_id"] == "CSY2000-10-16"]
    assert len(csy2000) == 20 * 4  # 20 provinces x 1985, 1990, 1998, 1999 (national row superseded)
    assert set(csy2000["year"]) == {1985, 1990, 1998, 1999}


def test_integrated_survey_back_calculations_are_flagged_and_never_in_the_old_ids(dataset: Dataset) -> None:
    for indicator_id in ("resident_disposable_income", "urban_disposable_income_2013survey", "rural_disposable_income",
                         "engel_resident", "engel_urban_2013survey", "engel_rural_2013survey"):
        rows = _national(dataset, indicator_id)
        assert set(rows.loc[rows["year"] < 2013, "flag"]) == {"estimate"}, indicator_id
        assert rows.loc[rows["year"] < 2013, "note"].str.contains("back-calculation").all()
        assert set(rows.loc[rows["year"] >= 2013, "flag"]) == {"official"}, indicator_id
    for indicator_id in ("urban_disposable_income", "rural_net_income", "engel_urban", "engel_rural"):
        assert max(_national(dataset, indicator_id)["year"]) == 2012


def test_gdp_per_capita_at_2000_prices_is_the_index_chain(dataset: Dataset) -> None:
    real = _national(dataset, "gdp_pc_2000prices").set_index("year")["value"]
    nominal = _national(dataset, "gdp_pc").set_index("year")["value"]
    assert real[2000] == pytest.approx(nominal[2000], abs=0.1)
    assert (_national(dataset, "gdp_pc_2000prices")["flag"] == "derived").all()
    # per-capita GDP index 2010 (previous year = 100) of the database: 110.1 ± rounding
    assert real[2010] / real[2009] * 100 == pytest.approx(110.1, abs=0.1)
    assert real[2020] < nominal[2020]  # prices rose


def test_income_at_2000_prices_deflates_by_the_cpi_chain(dataset: Dataset) -> None:
    real = _national(dataset, "resident_disposable_income_2000prices").set_index("year")["value"]
    nominal = _national(dataset, "resident_disposable_income").set_index("year")["value"]
    cpi = _national(dataset, "cpi_prev_year").set_index("year")["value"]
    level = 100.0
    for year in range(2001, 2014):
        level *= cpi[year] / 100
    assert real[2013] == pytest.approx(nominal[2013] / level * 100, abs=0.1)


def test_chain_stops_at_a_gap() -> None:
    indices = pd.Series({2000: 999.0, 2001: 110.0, 2002: 110.0, 2004: 110.0})
    chained = nbs_national.chain(100.0, indices)
    assert chained.to_dict() == pytest.approx({2000: 100.0, 2001: 110.0, 2002: 121.0})


def test_every_committed_cell_holds_one_value(dataset: Dataset) -> None:
    obs = dataset.observations
    assert not obs.duplicated(["area_code", "indicator_id", "year", "subgroup"]).any()
