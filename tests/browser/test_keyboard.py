"""The keyboard walk of issue 15: map -> year -> province -> trend table by keyboard alone.

Presses are the navigation keys (Tab, Enter, Escape); the year and the province name typed
into a box are content, not navigation, and are not counted. Reaching each control (and opening
it), from the top of the page or from the previous step, must take at most 5 presses (the
toolbars of the charts used to cost 21); the Enter that picks the typed province is counted apart.
"""
from __future__ import annotations

from tests.browser.conftest import wait_for_map

MAX_PRESSES = 5
FOCUSED_ID = "() => { const e = document.activeElement; return e.id || (e.closest('[id]') || {}).id || ''; }"


class Keys:
    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key: str) -> str:
        self.page.keyboard.press(key)
        self.count += 1
        return self.page.evaluate(FOCUSED_ID)

    def tab_to(self, element_id: str) -> None:
        for _ in range(MAX_PRESSES):
            if self.press("Tab") == element_id:
                return
        raise AssertionError(f"{element_id} not reached in {MAX_PRESSES} Tab presses")


def open_map(page, query: str = "?lang=en") -> None:
    page.goto(page.watch.base + "/" + query)
    wait_for_map(page)


def test_map_year_province_trend_table_by_keyboard(page):
    open_map(page)
    keys = Keys(page)
    # top -> year box: skip links first
    keys.press("Tab")
    assert keys.press("Tab") == "skip-year"
    assert keys.press("Enter") == "year"
    page.keyboard.type("2010")
    keys.press("Enter")                                  # Enter applies the year, focus stays
    page.wait_for_function("() => location.search.includes('year=2010')")
    assert page.evaluate(FOCUSED_ID) == "year"
    assert keys.count <= MAX_PRESSES
    # year -> province box: the map is one tab stop, its toolbar is not in the way
    keys.count = 0
    keys.tab_to("area-select")
    keys.press("Enter")
    page.wait_for_selector("#area-select[aria-expanded='true']")
    assert keys.count <= MAX_PRESSES
    page.keyboard.type("Yunnan")
    keys.press("Enter")
    page.wait_for_function("() => location.search.includes('area=530000')")
    # province -> trend table
    keys.count = 0
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    keys.tab_to("trend-table-summary")
    keys.press("Enter")
    page.wait_for_selector("#trend-table table tbody tr")
    assert page.evaluate("() => document.querySelector('#trend-table-summary').parentElement.open")
    assert keys.count <= MAX_PRESSES
    assert "2010" in page.evaluate("location.search")
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_province_box_from_the_top(page):
    open_map(page)
    keys = Keys(page)
    for _ in range(3):
        keys.press("Tab")
    assert page.evaluate(FOCUSED_ID) == "skip-province"
    keys.press("Enter")
    page.wait_for_selector("#area-select[aria-expanded='true']")  # the list is open: type the name
    assert keys.count <= MAX_PRESSES
    page.keyboard.type("Yunnan")
    keys.press("Enter")
    page.wait_for_function("() => location.search.includes('area=530000')")
    assert keys.count <= MAX_PRESSES + 1


def test_trend_table_from_the_top(page):
    open_map(page, "?lang=en&area=530000")
    page.wait_for_selector("#trend-table-summary")
    keys = Keys(page)
    keys.tab_to("skip-table")
    assert keys.press("Enter") == "trend-table-summary"   # the link opens the table too
    page.wait_for_selector("#trend-table table tbody tr")
    assert page.evaluate("() => document.querySelector('#trend-table-summary').parentElement.open")
    assert keys.count <= MAX_PRESSES


def test_chart_toolbars_are_out_of_the_tab_order_and_open_with_enter(page):
    open_map(page)
    in_order = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].filter(b => b.tabIndex >= 0).length")
    assert in_order == 0
    page.locator("#map").focus()
    keys = Keys(page)
    keys.press("Enter")
    assert page.evaluate("() => document.activeElement.classList.contains('modebar-btn')")
    assert page.evaluate("() => document.activeElement.closest('#map') !== null")
    assert keys.press("Escape") == "map"
    assert page.evaluate("() => [...document.querySelectorAll('#map .modebar-btn')].every(b => b.tabIndex === -1)")


def test_the_disparity_year_box_applies_on_enter(page):
    page.goto(page.watch.base + "/?lang=en&view=disparity&ind=urbanisation&year=2010")
    page.wait_for_selector("#disparity-ranking .bars path", timeout=90_000)
    keys = Keys(page)
    keys.press("Tab")
    keys.press("Tab")
    assert keys.press("Enter") == "disparity-year"
    page.keyboard.type("2015")
    keys.press("Enter")
    page.wait_for_function("() => location.search.includes('year=2015')")
    page.wait_for_function("() => document.querySelector('#disparity-heading').textContent.includes('2015')")
    assert keys.count <= MAX_PRESSES
    assert page.watch.console_errors == []
