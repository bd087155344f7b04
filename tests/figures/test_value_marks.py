"""Confidence S and Beijing's hukou basis reach the reader: map hover, trend hover, flag text."""
from __future__ import annotations

import pytest

from dashboard.figures.labels import flag_text
from dashboard.figures.map_content import map_values
from dashboard.figures.trend_content import trend_lines
from dashboard.i18n import t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flag_text_names_secondary_and_registered_basis(lang) -> None:
    assert flag_text("official", lang, "X", "S") == t("ui.flag.secondary", lang)
    assert flag_text("official", lang, "X", "C") == ""
    assert flag_text("official", lang, "X", None) == ""
    both = flag_text("registered_basis", lang, "X", "S")
    assert both == f"{t('terms.flag.registered_basis', lang)} · {t('ui.flag.secondary', lang)}"


def test_map_hover_marks_secondary_and_beijing(bundled_dataset) -> None:
    values = map_values(bundled_dataset, "mmr", 2010, "en")
    hover = dict(zip(values.area_codes, values.hover_text))
    assert "quoted by a secondary page" in hover["540000"]   # Tibet 2010, white paper via Xinhua
    assert "not comparable with province-wide rates" in hover["110000"]
    c_values = map_values(bundled_dataset, "internet_penetration", 2012, "en")
    assert not any("secondary" in h for h in c_values.hover_text)  # C values carry no mark


def test_trend_hover_marks_beijing_c_values_as_hukou_basis(bundled_dataset) -> None:
    lines, _ = trend_lines(bundled_dataset, "mmr", "110000", "zh")
    beijing = [line for line in lines if 2013 in line.years][0]
    text = beijing.hover_text[beijing.years.index(2013)]
    assert t("terms.flag.registered_basis", "zh") in text and t("ui.flag.secondary", "zh") not in text
