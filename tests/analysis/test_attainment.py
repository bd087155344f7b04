import math
from dataclasses import replace

import pytest
from hypothesis import given, strategies as st

from dashboard.analysis import attainment as att
from dashboard.analysis.attainment import (
    IndicatorScore, ItemSpec, PriceDeflator, attainment_from_values, compute_attainment, interval_score,
    positive_score, reverse_score, score_item, weighted_index, what_if,
)
from tests.analysis.builders import FakeFrameworks, make_dataset

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)


# --- formulas, hand-computed --------------------------------------------------------------------
def test_positive_is_ratio_capped_at_one():
    assert positive_score(15_700, 31_400) == pytest.approx(0.5)  # 15700 / 31400
    assert positive_score(40_000, 31_400) == 1.0                 # beyond target: capped
    assert positive_score(-5, 10) == 0.0                         # never below 0


def test_reverse_is_target_over_value_capped():
    assert reverse_score(50, 40) == pytest.approx(0.8)  # Engel 50% vs <=40%: 40 / 50
    assert reverse_score(30, 40) == 1.0
    assert reverse_score(0, 40) == 1.0                  # nothing is better than zero


def test_interval_band_and_linear_decay_to_bounds():
    # unemployment band [3, 6], allowed bounds 1 and 10 (test values)
    assert interval_score(4.5, 3, 6, 1, 10) == 1.0
    assert interval_score(2, 3, 6, 1, 10) == pytest.approx(0.5)   # (2 - 1) / (3 - 1)
    assert interval_score(8, 3, 6, 1, 10) == pytest.approx(0.5)   # (10 - 8) / (10 - 6)
    assert interval_score(0.5, 3, 6, 1, 10) == 0.0
    assert interval_score(12, 3, 6, 1, 10) == 0.0
    with pytest.raises(ValueError):
        interval_score(4, 3, 6, 3, 10)  # bound must lie outside the band


def test_interval_without_bounds_is_not_scored():
    spec = ItemSpec("u", "interval", weight=4, target_low=3, target_high=6, indicator_id="unemp")
    assert score_item(spec, 4.5) == (None, att.BOUNDS_UNKNOWN)  # even inside the band: no one-sided scoring


@pytest.mark.parametrize("spec, value, reason", [
    (ItemSpec("a", "positive", target=10), 5, att.NOT_MEASURED),
    (ItemSpec("a", "positive", target=10, indicator_id="x"), None, att.NO_DATA),
    (ItemSpec("a", "positive", indicator_id="x"), 5, att.NO_TARGET),
    (ItemSpec("a", "positive", target=0, indicator_id="x"), 5, att.INVALID_TARGET),
    (ItemSpec("a", "sideways", target=1, indicator_id="x"), 5, att.UNKNOWN_DIRECTION),
    (ItemSpec("a", "positive", target=10, indicator_id="x", price_basis="constant_2000"), 5, att.NOT_COMPARABLE),
])
def test_unscorable_items_give_a_reason_not_a_number(spec, value, reason):
    score, why = score_item(spec, value, None if spec.constant_prices else 1.0)
    assert score is None and why == reason


def _items():
    return [
        ItemSpec("gdp", "positive", weight=12, target=31_400, indicator_id="gdp_pc", domain_id="econ"),
        ItemSpec("urb", "positive", weight=4, target=60, indicator_id="urbanisation", domain_id="econ"),
        ItemSpec("engel", "reverse", weight=4, target=40, indicator_id="engel", domain_id="life"),
    ]


def test_weighted_overall_and_domains():
    result = attainment_from_values("t", _items(), {"gdp": (15_700, 2010), "urb": (66, 2010), "engel": (50, 2010)})
    # scores 0.5, 1, 0.8; overall (12*0.5 + 4*1 + 4*0.8) / 20 = 13.2 / 20
    assert result.overall == pytest.approx(0.66)
    assert result.weight_coverage == 1.0 and result.status == att.STATUS_OK
    econ, life = result.domains
    assert econ.score == pytest.approx((12 * 0.5 + 4 * 1) / 16)  # 10 / 16 = 0.625
    assert life.score == pytest.approx(0.8)


def test_overall_is_none_below_80_percent_weight():
    result = attainment_from_values("t", _items(), {"urb": (66, 2010), "engel": (50, 2010)})
    assert result.overall is None and result.status == att.STATUS_INSUFFICIENT
    assert result.weight_coverage == pytest.approx(8 / 20)
    # the econ domain also lacks 12 of 16: insufficient; life is complete
    assert result.domains[0].score is None and result.domains[1].score == pytest.approx(0.8)


def test_exactly_80_percent_is_enough():
    items = [ItemSpec("a", "positive", weight=8, target=10, indicator_id="x"),
             ItemSpec("b", "positive", weight=2, target=10, indicator_id="y")]
    result = attainment_from_values("t", items, {"a": (5, 2010)})
    assert result.weight_coverage == pytest.approx(0.8)
    assert result.overall == pytest.approx(0.5)  # weighted mean over the available item only


def test_constant_price_target_needs_a_deflator():
    spec = ItemSpec("gdp", "positive", weight=1, target=31_400, indicator_id="gdp_pc", price_basis="constant_2000")
    no_deflator = attainment_from_values("t", [spec], {"gdp": (62_800, 2010)})
    assert no_deflator.items[0].reason == att.NOT_COMPARABLE and no_deflator.overall is None
    # with factor 0.5 (2000 prices are half of 2010's), 62,800 current = 31,400 in 2000 prices -> 1.0
    deflated = attainment_from_values("t", [spec], {"gdp": (62_800, 2010)}, {"gdp": 0.5})
    assert deflated.overall == pytest.approx(1.0)


def test_deflator_prefers_own_area_then_national():
    deflator = PriceDeflator("constant_2000", "SRC", {("530000", 2010): 0.6, ("100000", 2010): 0.5, ("100000", 2011): 0.45})
    assert deflator.factor("530000", 2010) == (0.6, None)
    assert deflator.factor("530000", 2011) == (0.45, "deflated_with_national_index")
    assert deflator.factor("530000", 2012) == (None, None)


# --- what-if -------------------------------------------------------------------------------
def test_what_if_recomputes_with_edited_targets_and_weights():
    base = attainment_from_values("t", _items(), {"gdp": (15_700, 2010), "urb": (66, 2010), "engel": (50, 2010)})
    edited = what_if(base, {"gdp": {"target": 15_700}, "engel": {"weight": 0}})
    # gdp now 1.0; engel dropped (weight 0): (12*1 + 4*1) / 16
    assert edited.overall == pytest.approx(1.0)
    assert base.overall == pytest.approx(0.66)  # the original result is untouched
    with pytest.raises(ValueError):
        what_if(base, {"gdp": {"indicator_id": "other"}})
    with pytest.raises(ValueError):
        what_if(base, {"nope": {"target": 1}})


def test_what_if_switching_to_current_prices_is_explicit():
    spec = ItemSpec("gdp", "positive", weight=1, target=31_400, indicator_id="gdp_pc", price_basis="constant_2000")
    base = attainment_from_values("t", [spec], {"gdp": (15_700, 2010)})
    assert base.overall is None
    assert what_if(base, {"gdp": {"price_basis": "current"}}).overall == pytest.approx(0.5)


# --- from a dataset and frameworks ----------------------------------------------------------
def _frameworks(overrides=()):
    return FakeFrameworks([
        {"framework_id": "nbs2008", "item_id": "nbs2008_gdp_pc", "domain_id": "econ", "domain_en": "Economy",
         "direction": "positive", "target": 20_000, "weight": 12, "indicator_id": "gdp_pc"},
        {"framework_id": "nbs2008", "item_id": "nbs2008_urb", "domain_id": "econ", "domain_en": "Economy",
         "direction": "positive", "target": 60, "weight": 5, "indicator_id": "urbanisation"},
        {"framework_id": "nbs2008", "item_id": "nbs2008_le", "domain_id": "life", "domain_en": "Life",
         "direction": "positive", "target": 75, "weight": 3, "indicator_id": "life_expectancy"},
    ], overrides=overrides)


def test_compute_attainment_uses_the_exact_year_unless_a_lag_is_allowed():
    ds = make_dataset([("530000", "gdp_pc", 2010, 15_000), ("530000", "urbanisation", 2010, 36),
                       ("530000", "life_expectancy", 2000, 65.5)])
    exact = compute_attainment(ds, _frameworks(), "530000", 2010)
    # 0.75*12 + 0.6*5 = 12 over 17 of 20 weight (85% coverage)
    assert exact.weight_coverage == pytest.approx(17 / 20)
    assert exact.overall == pytest.approx(12 / 17)
    lagged = compute_attainment(ds, _frameworks(), "530000", 2010, max_lag=10)
    le = [i for i in lagged.items if i.item_id == "nbs2008_le"][0]
    assert le.year == 2000 and le.score == pytest.approx(65.5 / 75)  # shown with its own year


def test_area_specific_target_applies():
    override = {"framework_id": "nbs2008", "item_id": "nbs2008_gdp_pc", "area_code": "530000", "target": 15_000}
    ds = make_dataset([("530000", "gdp_pc", 2010, 15_000), ("110000", "gdp_pc", 2010, 15_000)])
    fw = _frameworks([override])
    yunnan = compute_attainment(ds, fw, "530000", 2010).items[0]
    beijing = compute_attainment(ds, fw, "110000", 2010).items[0]
    assert (yunnan.target, yunnan.score) == (15_000, 1.0)
    assert (beijing.target, beijing.score) == (20_000, 0.75)


def test_a_series_at_the_targets_constant_prices_is_compared_as_it_is():
    from dataclasses import replace

    fw = FakeFrameworks([
        {"framework_id": "nbs2008", "item_id": "nbs2008_gdp_pc", "domain_id": "econ", "domain_en": "Economy",
         "direction": "positive", "target": 20_000, "weight": 12, "indicator_id": "gdp_pc", "price_basis": "constant_2000"},
    ])
    ds = make_dataset([("530000", "gdp_pc", 2010, 15_000)])
    current = compute_attainment(ds, fw, "530000", 2010).items[0]
    assert current.reason == att.NOT_COMPARABLE  # a current-price series, no deflator
    at_2000 = replace(ds, indicators=ds.indicators.assign(
        price_basis=["constant_2000" if i == "gdp_pc" else None for i in ds.indicators["indicator_id"]]))
    item = compute_attainment(at_2000, fw, "530000", 2010).items[0]
    assert item.reason is None and item.score == pytest.approx(0.75) and item.price_factor == 1.0
    other = replace(ds, indicators=ds.indicators.assign(
        price_basis=["constant_2010" if i == "gdp_pc" else None for i in ds.indicators["indicator_id"]]))
    assert compute_attainment(other, fw, "530000", 2010).items[0].reason == att.NOT_COMPARABLE  # another base year


# --- properties ----------------------------------------------------------------------------
@given(value=finite, target=positive, direction=st.sampled_from(["positive", "reverse"]))
def test_score_within_unit_interval(value, target, direction):
    score, _ = score_item(ItemSpec("a", direction, target=target, indicator_id="x"), value)
    assert 0.0 <= score <= 1.0


@given(value=finite, low=finite, width=positive, gap_low=positive, gap_high=positive)
def test_interval_within_unit_interval(value, low, width, gap_low, gap_high):
    high = low + width
    score = interval_score(value, low, high, low - gap_low, high + gap_high)
    assert 0.0 <= score <= 1.0


@given(a=finite, b=finite, target=positive)
def test_monotone_in_value(a, b, target):
    lo, hi = sorted((a, b))
    assert positive_score(lo, target) <= positive_score(hi, target)
    assert reverse_score(lo, target) >= reverse_score(hi, target)


weights = st.lists(st.floats(min_value=0.1, max_value=100), min_size=1, max_size=8)


@given(weights=weights, data=st.data(), factor=st.floats(min_value=1e-3, max_value=1e3))
def test_invariant_to_scaling_all_weights(weights, data, factor):
    scores = [data.draw(st.one_of(st.none(), st.floats(0, 1))) for _ in weights]

    def items(scale):
        return [IndicatorScore(str(i), None, None, None, s, None if s is not None else "no_data", weight=w * scale)
                for i, (w, s) in enumerate(zip(weights, scores))]

    base, scaled = weighted_index(items(1.0)), weighted_index(items(factor))
    assert base[2] == scaled[2]
    assert base[1] == pytest.approx(scaled[1])
    if base[0] is not None:
        assert scaled[0] == pytest.approx(base[0])
        assert 0.0 <= base[0] <= 1.0


@given(weights=weights, data=st.data())
def test_overall_none_when_coverage_below_80_percent(weights, data):
    scores = [data.draw(st.one_of(st.none(), st.floats(0, 1))) for _ in weights]
    items = [IndicatorScore(str(i), None, None, None, s, None, weight=w) for i, (w, s) in enumerate(zip(weights, scores))]
    value, coverage, status = weighted_index(items)
    present = sum(w for w, s in zip(weights, scores) if s is not None)
    assert coverage == pytest.approx(present / sum(weights))
    if coverage < 0.8 - 1e-6:
        assert value is None and status == att.STATUS_INSUFFICIENT
    elif coverage > 0.8 + 1e-6:
        assert value is not None and status == att.STATUS_OK
        assert not math.isnan(value)


# --- weight coverage, partial index, domain rule (issue 9) ------------------------------------
def test_weight_coverage_counts_only_positive_weights():
    items = [
        IndicatorScore("a", 1, 2010, 1, 0.5, None, weight=6),
        IndicatorScore("b", None, None, 1, None, att.NO_DATA, weight=3),
        IndicatorScore("c", 1, 2010, 1, 1.0, None, weight=0),      # weight 0: outside the index
        IndicatorScore("d", 1, 2010, 1, 1.0, None, weight=None),   # no weight: outside the index
        IndicatorScore("e", None, None, None, None, att.NOT_MEASURED, weight=1),
    ]
    value, coverage, status = weighted_index(items)
    assert coverage == pytest.approx(6 / 10)          # 6 measured of 6 + 3 + 1
    assert value is None and status == att.STATUS_INSUFFICIENT
    assert att.partial_index(items) == pytest.approx(0.5)  # only a's score carries weight


def test_partial_index_is_kept_apart_from_the_strict_index():
    result = attainment_from_values("t", _items(), {"urb": (30, 2010), "engel": (50, 2010)})
    # 8 of 20 weight measured: no index; partial = (4*0.5 + 4*0.8) / 8
    assert result.overall is None and result.status == att.STATUS_INSUFFICIENT
    assert result.partial == pytest.approx(0.65)
    strict = att.shown_result(result, None, att.MODE_STRICT)
    partial = att.shown_result(result, None, att.MODE_PARTIAL)
    assert (strict.value, strict.kind) == (None, att.KIND_NONE)
    assert (partial.value, partial.kind) == (pytest.approx(0.65), att.KIND_PARTIAL)
    assert partial.weight_coverage == pytest.approx(0.4) and partial.is_partial
    # a complete domain is strict in both modes
    life = att.shown_result(result, "life", att.MODE_PARTIAL)
    assert life.kind == att.KIND_STRICT and life.value == pytest.approx(0.8)
    assert att.shown_result(result, "nope", att.MODE_PARTIAL).kind == att.KIND_NONE
    with pytest.raises(ValueError):
        att.shown_result(result, None, "loose")


def test_nothing_scored_gives_no_partial_either():
    result = attainment_from_values("t", _items(), {})
    assert result.partial is None
    assert att.shown_result(result, None, att.MODE_PARTIAL).kind == att.KIND_NONE


def test_domain_index_at_and_just_below_80_percent_of_its_weight():
    items = [ItemSpec("a", "positive", weight=8, target=10, indicator_id="x", domain_id="econ"),
             ItemSpec("b", "positive", weight=2, target=10, indicator_id="y", domain_id="econ"),
             ItemSpec("c", "positive", weight=90, target=10, indicator_id="z", domain_id="other")]
    at_rule = attainment_from_values("t", items, {"a": (5, 2010)})
    econ = at_rule.domain("econ")
    assert econ.weight_coverage == pytest.approx(0.8) and econ.status == att.STATUS_OK
    assert econ.score == pytest.approx(0.5)
    assert at_rule.overall is None  # 8 of 100 overall: the domain stands, the index does not
    below = attainment_from_values("t", [replace(items[0], weight=7.99), *items[1:]], {"a": (5, 2010)})
    assert below.domain("econ").score is None and below.domain("econ").status == att.STATUS_INSUFFICIENT
    assert below.domain("econ").partial == pytest.approx(0.5)


def test_indicator_price_basis_from_the_id():
    assert att.indicator_price_basis("gdp_pc_2000prices") == "constant_2000"
    assert att.indicator_price_basis("energy_intensity_2010prices") == "constant_2010"
    assert att.indicator_price_basis("gdp_pc") == att.CURRENT_PRICES
    assert att.indicator_price_basis(None) == att.CURRENT_PRICES


def test_indicator_at_the_target_prices_needs_no_deflator():
    spec = ItemSpec("gdp", "positive", weight=1, target=31_400, indicator_id="gdp_pc_2000prices",
                    price_basis="constant_2000")
    assert attainment_from_values("t", [spec], {"gdp": (15_700, 2010)}).overall == pytest.approx(0.5)
    other = replace(spec, price_basis="constant_2005")  # a different basis still needs a deflator
    assert attainment_from_values("t", [other], {"gdp": (15_700, 2010)}).items[0].reason == att.NOT_COMPARABLE
    fw = FakeFrameworks([{"framework_id": "nbs2008", "item_id": "g", "domain_id": "econ", "direction": "positive",
                          "target": 31_400, "weight": 12, "indicator_id": "gdp_pc_2000prices",
                          "price_basis": "constant_2000"}])
    ds = make_dataset([("530000", "gdp_pc_2000prices", 2010, 7_850)], {"gdp_pc_2000prices": ("true", "none")})
    result = compute_attainment(ds, fw, "530000", 2010)
    assert result.overall == pytest.approx(0.25) and result.items[0].price_factor == 1.0
    # a what-if on the target keeps the comparison
    assert what_if(result, {"g": {"target": 15_700}}).overall == pytest.approx(0.5)


_SPECS = (
    ItemSpec("p", "positive", weight=5, target=60, indicator_id="x", domain_id="econ"),
    ItemSpec("r", "reverse", weight=3, target=40, indicator_id="y", domain_id="econ"),
    ItemSpec("i", "interval", weight=4, target_low=3, target_high=6, bound_low=1, bound_high=10,
             indicator_id="z", domain_id="econ"),
    ItemSpec("q", "positive", weight=2, target=10, indicator_id="w", domain_id="life"),
)
maybe_value = st.one_of(st.none(), st.floats(min_value=0.01, max_value=200))


@given(values=st.lists(maybe_value, min_size=4, max_size=4), which=st.integers(0, 3),
       step=st.floats(min_value=0, max_value=100))
def test_improving_one_indicator_never_lowers_an_index(values, which, step):
    base = {s.item_id: (v, 2010) for s, v in zip(_SPECS, values) if v is not None}
    spec = _SPECS[which]
    if spec.item_id not in base:
        return
    value = base[spec.item_id][0]
    if spec.direction == "positive":
        better = value + step
    elif spec.direction == "reverse":
        better = value / (1 + step)
    else:  # towards the band's middle
        middle = 4.5
        better = value + (middle - value) * min(step / 100, 1.0)
    improved = {**base, spec.item_id: (better, 2010)}
    before, after = attainment_from_values("t", _SPECS, base), attainment_from_values("t", _SPECS, improved)
    tol = 1e-12
    for old, new in [(before, after), *zip(before.domains, after.domains)]:
        old_score = old.overall if hasattr(old, "overall") else old.score
        new_score = new.overall if hasattr(new, "overall") else new.score
        assert (old_score is None) == (new_score is None)  # coverage does not change with a value
        if old_score is not None:
            assert new_score >= old_score - tol
        assert (old.partial is None) == (new.partial is None)
        if old.partial is not None:
            assert new.partial >= old.partial - tol


@given(weights=weights, data=st.data(), mode=st.sampled_from(att.MODES))
def test_partial_is_never_labelled_strict(weights, data, mode):
    scores = [data.draw(st.one_of(st.none(), st.floats(0, 1))) for _ in weights]
    items = [IndicatorScore(str(i), None, None, None, s, None, weight=w) for i, (w, s) in enumerate(zip(weights, scores))]
    value, coverage, status = weighted_index(items)
    partial = att.partial_index(items)
    shown = att.shown_index(value, partial, coverage, status, mode)
    if shown.kind == att.KIND_STRICT:
        assert status == att.STATUS_OK and coverage >= 0.8 * (1 - 1e-9)
        assert shown.value == pytest.approx(partial)  # same mean: strict is partial at full enough coverage
    if status != att.STATUS_OK:
        assert shown.kind != att.KIND_STRICT
        assert shown.kind == (att.KIND_PARTIAL if mode == att.MODE_PARTIAL and partial is not None else att.KIND_NONE)
