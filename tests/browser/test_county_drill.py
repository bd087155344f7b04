"""Issue 13 as a user meets it: open Yunnan's county map from its card, see its 88 poverty
counties, click a county for its census values and sources, and go back to the provinces."""
from __future__ import annotations

from tests.browser.conftest import CLICK_POINT_JS, wait_for_map

# The same hit test as for the province map, on the county map's graph.
COUNTY_POINT_JS = CLICK_POINT_JS.replace("#map .js-plotly-plot", "#map-county-map .js-plotly-plot")


def test_drill_into_yunnan_click_a_county_and_back(page):
    page.goto(page.watch.base + "/?lang=zh&area=530000")
    wait_for_map(page)
    page.locator("#map-county-open").click()
    page.wait_for_function("() => location.search.includes('drill=530000')")
    page.wait_for_selector("#map-county-map .choroplethlocation")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    assert page.locator("#map").is_hidden()
    assert "云南省" in page.locator("#map-county-title").inner_text()
    summary = page.locator("#map-county-summary").inner_text()
    assert "129" in summary and "88" in summary
    coloured = page.evaluate("() => document.querySelector('#map-county-map .js-plotly-plot').data[1].locations.length")
    assert coloured == 88

    point = page.evaluate(COUNTY_POINT_JS, "532301")  # 楚雄市: not a poverty county, census values
    assert point is not None
    page.mouse.click(point[0], point[1])
    page.wait_for_function("() => location.search.includes('area=532301')")
    card = page.locator("#map-county-card")
    card.locator("table").wait_for()
    text = card.inner_text()
    assert "楚雄市" in text and "《中国人口普查分县资料—2020》" in text

    page.locator("#map-county-back").click()
    page.wait_for_function("() => !location.search.includes('drill=')")
    page.locator("#map").wait_for(state="visible")
    assert "area=530000" in page.evaluate("() => location.search")  # the county's province stays chosen
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_the_picker_opens_a_study_provinces_county_map_in_english(page):
    page.goto(page.watch.base + "/?lang=en")
    wait_for_map(page)
    page.locator("#map-county-pick").click()
    page.get_by_text("Guizhou (Study province)").click()
    page.wait_for_function("() => location.search.includes('drill=520000')")
    page.wait_for_selector("#map-county-map .choroplethlocation")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    assert "Guizhou" in page.locator("#map-county-title").inner_text()
    assert "66 of the 88" in page.locator("#map-county-summary").inner_text()
    assert page.watch.console_errors == []
