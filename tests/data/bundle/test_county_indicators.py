"""County rows of the build: the 832 poverty counties and the census county indicators."""
from __future__ import annotations

from dashboard.data.bundle.county_indicators import POVERTY_ID
from dashboard.data.dataset import Dataset


def test_831_of_the_832_poverty_counties_are_on_the_map_with_their_batch(bundled_dataset: Dataset) -> None:
    rows = bundled_dataset.values_for_year(POVERTY_ID, 2014)
    # 冷湖行委 has no MCA code and no boundary: left out, said in the indicator's note.
    assert len(rows) == 831 and rows["area_code"].is_unique
    assert rows["value"].value_counts().to_dict() == {2019.0: 343, 2018.0: 283, 2017.0: 125, 2020.0: 52, 2016.0: 28}  # 冷湖: 2019
    assert set(rows["confidence"]) == {"S", "C"} and set(rows["source_id"]) == {"LGOP-832-COUNTIES"}
    levels = {bundled_dataset.area(code)["level"] for code in rows["area_code"]}
    assert levels <= {"county", "prefecture"}


def test_yunnan_has_88_poverty_counties_and_the_source_errors_are_resolved(bundled_dataset: Dataset) -> None:
    rows = bundled_dataset.values_for_year(POVERTY_ID, 2014).set_index("area_code")
    yunnan = rows[rows.index.str[:2] == "53"]
    assert len(yunnan) == 88
    assert yunnan["value"].value_counts().to_dict() == {2018.0: 33, 2019.0: 31, 2017.0: 15, 2020.0: 9}
    assert "532601" in rows.index and "532600" not in rows.index   # 文山市, not 文山州
    assert "622901" in rows.index and "622900" not in rows.index   # 临夏市, not 临夏州
    assert rows.at["532322", "value"] == 2018                      # 双柏县: batch list, not the tidy sheet
    assert "tidy sheet says 2019" in rows.at["532322", "note"]


def test_census_county_values_carry_their_book_and_derived_shares_are_flagged(bundled_dataset: Dataset) -> None:
    population = bundled_dataset.series("county_resident_population_census", "532301")
    assert population["year"].tolist() == [2010, 2020]
    assert set(population["source_id"]) == {"CENSUS-2010-COUNTY", "CENSUS-2020-COUNTY"}
    assert set(population["flag"]) == {"official"}
    tap = bundled_dataset.series("county_households_tap_water_census", "532301")
    assert set(tap["flag"]) == {"derived"} and tap["value"].between(0, 100).all()
    yunnan_2020 = bundled_dataset.values_for_year("county_resident_population_census", 2020)
    yunnan_2020 = yunnan_2020[yunnan_2020["area_code"].str[:2] == "53"]
    assert len(yunnan_2020) == 129 and int(yunnan_2020["value"].sum()) == 47_209_277


def test_county_rows_use_county_ids_only(bundled_dataset: Dataset) -> None:
    obs = bundled_dataset.observations
    county_codes = set(bundled_dataset.areas.loc[bundled_dataset.areas["level"].isin(["county", "prefecture"]), "area_code"])
    at_county = obs[obs["area_code"].isin(county_codes)]
    assert set(at_county["indicator_id"]) == {i for i in set(obs["indicator_id"]) if i.startswith("county_")}
    assert not obs[obs["indicator_id"].str.startswith("county_")]["area_code"].isin(bundled_dataset.province_codes()).any()
