"""The 'gaps' view's layout. `gaps_view(dataset, lang)` is placed in its container by the shell."""
from __future__ import annotations

from dash import html

from dashboard.data.dataset import Dataset


def gaps_view(dataset: Dataset, lang: str) -> html.Div:
    return html.Div()
