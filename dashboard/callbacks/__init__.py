"""Thin callbacks, grouped per view: parse the URL or inputs, call data/analysis/figures, return.

Importing this package registers every callback with dash.callback (no `from app import app`).
"""
from dashboard.callbacks import (  # noqa: F401  (registration on import)
    attainment_view,
    data_view,
    disparity_view,
    gaps_view,
    map_view,
    present_view,
    shell,
)
