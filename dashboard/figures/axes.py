"""Value axes worded per language: Plotly cannot write 万/亿, so it is given the ticks."""
from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.i18n.numbers import axis_ticks


def word_value_axis(fig: go.Figure, values: Iterable[float | None], lang: str, axis: str = "y") -> None:
    numbers = [v for v in values if v is not None and v == v]
    if not numbers:
        return
    tick_values, tick_text = axis_ticks(min(0.0, min(numbers)), max(numbers), lang)
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickmode="array", tickvals=tick_values, ticktext=tick_text)
