"""Number, year and missing-value formatting for Chinese and English readers."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dashboard.i18n.numbers import (
    MISSING,
    PLOTLY_SEPARATORS,
    axis_tickformat,
    axis_ticks,
    format_missing,
    format_number,
    format_percent,
    format_year,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12_345.6, 1, "1.23万"),
        (123_456_789, 1, "1.23亿"),
        (9_876.54, 1, "9876.5"),
        (9_876.54, 0, "9877"),
        (10_000, 1, "1.00万"),
        (-12_345.6, 1, "-1.23万"),
        (-123_456_789, 1, "-1.23亿"),
        (-5.5, 1, "-5.5"),
        (0, 1, "0.0"),
        (15_000_000_000_000, 1, "15.00万亿"),
        # Rounding decides the magnitude: never "10000.0" or "10000.00万".
        (9_999.96, 1, "1.00万"),
        (99_999_999, 1, "1.00亿"),
        # Half up (四舍五入), as in statistical yearbooks.
        (5.25, 1, "5.3"),
        (2.675, 2, "2.68"),
        # Rounds to zero: no "-0.0".
        (-0.04, 1, "0.0"),
    ],
)
def test_chinese_numbers(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, "zh", decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12_345.6, 1, "12,345.6"),
        (123_456_789, 0, "123,456,789"),
        (999.94, 1, "999.9"),
        (-1_234_567.891, 2, "-1,234,567.89"),
        (5.25, 1, "5.3"),
        (-0.04, 1, "0.0"),
    ],
)
def test_english_numbers(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, "en", decimals) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("missing", [None, math.nan, math.inf, -math.inf, "n/a"])
def test_missing_values_are_an_em_dash(lang: str, missing: object) -> None:
    assert format_number(missing, lang) == MISSING == "—"  # type: ignore[arg-type]
    assert format_percent(missing, lang) == MISSING  # type: ignore[arg-type]


def test_pandas_missing_values_are_an_em_dash() -> None:
    pd = pytest.importorskip("pandas")
    assert format_number(pd.NA, "zh") == MISSING
    assert format_number(pd.NaT, "en") == MISSING


@pytest.mark.parametrize(
    ("value", "lang", "unit", "expected"),
    [
        (1_234, "zh", "元", "1234.0元"),
        (12_345.6, "zh", "元", "1.23万元"),
        (1_234, "en", "yuan", "1,234.0 yuan"),
        (12.5, "en", "%", "12.5%"),
        (12.5, "zh", "%", "12.5%"),
        # A unit already in 万 / 亿 combines with the scaling instead of "12.00万万元".
        (120_000, "zh", "万元", "12.00亿元"),
        (41_383, "zh", "亿元", "4.14万亿元"),
        (3.5, "zh", "万人", "3.5万人"),
        (None, "zh", "元", MISSING),
    ],
)
def test_units(value: float | None, lang: str, unit: str, expected: str) -> None:
    assert format_number(value, lang, unit=unit) == expected  # type: ignore[arg-type]


def test_percent_of_a_fraction() -> None:
    assert format_percent(0.801, "zh") == "80.1%"
    assert format_percent(0.596, "en", 0) == "60%"


def test_negative_decimals_are_refused() -> None:
    with pytest.raises(ValueError):
        format_number(1.0, "zh", -1)


def test_years_and_missing_text() -> None:
    assert format_year(2010, "zh") == "2010年"
    assert format_year(2010, "en") == "2010"
    assert format_missing("zh", 2010) == "2010年无数据"
    assert format_missing("en", 2010) == "No data for 2010"
    assert format_missing("zh") == "无数据"
    assert format_missing("en") == "No data"


def test_axis_hints() -> None:
    assert PLOTLY_SEPARATORS == ".,"
    assert axis_tickformat("en") == ",~f"
    assert axis_tickformat("zh") == "~f"


def test_axis_ticks_use_wan_for_chinese_and_separators_for_english() -> None:
    assert axis_ticks(0, 23_000, "zh") == (
        [0, 5_000, 10_000, 15_000, 20_000],
        ["0", "0.5万", "1万", "1.5万", "2万"],
    )
    assert axis_ticks(0, 23_000, "en")[1] == ["0", "5,000", "10,000", "15,000", "20,000"]
    assert axis_ticks(0, 3e8, "zh")[1] == ["0", "1亿", "2亿", "3亿"]
    assert axis_ticks(-1.2, 3.3, "en") == ([-1, 0, 1, 2, 3], ["-1", "0", "1", "2", "3"])
    assert axis_ticks(0, 1, "zh")[1] == ["0", "0.2", "0.4", "0.6", "0.8", "1"]


@given(
    low=st.floats(-1e12, 1e12, allow_nan=False),
    span=st.floats(1e-3, 1e12, allow_nan=False),
    lang=st.sampled_from(["zh", "en"]),
)
def test_axis_ticks_lie_in_range_with_distinct_labels(low: float, span: float, lang: str) -> None:
    # Axis ranges of data: the span is not lost in float noise next to the magnitude.
    assume(span >= abs(low) * 1e-6)
    high = low + span
    ticks, labels = axis_ticks(low, high, lang)  # type: ignore[arg-type]
    assert len(ticks) == len(labels) >= 1
    assert all(low - span * 1e-6 <= tick <= high + span * 1e-6 for tick in ticks)
    assert ticks == sorted(ticks)
    assert len(set(labels)) == len(labels)


_ZH_POWER = {"": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_ZH_PATTERN = re.compile(r"^(-?\d+(?:\.\d+)?)(万亿|万|亿)?$")


@given(
    value=st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
    decimals=st.integers(0, 4),
)
def test_chinese_mantissa_times_magnitude_is_the_value_within_rounding(value: float, decimals: int) -> None:
    text = format_number(value, "zh", decimals)
    match = _ZH_PATTERN.match(text)
    assert match, text
    mantissa, word = match.group(1), match.group(2) or ""
    places = len(mantissa.partition(".")[2])
    assert places == (decimals if word == "" else 2)
    # Half a unit in the last shown place, plus float noise.
    tolerance = 0.5 * 10.0**-places * _ZH_POWER[word] * (1 + 1e-9) + abs(value) * 1e-12
    assert abs(float(mantissa) * _ZH_POWER[word] - value) <= tolerance
    # The mantissa stays below 10,000 unless it is already at the largest word.
    assert abs(float(mantissa)) < 10_000 or word == "万亿"


@given(value=st.integers(-(10**15), 10**15))
def test_english_integers_round_trip_without_commas(value: int) -> None:
    text = format_number(value, "en", 0)
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*", text), text
    assert int(text.replace(",", "")) == value


@given(
    value=st.floats(max_value=-0.5, min_value=-1e15, allow_nan=False),
    lang=st.sampled_from(["zh", "en"]),
    decimals=st.integers(0, 3),
)
def test_negative_numbers_keep_their_sign(value: float, lang: str, decimals: int) -> None:
    text = format_number(value, lang, decimals)  # type: ignore[arg-type]
    assert text.startswith("-") and text.count("-") == 1
    assert format_number(-value, lang, decimals) == text[1:]  # type: ignore[arg-type]


def test_formatters_read_any_language_but_english_as_chinese() -> None:
    # The formatters take a plain str; only "en" switches to English grouping, and format_year
    # writes 年 only for "zh": the behaviour before lang was widened from Lang to str.
    assert format_number(123456, "fr", 0) == format_number(123456, "zh", 0) == "12.35万"
    assert format_number(123456, "en", 0) == "123,456"
    assert format_year(2010, "fr") == "2010"
    assert format_year(2010, "zh") == "2010年"


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        (7_224.18, 2, "100 million yuan", "722.42 billion yuan"),
        (41_383, 2, "100 million yuan", "4,138.30 billion yuan"),
        (3.2, 1, "100 million yuan", "320.00 million yuan"),
        (4_602, 0, "10,000 persons", "46.02 million persons"),
        (0.5, 0, "10,000 persons", "5,000 persons"),
        (-3.2, 1, "100 million yuan", "-320.00 million yuan"),
        (12.5, 1, "10,000 yuan per person", "12.5 10,000 yuan per person"),  # not a magnitude unit: as given
    ],
)
def test_english_scales_units_that_carry_a_magnitude(value: float, decimals: int, unit: str, expected: str) -> None:
    assert format_number(value, "en", decimals, unit=unit) == expected


@given(st.floats(min_value=1, max_value=1e7), st.sampled_from(["100 million yuan", "10,000 persons"]))
def test_english_magnitude_words_never_reach_the_reader(value: float, unit: str) -> None:
    from dashboard.i18n.numbers import axis_unit

    text = format_number(value, "en", 2, unit=unit)
    number, *words = text.split(" ")
    assert " ".join(words) in ("billion yuan", "million yuan", "yuan", "billion persons", "million persons", "persons"), text
    scale = {"billion": 1e9, "million": 1e6}.get(words[0], 1.0)
    power = 8 if unit.startswith("100") else 4
    assert float(number.replace(",", "")) * scale == pytest.approx(value * 10**power, rel=1e-2)
    ticks, labels = axis_ticks(0, value, "en", unit=unit)
    shown = axis_unit(0, value, unit, "en") or ""
    assert "100 million" not in shown and "10,000" not in shown
    # The labels are the tick values in the shown unit: 1 label unit = 10^9 / 10^6 / 1 base units.
    scale = {"billion": 1e9, "million": 1e6}.get(shown.split(" ")[0], 1.0)
    power = 8 if unit.startswith("100") else 4
    for tick, label in zip(ticks, labels, strict=True):
        assert float(label.replace(",", "")) == pytest.approx(tick * 10**power / scale, rel=1e-6, abs=1e-9)
