"""Issue 12's walk on PostgreSQL, as a deployment runs it: two app processes on one database, the
official in one browser on the first, the colleague in another browser on the second. The official
imports a provincial file into a workspace, derives Yunnan's system from NBS 2008 with an own target
and saves it; the colleague's read-only link shows the imported value and the pinned gaps view."""
from __future__ import annotations

import pytest

from tests.browser.conftest import colleague_page, wait_for_map
from tests.workspace.conftest import postgres_url, wipe
from tests.workspace.test_two_processes import App

NBS_GBK = ("数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n"
           "注：测试数据\n").encode("gb18030")
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
URBANISATION_ROW = 3          # the fourth item of NBS 2008: urban population share, national target 60


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
        page.goto(official_base + "/?lang=zh&view=data")
        page.wait_for_selector("#datasrc-upload input[type=file]", state="attached")
        page.wait_for_function(IDLE)
        page.set_input_files("#datasrc-upload input[type=file]", str(upload))
        page.wait_for_selector("#datasrc-preview .preview-facts")
        page.check("#datasrc-replace")
        page.click("#datasrc-add")
        page.wait_for_selector("#datasrc-uploads .upload-item")

        page.click(".view-nav .nav-link >> text=工作区")
        page.wait_for_selector("#workspace-create")
        page.wait_for_function(IDLE)
        page.fill("#workspace-name", "云南评估")
        page.click("#workspace-create")
        page.wait_for_selector(".workspace-link-read")
        page.wait_for_function("() => !document.querySelector('#workspace-save-imports').disabled")
        page.click("#workspace-save-imports")
        page.wait_for_selector("#workspace-documents .doc-dataset")
        read_link = page.input_value(".workspace-link-read")

        page.select_option("#workspace-system-framework", "nbs2008")
        page.select_option("#workspace-system-area", "530000")
        page.fill("#workspace-system-name", "云南小康体系")
        page.click("#workspace-system-derive")
        cell = page.locator(f'#workspace-system-table td[data-dash-column="target"][data-dash-row="{URBANISATION_ROW}"]')
        cell.wait_for()
        cell.click()
        page.keyboard.type("55")
        page.keyboard.press("Enter")
        page.wait_for_selector("#workspace-system-diff .system-diff-changed")
        page.click("#workspace-system-save")
        page.wait_for_selector(".workspace-system-gaps-link")
        page.click(".workspace-system-gaps-link")
        page.wait_for_selector("#gaps-system-note")
        page.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
        panel = page.locator("#gaps-panel").inner_text()
        assert "目标：2020年达到55.00%" in panel
        pinned_query = page.evaluate("() => window.location.search")
        official_errors = list(errors)

    # The colleague: another browser, the other server; only the read-only link travels.
    colleague_link = read_link.replace(official_base, colleague_base)
    assert colleague_link.startswith(colleague_base)
    with colleague_page(browser, "zh-CN") as (other, errors):
        other.goto(colleague_link.replace("?view=map", pinned_query))
        other.wait_for_selector("#gaps-system-note")
        other.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
        assert other.locator("#gaps-panel").inner_text() == panel
        other.goto(colleague_link.replace("?view=map", "?view=map&lang=zh&ind=urbanisation&year=2010&area=530000"))
        wait_for_map(other)
        other.wait_for_function("() => document.querySelector('#area-card').innerText.includes('88.80')")
        other.click(".view-nav .nav-link >> text=工作区")
        other.wait_for_selector("#workspace-documents .doc-dataset")
        assert "只读" in other.locator("#workspace-status").inner_text()
        assert errors == [] and official_errors == []
