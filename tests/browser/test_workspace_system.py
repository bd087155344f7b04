"""A provincial indicator system in Chromium: derive Yunnan's from NBS 2008, change one target,
save it as a version, open the gaps view pinned to it, and a colleague's read-only link shows the same."""
from __future__ import annotations

from tests.browser.conftest import colleague_page

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
URBANISATION_ROW = 3          # the fourth item of NBS 2008: urban population share, national target 60


def test_derive_yunnan_change_a_target_save_and_see_it_in_the_pinned_gaps_view(page, browser):
    page.goto(page.watch.base + "/?lang=zh&view=workspace")
    page.wait_for_selector("#workspace-create")
    page.wait_for_function(IDLE)
    page.fill("#workspace-name", "云南评估")
    page.click("#workspace-create")
    page.wait_for_selector(".workspace-link-read")
    read_link = page.input_value(".workspace-link-read")

    page.select_option("#workspace-system-framework", "nbs2008")
    page.select_option("#workspace-system-area", "530000")
    page.fill("#workspace-system-name", "云南小康体系")
    page.click("#workspace-system-derive")
    cell = page.locator(f'#workspace-system-table td[data-dash-column="target"][data-dash-row="{URBANISATION_ROW}"]')
    cell.wait_for()
    assert cell.inner_text().strip() == "60"
    row = page.locator(f'#workspace-system-table td[data-dash-column="name_zh"][data-dash-row="{URBANISATION_ROW}"]')
    assert row.inner_text().strip() == "城镇人口比重"
    cell.click()
    page.keyboard.type("55")
    page.keyboard.press("Enter")
    page.wait_for_selector("#workspace-system-diff .system-diff-changed")
    assert "55" in page.locator("#workspace-system-diff").inner_text()
    page.click("#workspace-system-save")
    page.wait_for_selector(".workspace-system-gaps-link")
    assert "第1版" in page.locator("#workspace-system-message").inner_text()

    page.click(".workspace-system-gaps-link")
    page.wait_for_selector("#gaps-system-note")
    page.wait_for_function(IDLE)
    assert "云南小康体系" in page.locator("#gaps-system-note").inner_text()
    page.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
    panel = page.locator("#gaps-panel").inner_text()
    assert "目标：2020年达到55.00%" in panel and "目标：2020年达到60.00%" not in panel
    pinned_query = page.evaluate("() => window.location.search")
    assert "system=" in pinned_query

    with colleague_page(browser, "zh-CN") as (other, errors):
        other.goto(read_link.replace("?view=map", pinned_query))
        other.wait_for_selector("#gaps-system-note")
        other.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
        assert other.locator("#gaps-panel").inner_text() == panel
        assert errors == []
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
