"""The committed data/ bundle: spot values printed in PROVENANCE.md, one vintage per series,
sources that resolve. Reads data/ only (no reference files needed)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.build import bundle_modules
from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import DATA_DIR, value
from dashboard.data.sources_doc import render_sources

MY_INDICATORS = {
    "gdp", "gdp_rev2024", "gdp_pc", "tertiary_share", "population", "population_c7", "urbanisation", "life_expectancy",
}




@pytest.mark.parametrize(
    ("indicator_id", "area_code", "year", "subgroup", "expected"),
    [
        ("gdp_pc", "110000", 2010, "total", 73856),
        ("gdp_pc", "520000", 2010, "total", 13119),
        ("life_expectancy", "100000", 2010, "total", 74.83),
        ("life_expectancy", "540000", 2010, "total", 68.17),
        ("life_expectancy", "530000", 2010, "total", 69.54),
        ("life_expectancy", "110000", 2010, "total", 80.18),
        ("urbanisation", "110000", 2010, "total", 85.96),
        ("urbanisation", "520000", 2010, "total", 33.81),
        ("urbanisation", "110000", 2005, "total", 83.62),
        ("urbanisation", "520000", 2020, "total", 53.15),
        ("gdp", "110000", 2010, "total", 14113.58),
        ("gdp_rev2024", "110000", 2010, "total", 15420.2),
        ("population", "110000", 2015, "total", 2171),
        ("population_c7", "110000", 2015, "total", 2188),
        ("population_c7", "520000", 2015, "total", 3708),
        ("tertiary_share", "110000", 2010, "total", 75.11),
    ],
)
def test_spot_values_printed_in_provenance(dataset: Dataset, indicator_id, area_code, year, subgroup, expected) -> None:
    assert value(dataset, indicator_id, area_code, year, subgroup) == pytest.approx(expected, abs=0.01)


# Series (indicator, area, subgroup) that join two sources, each for years the other lacks:
MIXED_ON_PURPOSE = {
    # 1990 MDG baseline (89) from China's MDG reporting; the MCH surveillance table starts in 1991
    ("mmr", "100000", "total"),
    # 2006 value quoted for the 10th NPC mid-term; the database gives each NPC's first session
    ("women_npc_seats_share", "100000", "total"),
    # 6th inventory (CSY2009, stored 2003) and the 7th-9th inventories from the national database
    ("forest_coverage", "100000", "total"),
    # 1995-2009 from the national database crawls, 2010-2023 as first published in the R&D bulletins
    # (the release NBS's schemes use; the crawls equal the bulletins for 2010-2021, CROSSCHECK.md)
    ("rd_expenditure", "100000", "total"),
}


def test_every_indicator_series_has_one_vintage(dataset: Dataset) -> None:
    """One vintage per series (indicator x area x subgroup). The NBS national database crawls
    count as one: each year comes from the latest crawl holding it, and the crawls agree where
    they overlap within a series (2022-02 vs 2023-08) or the earlier years are absent later."""
    obs = dataset.observations
    family = obs["vintage"].str.replace(r"^NBS national database, crawl .*$", "NBS national database", regex=True)
    vintages = family.groupby([obs["indicator_id"], obs["area_code"], obs["subgroup"]]).nunique()
    mixed = {key for key, n in vintages.items() if n > 1}
    # besides those, only ids a module declares it extends (AMENDMENTS: the NBS provincial
    # database fills cells the yearbook tables leave empty, same concept and revision)
    extended = {a["indicator_id"] for m in bundle_modules() for a in getattr(m, "AMENDMENTS", []) if a.get("definition_en")}
    assert mixed >= MIXED_ON_PURPOSE
    assert {key for key in mixed - MIXED_ON_PURPOSE if key[0] not in extended} == set()


def test_no_duplicate_keys_and_every_source_resolves(dataset: Dataset) -> None:
    obs = dataset.observations
    assert not obs.duplicated(["area_code", "indicator_id", "year", "subgroup"]).any()
    assert set(obs["source_id"]) <= set(dataset.sources["source_id"])
    assert set(obs["indicator_id"]) <= set(dataset.indicators["indicator_id"])


def test_my_indicators_cover_all_31_provinces(dataset: Dataset) -> None:
    provinces = set(dataset.province_codes())
    assert len(provinces) == 31
    for indicator_id in MY_INDICATORS:
        areas = set(dataset.observations.loc[dataset.observations["indicator_id"] == indicator_id, "area_code"])
        assert provinces <= areas, indicator_id


def test_life_expectancy_has_sexes_and_leaves_sichuan_1990_missing(dataset: Dataset) -> None:
    assert value(dataset, "life_expectancy", "100000", 2010, "male") == pytest.approx(72.38)
    assert value(dataset, "life_expectancy", "100000", 2010, "female") == pytest.approx(77.37)
    sichuan_1990 = dataset.values_for_year("life_expectancy", 1990)
    assert "510000" not in set(sichuan_1990["area_code"])
    assert len(sichuan_1990) == 31  # national + 30 provinces


def test_derived_rows_say_how(dataset: Dataset) -> None:
    derived = dataset.observations[dataset.observations["flag"] == "derived"]
    assert derived["note"].notna().all()
    for indicator_id in set(derived["indicator_id"]):
        assert "erived" in str(dataset.indicator(indicator_id)["definition_en"]), indicator_id


def test_gdp_pc_is_gdp_over_mean_population_of_one_release(dataset: Dataset) -> None:
    # Every gdp_pc value, printed or computed, is within 0.1% of GDP / mean year-end population.
    obs = dataset.observations
    gdp = obs[obs["indicator_id"] == "gdp"].set_index(["area_code", "year"])["value"]
    pop = obs[obs["indicator_id"] == "population"].set_index(["area_code", "year"])["value"]
    for row in obs[obs["indicator_id"] == "gdp_pc"].itertuples():
        mean_pop = (pop[(row.area_code, row.year)] + pop[(row.area_code, row.year - 1)]) / 2
        assert row.value == pytest.approx(gdp[(row.area_code, row.year)] * 10_000 / mean_pop, rel=0.001)


def test_sources_doc_is_up_to_date(dataset: Dataset) -> None:
    sources = pd.read_csv(DATA_DIR / "sources.csv", dtype=str, keep_default_na=False)
    observations = pd.read_csv(DATA_DIR / "observations.csv", dtype=str, keep_default_na=False)
    assert (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8") == render_sources(sources, observations)
