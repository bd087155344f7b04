"""The 'present' view's layout (conventions: CONTRIBUTING.md at the repo root; `$CONVENTIONS` in a task text means that file)."""
from __future__ import annotations

from dash import html

from dashboard.data.dataset import Dataset


def present_view(dataset: Dataset, lang: str) -> html.Div:
    return html.Div()
