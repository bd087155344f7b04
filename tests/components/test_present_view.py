"""The presenter layout: every control exists in both languages, and the header button."""
from __future__ import annotations

import pytest

from dashboard.components.present_view import PresentIds, add_view_button, present_view


def ids(component) -> set[str]:
    found = set()
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if getattr(node, "id", None) is not None and isinstance(node.id, str):
            found.add(node.id)
        children = getattr(node, "children", None)
        if children is not None:
            stack.append(children)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout_holds_the_editor_bar_and_exports(bundled_dataset, lang):
    found = ids(present_view(bundled_dataset, lang))
    for required in (PresentIds.ADD, PresentIds.START, PresentIds.PREV, PresentIds.NEXT, PresentIds.STOP,
                     PresentIds.COUNTER, PresentIds.UPLOAD, PresentIds.SAVE, PresentIds.DECK, PresentIds.MAP_PNG,
                     PresentIds.DATA_XLSX, PresentIds.BRIEF_PDF, PresentIds.SESSION, PresentIds.START_LINK):
        assert required in found, required


def test_header_button_has_its_own_id_and_text():
    assert add_view_button("zh").id == PresentIds.ADD_HEADER
    assert add_view_button("en").children == "+ Add current view"
