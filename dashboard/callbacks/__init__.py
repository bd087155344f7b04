"""Thin callbacks, grouped per view: parse the URL or inputs, call data/analysis/figures, return.

Importing this package registers every callback with dash.callback (no `from app import app`):
the frame's (shell: language, router: which view is shown) and each registered view's module
(dashboard/views.py).
"""
from dashboard.callbacks import router, shell  # noqa: F401  (registration on import)
from dashboard.views import VIEWS

for _view in VIEWS:
    _view.import_callbacks()
