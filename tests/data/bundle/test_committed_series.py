"""Priority-2 series in the committed bundle: spot values from PROVENANCE.md and the rules that
keep concepts apart (survey breaks, census vs sample, modelled flags). Reads data/ only."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value

MODELLED = {
    "hdi_gdl", "life_expectancy_gdl", "schooling_mean_25_gdl", "schooling_expected_gdl", "gni_pc_gdl",
    "health_index_gdl", "education_index_gdl", "income_index_gdl", "imr_adjusted",
}




@pytest.mark.parametrize(
    ("indicator_id", "area_code", "year", "expected"),
    [
        ("tb_incidence", "100000", 2010, 74.27),
        ("tb_cases", "100000", 2010, 991350),
        ("tb_incidence", "100000", 2015, 63.42),
        ("tb_incidence", "100000", 2020, 47.76),
        ("aids_cases", "100000", 2010, 15982),
        ("aids_deaths", "100000", 2020, 18819),
        ("urban_disposable_income", "100000", 2010, 19109.44),
        ("urban_disposable_income", "100000", 2012, 24564.72),
        ("rural_net_income", "100000", 2008, 4760.62),
        ("rural_net_income", "100000", 1990, 686.31),
        ("rural_net_income_2013", "100000", 2013, 8896),
        ("schooling_years", "100000", 2020, 9.91),
        ("schooling_years", "540000", 2010, 5.25),
        ("schooling_years", "110000", 2020, 12.64),
        ("illiteracy_census", "100000", 2000, 9.08),
        ("forest_coverage", "100000", 2003, 18.21),
        ("energy_intensity", "110000", 2009, 0.606),
        ("hdi_gdl", "110000", 1990, 0.633),
        ("hdi_gdl", "110000", 2019, 0.904),
        ("hdi_gdl", "100000", 2019, 0.762),
        ("life_expectancy_gdl", "110000", 2010, 79.28),
    ],
)
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected, abs=0.01)


def test_modelled_ids_are_all_flagged_modelled(dataset: Dataset) -> None:
    obs = dataset.observations
    flags = obs[obs["indicator_id"].isin(MODELLED)].groupby("indicator_id")["flag"].unique()
    assert set(flags.index) == MODELLED
    assert all(list(f) == ["modelled"] for f in flags)
    assert not (obs.loc[~obs["indicator_id"].isin(MODELLED), "flag"] == "modelled").any()


def test_imr_adjusted_is_by_sex_only(dataset: Dataset) -> None:
    obs = dataset.observations[dataset.observations["indicator_id"] == "imr_adjusted"]
    assert set(obs["subgroup"]) == {"male", "female"}
    assert obs.groupby("subgroup")["area_code"].nunique().to_dict() == {"female": 31, "male": 31}


def test_survey_breaks_are_separate_ids(dataset: Dataset) -> None:
    assert 2013 not in dataset.years("rural_net_income")
    assert max(dataset.years("urban_disposable_income")) <= 2012
    obs = dataset.observations
    new_basis = obs[obs["indicator_id"].isin(["urban_disposable_income_2013survey", "resident_disposable_income",
                                              "rural_disposable_income"])]
    before = new_basis[new_basis["year"] < 2013]
    # before 2013 only the national NBS back-calculations, flagged as estimates
    assert set(before["area_code"]) == {"100000"} and set(before["flag"]) == {"estimate"}
    assert set(new_basis.loc[new_basis["year"] >= 2013, "flag"]) == {"official"}
    sample_years = dataset.years("illiteracy_sample")
    assert 2008 in sample_years and not {2000, 2010, 2020} & set(sample_years)
    assert dataset.years("illiteracy_semi_sample") == [2004]
    assert dataset.years("illiteracy_census") == [2000, 2010, 2020]


def test_income_ratio_only_where_urban_and_rural_share_a_year(dataset: Dataset) -> None:
    # 2007-2008 from the yearbook tables, 2002-2012 elsewhere from the NBS database's own tables
    assert dataset.years("urban_rural_income_ratio") == list(range(2002, 2013))
    ratio = value(dataset, "urban_rural_income_ratio", "100000", 2008)
    urban, rural = value(dataset, "urban_disposable_income", "100000", 2008), value(dataset, "rural_net_income", "100000", 2008)
    assert ratio == pytest.approx(urban / rural, rel=1e-4)


def test_poverty_bands_are_categories_with_inferred_rows_marked(dataset: Dataset) -> None:
    indicator = dataset.indicator("poverty_band_2016")
    assert indicator["kind"] == "category"
    assert indicator["categories"].split("|") == ["<3%", "3-5%", "5-10%", ">10%"]
    obs = dataset.observations[dataset.observations["indicator_id"] == "poverty_band_2016"]
    assert len(obs) == 31
    assert value(dataset, "poverty_band_2016", "520000", 2016) == 3  # Guizhou >10%
    inferred = obs[obs["flag"] == "derived"]
    assert len(inferred) == 10 and set(inferred["value"]) == {0}


def test_disease_years_are_whole_years(dataset: Dataset) -> None:
    obs = dataset.observations
    diseases = obs[obs["source_id"] == "PHSDC-NID-MONTHLY"]
    assert (diseases["note"] == "sum of 12 monthly reports").all()
    assert (diseases["flag"] == "derived").all()
    assert diseases["year"].between(2004, 2020).all()
