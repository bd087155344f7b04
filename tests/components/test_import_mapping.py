"""The mapping form: hidden until a file is read, every control labelled from the catalogue."""
from __future__ import annotations

import json

import pytest

from dashboard.components.data_view import data_view
from dashboard.components.import_mapping import MappingIds, column_options, detected_text, mapping_panel
from dashboard.i18n import t


def _ids(component) -> set[str]:
    found = set()

    def walk(node):
        if hasattr(node, "id") and isinstance(getattr(node, "id", None), str):
            found.add(node.id)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and not isinstance(child, (str, int, float)):
                walk(child)
    walk(component)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_form_is_hidden_and_labelled_in_the_page_language(bundled_dataset, lang: str) -> None:
    panel = mapping_panel(bundled_dataset, lang)
    assert panel.hidden is True
    assert {m.value for m in MappingIds} <= _ids(panel)
    text = json.dumps(panel.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    for key in ("title", "area", "year", "value", "kind_new", "name_zh", "unit", "direction_higher", "apply"):
        assert t(f"importmap.{key}", lang) in text


def test_the_data_view_holds_the_mapping_step(bundled_dataset) -> None:
    assert MappingIds.PANEL.value in _ids(data_view(bundled_dataset, "zh"))


def test_columns_are_offered_with_their_letters() -> None:
    assert column_options(("省份", "年份", "城镇化率%"), "zh")[2] == {"label": "C · 城镇化率%", "value": "城镇化率%"}
    assert "省份、年份" in detected_text("a.csv", ("省份", "年份"), "zh")
    assert "Province, Year" in detected_text("a.csv", ("Province", "Year"), "en")


def test_a_sheet_is_named_in_the_ui_language() -> None:
    from dashboard.components.import_mapping import detected_text, place_text

    assert place_text("p.xlsx, sheet '面板数据'", "zh") == "p.xlsx，工作表“面板数据”"
    assert place_text("p.xlsx, sheet '面板数据'", "en") == "p.xlsx, sheet '面板数据'"
    assert place_text("p.csv", "zh") == "p.csv"
    assert "sheet" not in detected_text("p.xlsx, sheet '面板数据'", ["省份", "年份"], "zh")
