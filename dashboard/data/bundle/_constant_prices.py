"""Chain-linked indices and constant-price conversions (pure functions, pandas-free).

Not a bundle module (no SOURCES/INDICATORS); used by nbs_provincial_db.

NBS publishes volume and price indices as links "previous year = 100". A level at base-year
prices is the current-price value divided by the price level relative to the base year, and a
volume at base-year prices is the base-year value times the chained volume links. A year gets a
chained level only when *every* link from the base year to it is present: a gap is never
bridged (that would be interpolation).
"""
from __future__ import annotations

import math
from collections.abc import Mapping


def chain_index(links: Mapping[int, float], base_year: int) -> dict[int, float]:
    """Level relative to base_year (= 1.0) from links `year -> index (previous year = 100)`.

    The base year itself needs no link. Years after the first missing (or non-positive, or
    non-finite) link are absent. Years before the base year are not computed.
    """
    levels = {base_year: 1.0}
    level = 1.0
    year = base_year + 1
    while year in links:
        link = links[year]
        if link is None or not math.isfinite(link) or link <= 0:
            break
        level *= link / 100.0
        levels[year] = level
        year += 1
    return levels


def deflate(values: Mapping[int, float], price_links: Mapping[int, float], base_year: int) -> dict[int, float]:
    """Current-price values turned into base-year prices with a chained price index.

    Years without an unbroken price chain from the base year are left out.
    """
    prices = chain_index(price_links, base_year)
    return {year: value / prices[year] for year, value in values.items() if year in prices}


def per_capita_at_base_prices(
    per_capita_current: Mapping[int, float],
    total_current: Mapping[int, float],
    volume_links: Mapping[int, float],
    base_year: int,
) -> dict[int, float]:
    """Per-capita value at base-year prices via the implicit deflator of the total.

    total at base-year prices_t = total_current[base] * chained volume_t, so the implicit price
    level is total_current_t / that, and per capita at base prices = per_capita_current_t / it.
    This keeps the statistical office's own per-capita denominator (its mean population) and
    needs the total, the per-capita figure and the volume index of one release.
    """
    if base_year not in total_current:
        return {}
    volume = chain_index(volume_links, base_year)
    base_total = total_current[base_year]
    result = {}
    for year, pc in per_capita_current.items():
        if year in volume and year in total_current and total_current[year] > 0:
            real_total = base_total * volume[year]
            result[year] = pc * real_total / total_current[year]
    return result
