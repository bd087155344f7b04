"""The attainment layout: every control the callbacks need exists, worded in each language."""
from __future__ import annotations

import pytest

from dashboard.components.attainment_view import AttIds, attainment_view, whatif_columns


def ids(component) -> set[str]:
    found = set()
    if getattr(component, "id", None):
        found.add(str(component.id))
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found |= ids(child)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout_has_every_id(bundled_dataset, lang):
    layout = attainment_view(bundled_dataset, lang)
    assert {str(i) for i in AttIds} <= ids(layout)
    assert layout.lang == lang


def test_ids_are_prefixed_with_the_view_name():
    assert all(str(i).startswith("attainment-") for i in AttIds)


def test_only_target_band_and_weight_columns_are_editable():
    editable = [c["field"] for c in whatif_columns("en") if "editable" in c]
    assert editable == ["target", "target_low", "target_high", "bound_low", "bound_high", "weight"]
    headers = [c["headerName"] for c in whatif_columns("zh")]
    assert "目标值" in headers and "权重" in headers
