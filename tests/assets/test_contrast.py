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


# --- every rule of every stylesheet that sets a text colour on a background -----------------------
ASSETS = Path(__file__).resolve().parents[2] / "assets"
HEX = r"#[0-9a-fA-F]{6}\b|#fff\b"


def _full(hex_colour: str) -> str:
    return "#ffffff" if hex_colour.lower() == "#fff" else hex_colour


def coloured_rules():
    """(file, selector, text colour, background colours) of rules with both; a hatched (gradient)
    background contributes every stripe colour, each of which the text must stand out from."""
    for sheet in sorted(ASSETS.glob("*.css")):
        if sheet.name.startswith("00-"):  # Bootstrap itself: its colours are overridden in style.css
            continue
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            colour_match = re.search(rf"(?<![-\w])color:\s*({HEX})", body)
            background = re.search(r"background(?:-color)?:([^;]*)", body)
            if colour_match and background:
                stripes = [_full(c) for c in re.findall(HEX, background.group(1))]
                if stripes:
                    yield sheet.name, selector.strip(), _full(colour_match.group(1)), stripes


RULES = list(coloured_rules())


def test_the_scan_finds_the_coverage_cells_and_badges():
    selectors = " ".join(rule[1] for rule in RULES)
    assert ".cov-none" in selectors and ".cov-3" in selectors and ".status-met" in selectors


@pytest.mark.parametrize(("sheet", "selector", "text", "backgrounds"), RULES,
                         ids=[f"{r[0]}:{r[1][:40]}" for r in RULES])
def test_every_coloured_rule_meets_wcag_aa(sheet, selector, text, backgrounds):
    for background in backgrounds:
        assert contrast(text, background) >= 4.5, f"{sheet} {selector}: {text} on {background}"


def _button_variable(name: str) -> str:
    found = re.findall(rf"--bs-btn-{name}:\s*({HEX})", CSS)
    assert found, f"style.css sets no --bs-btn-{name}"
    return _full(found[0])


@pytest.mark.parametrize("background", ["bg", "panel"])
def test_framework_buttons_meet_wcag_aa(background):
    # unselected: blue text on the page or a panel; selected / hovered: white on blue
    assert contrast(_button_variable("color"), colour(background)) >= 4.5
    assert contrast(_button_variable("active-color"), _button_variable("active-bg")) >= 4.5
    assert contrast(_button_variable("hover-color"), _button_variable("hover-bg")) >= 4.5


def test_chart_text_meets_wcag_aa():
    from dashboard.figures import theme

    paper = theme.TEMPLATE.layout.paper_bgcolor
    paper = "#ffffff" if paper == "white" else paper
    for text in (theme.INK, theme.MUTED, theme.TEMPLATE.layout.font.color):
        assert contrast(text, paper) >= 4.5
