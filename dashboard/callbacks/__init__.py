"""Thin callbacks, grouped per view: parse the URL or inputs, call data/analysis/figures, return.

Importing this package registers every callback with dash.callback (no `from app import app`).
"""
from dashboard.callbacks import map_view, shell  # noqa: F401  (registration on import)
