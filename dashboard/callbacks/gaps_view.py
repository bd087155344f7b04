"""Callbacks of the 'gaps' view (Input: the URL query; writes the URL only with allow_duplicate)."""
from __future__ import annotations
