"""Text colours of the stylesheet meet WCAG AA (4.5:1) on the backgrounds they are used on."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text(encoding="utf-8")
VARIABLES = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour(name: str) -> str:
    return VARIABLES.get(name, name)


@pytest.mark.parametrize(("text", "background"), [
    ("ink", "bg"), ("ink", "panel"), ("muted", "panel"), ("muted", "bg"), ("accent", "panel"),
    ("#d9e2ec", "#102a43"),   # header navigation
    ("#bcccdc", "#102a43"),   # header subtitle
    ("pilot", "#fff1e6"), ("study", "#f3e8ff"), ("#1e3a8a", "#e6f0ff"),  # role and region badges
])
def test_text_meets_wcag_aa(text, background):
    assert contrast(colour(text), colour(background)) >= 4.5


def test_every_colour_used_is_declared():
    assert {"ink", "muted", "bg", "panel", "accent", "pilot", "study"} <= set(VARIABLES)
