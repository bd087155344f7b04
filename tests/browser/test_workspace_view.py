"""A workspace in Chromium: create one, save an import into it, and a colleague opening the
read-only link in another browser context (no shared storage) sees the imported value."""
from __future__ import annotations

from tests.browser.conftest import (colleague_page, save_imports_into_new_workspace, sees_the_import_read_only,
                                    upload_in_data_view, wait_for_map)

NBS_GBK = ("数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n"
           "注：测试数据\n").encode("gb18030")
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"


def test_an_import_saved_into_a_workspace_is_seen_through_its_link(page, browser, tmp_path):
    upload = tmp_path / "城镇化率.csv"
    upload.write_bytes(NBS_GBK)
    upload_in_data_view(page, page.watch.base, "zh", upload)
    page.wait_for_selector("#datasrc-preview .preview-facts")
    page.check("#datasrc-replace")
    page.click("#datasrc-add")
    page.wait_for_selector("#datasrc-uploads .upload-item")
    link = save_imports_into_new_workspace(page, "云南评估")
    assert "#ws=" in link and link.split("#ws=")[1] not in link.split("#")[0]

    with colleague_page(browser, "en-US") as (other, errors):
        sees_the_import_read_only(other, link, "en")
        assert errors == []
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_a_storyboard_saved_into_a_workspace_is_loaded_by_a_colleague(page, browser):
    page.goto(page.watch.base + "/?lang=en&view=map&ind=urbanisation&year=2010&area=530000")
    wait_for_map(page)
    page.click("button[id*='\"view\":\"present\"']")
    page.wait_for_function("() => location.search.includes('view=present')")
    page.wait_for_function(IDLE)
    page.click("#present-add")
    page.wait_for_function("() => document.querySelectorAll('.present-slide').length === 1")

    page.click(".view-nav .nav-link >> text=Workspace")
    page.wait_for_selector("#workspace-create")
    page.wait_for_function(IDLE)
    page.fill("#workspace-name", "Review")
    page.click("#workspace-create")
    page.wait_for_selector(".workspace-link-read")
    page.wait_for_function("() => !document.querySelector('#workspace-save-story').disabled")
    page.click("#workspace-save-story")
    page.wait_for_selector("#workspace-documents .doc-storyboard")
    link = page.input_value(".workspace-link-read")

    with colleague_page(browser, "en-US") as (other, _errors):
        other.goto(link.replace("?view=map", "?view=workspace&lang=en"))
        other.wait_for_selector("#workspace-documents .doc-storyboard button")
        other.wait_for_function(IDLE)
        other.click("#workspace-documents .doc-storyboard button")          # "Load into Present"
        other.wait_for_function("() => document.querySelector('#workspace-message').innerText.includes('loaded')")
        other.click("button[id*='\"view\":\"present\"']")
        other.wait_for_function("() => document.querySelectorAll('.present-slide').length === 1")
    assert page.watch.console_errors == []
