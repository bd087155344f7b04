"""Clicking through every view and back: each view is built on its first visit (not before),
shown alone, and nothing errors in the console on the way."""
from __future__ import annotations

from dashboard.views import VIEWS
from tests.browser.conftest import wait_for_map

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"


def children(page, view_id: str) -> int:
    return page.evaluate(f"() => document.getElementById('view-{view_id}').childElementCount")


def test_every_view_is_built_on_its_first_visit_and_back_without_console_errors(page):
    page.goto(page.watch.base + "/?lang=zh&ind=gdp_pc&area=530000")
    wait_for_map(page)
    assert [children(page, view.id) for view in VIEWS[1:]] == [0] * (len(VIEWS) - 1)  # first paint: the map only

    nav = page.locator(".view-nav .nav-link")
    for index, view in [*enumerate(VIEWS)][1:] + [(0, VIEWS[0])]:
        nav.nth(index).click()
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('view') === '{view.id}'")
        page.wait_for_function(f"() => document.getElementById('view-{view.id}')?.childElementCount > 0")
        page.wait_for_function(IDLE)
        shown = [v.id for v in VIEWS if page.locator(f"#view-{v.id}").is_visible()]
        assert shown == [view.id]
        assert "active" in (nav.nth(index).get_attribute("class") or "")
        assert "area=530000" in page.url  # the shared selection travels with every view

    wait_for_map(page)
    page.go_back()  # Back returns to the previous view (the last in the navigation), already built
    last = VIEWS[-1].id
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('view') === '{last}'")
    page.wait_for_function(f"() => !document.getElementById('view-{last}').hidden")
    page.wait_for_function(IDLE)
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_a_link_to_another_view_builds_that_view_only(page):
    page.goto(page.watch.base + "/?lang=en&view=disparity&ind=gdp_pc")
    page.wait_for_function("() => document.getElementById('view-disparity')?.childElementCount > 0")
    page.wait_for_function(IDLE)
    assert children(page, "map") == 0 and page.locator("#view-disparity").is_visible()
    page.locator(".view-nav .nav-link").nth(0).click()
    wait_for_map(page)
    assert page.locator("#view-map").is_visible() and not page.locator("#view-disparity").is_visible()
    assert page.watch.console_errors == []
