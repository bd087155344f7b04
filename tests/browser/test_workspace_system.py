"""A provincial indicator system in Chromium: derive Yunnan's from NBS 2008, change one target,
save it as a version, open the gaps view pinned to it, and a colleague's read-only link shows the same."""
from __future__ import annotations

from tests.browser.conftest import colleague_page, save_yunnan_system_with_target_55

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"


def test_derive_yunnan_change_a_target_save_and_see_it_in_the_pinned_gaps_view(page, browser):
    page.goto(page.watch.base + "/?lang=zh&view=workspace")
    page.wait_for_selector("#workspace-create")
    page.wait_for_function(IDLE)
    page.fill("#workspace-name", "云南评估")
    page.click("#workspace-create")
    page.wait_for_selector(".workspace-link-read")
    read_link = page.input_value(".workspace-link-read")

    panel, pinned_query = save_yunnan_system_with_target_55(page)
    assert "system=" in pinned_query

    with colleague_page(browser, "zh-CN") as (other, errors):
        other.goto(read_link.replace("?view=map", pinned_query))
        other.wait_for_selector("#gaps-system-note")
        other.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
        assert other.locator("#gaps-panel").inner_text() == panel
        assert errors == []
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
