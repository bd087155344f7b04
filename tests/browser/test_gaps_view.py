"""Gaps view in the browser: the panel for Yunnan, a grid click selects Guizhou + life expectancy,
and the map view then shows that province and indicator. Nothing leaves 127.0.0.1."""
from __future__ import annotations

from tests.browser.conftest import wait_for_map

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
CELL = ('button.gaps-cell[id*=\'"area":"520000"\'][id*=\'"item":"nbs2008_life_expectancy"\']')
MAP_NAV = "button[id*='\"type\":\"nav\"'][id*='\"view\":\"map\"']"


def test_grid_click_selects_province_and_indicator_for_the_map(page):
    page.set_default_timeout(90_000)  # the first grid computes 7 areas' progress rows
    page.goto(page.watch.base + "/?lang=zh&view=gaps&area=530000&year=2010")
    page.wait_for_selector(".gaps-table")
    assert "云南省" in page.locator(".gaps-panel h2").inner_text()
    rows = page.locator(".gaps-table tbody tr")
    assert rows.count() >= 17  # every MDG item, then the Xiaokang items with targets
    assert "数据不足" in rows.first.inner_text() and "全国状态" in rows.first.inner_text()
    assert page.locator("#gaps-figure .js-plotly-plot").count() == 1

    page.wait_for_selector(CELL)
    page.locator(CELL).click()
    page.wait_for_function("() => location.search.includes('area=520000') && location.search.includes('ind=life_expectancy')")
    page.wait_for_function("() => document.querySelector('.gaps-panel h2').textContent.includes('贵州省')")
    page.wait_for_function(IDLE)

    page.locator(MAP_NAV).click()
    page.wait_for_function("() => location.search.includes('view=map')")
    search = page.evaluate("location.search")
    assert "area=520000" in search and "ind=life_expectancy" in search
    wait_for_map(page)
    page.wait_for_function(
        "() => document.querySelector('#trend .gtitle') && "
        "document.querySelector('#trend .gtitle').textContent.includes('贵州省')")
    assert page.locator("#view-map").is_visible() and not page.locator("#view-gaps").is_visible()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
