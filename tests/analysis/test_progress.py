import math

import pytest
from hypothesis import given, strategies as st

from dashboard.analysis import progress as pg
from dashboard.analysis.progress import assess_progress, default_path, progress_for_area
from tests.analysis.builders import make_dataset


def test_linear_off_track_hand_computed():
    # baseline 1990 = 50, target 60 by 2015: required (60-50)/25 = 0.4 per year
    # latest 2000 = 53: actual (53-50)/10 = 0.3 per year; ratio 0.75 -> off track (moderate)
    r = assess_progress([(1990, 50), (2000, 53)], target=60, target_year=2015, higher_is_better=True)
    assert r.required_rate == pytest.approx(0.4) and r.actual_rate == pytest.approx(0.3)
    assert r.progress_ratio == pytest.approx(0.75)
    assert r.status == pg.OFF_TRACK and r.progress_band == "moderate"
    assert r.years_to_target == pytest.approx((60 - 53) / 0.3)  # 23.3 years after 2000


def test_linear_on_track_hand_computed():
    # latest 2000 = 54: actual 0.4 = required -> ratio 1.0; (60-54)/0.4 = 15 more years
    r = assess_progress([(1990, 50), (1995, 51), (2000, 54)], target=60, target_year=2015, higher_is_better=True)
    assert r.status == pg.ON_TRACK and r.progress_ratio == pytest.approx(1.0)
    assert r.years_to_target == pytest.approx(15.0)
    assert (r.baseline_year, r.latest_year, r.n_points) == (1990, 2000, 3)


def test_on_track_threshold_is_095():
    # required 0.4/yr; actual 0.38/yr -> ratio 0.95 (on track); 0.37/yr -> 0.925 (off track)
    assert assess_progress([(1990, 50), (2000, 53.8)], target=60, target_year=2015, higher_is_better=True).status == pg.ON_TRACK
    assert assess_progress([(1990, 50), (2000, 53.7)], target=60, target_year=2015, higher_is_better=True).status == pg.OFF_TRACK


def test_geometric_relative_target_u5mr():
    # U5MR 61 per mille in 1991, reduce by two thirds -> target 20.33 by 2015
    # required (1/3)^(1/24) - 1 = -4.47%/yr; actual 2005 = 30: (30/61)^(1/14) - 1 = -4.94%/yr
    r = assess_progress([(1991, 61), (2005, 30)], relative_change=-2 / 3, target_year=2015,
                        higher_is_better=False, path="geometric")
    assert r.target == pytest.approx(61 / 3)
    assert r.required_rate == pytest.approx((1 / 3) ** (1 / 24) - 1)
    assert r.actual_rate == pytest.approx((30 / 61) ** (1 / 14) - 1)
    assert r.progress_ratio == pytest.approx(r.actual_rate / r.required_rate)
    assert r.status == pg.ON_TRACK
    # years: ln(20.33/30) / ln(1 + actual)
    assert r.years_to_target == pytest.approx(math.log((61 / 3) / 30) / math.log1p(r.actual_rate))


def test_met_regressing_and_insufficient():
    assert assess_progress([(1990, 61), (2010, 16)], target=20, target_year=2015, higher_is_better=False).status == pg.MET
    assert assess_progress([(1990, 61), (2010, 70)], target=20, target_year=2015, higher_is_better=False).status == pg.REGRESSING
    assert assess_progress([(1990, 61), (2010, 61)], target=20, target_year=2015, higher_is_better=False).status == pg.REGRESSING
    one = assess_progress([(2010, 10)], target=20, target_year=2015, higher_is_better=False)
    assert one.status == pg.INSUFFICIENT_DATA and one.latest == 10  # one point shows no pace, even past target
    assert assess_progress([], target=1, target_year=2015, higher_is_better=True).status == pg.INSUFFICIENT_DATA
    no_target = assess_progress([(1990, 1), (2000, 2)], target_year=2015, higher_is_better=True)
    assert no_target.status == pg.INSUFFICIENT_DATA and no_target.note == "no_target"


def test_deadline_passed_unmet_is_off_track():
    # required 0.4/yr, actual 0.5/yr, but the 2015 deadline is past and 59 < 60
    r = assess_progress([(1990, 50), (2008, 59)], target=60, target_year=2005, higher_is_better=True)
    assert r.status == pg.OFF_TRACK


def test_baseline_already_met_then_lost_is_regressing():
    r = assess_progress([(1990, 80), (2000, 70)], target=75, target_year=2015, higher_is_better=True)
    assert r.status == pg.REGRESSING and r.progress_ratio is None


def test_baseline_year_and_as_of_year_select_points():
    points = [(1985, 10), (1990, 50), (2000, 54), (2010, 70)]
    r = assess_progress(points, target=60, target_year=2015, higher_is_better=True, baseline_year=1990, as_of_year=2005)
    assert (r.baseline_year, r.baseline, r.latest_year, r.latest) == (1990, 50, 2000, 54)


def test_geometric_falls_back_to_linear_for_non_positive_values():
    r = assess_progress([(1990, 0), (2000, 5)], target=10, target_year=2015, higher_is_better=True, path="geometric")
    assert r.path == "linear" and r.note == "geometric_needs_positive_values"
    assert r.required_rate == pytest.approx(10 / 25)


def test_default_path():
    assert default_path("relative") == "geometric" and default_path("absolute") == "linear" and default_path(None) == "linear"


def test_progress_for_area_reads_the_series():
    ds = make_dataset([("530000", "life_expectancy", 1990, 63.5), ("530000", "life_expectancy", 2000, 65.5)])
    r = progress_for_area(ds, "life_expectancy", "530000", target=75, target_year=2020, higher_is_better=True)
    # required (75-63.5)/30 = 0.383; actual 2/10 = 0.2; ratio 0.522 -> off track (limited)
    assert r.status == pg.OFF_TRACK and r.progress_band == "limited"
    assert r.progress_ratio == pytest.approx(0.2 / (11.5 / 30))
    assert progress_for_area(ds, "life_expectancy", "110000", target=75, target_year=2020,
                             higher_is_better=True).status == pg.INSUFFICIENT_DATA


# --- properties -------------------------------------------------------------------------------
values = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
series = st.lists(st.tuples(st.integers(1990, 2014), values), min_size=0, max_size=6)


@given(points=series, target=values, higher=st.booleans(), path=st.sampled_from(["linear", "geometric"]))
def test_status_consistent_with_rates(points, target, higher, path):
    r = assess_progress(points, target=target, target_year=2015, higher_is_better=higher, path=path)
    assert r.status in pg.STATUSES
    if len({y for y, _ in points}) < 2:
        assert r.status == pg.INSUFFICIENT_DATA
        return
    sign = 1 if higher else -1
    if sign * (r.latest - target) >= 0:
        assert r.status == pg.MET and r.years_to_target == 0
    elif sign * r.actual_rate <= 0:
        assert r.status == pg.REGRESSING and r.years_to_target is None
    else:
        assert r.status in (pg.ON_TRACK, pg.OFF_TRACK, pg.REGRESSING)
        if r.status == pg.ON_TRACK:
            assert r.progress_ratio >= pg.ON_TRACK_RATIO - 1e-9
        if r.status == pg.OFF_TRACK:
            assert r.progress_ratio < pg.ON_TRACK_RATIO or r.latest_year >= 2015
        if r.status != pg.REGRESSING:
            assert r.years_to_target > 0


def test_relative_target_is_prorated_from_a_late_first_observation():
    # "reduce by two thirds between 1990 and 2015", first observation 2004 = 30:
    # the framework's rate (1/3)^(1/25) a year over the 11 years left -> 30 * (1/3)^(11/25)
    r = assess_progress([(2004, 30), (2010, 20)], relative_change=-2 / 3, baseline_year=1990, target_year=2015,
                        higher_is_better=False, path="geometric")
    assert r.prorated and r.baseline_year == 2004
    assert r.target == pytest.approx(30 * (1 / 3) ** (11 / 25))
    assert r.required_rate == pytest.approx((1 / 3) ** (1 / 25) - 1)
    # a series starting in the baseline year is not pro-rated
    r = assess_progress([(1990, 30), (2010, 20)], relative_change=-2 / 3, baseline_year=1990, target_year=2015,
                        higher_is_better=False, path="geometric")
    assert not r.prorated and r.target == pytest.approx(10)
    # linear: the change scaled by the share of years left
    r = assess_progress([(2004, 30), (2010, 20)], relative_change=-0.5, baseline_year=1990, target_year=2015,
                        higher_is_better=False, path="linear")
    assert r.prorated and r.target == pytest.approx(30 * (1 - 0.5 * 11 / 25))
