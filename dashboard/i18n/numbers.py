"""Numbers, years and missing values as Chinese or English readers expect them.

Plotly does not localise number formats (plotly/plotly.js#3580), so 万 / 亿 and thousands
separators are done here, for labels, hovers, tables and axis ticks alike.
``lang`` is a ``str`` (values come from URLs and stores): "en" is English, anything else Chinese
(``format_year``: "zh" is Chinese, anything else plain).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal
from types import MappingProxyType
from typing import Final

from dashboard.i18n import t

MISSING: Final[str] = "—"  # em dash: an empty cell, never a zero
# Chinese magnitude words by power of 10^4: 万 = 10^4, 亿 = 10^8, 万亿 = 10^12.
_ZH_MAGNITUDE: Final[Mapping[int, str]] = MappingProxyType({1: "万", 2: "亿", 3: "万亿"})
_ZH_MAX_POWER: Final[int] = 3
# Mantissa decimals once scaled to 万 / 亿: "1.23万" keeps three significant figures.
_ZH_SCALED_DECIMALS: Final[int] = 2
# Units written against the number in English too ("12.5%", not "12.5 %").
_UNSPACED_UNITS: Final[frozenset[str]] = frozenset({"%", "‰", "‱", "°"})
# layout.separators for plotly: decimal point then thousands separator, both languages.
PLOTLY_SEPARATORS: Final[str] = ".,"


def _as_finite(value: object) -> float | None:
    """float(value), or None for None / NaN / pd.NA / ±inf / non-numbers."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fixed(magnitude: Decimal, decimals: int, *, grouped: bool) -> str:
    """Round half up (四舍五入, as statistical yearbooks do) on the decimal the data holds.

    Decimal(repr(x)) keeps 5.25 as typed, so it shows 5.3 where float formatting would
    give 5.2; precision is sized for any float so quantize never overflows.
    """
    context = Context(prec=400 + decimals, rounding=ROUND_HALF_UP)
    rounded = magnitude.quantize(Decimal(1).scaleb(-decimals), context=context)
    return f"{rounded:,f}" if grouped else f"{rounded:f}"


def _decimal(number: float) -> Decimal:
    return Decimal(repr(number))


def _signed(negative: bool, digits: str) -> str:
    # No "-0.0": a value that rounds to zero has no sign worth showing.
    is_zero = digits.replace("0", "").replace(".", "").replace(",", "") == ""
    return f"-{digits}" if negative and not is_zero else digits


def _zh_unit_power(unit: str | None) -> tuple[int, str]:
    """Split a Chinese unit into its magnitude prefix power and the rest: 万元 -> (1, 元)."""
    if not unit:
        return 0, unit or ""
    for power in sorted(_ZH_MAGNITUDE, reverse=True):
        word = _ZH_MAGNITUDE[power]
        if unit.startswith(word) and len(unit) > len(word):
            return power, unit[len(word) :]
    return 0, unit


def _zh_digits(magnitude: Decimal, decimals: int, max_power: int) -> tuple[str, int]:
    """Digits of |value| at the smallest 10^4 power whose rounded mantissa stays below 10^4.

    Choosing on the *rounded* mantissa avoids "10000.0" and "10000.00万": 9,999.96 becomes
    "1.00万" and 99,999,999 becomes "1.00亿".
    """
    for power in range(max_power + 1):
        places = decimals if power == 0 else _ZH_SCALED_DECIMALS
        digits = _fixed(magnitude.scaleb(-4 * power), places, grouped=False)
        if float(digits) < 10_000 or power == max_power:
            return digits, power
    raise AssertionError("unreachable: the loop returns at max_power")


# English units that carry a Chinese magnitude (亿元 = "100 million yuan", 万人 = "10,000
# persons"): English readers expect the value scaled instead ("12.34 billion yuan").
MAGNITUDE_UNIT: Final = re.compile(r"(100 million|10,000|10 000|10k|10 thousand) ([^\s()，,;]+(?: band)?)")
_EN_MAGNITUDE_POWER: Final[Mapping[str, int]] = MappingProxyType(
    {"100 million": 8, "10,000": 4, "10 000": 4, "10k": 4, "10 thousand": 4})
_EN_SCALES: Final = ((9, "billion"), (6, "million"))


def english_magnitude(unit: str | None) -> tuple[int, str] | None:
    """"100 million yuan" -> (8, "yuan"), "10,000 persons" -> (4, "persons"); else None."""
    match = MAGNITUDE_UNIT.fullmatch(unit.strip()) if unit else None
    return (_EN_MAGNITUDE_POWER[match.group(1)], match.group(2)) if match else None


def english_scale(largest: float, unit: str | None) -> tuple[int, str | None]:
    """For values up to ``largest`` (in ``unit``): the power of ten to shift them by and the
    unit to write, "billion yuan" / "million persons" / "persons" (``unit`` unchanged when it
    carries no magnitude)."""
    found = english_magnitude(unit)
    if found is None:
        return 0, unit
    power, base = found
    absolute = abs(largest) * 10**power
    for scale, word in _EN_SCALES:
        if absolute >= 10**scale:
            return power - scale, f"{word} {base}"
    return power, base


def axis_unit(low: float, high: float, unit: str | None, lang: str) -> str | None:
    """The unit an axis or colour bar over [low, high] is titled with: ``unit`` in Chinese,
    the scaled English unit ("billion yuan") in English (see axis_ticks' ``unit``)."""
    if lang != "en":
        return unit
    return english_scale(max(abs(low), abs(high)), unit)[1]


def _attach_unit(text: str, unit: str | None, lang: str) -> str:
    if not unit:
        return text
    if lang == "zh" or unit in _UNSPACED_UNITS:
        return f"{text}{unit}"
    return f"{text} {unit}"


def format_number(
    value: float | None, lang: str, decimals: int = 1, *, unit: str | None = None
) -> str:
    """A value for display: "1.23万" / "12,345.6"; missing values are "—".

    Chinese: below 10,000 plain with ``decimals``; from 10,000 scaled to 万, 亿 (and 万亿)
    with two decimals. A unit that already carries a magnitude combines with it
    (12 万万元 would be wrong: 120,000 万元 -> "12.00亿元").
    English: thousands separators with ``decimals``.
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    number = _as_finite(value)
    if number is None:
        return MISSING
    negative = number < 0
    magnitude = _decimal(abs(number))
    if lang == "en":
        found = english_magnitude(unit)
        if found is not None:  # 7,224.18 (100 million yuan) -> "722.42 billion yuan"
            shift, shown = english_scale(number, unit)
            places = max(0, decimals - shift) if shown == found[1] else _ZH_SCALED_DECIMALS
            return _attach_unit(_signed(negative, _fixed(magnitude.scaleb(shift), places, grouped=True)), shown, lang)
        return _attach_unit(
            _signed(negative, _fixed(magnitude, decimals, grouped=True)), unit, lang
        )
    unit_power, unit_rest = _zh_unit_power(unit)
    digits, power = _zh_digits(magnitude, decimals, _ZH_MAX_POWER - unit_power)
    text = _signed(negative, digits)
    if power == 0:
        return _attach_unit(text, unit, lang)
    return f"{text}{_ZH_MAGNITUDE[power + unit_power]}{unit_rest}"


def format_percent(fraction: float | None, lang: str, decimals: int = 1) -> str:
    """A share held as a fraction (attainment 0.801) as a percentage: "80.1%"."""
    number = _as_finite(fraction)
    return format_number(None if number is None else number * 100, lang, decimals, unit="%")


def format_year(year: int, lang: str) -> str:
    """A calendar year as running text: "2010年" / "2010"."""
    return f"{year}年" if lang == "zh" else str(year)


def format_missing(lang: str, year: int | None = None) -> str:
    """Why a cell is empty, with the year looked for: "2010年无数据" / "No data for 2010"."""
    if year is None:
        return t("terms.no_data", lang)
    return t("terms.no_data_for_year", lang, year=format_year(year, lang))


def axis_tickformat(lang: str) -> str:
    """d3-format for plotly axis ticks (use with ``layout.separators = PLOTLY_SEPARATORS``).

    English groups thousands; Chinese does not, as in NBS bulletins and yearbooks. Plotly
    cannot write 万 / 亿: for Chinese axes reaching 10,000 use ``axis_ticks`` instead.
    """
    return ",~f" if lang == "en" else "~f"


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    exponent = math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * 10**exponent >= raw:
            return factor * 10**exponent
    raise AssertionError("unreachable: 10 * 10**exponent >= raw")


def _trimmed(digits: str) -> str:
    return digits.rstrip("0").rstrip(".") if "." in digits else digits


def axis_ticks(
    low: float, high: float, lang: str, count: int = 5, *, unit: str | None = None
) -> tuple[list[float], list[str]]:
    """About ``count`` round tick values covering [low, high] and their labels, for
    ``tickvals`` / ``ticktext``. Chinese labels share one magnitude (0, 0.5万, 1万, 1.5万).
    For values, not years: a year axis wants ``tickformat="d"`` (no "2,010").
    English values in a unit with a magnitude ("100 million yuan") are labelled in the unit
    axis_unit gives ("billion yuan"); the tick values stay in the data's unit."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("axis bounds must be finite")
    if lang == "en" and english_magnitude(unit) is not None:
        shift = english_scale(max(abs(low), abs(high)), unit)[0]
        scaled_ticks, scaled_labels = axis_ticks(low * 10**shift, high * 10**shift, lang, count)
        return [tick / 10**shift for tick in scaled_ticks], scaled_labels
    low, high = min(low, high), max(low, high)
    if high == low:
        return [low], [format_number(low, lang)]
    step = _nice_step(high - low, count)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    step_exponent = math.floor(math.log10(step))
    # Round away float noise (0.30000000000000004) at one place finer than the step.
    ticks = [round(i * step, max(0, 1 - step_exponent)) for i in range(first, last + 1)]
    top = max(abs(tick) for tick in ticks)
    power = 0
    if lang == "zh":
        while power < _ZH_MAX_POWER and top >= 10 ** (4 * (power + 1)):
            power += 1
    # Enough decimals to tell neighbouring ticks apart (2.5 steps need one more).
    places = max(0, 4 * power - step_exponent + (1 if step / 10**step_exponent == 2.5 else 0))
    labels: list[str] = []
    for tick in ticks:
        scaled = _decimal(abs(tick)).scaleb(-4 * power)
        digits = _trimmed(_fixed(scaled, places, grouped=lang == "en"))
        suffix = _ZH_MAGNITUDE[power] if power and digits != "0" else ""
        labels.append(_signed(tick < 0, digits) + suffix)
    return ticks, labels
