"""The import mapping step in Chromium: a panel whose value column the importer cannot guess is
mapped by hand to a new indicator, previewed, added, and shown on the map."""
from __future__ import annotations

from tests.browser.conftest import upload_in_data_view, wait_for_map

# Two numeric columns: the value column is the user's choice, not a guess.
PANEL = (b"Province,Region,Year,Birthrate,Deaths\n"
         b"Beijing,North China,2019,8.12,5.49\nYunnan,Southwest,2019,12.63,6.2\n"
         b"Beijing,North China,2018,8.24,5.58\n")


def _idle(page) -> None:
    page.set_default_timeout(60_000)  # the data view renders three grids; a loaded CI box is slow
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")


def _choose(page, dropdown: str, text: str) -> None:
    page.locator(dropdown).click()
    page.wait_for_function("() => document.activeElement?.classList.contains('dash-dropdown-search')")
    page.keyboard.type(text)
    page.wait_for_function("""(text) => {
        const options = [...document.querySelectorAll('.dash-dropdown-option')];
        return options.length > 0 && options.every(o => o.textContent.includes(text));
    }""", arg=text)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def test_map_a_panel_to_a_new_indicator_preview_add_and_see_it_on_the_map(page, tmp_path):
    panel = tmp_path / "birth_panel.csv"
    panel.write_bytes(PANEL)
    _idle(page)
    upload_in_data_view(page, page.watch.base, "en", panel)
    page.wait_for_selector("#datasrc-mapping:not([hidden])")
    assert "Province, Region, Year, Birthrate, Deaths" in page.locator("#datasrc-mapping-detected").inner_text()
    page.wait_for_selector("#datasrc-preview .upload-error")           # unmapped, the file is refused with why
    assert "mapping step" in page.locator("#datasrc-preview").inner_text()

    _choose(page, "#datasrc-mapping-value", "Birthrate")
    page.get_by_label("A new indicator of my own").check()
    page.wait_for_selector("#datasrc-mapping-new-fields:not([hidden])")
    for field, text in (("name-zh", "出生率"), ("name-en", "Birth rate"), ("unit", "‰")):
        page.fill(f"#datasrc-mapping-{field}", text)
        page.press(f"#datasrc-mapping-{field}", "Tab")
    page.get_by_label("Higher is better").check()
    page.click("#datasrc-mapping-apply")
    page.wait_for_selector("#datasrc-preview .preview-facts")
    preview = page.locator("#datasrc-preview").inner_text()
    assert "Birth rate" in preview and "2018" in preview and "2019" in preview and "Beijing" in preview

    page.click("#datasrc-add")
    page.wait_for_selector("#datasrc-uploads .upload-item")
    assert "birth_panel.csv" in page.locator("#datasrc-uploads").inner_text()
    page.click("#datasrc-upload-message a.map-link")
    page.wait_for_function("() => location.search.includes('view=map') && location.search.includes('ind=user_birth_rate_')")
    wait_for_map(page)
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot')?.data?.some("
                           "t => (t.customdata || []).flat().join('|').includes('12.63'))")
    assert "Birth rate" in page.locator("#indicator").inner_text()  # the map's choice knows it
    assert page.locator("#notice").count() == 0 or "not recognised" not in page.locator("#notice").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_a_later_nbs_release_is_refused_in_chinese_and_added_as_its_own_series(page):
    """The GDP export officials download today is another release than the bundled series: the
    preview says so at once, in Chinese, and one click imports it as a series of its own."""
    from pathlib import Path

    import pytest

    real = Path(__file__).resolve().parents[3] / "shared" / "real-files" / "01_nbs_gdp_2001_2019_gbk_footnotes.csv"
    if not real.exists():
        pytest.skip("../shared/real-files is not beside the checkout")
    _idle(page)
    upload_in_data_view(page, page.watch.base, "zh", real)
    page.wait_for_selector("#datasrc-preview .upload-error")
    refusal = page.locator("#datasrc-preview .upload-error").inner_text()
    assert "不是同一版本" in refusal and "Excel" not in refusal
    assert page.locator("#datasrc-add").is_disabled()
    page.click("#datasrc-preview button.own-series")
    page.wait_for_function("() => !document.querySelector('#datasrc-add').disabled")
    assert "地区生产总值（01_nbs_gdp_2001_2019_gbk_footnotes.csv）" in page.locator("#datasrc-preview").inner_text()
    page.click("#datasrc-add")
    page.wait_for_selector("#datasrc-uploads .upload-item")
    page.click("#datasrc-upload-message a.map-link")
    page.wait_for_function("() => location.search.includes('view=map') && location.search.includes('ind=user_')")
    wait_for_map(page)
    assert "（01_nbs_gdp_2001_2019_gbk_footnotes.csv）" in page.locator("#indicator").inner_text()
    assert page.watch.console_errors == [] and page.watch.external_requests == []
