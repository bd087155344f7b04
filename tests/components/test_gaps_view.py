"""Gaps view layout pieces: the frame's IDs and how one progress row is worded."""
from __future__ import annotations

import pytest

from dashboard.components.gaps_view import FRAMEWORK_CHOICES, GapsIds, gaps_view, row_texts


def ids_in(component) -> set:
    found = {getattr(component, "id", None)}
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found |= ids_in(child)
    return found


ROW = {"item_id": "mdg_tb_incidence", "indicator_id": "tb_incidence", "baseline_year": 2004, "baseline": 53.7,
       "latest_year": 2018, "latest": 40.1, "target": 30.0, "target_year": 2015, "status": "off_track",
       "progress_ratio": 0.5734, "required_rate": -2.1, "actual_rate": -1.0, "years_to_target": 10.2,
       "national_status": "met", "note": None}
INFO = {"name_en": "Tuberculosis incidence", "name_zh": "肺结核报告发病率", "unit_en": "per 100,000", "unit_zh": "1/10万",
        "confidence": "unconfirmed", "overridden": False}


def test_frame_has_every_control(bundled_dataset) -> None:
    layout = gaps_view(bundled_dataset, "zh")
    assert {GapsIds.HEADER, GapsIds.FRAMEWORK, GapsIds.PANEL, GapsIds.GRID, GapsIds.SCOPE} <= ids_in(layout)
    assert FRAMEWORK_CHOICES == ("mdg", "nbs2008", "nbs2013", "fyp11")


def test_row_words_years_pace_and_marks() -> None:
    text = row_texts(ROW, INFO, "en", national=False, year=2018, decimals=1, flag="modelled")
    assert text["years"] == "2004 → 2018, target 2015"
    assert text["status"] == "Off track" and text["status_short"].endswith("Off track")
    assert text["pace"] == "57% of the required pace"
    assert text["values"] == "53.7 per 100,000 → 40.1 per 100,000 → 30.0 per 100,000"
    assert "National status: Met" in text["notes"] and "Latest value modelled" in text["notes"]
    assert text["unconfirmed"] is True and text["area_target"] is False


def test_row_without_provincial_data_names_the_year_and_national_status() -> None:
    row = {**ROW, "baseline_year": None, "baseline": None, "latest_year": None, "latest": None, "target": None,
           "status": "insufficient_data", "progress_ratio": None, "note": "fewer_than_2_points"}
    text = row_texts(row, INFO, "zh", national=False, year=2010)
    assert text["years"] == "截至2010年无数据，目标 2015年"
    assert text["notes"] == ["无分省数据；全国状态：已实现"]
    assert text["values"] == "无数据" and text["pace"] == "—"
    assert text["unconfirmed"] is False  # no target shown, nothing to label


def test_national_row_gives_the_reason_not_a_fallback() -> None:
    row = {**ROW, "status": "insufficient_data", "progress_ratio": None, "note": "no_target", "target": None}
    text = row_texts(row, INFO, "en", national=True, year=2018)
    assert text["notes"] == ["No numeric target is set for this indicator"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_grid_status_words_are_words_not_abbreviations(lang):
    from dashboard.i18n import t

    for status in ("met", "on_track", "off_track", "regressing", "insufficient_data"):
        short = t(f"gaps.status_short.{status}", lang)
        assert "·" not in short and not short.endswith(".")
    assert "数据不足" in t("gaps.status_short.insufficient_data", "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_grid_cells_say_their_status_in_words_and_to_a_screen_reader(bundled_dataset, lang):
    from dashboard.components.gaps_view import status_grid
    from dashboard.i18n import t

    statuses = {"100000": {"a": "met"}, "530000": {"a": "off_track"}}  # neither has "b": too little data
    items = [{"item_id": "a", "indicator_id": "tb_incidence", "name_zh": "肺结核报告发病率", "name_en": "TB incidence"},
             {"item_id": "b", "indicator_id": "imr", "name_zh": "婴儿死亡率", "name_en": "Infant mortality"}]
    grid = status_grid(bundled_dataset, ["100000", "530000"], statuses, items, 2015, lang, selected_area=None,
                       selected_indicator=None, pilots=["530000"], study=[])
    buttons = [cell.children for row in grid.children[2].children for cell in row.children[1:]]
    assert len(buttons) == 4
    yunnan = "云南" if lang == "zh" else "Yunnan"
    for button, status in zip(buttons, ["met", "off_track", "insufficient_data", "insufficient_data"]):
        word = t(f"terms.status.{status}", lang)
        assert button.children == t(f"gaps.status_short.{status}", lang) and "·" not in button.children
        label = getattr(button, "aria-label")
        assert word in label and (t("gaps.grid.national", lang) in label or yunnan in label)
    assert ("婴儿死亡率" if lang == "zh" else "Infant mortality") in getattr(buttons[3], "aria-label")
