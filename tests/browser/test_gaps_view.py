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
    assert rows.count() == 23  # the selected framework's (NBS 2008) items only, each once
    first = rows.first.inner_text()  # GDP per capita: a status in words (at 2000 prices once bundled), and the national one
    assert any(word in first for word in ("已实现", "按期可实现", "进展滞后", "倒退", "数据不足")) and "全国状态" in first
    assert page.locator(".gaps-table td.gaps-method").count() == 23  # every row says how it was judged
    page.wait_for_selector("#gaps-figure .js-plotly-plot")  # drawn after the table
    assert page.locator("#gaps-figure .js-plotly-plot").count() == 1
    assert "2010" in page.locator("#gaps-year").inner_text()  # the as-of year control follows the link

    page.wait_for_selector(CELL)
    page.locator(CELL).click()
    page.wait_for_function("() => location.search.includes('area=520000') && location.search.includes('ind=life_expectancy')")
    page.wait_for_function("() => document.querySelector('.gaps-panel h2').textContent.includes('贵州省')")
    page.wait_for_function(IDLE)
    # the selected indicator's trend in the panel, with the framework's target up to 2020
    page.wait_for_function("() => document.querySelector('#gaps-trend .legendtext') && "
                           "[...document.querySelectorAll('#gaps-trend .legendtext')].some(n => n.textContent.includes('目标'))")

    page.locator(MAP_NAV).click()
    page.wait_for_function("() => location.search.includes('view=map')")
    search = page.evaluate("location.search")
    assert "area=520000" in search and "ind=life_expectancy" in search and "fw=nbs2008" in search
    wait_for_map(page)
    page.wait_for_function(
        "() => document.querySelector('#trend .gtitle') && "
        "document.querySelector('#trend .gtitle').textContent.includes('贵州省')")
    page.wait_for_function("() => [...document.querySelectorAll('#trend .legendtext')].some(n => n.textContent.includes('目标'))")
    assert page.locator("#view-map").is_visible() and not page.locator("#view-gaps").is_visible()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
