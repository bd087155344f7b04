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


def test_switching_language_keeps_the_whole_view(page):
    """The view's own choices survive the re-render: target set (`fw`) and chosen pilots."""
    idle = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
    for view, ready in (("gaps", "#gaps-grid"), ("data", "#datasrc-pilots")):
        page.goto(page.watch.base + f"/?lang=zh&view={view}&ind=gdp_pc&year=2015&area=530000&fw=mdg"
                  "&pilots=530000,520000")
        page.wait_for_selector(ready)
        page.wait_for_function(idle)
        page.locator("#lang-switch").click()
        page.wait_for_function("() => location.search.includes('lang=en')")
        page.wait_for_function("() => document.querySelector('#lang-switch').innerText === '中文'")
        page.wait_for_selector(ready)
        page.wait_for_function(idle)
        for kept in (f"view={view}", "fw=mdg", "pilots=530000,520000", "area=530000", "year=2015"):
            assert kept in page.url, (view, kept, page.url)
        assert page.locator(f"#view-{view}").is_visible()
    assert page.watch.console_errors == []
