"""Callbacks of the 'attainment' view (conventions: CONTRIBUTING.md at the repo root; `$CONVENTIONS` in a task text means that file)."""
from __future__ import annotations
