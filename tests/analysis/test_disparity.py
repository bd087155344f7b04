import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from dashboard.analysis._common import series_points
from dashboard.analysis.disparity import (
    coefficient_of_variation, disparity_for_year, gini, max_min_ratio, province_ranks, ranks, regional_means,
    regional_series, sigma_convergence, theil_index, urban_rural_ratio, weighted_mean,
    beta_convergence, beta_regression, complete_years, theil_decomposition, theil_decomposition_from_values,
    urban_rural_series, between_or_within,
)
from tests.analysis.builders import INDICATORS, make_dataset


# --- statistics, hand-computed ------------------------------------------------------------------
def test_cv_plain_and_weighted():
    # [1,2,3]: mean 2, sigma sqrt(2/3) = 0.8165 -> CV 0.4082
    assert coefficient_of_variation([1, 2, 3]) == pytest.approx(math.sqrt(2 / 3) / 2)
    # [1,3] weights [3,1]: mean (3+3)/4 = 1.5; var .75*.25 + .25*2.25 = .75 -> CV sqrt(.75)/1.5
    assert coefficient_of_variation([1, 3], [3, 1]) == pytest.approx(math.sqrt(0.75) / 1.5)


def test_theil_hand_computed():
    # [1,3] equal weights: mean 2, r = .5, 1.5; T = .5*.5*ln .5 + .5*1.5*ln 1.5 = 0.13081
    assert theil_index([1, 3]) == pytest.approx(0.5 * 0.5 * math.log(0.5) + 0.5 * 1.5 * math.log(1.5))
    assert theil_index([0, 3]) is None  # needs positive values


def test_gini_hand_computed():
    # [1,3] equal weights: sum_ij p_i p_j |y_i-y_j| = 2 * .25 * 2 = 1; / (2 * mean 2) = 0.25
    assert gini([1, 3]) == pytest.approx(0.25)
    # [1,3] weights [3,1]: 2 * .75 * .25 * 2 = .75; mean 1.5 -> .75 / 3 = 0.25
    assert gini([1, 3], [3, 1]) == pytest.approx(0.25)
    # weights [1,3]: 2 * .25 * .75 * 2 = .75; mean 2.5 -> .75 / 5 = 0.15
    assert gini([1, 3], [1, 3]) == pytest.approx(0.15)


def test_max_min_and_weighted_mean():
    assert max_min_ratio([2, 5, 10]) == pytest.approx(5.0)
    assert max_min_ratio([0, 5]) is None
    assert weighted_mean([1, 3], [3, 1]) == pytest.approx(1.5)
    assert weighted_mean([], None) is None


def test_ranks_follow_direction():
    values = pd.Series([30.0, 50.0, 40.0, 50.0])
    assert ranks(values, higher_is_better=True).tolist() == [4, 1, 3, 1]
    assert ranks(values, higher_is_better=False).tolist() == [1, 3, 2, 3]


# --- properties ----------------------------------------------------------------------------
pos = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
vals = st.lists(pos, min_size=1, max_size=12)


@given(value=pos, n=st.integers(1, 12), w=st.lists(st.floats(0.1, 1e4), min_size=12, max_size=12))
def test_zero_for_equal_values(value, n, w):
    y = [value] * n
    for weights in (None, w[:n]):
        assert coefficient_of_variation(y, weights) == 0
        assert theil_index(y, weights) == 0
        assert gini(y, weights) == 0


@given(y=vals, scale=st.floats(min_value=1e-3, max_value=1e3), data=st.data())
def test_scale_invariant(y, scale, data):
    w = data.draw(st.lists(st.floats(0.1, 1e4), min_size=len(y), max_size=len(y)))
    scaled = [v * scale for v in y]
    for stat in (coefficient_of_variation, theil_index, gini):
        assert stat(scaled, w) == pytest.approx(stat(y, w), rel=1e-6, abs=1e-9)
    assert max_min_ratio(scaled) == pytest.approx(max_min_ratio(y), rel=1e-9)


@given(y=vals, data=st.data())
def test_gini_in_unit_interval_and_mean_between_min_max(y, data):
    w = data.draw(st.lists(st.floats(0.1, 1e4), min_size=len(y), max_size=len(y)))
    g = gini(y, w)
    assert 0 <= g < 1
    assert min(y) <= weighted_mean(y, w) <= max(y)


# --- from a dataset ---------------------------------------------------------------------------
def _pop(year, values=None):
    values = values or {"110000": 2000, "120000": 1000, "410000": 9000, "530000": 4500, "520000": 3500, "210000": 4000}
    return [(a, "population", year, v) for a, v in values.items()]


def _urb(year, values):
    return [(a, "urbanisation", year, v) for a, v in values.items()]


ALL = {"110000": 86, "120000": 80, "410000": 39, "530000": 35, "520000": 34, "210000": 62}


def test_regional_series_population_weighted_same_year_only():
    west_2009 = {"530000": 35, "520000": 30}
    ds = make_dataset(_pop(2010) + _urb(2010, ALL) + _urb(2009, west_2009) + [("710000", "urbanisation", 2010, 60)])
    west = regional_series(ds, "urbanisation", "west").set_index("year")
    # 2010: (35*4500 + 34*3500) / 8000 = 34.5625
    assert west.at[2010, "value"] == pytest.approx((35 * 4500 + 34 * 3500) / 8000)
    assert west.at[2010, "method"] == "population_weighted" and west.at[2010, "n_provinces"] == 2
    # 2009 has both provinces but no population of 2009: missing, not weighted with 2010 population
    assert math.isnan(west.at[2009, "value"]) and west.at[2009, "n_provinces"] == 2


def test_regional_series_needs_every_province_of_the_region():
    partial = dict(ALL)
    del partial["520000"]
    ds = make_dataset(_pop(2010) + _urb(2010, partial))
    west = regional_series(ds, "urbanisation", "west")
    assert west["n_provinces"].tolist() == [1] and west["n_expected"].tolist() == [2]
    assert math.isnan(west["value"].iloc[0])


def test_regional_series_plain_and_none_rules():
    ds = make_dataset([(a, "tertiary_share", 2010, v) for a, v in ALL.items()] + [(a, "gdp", 2010, v) for a, v in ALL.items()])
    east = regional_series(ds, "tertiary_share", "east")
    assert east["value"].tolist() == [pytest.approx((86 + 80) / 2)] and east["method"].tolist() == ["plain"]
    gdp = regional_series(ds, "gdp", "east")
    assert gdp["method"].tolist() == ["none"] and math.isnan(gdp["value"].iloc[0])
    with pytest.raises(ValueError):
        regional_series(ds, "gdp", "530000")


def test_regional_means_and_weighted_mean_within_provinces():
    ds = make_dataset(_pop(2010) + _urb(2010, ALL))
    means = regional_means(ds, "urbanisation", 2010).set_index("region")
    east = means.at["east", "value"]
    assert east == pytest.approx((86 * 2000 + 80 * 1000) / 3000)  # 84.0
    assert 80 <= east <= 86
    assert means.at["northeast", "value"] == 62 and means.at["central", "n_expected"] == 1


def test_disparity_for_year_excludes_non_mainland_and_needs_same_year_population():
    ds = make_dataset(_pop(2010) + _urb(2010, ALL) + _urb(2011, ALL) + [("710000", "urbanisation", 2010, 99)])
    stats = disparity_for_year(ds, "urbanisation", 2010)
    assert stats["n_provinces"] == 6 and stats["n_expected"] == 6
    assert stats["cv"] == pytest.approx(coefficient_of_variation(list(ALL.values())))
    assert stats["gini"] is not None
    no_pop = disparity_for_year(ds, "urbanisation", 2011)
    assert no_pop["cv"] is not None and no_pop["cv_weighted"] is None and no_pop["gini"] is None


def test_province_ranks_use_indicator_direction():
    ds = make_dataset([(a, "engel_rural", 2010, v) for a, v in {"110000": 30, "530000": 50, "410000": 40}.items()])
    ranked = province_ranks(ds, "engel_rural", 2010)
    assert ranked["area_code"].tolist() == ["110000", "410000", "530000"]  # lower Engel is better
    assert ranked["rank"].tolist() == [1, 2, 3]


def test_sigma_convergence_only_for_complete_years():
    later = {a: v * 0.5 + 30 for a, v in ALL.items()}
    partial = {"110000": 87, "530000": 36}
    ds = make_dataset(_urb(2000, ALL) + _urb(2010, later) + _urb(2005, partial))
    table = sigma_convergence(ds, "urbanisation").set_index("year")
    assert table.at[2010, "cv"] < table.at[2000, "cv"]  # converging
    assert math.isnan(table.at[2005, "cv"]) and table.at[2005, "n_provinces"] == 2
    relaxed = sigma_convergence(ds, "urbanisation", min_provinces=2).set_index("year")
    assert not math.isnan(relaxed.at[2005, "cv"])


def test_urban_rural_ratio_where_both_exist():
    ds = make_dataset([
        ("530000", "urban_disposable_income", 2010, 16_065), ("530000", "rural_net_income", 2010, 3_952),
        ("530000", "urban_disposable_income", 2011, 18_576),  # no rural value: no ratio
        ("110000", "engel_urban", 2010, 32.1, "urban"), ("110000", "engel_urban", 2010, 32.4, "rural"),
    ])
    pair = urban_rural_ratio(ds, "urban_disposable_income", "rural_net_income")
    assert pair[["area_code", "year"]].values.tolist() == [["530000", 2010]]
    assert pair["ratio"].iloc[0] == pytest.approx(16_065 / 3_952)  # 4.07 (rural = 1)
    subgroups = urban_rural_ratio(ds, "engel_urban")
    assert subgroups["ratio"].iloc[0] == pytest.approx(32.1 / 32.4)


def test_one_vintage_per_cell():
    # a revised cell: the vintage covering most of the series wins, never an average
    ds = make_dataset([("530000", "urbanisation", 2009, 34, "total", "v2"),
                       ("530000", "urbanisation", 2010, 35, "total", "v2"),
                       ("530000", "urbanisation", 2010, 36, "total", "v1")])
    table = sigma_convergence(ds, "urbanisation", min_provinces=1)
    assert np.isfinite(table["cv"]).all()
    assert series_points(ds, "urbanisation", "530000") == [(2009, 34.0), (2010, 35.0)]


# --- Theil decomposition and beta-convergence ------------------------------------------------------
def _frame(rows):
    return pd.DataFrame(rows, columns=["region", "value", "population"])


def test_theil_decomposition_hand_computed():
    # A: values 1, 3 (pop 1 each); B: value 4 (pop 2). mu = 12/4 = 3.
    # T = .25*(1/3)ln(1/3) + .5*(4/3)ln(4/3) = 0.100237
    # between = .5*(2/3)ln(2/3) + .5*(4/3)ln(4/3) = -0.135155 + 0.191788 = 0.056633
    # within = .5*(2/3)*T_A with T_A = theil([1, 3]) = 0.130812 -> 0.043604; T_B = 0
    parts = theil_decomposition_from_values(_frame([("a", 1, 1), ("a", 3, 1), ("b", 4, 2)]))
    assert parts["total"] == pytest.approx(0.25 / 3 * math.log(1 / 3) + 0.5 * 4 / 3 * math.log(4 / 3))
    assert parts["between"] == pytest.approx(0.5 * 2 / 3 * math.log(2 / 3) + 0.5 * 4 / 3 * math.log(4 / 3))
    assert parts["within_a"] == pytest.approx(0.5 * 2 / 3 * theil_index([1, 3]))
    assert parts["within_b"] == pytest.approx(0.0)
    assert parts["between"] + parts["within"] == pytest.approx(parts["total"])
    assert parts["total"] == pytest.approx(0.100237, abs=1e-6)


def test_theil_decomposition_all_between_or_all_within():
    # equal values inside each region: the whole index is between regions
    parts = theil_decomposition_from_values(_frame([("a", 2, 1), ("a", 2, 3), ("b", 5, 2)]))
    assert parts["within"] == pytest.approx(0.0) and parts["between"] == pytest.approx(parts["total"])
    # equal regional means: the whole index is within regions
    parts = theil_decomposition_from_values(_frame([("a", 1, 1), ("a", 3, 1), ("b", 2, 1), ("b", 2, 1)]))
    assert parts["between"] == pytest.approx(0.0, abs=1e-12) and parts["within"] == pytest.approx(parts["total"])
    # missing population or a non-positive value: no decomposition, nothing filled
    assert theil_decomposition_from_values(_frame([("a", 1, None), ("b", 2, 1)])) is None
    assert theil_decomposition_from_values(_frame([("a", 0, 1), ("b", 2, 1)])) is None


@given(st.lists(st.tuples(st.sampled_from(["east", "central", "west", "northeast"]),
                          st.floats(0.1, 1e5), st.floats(1, 1e5)), min_size=1, max_size=31))
def test_theil_parts_sum_to_the_total(rows):
    parts = theil_decomposition_from_values(_frame(rows))
    assert parts is not None
    assert parts["between"] + parts["within"] == pytest.approx(parts["total"], rel=1e-9, abs=1e-12)
    assert parts["between"] >= -1e-12 and parts["within"] >= -1e-12
    within = sum(v for k, v in parts.items() if k.startswith("within_"))
    assert within == pytest.approx(parts["within"], rel=1e-9, abs=1e-12)


def test_theil_decomposition_over_time_only_complete_years():
    ds = make_dataset(_urb(2000, ALL) + _pop(2000) + _urb(2005, {"110000": 87}) + _pop(2005)
                      + _urb(2010, ALL))  # 2010: no population -> no weights, nothing computed
    table = theil_decomposition(ds, "urbanisation").set_index("year")
    assert table.at[2000, "between"] + table.at[2000, "within"] == pytest.approx(table.at[2000, "total"])
    assert 0 < table.at[2000, "between_share"] < 1
    assert math.isnan(table.at[2005, "total"]) and table.at[2005, "n_provinces"] == 1
    assert math.isnan(table.at[2010, "total"])


def test_beta_regression_hand_computed():
    # x = ln y0 = 0..3, annual growth g = .3, .25, .05, 0 over one year:
    # slope = Sxy/Sxx = -.55/5 = -.11; intercept .315; residuals -.015 .045 -.045 .015, SSR .0045
    # se = sqrt(.0045 / 2 / 5) = .0212132; t(2, .975) = 4.303 -> interval -.11 -/+ .091280
    y0 = [math.exp(x) for x in (0, 1, 2, 3)]
    y1 = [a * math.exp(g) for a, g in zip(y0, (0.3, 0.25, 0.05, 0.0))]
    beta = beta_regression(y0, y1, 1)
    assert beta["slope"] == pytest.approx(-0.11)
    assert beta["intercept"] == pytest.approx(0.315)
    assert beta["se"] == pytest.approx(math.sqrt(0.00045))
    assert beta["low"] == pytest.approx(-0.11 - 4.303 * math.sqrt(0.00045))
    assert beta["high"] == pytest.approx(-0.11 + 4.303 * math.sqrt(0.00045))
    # the growth is annualised: the same change over 10 years is a tenth of the slope
    assert beta_regression(y0, y1, 10)["slope"] == pytest.approx(-0.011)
    assert beta_regression(y0[:2], y1[:2], 1) is None          # too few provinces
    assert beta_regression([1, 1, 1], [2, 3, 4], 1) is None    # no spread in the initial level
    assert beta_regression([0, 1, 2], [1, 2, 3], 1) is None    # log of zero


def test_beta_convergence_needs_every_province_in_both_years():
    later = {a: v * 0.5 + 40 for a, v in ALL.items()}  # low starters gain more -> convergence
    ds = make_dataset(_urb(2000, ALL) + _urb(2010, later) + _urb(2005, {"110000": 87}))
    beta = beta_convergence(ds, "urbanisation", 2000, 2010)
    assert beta["slope"] < 0 and beta["high"] < 0 and beta["n"] == 6 and (beta["start"], beta["end"]) == (2000, 2010)
    assert beta_convergence(ds, "urbanisation", 2000, 2005) is None
    assert complete_years(ds, "urbanisation") == [2000, 2010]


def test_urban_rural_series_keep_the_surveys_apart():
    ds = make_dataset([
        ("530000", "urban_disposable_income", 2012, 21_075), ("530000", "rural_net_income", 2012, 5_417),
        ("530000", "urban_disposable_income_2013survey", 2013, 23_236),
        ("530000", "rural_disposable_income", 2013, 6_141),
    ], {**INDICATORS,
        "urban_disposable_income_2013survey": ("true", "population_weighted"),
        "rural_disposable_income": ("true", "population_weighted")})
    series = urban_rural_series(ds, "income")
    assert [(survey, list(frame["year"])) for survey, _, _, frame in series] == [("old", [2012]), ("integrated", [2013])]
    assert series[1][3]["ratio"].iloc[0] == pytest.approx(23_236 / 6_141)
    assert urban_rural_series(ds, "engel") == []


# --- between or within regions, and since when ---------------------------------------------------
def test_between_or_within_names_the_side_and_since_when():
    years = [2005, 2006, 2007, 2008, 2009, 2010]
    shares = [0.40, 0.45, None, 0.55, 0.60, 0.52]  # 2007 not decomposed
    # the selected year: between since 2008; before that (2006, the last decomposed year) within
    assert between_or_within(years, shares, 2009) == {
        "year": 2009, "side": "between", "share": 0.60, "since": 2008, "since_share": 0.55,
        "before": 2006, "before_share": 0.45}
    # within in every decomposed year up to 2006
    assert between_or_within(years, shares, 2006) == {
        "year": 2006, "side": "within", "share": 0.45, "since": 2005, "since_share": 0.40,
        "before": None, "before_share": None}
    # a year that is not decomposed (2007) or not given: the last decomposed year
    assert between_or_within(years, shares, 2007)["year"] == 2010
    assert between_or_within(years, shares)["year"] == 2010
    # exactly half counts as between
    assert between_or_within([2000], [0.5])["side"] == "between"
    assert between_or_within([2000, 2001], [None, math.nan]) is None


@given(st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=1, max_size=15), st.integers(1999, 2016))
def test_between_or_within_run_is_unbroken_and_maximal(shares, year):
    years = list(range(2000, 2000 + len(shares)))
    reading = between_or_within(years, shares, year)
    points = [(y, s) for y, s in zip(years, shares) if s is not None]
    if not points:
        assert reading is None
        return
    side = {"between": True, "within": False}[reading["side"]]
    run = [s for y, s in points if reading["since"] <= y <= reading["year"]]
    assert run and all((s >= 0.5) == side for s in run)  # the side holds in every year of the run
    if reading["before"] is not None:
        assert (reading["before_share"] >= 0.5) != side  # and it did not the year before
        assert reading["before"] == max(y for y, _ in points if y < reading["since"])
    else:
        assert reading["since"] == points[0][0]


def _one_region_at_a_time(ds, indicator_id, region):
    """regional_series as it was before all regions came from one panel: the oracle."""
    from dashboard.analysis._common import province_regions
    from dashboard.analysis.disparity import _region_value, province_panel, regional_mean_rule

    method = regional_mean_rule(ds, indicator_id)
    expected = int((province_regions(ds) == region).sum())
    panel = province_panel(ds, indicator_id)
    rows = [{"year": int(year), "n_provinces": len(values), "n_expected": expected, "method": method,
             "value": np.nan if (v := _region_value(values, expected, method)) is None else v}
            for year, values in panel[panel["region"] == region].groupby("year", sort=True)]
    frame = pd.DataFrame(rows, columns=["year", "value", "n_provinces", "n_expected", "method"])
    return frame.astype({"year": int, "value": float, "n_provinces": int, "n_expected": int})


_CELLS = [(area, year) for area in ALL for year in (2009, 2010, 2011)]


@settings(max_examples=60, deadline=None)  # builds a dataset per example: slow on a busy machine
@given(indicator_id=st.sampled_from(["urbanisation", "tertiary_share", "gdp", "population", "nothing-here"]),
       regions=st.lists(st.sampled_from(["east", "central", "west", "northeast"]), min_size=1, max_size=4, unique=True),
       values=st.dictionaries(st.sampled_from(_CELLS), st.floats(1, 100), max_size=len(_CELLS)),
       populations=st.dictionaries(st.sampled_from(_CELLS), st.floats(100, 9000), max_size=len(_CELLS)))
def test_all_regions_from_one_panel_equal_one_region_at_a_time(indicator_id, regions, values, populations):
    from dashboard.analysis.disparity import regional_series_all

    shown = "urbanisation" if indicator_id in ("nothing-here", "population") else indicator_id
    ds = make_dataset([(a, shown, y, v) for (a, y), v in values.items()]
                      + [(a, "population", y, v) for (a, y), v in populations.items()])
    found = regional_series_all(ds, indicator_id, regions=regions)
    assert list(found) == regions
    for region in regions:
        pd.testing.assert_frame_equal(found[region], _one_region_at_a_time(ds, indicator_id, region))
        pd.testing.assert_frame_equal(regional_series(ds, indicator_id, region), found[region])


def test_bundled_regional_means_equal_one_region_at_a_time(bundled_dataset):
    from dashboard.analysis.disparity import regional_series_all

    for indicator_id in ("urbanisation", "life_expectancy", "gdp_pc", "population"):
        for region, table in regional_series_all(bundled_dataset, indicator_id).items():
            pd.testing.assert_frame_equal(table, _one_region_at_a_time(bundled_dataset, indicator_id, region))
