"""NBS provincial database crawl (NBSDB-2021) in the committed bundle, and the pure pieces of its
bundle module (chain-linked constant prices, the overlap rule). Spot values from PROVENANCE.md
section 21."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from dashboard.data.areas import AreaMatcher
from dashboard.data.build import DEFAULT_REFERENCE
from dashboard.data.bundle import nbs_provincial_db as db
from dashboard.data.bundle import schooling_sample
from dashboard.data.bundle._constant_prices import chain_index, deflate, per_capita_at_base_prices
from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from tests.data.bundle.conftest import value

needs_reference = pytest.mark.skipif(not DEFAULT_REFERENCE.is_dir(), reason="reference data not beside the checkout")

# indicator -> (values with vintage NBSDB-2021, provinces, first year, last year)
COUNTS = {
    "gdp_index_prev_year": (620, 31, 2000, 2019),
    "tertiary_share_nbsdb2021": (620, 31, 2000, 2019),
    "gdp_pc_2000prices": (620, 31, 2000, 2019),
    "gdp_pc_2005prices": (465, 31, 2005, 2019),
    "gdp_pc_2010prices": (310, 31, 2010, 2019),
    "resident_disposable_income_2010prices": (217, 31, 2013, 2019),
    "urban_disposable_income_2005prices": (248, 31, 2005, 2012),
    "rural_net_income_2005prices": (220, 31, 2005, 2012),  # base year 2005 for all; later years need the rural CPI
    "engel_combined_old_survey": (248, 31, 2005, 2012),
    "culture_spending_share_combined_old_survey": (248, 31, 2005, 2012),
    "unemployment_urban_registered": (526, 31, 2000, 2019),
    "urban_disposable_income": (93, 31, 2002, 2004),
    "rural_net_income": (279, 31, 2002, 2012),
    "resident_disposable_income": (186, 31, 2013, 2019),
    "urban_disposable_income_2013survey": (137, 31, 2013, 2019),
    "rural_disposable_income": (217, 31, 2013, 2019),
    "resident_consumption_expenditure": (186, 31, 2013, 2019),
    "urban_consumption_2013survey": (217, 31, 2013, 2019),
    "rural_consumption_2013survey": (217, 31, 2013, 2019),
    "resident_disposable_income_2000prices": (217, 31, 2013, 2019),
    "urban_disposable_income_2000prices": (341, 31, 2002, 2012),
    "urban_disposable_income_2013survey_2000prices": (217, 31, 2013, 2019),
    "engel_urban": (289, 31, 2002, 2012),
    "engel_rural": (300, 31, 2002, 2012),
    "culture_spending_share_urban": (341, 31, 2002, 2012),
    "culture_spending_share_rural": (341, 31, 2002, 2012),
    "urban_rural_income_ratio": (279, 31, 2002, 2012),
    "urban_rural_income_ratio_2013survey": (217, 31, 2013, 2019),
    "rural_housing_area": (341, 31, 2002, 2012),
    "cpi_prev_year": (620, 31, 2000, 2019),
    "cpi_urban_prev_year": (617, 31, 2000, 2019),
    "cpi_rural_prev_year": (540, 27, 2000, 2019),
    "energy_intensity_first_release": (120, 30, 2005, 2008),
    "energy_intensity": (33, 30, 2009, 2010),
    "energy_intensity_2010prices": (30, 30, 2011, 2011),
    "energy_intensity_change": (134, 30, 2006, 2015),
    "population": (31, 31, 2019, 2019),
    "urban_population": (465, 31, 2005, 2019),
}
DERIVED = {
    "gdp_pc_2000prices", "gdp_pc_2005prices", "gdp_pc_2010prices", "resident_disposable_income_2010prices",
    "urban_disposable_income_2005prices", "rural_net_income_2005prices", "engel_combined_old_survey",
    "culture_spending_share_combined_old_survey", "resident_disposable_income_2000prices", "urban_disposable_income_2000prices",
    "urban_disposable_income_2013survey_2000prices", "engel_urban", "engel_rural", "culture_spending_share_urban",
    "culture_spending_share_rural", "urban_rural_income_ratio", "urban_rural_income_ratio_2013survey",
    "tertiary_share_nbsdb2021",
}


def _db_rows(dataset: Dataset) -> pd.DataFrame:
    """Rows of this module (the sample-survey schooling module reads the same crawl: tested on its own)."""
    obs = dataset.observations
    return obs[(obs["vintage"] == db.VINTAGE) & (obs["indicator_id"] != schooling_sample.INDICATOR_ID)]


def test_counts_per_indicator(dataset: Dataset) -> None:
    rows = _db_rows(dataset)
    got = {
        i: (len(g), g["area_code"].nunique(), int(g["year"].min()), int(g["year"].max()))
        for i, g in rows.groupby("indicator_id")
    }
    assert got == COUNTS


def test_every_value_cites_a_db_table_and_confidence(dataset: Dataset) -> None:
    rows = _db_rows(dataset)
    assert set(rows["source_id"]) <= {s["source_id"] for s in db.SOURCES}
    assert set(rows["source_id"]) <= set(dataset.sources["source_id"])
    assert rows["note"].notna().all()
    assert rows["note"].str.match(r"confidence [CD]\b").all()
    assert set(rows["area_code"]) == set(dataset.province_codes())  # provinces only, no national row here


def test_derived_flags(dataset: Dataset) -> None:
    rows = _db_rows(dataset)
    derived = rows["indicator_id"].isin(DERIVED)
    assert (rows.loc[derived, "flag"] == "derived").all()
    assert rows.loc[derived, "note"].str.startswith("confidence D").all()
    assert (rows.loc[~derived, "flag"] == "official").all()


def test_no_cell_twice(dataset: Dataset) -> None:
    obs = dataset.observations
    assert not obs.duplicated(["indicator_id", "area_code", "year", "subgroup"]).any()
    assert not obs.duplicated(["indicator_id", "area_code", "year", "subgroup", "vintage"]).any()


@pytest.mark.parametrize(
    ("indicator_id", "area_code", "year", "expected"),
    [
        ("gdp_index_prev_year", "110000", 2010, 110.4),
        ("gdp_pc_2000prices", "110000", 2000, 25014.0),  # base year: the printed current-price figure
        ("population", "110000", 2015, 2171),  # the 2020 export (rounded) is kept; DB prints 2170.5
        ("population", "110000", 2019, 2154),
        ("energy_intensity_first_release", "110000", 2008, 0.662),  # as in the 2008 communiqué
        ("energy_intensity", "110000", 2009, 0.606),  # the 2009 communiqué (revised basis)
        ("unemployment_urban_registered", "430000", 2003, 4.5),  # CSY2006 kept, DB 3.8 (U) left out
        ("unemployment_urban_registered", "650000", 2004, 3.8),  # CSY2006 kept, DB 3.5 (U) left out
        ("resident_disposable_income", "630000", 2017, 19001.0),  # QHYB2018 equals the DB
        ("urban_disposable_income", "110000", 2002, 12463.92),
        ("cpi_prev_year", "110000", 2019, 102.292315),
    ],
)
def test_spot_values(dataset: Dataset, indicator_id, area_code, year, expected) -> None:
    assert value(dataset, indicator_id, area_code, year) == pytest.approx(expected, abs=0.001)


def test_doubtful_values_are_left_out(dataset: Dataset) -> None:
    assert "540000" not in set(dataset.values_for_year("energy_intensity", 2010)["area_code"])  # Tibet, row shift?
    assert 2017 not in dataset.years("energy_intensity_change")  # 9 round numbers, maybe targets
    # only unambiguous vintages in each energy level id
    assert dataset.years("energy_intensity_first_release") == [2005, 2006, 2007, 2008]
    assert dataset.years("energy_intensity") == [2009, 2010]


def test_survey_breaks_stay_apart(dataset: Dataset) -> None:
    assert max(dataset.years("rural_net_income")) <= 2012
    # The integrated survey starts in 2013; earlier values on its basis are only the national
    # database's back-calculations (flag estimate), never old-survey net income spliced in.
    integrated = dataset.observations[dataset.observations["indicator_id"] == "rural_disposable_income"]
    provinces = integrated[integrated["area_code"].isin(dataset.province_codes())]
    assert provinces["year"].min() == 2013
    before = integrated[integrated["year"] < 2013]
    assert (before["flag"] == "estimate").all() and set(before["area_code"]) <= {"100000"}
    assert max(dataset.years("urban_disposable_income_2000prices")) == 2012
    assert min(dataset.years("urban_disposable_income_2013survey_2000prices")) == 2013
    assert max(dataset.years("urban_rural_income_ratio")) == 2012
    assert dataset.years("urban_rural_income_ratio_2013survey") == list(range(2013, 2020))


def test_price_basis_visible(dataset: Dataset) -> None:
    basis = dataset.indicators.set_index("indicator_id")["price_basis"]
    for indicator_id in ("gdp_pc_2000prices", "resident_disposable_income_2000prices", "urban_disposable_income_2000prices"):
        assert basis[indicator_id] == "constant_2000"
    for indicator_id in ("gdp_pc", "resident_disposable_income", "urban_disposable_income", "rural_net_income"):
        assert basis[indicator_id] == "current"
    assert basis["energy_intensity"] == "constant_2005"
    assert basis["energy_intensity_2010prices"] == "constant_2010"
    assert pd.isna(basis["engel_urban"])  # a share: not a price-based quantity


def test_engel_and_culture_share_within_bounds(dataset: Dataset) -> None:
    for indicator_id in ("engel_urban", "engel_rural", "culture_spending_share_urban", "culture_spending_share_rural"):
        values = dataset.observations.loc[dataset.observations["indicator_id"] == indicator_id, "value"]
        assert values.between(1, 80).all(), indicator_id


def test_combined_shares_lie_between_urban_and_rural(dataset: Dataset) -> None:
    # a population-weighted mean of ratios lies between the two ratios (weights are positive)
    obs = dataset.observations.set_index(["indicator_id", "area_code", "year"])["value"]
    for combined, urban, rural in (
        ("engel_combined_old_survey", "engel_urban", "engel_rural"),
        ("culture_spending_share_combined_old_survey", "culture_spending_share_urban", "culture_spending_share_rural"),
    ):
        for (_, code, year), v in obs[obs.index.get_level_values(0) == combined].items():
            u, r = obs[(urban, code, year)], obs[(rural, code, year)]
            assert min(u, r) - 0.06 <= v <= max(u, r) + 0.06, (combined, code, year)  # 0.05 pp: published vs computed


def test_rural_income_at_2005_prices_needs_the_rural_cpi(dataset: Dataset) -> None:
    # Beijing has no rural CPI: only the base year itself (where no deflation is needed)
    assert dataset.years("rural_net_income_2005prices") == list(range(2005, 2013))
    assert dataset.series("rural_net_income_2005prices", "110000")["year"].tolist() == [2005]
    assert value(dataset, "rural_net_income_2005prices", "110000", 2005) == pytest.approx(
        value(dataset, "rural_net_income", "110000", 2005), abs=0.05)


@needs_reference
def test_source_checks_of_provenance() -> None:
    from dashboard.data.dataset import load_dataset
    from tests.data.bundle.conftest import DATA_DIR

    tidy = db.read_tidy(DEFAULT_REFERENCE, AreaMatcher(load_dataset(DATA_DIR).areas))
    cell = tidy.set_index(["indicator", "area_code", "year"])["value"]
    assert cell[("gdp_current", "110000", 2010)] == pytest.approx(14964.0)
    assert cell[("gdp_current", "110000", 2017)] == pytest.approx(29883.0)
    assert cell[("resident_population_yearend", "110000", 2015)] == pytest.approx(2170.5)
    # U values never leave read_tidy
    assert ("urban_registered_unemployment_rate", "430000", 2003) not in cell.index
    assert ("energy_per_gdp_level", "540000", 2010) not in cell.index


def test_gdp_pc_2000prices_follows_the_chain(dataset: Dataset) -> None:
    # Beijing: per-capita at 2000 prices grows like GDP volume divided by the implicit population change,
    # i.e. pc2000(t) / pc2000(2000) = pc(t) / pc(2000) / (GDP(t) / GDP(2000) / volume(t)).
    pc2010 = value(dataset, "gdp_pc_2000prices", "110000", 2010)
    links = {int(r.year): r.value for r in dataset.series("gdp_index_prev_year", "110000").itertuples()}
    volume = math.prod(links[y] / 100 for y in range(2001, 2011))
    assert pc2010 == pytest.approx(78307.0 * 3277.8 * volume / 14964.0, rel=1e-6)


# --- pure functions ---------------------------------------------------------------------------

links_strategy = st.dictionaries(
    st.integers(2001, 2030), st.floats(80, 130, allow_nan=False), min_size=0, max_size=30
)


@given(links_strategy)
def test_chain_index_links_reproduce(links: dict[int, float]) -> None:
    levels = chain_index(links, 2000)
    assert levels[2000] == 1.0
    years = sorted(levels)
    assert years == list(range(2000, 2000 + len(years)))  # contiguous from the base year
    for year in years[1:]:
        assert levels[year] / levels[year - 1] == pytest.approx(links[year] / 100, rel=1e-9)
    if years[-1] + 1 <= 2030:
        assert years[-1] + 1 not in links  # stops exactly at the first gap


@given(links_strategy, st.integers(2001, 2030))
def test_chain_index_never_bridges_a_gap(links: dict[int, float], gap: int) -> None:
    links = {y: v for y, v in links.items() if y != gap}
    assert all(year < gap for year in chain_index(links, 2000))


@given(st.floats(1, 1e6), links_strategy)
def test_deflate_divides_by_the_price_level(amount: float, links: dict[int, float]) -> None:
    levels = chain_index(links, 2000)
    values = {year: amount * level for year, level in levels.items()}  # grows exactly with prices
    real = deflate(values, links, 2000)
    assert set(real) == set(levels)
    assert all(v == pytest.approx(amount, rel=1e-9) for v in real.values())


@given(st.floats(100, 1e5), st.floats(1000, 1e6), links_strategy)
def test_per_capita_at_base_prices(pc0: float, gdp0: float, links: dict[int, float]) -> None:
    volume = chain_index(links, 2000)
    # no inflation and a constant population: current = real, so per capita grows with volume
    gdp = {y: gdp0 * v for y, v in volume.items()}
    pc = {y: pc0 * v for y, v in volume.items()}
    result = per_capita_at_base_prices(pc, gdp, links, 2000)
    assert result[2000] == pytest.approx(pc0)
    for year, v in result.items():
        assert v == pytest.approx(pc[year], rel=1e-9)
    # doubling all prices in a year leaves the value at base prices unchanged
    inflated = per_capita_at_base_prices({y: 2 * v for y, v in pc.items()},
                                         {y: 2 * v if y != 2000 else v for y, v in gdp.items()}, links, 2000)
    for year in result:
        if year != 2000:
            assert inflated[year] == pytest.approx(result[year], rel=1e-9)


def test_per_capita_without_base_year_is_empty() -> None:
    assert per_capita_at_base_prices({2001: 1.0}, {2001: 1.0}, {2001: 110.0}, 2000) == {}


def _cells(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"indicator_id": i, "area_code": a, "year": y, "subgroup": "total", "value": v, "source_id": s} for i, a, y, v, s in rows]
    )


def test_merge_fills_only_empty_cells() -> None:
    existing = _cells([("x", "110000", 2010, 10.0, "OLD")])
    new = _cells([("x", "110000", 2010, 10.04, "DB"), ("x", "110000", 2011, 11.0, "DB")])
    kept = db.merge_with_existing(existing, new, {"x": 0.05})
    assert kept[["year", "value", "source_id"]].values.tolist() == [[2011, 11.0, "DB"]]


def test_merge_refuses_a_different_revision() -> None:
    existing = _cells([("x", "110000", 2010, 10.0, "OLD")])
    new = _cells([("x", "110000", 2010, 10.2, "DB")])
    with pytest.raises(DataError, match="differs from bundled 10.0"):
        db.merge_with_existing(existing, new, {"x": 0.05})


def test_merge_refuses_an_overlap_without_rule() -> None:
    existing = _cells([("y", "110000", 2010, 10.0, "OLD")])
    new = _cells([("y", "110000", 2010, 10.0, "DB")])
    with pytest.raises(DataError, match="no overlap rule"):
        db.merge_with_existing(existing, new, {})


def test_price_basis_lookup_on_the_bundle(dataset: Dataset) -> None:
    assert dataset.price_basis("gdp_pc_2000prices") == "constant_2000"
    assert dataset.price_basis("gdp_pc") == "current"
    assert dataset.price_basis("engel_urban") is None


def test_framework_items_link_series_of_their_own_price_basis(dataset: Dataset) -> None:
    from dashboard.data.frameworks import load_frameworks
    from tests.data.bundle.conftest import DATA_DIR

    items = load_frameworks(DATA_DIR, dataset).items
    linked = items[items["indicator_id"].notna()]
    for row in linked.itertuples():
        series_basis = dataset.price_basis(row.indicator_id)
        if series_basis and series_basis.startswith("constant_") and row.price_basis != "unknown":
            assert row.price_basis == series_basis, (row.item_id, row.indicator_id)
    by_item = items.set_index("item_id")["indicator_id"]
    assert by_item["nbs2008_gdp_pc"] == "gdp_pc_2000prices"
    assert by_item["nbs2008_disposable_income"] == "resident_disposable_income_2000prices"
    assert by_item["nbs2008_engel"] == "engel_combined_old_survey"
    assert by_item["nbs2013_gdp_pc"] == "gdp_pc_2010prices"
    assert by_item["fyp11_gdp_pc"] == "gdp_pc_2005prices"
    assert pd.isna(by_item["nbs2008_housing"])  # rural floor area is a different definition
