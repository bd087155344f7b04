"""Switching language re-renders the page in the other language: hover text, titles, numbers."""
from __future__ import annotations

from tests.browser.conftest import wait_for_map

HOVER_TEXT = "() => document.querySelector('#map .js-plotly-plot').data[1].customdata.join(' ')"
TREND_TITLE = "() => document.querySelector('#trend .gtitle').textContent"


def test_switching_language_changes_hover_titles_and_number_format(page):
    page.goto(page.watch.base + "/?lang=zh&ind=gdp_pc&year=2015&area=530000")
    wait_for_map(page)
    page.wait_for_function(f"() => ({TREND_TITLE})().includes('云南省')")
    assert "云南省" in page.evaluate(HOVER_TEXT) and "万元" in page.evaluate(HOVER_TEXT)

    page.locator("#lang-switch").click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    page.wait_for_function(f"() => document.querySelector('#trend .gtitle') && ({TREND_TITLE})().includes('Yunnan')")
    hover = page.evaluate(HOVER_TEXT)
    assert "Yunnan" in hover and "yuan" in hover and "云南省" not in hover
    assert "GDP per capita" in page.locator("#trend .gtitle").text_content()
    assert page.locator("#lang-switch").inner_text() == "中文"
    assert "area=530000" in page.url and "year=2015" in page.url  # the view itself is kept
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_browser_language_decides_when_the_link_does_not(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB",
                                  extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(live_server + "/")
    page.wait_for_selector("#map .choroplethlocation")
    assert page.locator(".brand-title").inner_text() == "Xiaokang & MDG Provincial Monitor"
    context.close()
