"""Value axes worded per language: Plotly cannot write 万/亿, so it is given the ticks."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

from dashboard.i18n.numbers import MAGNITUDE_UNIT, axis_ticks, axis_unit


def word_value_axis(fig: go.Figure, values: Iterable[float | None], lang: str, axis: str = "y") -> None:
    """Ticks for the values; in English an axis titled in a unit with a magnitude ("100 million
    yuan", "10,000 persons") is labelled and titled scaled ("billion yuan", "million persons")."""
    layout_axis = fig.layout.yaxis if axis == "y" else fig.layout.xaxis
    props = worded_axis(values, layout_axis.title.text or "", lang)
    if props:
        (fig.update_yaxes if axis == "y" else fig.update_xaxes)(**props)


def worded_axis(values: Iterable[float | None], title: str, lang: str) -> dict[str, Any]:
    """word_value_axis's properties for an axis titled `title`, for a figure built as a dict:
    tickmode/tickvals/ticktext, and title_text when the title's unit is scaled; {} without values."""
    numbers = [v for v in values if v is not None and v == v]
    if not numbers:
        return {}
    found = english_unit_in(title) if lang == "en" else None
    low, high = min(0.0, min(numbers)), max(numbers)
    tick_values, tick_text = axis_ticks(low, high, lang, unit=found)
    props: dict[str, Any] = dict(tickmode="array", tickvals=tick_values, ticktext=tick_text)
    if found:
        props["title_text"] = title.replace(found, axis_unit(low, high, found, lang) or found)
    return props


def english_unit_in(text: str) -> str | None:
    """The unit with a magnitude inside an axis title ("GDP (100 million yuan)"), if any."""
    match = MAGNITUDE_UNIT.search(text)
    return match.group(0) if match else None
