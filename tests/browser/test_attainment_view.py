"""The attainment view in a browser: map and method check shown, a what-if edit recomputes,
nothing leaves 127.0.0.1, no console errors."""
from __future__ import annotations

import re

ROW = "#attainment-whatif .ag-row[row-id='nbs2008_urbanisation']"


def wait_ready(page) -> None:
    page.wait_for_selector("#attainment-map .choroplethlocation")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")


def test_map_and_method_check_shown(page):
    page.goto(page.watch.base + "/?lang=en&view=attainment&year=2010")
    wait_ready(page)
    assert page.locator("#view-attainment").is_visible()
    check = page.locator("#attainment-check table")
    check.wait_for()
    body = check.inner_text()
    for figure in ("59.6%", "80.1%", "88.0%", "77.7%", "71.4%", "82.3%", "50.3%", "76.1%"):
        assert figure in body
    assert "Economic development" in body
    # never a plain number below the rule: a partial value always says how much weight it rests on
    assert re.search(r"Partial index \d+\.\d% — measured: \d+% of the weight", body)
    assert "Insufficient data" in page.locator("#attainment-summary").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_what_if_edit_recomputes_and_is_kept_in_the_link(page):
    page.goto(page.watch.base + "/?lang=en&view=attainment&year=2010&area=530000")
    wait_ready(page)
    page.wait_for_selector(f"{ROW} .ag-cell[col-id='score_text']")
    assert page.locator(f"{ROW} .ag-cell[col-id='score_text']").inner_text() == "57.8%"
    page.locator(f"{ROW} .ag-cell[col-id='target']").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("40")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.includes('wi=urbanisation:t:40')")
    page.wait_for_function(
        f"() => document.querySelector(\"{ROW} .ag-cell[col-id='score_text']\").innerText === '86.8%'")
    assert "✎" in page.locator(f"{ROW} .ag-cell[col-id='target']").inner_text()
    page.locator("#attainment-reset").click()
    page.wait_for_function(
        f"() => document.querySelector(\"{ROW} .ag-cell[col-id='score_text']\").innerText === '57.8%'")
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_bad_whatif_link_shows_a_notice(page):
    page.goto(page.watch.base + "/?lang=zh&view=attainment&year=2010&wi=gdp_pc:t:abc")
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('#attainment-notice').innerText.includes('gdp_pc:t:abc')")
    assert "wi=" in page.evaluate("() => location.hash")
    assert page.watch.console_errors == []


def test_partial_switch_hatches_and_says_the_measured_share(page):
    page.goto(page.watch.base + "/?lang=en&view=attainment&year=2010&area=410000")
    wait_ready(page)
    assert page.locator("#attainment-summary").inner_text().startswith("Insufficient data")
    page.locator("#attainment-index-mode input[value='partial']").check()
    page.wait_for_function("() => location.hash.includes('ix=partial')")
    page.wait_for_function(
        "() => document.querySelector('#attainment-summary').innerText.startsWith('Partial index')")
    assert "of the weight" in page.locator("#attainment-summary").inner_text()
    assert "hatched: partial index" in page.locator("#attainment-map").inner_text()
    assert "河南省统计局" in page.locator("#attainment-published").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
