"""Clicking through every view and back: each view is built on its first visit (not before),
shown alone, and nothing errors in the console on the way."""
from __future__ import annotations

import json

from dashboard.views import VIEWS
from tests.browser.conftest import click_province, wait_for_map

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


def _settled(page) -> None:
    """No callback pending, and two frames later still none: a request chained on the last
    answer (a gate, the router) has been sent by then."""
    page.wait_for_function(IDLE)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function(IDLE)


def _requests_for(page, action) -> list[str]:
    """The outputs of each callback request the page sends for one user action."""
    sent: list[str] = []

    def listen(request) -> None:
        if "_dash-update-component" in request.url:
            try:
                body = json.loads(request.post_data or "{}")
            except ValueError:
                body = {}
            sent.append(str(body.get("output", "?")))

    page.on("request", listen)
    try:
        action()
        _settled(page)
    finally:
        page.remove_listener("request", listen)
    return sent


def test_with_every_view_built_a_year_step_or_a_click_sends_one_request_and_back_and_forward_work(page):
    page.goto(page.watch.base + "/?lang=zh&ind=urbanisation&year=2010&area=530000")
    wait_for_map(page)
    nav = page.locator(".view-nav .nav-link")
    for index, view in [*enumerate(VIEWS)][1:] + [(0, VIEWS[0])]:  # every view built, then the map again
        nav.nth(index).click()
        page.wait_for_function(f"() => document.getElementById('view-{view.id}')?.childElementCount > 0 "
                               f"&& !document.getElementById('view-{view.id}').hidden")
        _settled(page)
    wait_for_map(page)

    def year_step() -> None:
        page.locator("#year .rc-slider-handle, #year [role=slider]").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('year=2011')")

    sent = _requests_for(page, year_step)
    assert len(sent) == 1 and "map.figure" in sent[0], sent  # hidden views and the router stay asleep

    sent = _requests_for(page, lambda: (click_province(page, "520000"),
                                        page.wait_for_function("() => location.search.includes('area=520000')")))
    assert len(sent) == 1 and "area-card.children" in sent[0], sent
    page.wait_for_function("() => document.getElementById('area-card').textContent.includes('贵州')")

    # Back within the view: the map, its card and its year follow the link.
    page.go_back()
    page.wait_for_function("() => location.search.includes('area=530000')")
    page.wait_for_function("() => document.getElementById('area-card').textContent.includes('云南')")
    assert "year=2011" in page.url

    # Back and Forward across views: the view shown follows the link.
    nav.nth(1).click()
    page.wait_for_function(f"() => !document.getElementById('view-{VIEWS[1].id}').hidden")
    _settled(page)
    page.go_back()
    page.wait_for_function("() => !document.getElementById('view-map').hidden "
                           f"&& document.getElementById('view-{VIEWS[1].id}').hidden")
    page.wait_for_function("() => document.getElementById('area-card').textContent.includes('云南')")
    page.go_forward()
    page.wait_for_function(f"() => !document.getElementById('view-{VIEWS[1].id}').hidden "
                           "&& document.getElementById('view-map').hidden")
    _settled(page)
    assert "area=530000" in page.url and "year=2011" in page.url
    assert page.watch.console_errors == []
