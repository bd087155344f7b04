"""The 'Data & sources' view in Chromium: upload a file, preview, add it, and the map follows."""
from __future__ import annotations

from tests.browser.conftest import upload_in_data_view, wait_for_map

NBS_GBK = ("数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n"
           "注：测试数据\n").encode("gb18030")
BAD = "地区,指标,年份,数值\n云南,urbanisation,2010,abc\n".encode()


def _idle(page) -> None:
    page.set_default_timeout(60_000)  # the data view renders three grids; a loaded CI box is slow
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")


def test_coverage_sources_and_roles_render(page):
    _idle(page)
    page.goto(page.watch.base + "/?lang=zh&view=data")
    page.wait_for_selector("#datasrc-coverage .ag-row")
    _idle(page)
    assert page.locator("#datasrc-coverage .ag-cell.cov-4").count() > 0       # heat classes applied
    page.locator("#datasrc-coverage .ag-row[row-id='life_expectancy'] .ag-cell").first.click()
    page.wait_for_function("() => document.querySelector('#datasrc-province-caption').textContent.includes('预期寿命')")
    page.wait_for_selector("#datasrc-province-coverage .ag-row")
    # Sichuan 1990 is "/" in the source: shown as missing, never as zero.
    assert "缺" in page.locator("#datasrc-province-coverage").inner_text()
    page.fill("#datasrc-source-search", "max.book118")
    page.wait_for_function("() => document.querySelectorAll('#datasrc-sources .source-card').length === 1")
    assert "试点省" in page.locator("#datasrc-roles tr.role-pilot").inner_text()
    assert page.locator("#datasrc-roles tr.role-study").count() == 5
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_upload_preview_add_and_the_map_shows_the_value(page, tmp_path):
    bad, good = tmp_path / "bad.csv", tmp_path / "城镇化率.csv"
    bad.write_bytes(BAD)
    good.write_bytes(NBS_GBK)
    _idle(page)
    upload_in_data_view(page, page.watch.base, "zh", bad)
    page.wait_for_selector("#datasrc-preview .upload-error")
    error = page.locator("#datasrc-preview").inner_text()
    assert "bad.csv" in error and "第2行" in error and "不是数字" in error  # the problem in the page language

    page.set_input_files("#datasrc-upload input[type=file]", str(good))
    page.wait_for_selector("#datasrc-preview .preview-facts")
    preview = page.locator("#datasrc-preview").inner_text()
    assert "云南省" in preview and "2010" in preview and "城镇化率" in preview
    page.check("#datasrc-replace")
    page.click("#datasrc-add")
    page.wait_for_selector("#datasrc-uploads .upload-item")
    assert "城镇化率.csv" in page.locator("#datasrc-uploads").inner_text()
    page.wait_for_selector("#datasrc-province-coverage .ag-row")

    page.click("#datasrc-upload-message a.map-link")           # "see it on the map"
    page.wait_for_function("() => location.search.includes('view=map') && location.search.includes('ind=urbanisation')")
    wait_for_map(page)
    page.goto(page.watch.base + "/?lang=zh&view=map&ind=urbanisation&year=2010&area=530000")  # the tab keeps its uploads
    wait_for_map(page)
    page.wait_for_function("() => document.querySelector('#area-card').innerText.includes('88.80')")
    hover = page.evaluate("() => { const d = document.querySelector('#map .js-plotly-plot').data;"
                          " return d.map(t => (t.customdata || [])).flat().join('|'); }")
    assert "88.80" in hover
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_an_over_size_file_and_an_xlsm_are_refused_with_a_message(page, tmp_path):
    """Issue 8 item 3: dcc.Upload used to drop both without a word, after a success message."""
    good, big, macro = tmp_path / "城镇化率.csv", tmp_path / "太大.csv", tmp_path / "宏.xlsm"
    good.write_bytes(NBS_GBK)
    big.write_bytes(b"a,b\n" + b"1,2\n" * (6 * 1024 * 1024 // 4))   # 6 MB, over the 5 MB cap
    macro.write_bytes(b"PK\x03\x04 not really a workbook")
    _idle(page)
    page.goto(page.watch.base + "/?lang=zh&view=data")
    page.wait_for_selector("#datasrc-upload input[type=file]", state="attached")
    _idle(page)
    page.set_input_files("#datasrc-upload input[type=file]", str(good))
    page.wait_for_selector("#datasrc-preview .preview-facts")
    page.check("#datasrc-replace")
    page.click("#datasrc-add")
    page.wait_for_selector("#datasrc-upload-message .upload-ok")

    page.set_input_files("#datasrc-upload input[type=file]", str(big))
    page.wait_for_selector("#datasrc-preview .upload-refused")
    refused = page.locator("#datasrc-preview").inner_text()
    assert "太大.csv" in refused and "5 MB" in refused and "浏览器没有发送" in refused
    assert page.locator("#datasrc-upload-message .upload-ok").count() == 0   # the old success is gone
    assert page.locator("#datasrc-add").is_disabled()

    page.set_input_files("#datasrc-upload input[type=file]", str(macro))
    page.wait_for_function("() => document.querySelector('#datasrc-preview').textContent.includes('宏.xlsm')")
    assert ".xlsm" in page.locator("#datasrc-preview").inner_text()
    assert page.watch.console_errors == []


def test_changing_pilots_writes_the_link(page):
    _idle(page)
    page.goto(page.watch.base + "/?lang=en&view=data")
    page.wait_for_selector("#datasrc-pilots")
    _idle(page)
    page.click("#datasrc-pilots")
    page.get_by_role("option", name="Guizhou").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('pilots=530000,520000')")
    page.wait_for_function("() => document.querySelector('#datasrc-pilots-note').innerText.includes('study province')")
    page.click("#datasrc-pilots-reset")
    page.wait_for_function("() => !location.search.includes('pilots=')")
    assert page.watch.console_errors == []
