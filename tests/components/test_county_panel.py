"""The county panel's layout pieces."""
from __future__ import annotations

from dashboard.components.county_panel import (CountyIds, county_card, county_panel,
                                               indicator_choices)
from dashboard.figures.county_content import county_choice
from dashboard.components.map_view import map_page
from dashboard.state import parse_query


def _ids(component) -> set[str]:
    found = set()
    stack = [component]
    while stack:
        node = stack.pop()
        if getattr(node, "id", None):
            found.add(node.id)
        children = getattr(node, "children", None)
        stack.extend(children if isinstance(children, (list, tuple)) else [children] if children is not None else [])
    return found


def test_the_map_page_always_holds_the_county_level_hidden_until_drilled(app_context, bundled_dataset):
    from dashboard.callbacks.resources import resources

    state, _ = parse_query("?view=map&area=530000", bundled_dataset)
    page = map_page(resources(), "zh", state)
    assert {str(i) for i in CountyIds} <= _ids(page)
    state, _ = parse_query("?view=map&drill=530000&area=532301", bundled_dataset)
    drilled = map_page(resources(), "en", state)
    assert "楚雄市" in str(drilled) and "Yunnan: county map" in str(drilled)


def test_poverty_list_is_offered_for_every_province(bundled_dataset):
    assert [c["value"] for c in indicator_choices(bundled_dataset, "110000", "en")] == ["county_poverty_exit_year"]
    assert len(indicator_choices(bundled_dataset, "530000", "zh")) == 9


def test_card_for_no_county_and_for_a_county_without_data(bundled_dataset):
    assert "No county selected" in str(county_card(bundled_dataset, None, "en"))
    assert "No county-level data" in str(county_card(bundled_dataset, "110105", "en"))
    assert "No county selected" in str(county_card(bundled_dataset, "530000", "en"))  # a province is no county


def test_county_choice_without_drill_is_nothing(bundled_dataset):
    state, _ = parse_query("?view=map", bundled_dataset)
    assert county_choice(bundled_dataset, state) == (None, None, None)
    panel = county_panel(bundled_dataset, "zh", {}, None, None, None, {}, "")
    assert panel.hidden is True


def test_the_county_card_links_the_county_brief_in_the_page_language(bundled_dataset):
    from dash import html

    def links(card) -> list:
        found, stack = [], list(card)
        while stack:
            node = stack.pop()
            if isinstance(node, html.A):
                found.append(node)
            children = getattr(node, "children", None)
            stack.extend(children if isinstance(children, list) else [children] if children is not None else [])
        return found

    for lang, label in (("zh", "下载县级简报（PDF）"), ("en", "Download county brief (PDF)")):
        for code in ("532301", "110105"):  # with county data, and without: the brief says no data
            [link] = links(county_card(bundled_dataset, code, lang, "/app/brief/county/"))
            assert link.children == label and link.href == f"/app/brief/county/{code}.pdf?lang={lang}"
    assert links(county_card(bundled_dataset, None, "en")) == []
