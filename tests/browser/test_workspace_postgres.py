"""Issue 12's walk on PostgreSQL, as a deployment runs it: two app processes on one database, the
official in one browser on the first, the colleague in another browser on the second. The official
imports a provincial file into a workspace, derives Yunnan's system from NBS 2008 with an own target,
saves it and a storyboard on its pinned view; the colleague's read-only link shows the pinned gaps
view and the imported value, and loads the same storyboard (its name Chinese, as by default in zh)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import (IDLE_JS, colleague_page, save_imports_into_new_workspace,
                                    save_yunnan_system_with_target_55, sees_the_import_read_only, upload_in_data_view)
from tests.workspace.conftest import postgres_url, wipe
from tests.workspace.test_two_processes import App

NBS_GBK = ("数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n"
           "注：测试数据\n").encode("gb18030")


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    database = postgres_url()
    wipe(database)
    state = tmp_path_factory.mktemp("pg-state")
    apps = [App({"DATABASE_URL": database}, state), App({"DATABASE_URL": database}, state)]
    try:
        for app in apps:
            app.wait()
        yield [f"http://127.0.0.1:{app.port}" for app in apps]
    finally:
        for app in apps:
            app.stop()


def test_a_workspace_made_on_one_server_is_seen_by_a_colleague_on_the_other(browser, two_servers, tmp_path):
    official_base, colleague_base = two_servers
    upload = tmp_path / "城镇化率.csv"
    upload.write_bytes(NBS_GBK)
    with colleague_page(browser, "zh-CN") as (page, errors):
        upload_in_data_view(page, official_base, "zh", upload)
        page.wait_for_selector("#datasrc-preview .preview-facts")
        page.check("#datasrc-replace")
        page.click("#datasrc-add")
        page.wait_for_selector("#datasrc-uploads .upload-item")
        read_link = save_imports_into_new_workspace(page, "云南评估")
        panel, pinned_query = save_yunnan_system_with_target_55(page)
        # A storyboard on the pinned view, saved into the workspace under the zh default name 评估会议.
        page.click("button[id*='\"view\":\"present\"']")
        page.wait_for_function("() => location.search.includes('view=present')")
        page.wait_for_function(IDLE_JS)
        page.click("#present-add")
        page.wait_for_function("() => document.querySelectorAll('.present-slide').length === 1")
        slide = page.locator(".present-slide-view").inner_text()
        page.click(".view-nav .nav-link >> text=工作区")
        page.wait_for_function("() => !document.querySelector('#workspace-save-story').disabled")
        page.click("#workspace-save-story")
        page.wait_for_selector("#workspace-documents .doc-storyboard")
        official_errors = list(errors)

    # The colleague: another browser, the other server; only the read-only link travels.
    colleague_link = read_link.replace(official_base, colleague_base)
    assert colleague_link.startswith(colleague_base)
    with colleague_page(browser, "zh-CN") as (other, errors):
        other.goto(colleague_link.replace("?view=map", pinned_query))
        other.wait_for_selector("#gaps-system-note")
        other.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
        assert other.locator("#gaps-panel").inner_text() == panel
        sees_the_import_read_only(other, colleague_link, "zh")
        other.wait_for_function(IDLE_JS)
        other.click("#workspace-documents .doc-storyboard button")          # 载入演示
        other.wait_for_function("() => document.querySelector('#workspace-message').innerText.includes('已载入演示稿“评估会议”')")
        other.click("button[id*='\"view\":\"present\"']")
        other.wait_for_function("() => document.querySelectorAll('.present-slide').length === 1")
        assert other.locator(".present-slide-view").inner_text() == slide  # the same slide of the pinned view
        assert errors == [] and official_errors == []
