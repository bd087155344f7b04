"""Presenting in a real browser: build a storyboard, step with the keys a clicker sends, leave."""
from __future__ import annotations

from tests.browser.conftest import wait_for_map

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
VIEWS = ("?lang=en&view=map&ind=gdp_pc&year=2010",
         "?lang=en&view=map&ind=gdp_pc&year=2010&area=530000",
         "?lang=en&view=map&ind=urbanisation&year=2010&area=520000")


def counter_is(page, text: str) -> None:
    page.wait_for_function("t => (document.querySelector('#present-counter') || {}).textContent === t", arg=text)


def test_build_present_step_and_leave(page) -> None:
    page.set_default_timeout(60_000)  # a loaded CI machine draws the map slowly
    base = page.watch.base
    for number, query in enumerate(VIEWS, start=1):
        page.goto(base + "/" + query)
        wait_for_map(page)
        page.click("button[id*='\"view\":\"present\"']")
        page.wait_for_function("() => location.search.includes('view=present')")
        page.wait_for_function(IDLE)
        page.click("#present-add")
        page.wait_for_function("n => document.querySelectorAll('.present-slide').length === n", arg=number)

    page.click("#present-start")
    page.wait_for_function("() => document.documentElement.classList.contains('present-mode')")
    counter_is(page, "1 / 3")
    page.wait_for_function("() => location.search.includes('view=map') && !location.search.includes('area=')")
    assert page.is_visible("#present-next") and not page.is_visible("#present-add")

    page.keyboard.press("ArrowRight")
    counter_is(page, "2 / 3")
    page.wait_for_function("() => location.search.includes('area=530000')")
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    counter_is(page, "3 / 3")
    page.wait_for_function("() => location.search.includes('area=520000') && location.search.includes('ind=urbanisation')")
    assert "Guizhou" in page.text_content("#present-now-title")
    page.keyboard.press("ArrowLeft")
    counter_is(page, "2 / 3")
    page.wait_for_function("() => location.search.includes('area=530000')")

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.documentElement.classList.contains('present-mode')")
    page.wait_for_function("() => location.search.includes('view=present')")

    # A link starts the show at any slide (the storyboard is in this browser's local storage).
    page.goto(base + "/?lang=en&view=present&slide=3")
    counter_is(page, "3 / 3")
    page.wait_for_function("() => location.search.includes('area=520000')")
    page.wait_for_function(IDLE)
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_keys_typed_into_a_note_do_not_step(page) -> None:
    page.set_default_timeout(60_000)
    page.goto(page.watch.base + "/?lang=zh&view=present")
    page.wait_for_selector("#present-add")
    page.wait_for_function(IDLE)
    page.click("#present-add")
    page.wait_for_selector(".present-slide textarea")
    page.click(".present-slide textarea")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    assert not page.evaluate("() => document.documentElement.classList.contains('present-mode')")
    assert "view=present" in page.url
    assert page.watch.console_errors == []
