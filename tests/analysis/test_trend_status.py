import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analysis import progress as pg
from dashboard.analysis import trend_status as ts
from dashboard.analysis.trend_status import TrendRule, assess_trend, relative_pace

HALT = TrendRule(kind=ts.HALT_REVERSE)
DIRECTION = TrendRule(kind=ts.DIRECTION)


def test_halted_and_reversing_since_peak_is_met():
    # HIV-like: rising to a 2009 peak, then falling about 5% a year
    points = [(2004, 8), (2006, 11), (2009, 17), (2011, 16), (2012, 15), (2013, 14.2), (2014, 13.5)]
    r = assess_trend(points, HALT, higher_is_better=False, target_year=2015, as_of_year=2015)
    assert r.status == pg.MET and r.direction == ts.IMPROVING
    assert (r.worst_year, r.worst) == (2009, 17)
    assert r.window_start == 2009 and r.pace > 0.005


def test_halt_reverse_still_rising_is_regressing_and_flat_is_on_track_until_target_year():
    rising = [(2010, 10), (2011, 11), (2012, 12), (2013, 13)]
    assert assess_trend(rising, HALT, higher_is_better=False, target_year=2015).status == pg.REGRESSING
    flat = [(2010, 10), (2011, 10.01), (2012, 10), (2013, 10.02)]
    assert assess_trend(flat, HALT, higher_is_better=False, target_year=2015).status == pg.ON_TRACK
    flat_late = [(y + 5, v) for y, v in flat]
    r = assess_trend(flat_late, HALT, higher_is_better=False, target_year=2015)
    assert r.status == pg.OFF_TRACK and r.direction == ts.FLAT


def test_reverse_the_loss_uses_the_trough_for_a_good_is_high_series():
    forest = [(1998, 20), (2003, 18), (2008, 19), (2013, 22)]
    r = assess_trend(forest, TrendRule(kind=ts.HALT_REVERSE, max_age_years=6), higher_is_better=True,
                     target_year=2015, as_of_year=2015)
    assert r.status == pg.MET and (r.worst_year, r.worst) == (2003, 18)


def test_direction_rule_never_met_and_uses_the_fast_threshold():
    fast = [(2010, 100), (2011, 103), (2012, 106), (2013, 109)]     # about +2.9% a year
    slow = [(2010, 100), (2011, 101), (2012, 102), (2013, 103)]     # about +1% a year
    falling = [(2010, 100), (2011, 98), (2012, 96), (2013, 94)]
    assert assess_trend(fast, DIRECTION, higher_is_better=True, target_year=2015).status == pg.ON_TRACK
    assert assess_trend(slow, DIRECTION, higher_is_better=True, target_year=2015).status == pg.OFF_TRACK
    assert assess_trend(falling, DIRECTION, higher_is_better=True, target_year=2015).status == pg.REGRESSING
    # the same falling series is good news when lower is better
    assert assess_trend(falling, DIRECTION, higher_is_better=False, target_year=2015).status == pg.ON_TRACK


def test_too_few_points_old_latest_and_zero_level_are_insufficient():
    r = assess_trend([(2010, 1), (2012, 2)], HALT, higher_is_better=False, target_year=2015)
    assert (r.status, r.note, r.n_points) == (pg.INSUFFICIENT_DATA, ts.FEW_POINTS, 2)
    old = [(2000, 3), (2001, 2), (2002, 1)]
    r = assess_trend(old, HALT, higher_is_better=False, target_year=2015, as_of_year=2010)
    assert (r.status, r.note) == (pg.INSUFFICIENT_DATA, ts.STALE)
    zero = [(2010, 0), (2011, 0), (2012, 0)]
    assert assess_trend(zero, DIRECTION, higher_is_better=True, target_year=2015).note == ts.ZERO_LEVEL


def test_as_of_year_ignores_later_points_and_window_takes_last_k():
    points = [(y, float(y - 2000)) for y in range(2001, 2016)]
    r = assess_trend(points, DIRECTION, higher_is_better=True, target_year=2015, as_of_year=2010)
    assert r.latest_year == 2010 and r.window_start == 2006 and r.n_points == 10


def test_relative_pace_is_slope_over_mean_level():
    assert relative_pace([(2000, 10), (2001, 11), (2002, 12)]) == pytest.approx(1 / 11)


def test_bad_rules_raise():
    with pytest.raises(ValueError):
        TrendRule(kind="sideways")
    with pytest.raises(ValueError):
        TrendRule(min_points=4, window_obs=3)
    with pytest.raises(ValueError):
        TrendRule(flat_pace=0.02, fast_pace=0.01)


# --- properties ------------------------------------------------------------------------------
years = st.lists(st.integers(1990, 2020), min_size=1, max_size=15, unique=True).map(sorted)
values = st.floats(0.01, 1e6, allow_nan=False, allow_infinity=False)
rules = st.builds(TrendRule, kind=st.sampled_from(ts.KINDS), window_obs=st.integers(3, 8), min_points=st.just(3),
                  flat_pace=st.floats(0, 0.01), fast_pace=st.just(0.02), max_age_years=st.integers(1, 30))


@st.composite
def series(draw):
    ys = draw(years)
    return list(zip(ys, draw(st.lists(values, min_size=len(ys), max_size=len(ys)))))


@settings(max_examples=150, deadline=None)
@given(ys=years, start=values, steps=st.lists(st.floats(0, 1e4), min_size=15, max_size=15),
       rule=rules, better=st.booleans())
def test_monotone_improving_series_is_never_regressing(ys, start, steps, rule, better):
    sign = 1 if better else -1
    points, value = [], start
    for year, step in zip(ys, steps):
        points.append((year, value))
        value = value + sign * step if better else max(value - step, 0.001)
    r = assess_trend(points, rule, higher_is_better=better, target_year=2015)
    assert r.status != pg.REGRESSING


@settings(max_examples=150, deadline=None)
@given(points=series(), rule=rules, better=st.booleans(), power=st.integers(-10, 10))
def test_status_is_invariant_to_scaling(points, rule, better, power):
    factor = 2.0 ** power   # exact in binary floating point, so thresholds are not crossed by rounding
    a = assess_trend(points, rule, higher_is_better=better, target_year=2015)
    b = assess_trend([(y, v * factor) for y, v in points], rule, higher_is_better=better, target_year=2015)
    assert a.status == b.status and a.direction == b.direction and a.worst_year == b.worst_year


@settings(max_examples=150, deadline=None)
@given(points=series(), rule=rules, better=st.booleans())
def test_fewer_points_than_required_is_insufficient(points, rule, better):
    r = assess_trend(points, rule, higher_is_better=better, target_year=2015)
    assert r.status in pg.STATUSES
    if len(points) < rule.min_points:
        assert r.status == pg.INSUFFICIENT_DATA and r.note == ts.FEW_POINTS
    if rule.kind == ts.DIRECTION:
        assert r.status != pg.MET
