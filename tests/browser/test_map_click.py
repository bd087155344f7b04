"""The spine, as a user meets it: load, click Yunnan, see its trend; nothing leaves 127.0.0.1."""
from __future__ import annotations

from tests.browser.conftest import click_province, wait_for_map


def test_click_yunnan_links_trend_chart_and_url(page):
    page.goto(page.watch.base + "/?lang=zh&ind=urbanisation&year=2010")
    wait_for_map(page)
    click_province(page, "530000")
    page.wait_for_function("() => location.search.includes('area=530000')")
    page.wait_for_function(
        "() => document.querySelector('#trend .gtitle') && "
        "document.querySelector('#trend .gtitle').textContent.includes('云南省')")
    legend = page.locator("#trend .legendtext").all_text_contents()
    assert "云南省" in legend
    assert any("西部" in text for text in legend)  # its region's average beside it
    assert "34.70%" in page.locator("#area-card").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_link_restores_view_and_bad_values_show_a_notice(page):
    page.goto(page.watch.base + "/?lang=en&ind=no_such_indicator&area=530000")
    wait_for_map(page)
    notice = page.locator("#notice")
    notice.wait_for(state="visible")
    assert "no_such_indicator" in notice.inner_text()
    page.wait_for_function(
        "() => document.querySelector('#trend .gtitle') && "
        "document.querySelector('#trend .gtitle').textContent.includes('Yunnan')")
    assert page.watch.console_errors == []


def test_year_slider_changes_map_colours_only(page):
    page.goto(page.watch.base + "/?lang=zh&ind=urbanisation&year=2010")
    wait_for_map(page)
    before = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data[1].z.slice()")
    page.locator("#year .rc-slider-handle, #year [role=slider]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('year=2011')")
    page.wait_for_function(
        "(before) => JSON.stringify(document.querySelector('#map .js-plotly-plot').data[1].z) !== before",
        arg=__import__("json").dumps(before))
    assert page.watch.console_errors == []


def test_play_steps_through_the_years_and_stops_at_the_last(page):
    page.goto(page.watch.base + "/?lang=en&ind=life_expectancy&year=1990")
    wait_for_map(page)
    page.locator("#play").click()
    page.wait_for_function("() => location.search.includes('year=2000')")
    page.wait_for_function("() => location.search.includes('year=2010')")
    page.wait_for_function("() => document.querySelector('#play').getAttribute('aria-pressed') === 'false'")
    assert page.locator("#play").inner_text() == "Play"
    assert page.watch.console_errors == []


def test_keyboard_user_picks_a_province_and_reads_the_table(page):
    page.goto(page.watch.base + "/?lang=en&ind=urbanisation&year=2010")
    wait_for_map(page)
    page.locator("#area-select").click()
    # Type only once the search box has focus, and choose only once the filter has run: under load
    # the dropdown opens after the click returns, and keys sent earlier are lost.
    page.wait_for_function("() => document.activeElement?.classList.contains('dash-dropdown-search')")
    page.keyboard.type("Guizhou")
    page.wait_for_function("""() => {
        const options = [...document.querySelectorAll('.dash-dropdown-option')];
        return options.length > 0 && options.every(o => o.textContent.includes('Guizhou'));
    }""")
    page.keyboard.press("ArrowDown")  # Dash 4's dropdown: highlight the first match, then choose it
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('area=520000')")
    page.locator("#map-table-summary").click()
    table = page.locator("#map-table table")
    table.wait_for()
    assert "Guizhou" in table.inner_text() and "33.81%" in table.inner_text()
    assert page.locator("#map-table th[scope=col]").count() == 4
    assert page.watch.console_errors == []
