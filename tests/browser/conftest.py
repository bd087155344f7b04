"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Debian's headless Chromium.

Under CI=true a missing Chromium fails the run; elsewhere the browser tests are skipped.
"""
from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
CLICK_POINT_JS = (Path(__file__).parent / "clickpoint.js").read_text(encoding="utf-8")
# A ceiling, not a pause: a busy 2-core machine can take many seconds to draw the first map.
PAGE_TIMEOUT_MS = 90_000


@pytest.fixture(scope="session")
def live_server(dash_app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, dash_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Chromium is not installed: browser tests must run in CI")
        pytest.skip("Chromium not installed (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        yield instance
        instance.close()


@dataclass
class Watch:
    """What a page did that a test must check: console errors and requests off this machine."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    watch = Watch(live_server)
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else watch.external_requests.append(r.url))
    page.watch = watch
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


@contextmanager
def colleague_page(browser, locale: str) -> Iterator[tuple]:
    """(page, its page errors) in a browser context of its own - another person's browser, sharing
    no storage with `page` - at projector size (1280x720); the context is closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale=locale)
    try:
        other = context.new_page()
        other.set_default_timeout(PAGE_TIMEOUT_MS)
        errors: list[str] = []
        other.on("pageerror", lambda e: errors.append(str(e)))
        yield other, errors
    finally:
        context.close()


def wait_for_map(page) -> None:
    """The map is drawn when its province paths exist and no Dash callback is pending."""
    page.wait_for_selector("#map .choroplethlocation")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")


def click_province(page, area_code: str) -> None:
    """Plotly geo paths ignore pointer events: find a point inside the province, click there."""
    point = page.evaluate(CLICK_POINT_JS, area_code)
    assert point is not None, f"province {area_code} not found on the map"
    page.mouse.click(point[0], point[1])


IDLE_JS = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
URBANISATION_ROW = 3          # the fourth item of NBS 2008: urban population share, national target 60


def upload_in_data_view(page, base: str, lang: str, path) -> None:
    """Open the data view of the app at `base` in `lang` and choose the file `path` in its upload."""
    page.goto(f"{base}/?lang={lang}&view=data")
    page.wait_for_selector("#datasrc-upload input[type=file]", state="attached")
    page.wait_for_function(IDLE_JS)
    page.set_input_files("#datasrc-upload input[type=file]", str(path))


def save_imports_into_new_workspace(page, name: str) -> str:
    """From a page with imports: the workspace view (zh), a new workspace, the imports saved into
    it; its read-only link."""
    page.click(".view-nav .nav-link >> text=工作区")
    page.wait_for_selector("#workspace-create")
    page.wait_for_function(IDLE_JS)
    page.fill("#workspace-name", name)
    page.click("#workspace-create")
    page.wait_for_selector(".workspace-link-read")
    page.wait_for_function("() => !document.querySelector('#workspace-save-imports').disabled")
    page.click("#workspace-save-imports")
    page.wait_for_selector("#workspace-documents .doc-dataset")
    return page.input_value(".workspace-link-read")


def save_yunnan_system_with_target_55(page) -> tuple[str, str]:
    """In an open workspace (zh): Yunnan's system derived from NBS 2008, the urbanisation target
    changed from 60 to 55, saved as version 1, and its pinned gaps view opened; (gaps panel text,
    the pinned view's query)."""
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
    page.wait_for_function(IDLE_JS)
    assert "云南小康体系" in page.locator("#gaps-system-note").inner_text()
    page.wait_for_function("() => document.querySelector('#gaps-panel').innerText.includes('城镇人口比重')")
    panel = page.locator("#gaps-panel").inner_text()
    assert "目标：2020年达到55.00%" in panel and "目标：2020年达到60.00%" not in panel
    return panel, page.evaluate("() => window.location.search")


def sees_the_import_read_only(other, link: str, lang: str) -> None:
    """A colleague's page opened on a workspace's read-only `link`: the imported 88.80 on Yunnan's
    map card (urbanisation, 2010), and the workspace shown read-only, its save button off."""
    other.goto(link.replace("?view=map", f"?view=map&lang={lang}&ind=urbanisation&year=2010&area=530000"))
    wait_for_map(other)
    other.wait_for_function("() => document.querySelector('#area-card').innerText.includes('88.80')")
    other.click(".view-nav .nav-link >> text=" + ("工作区" if lang == "zh" else "Workspace"))
    other.wait_for_selector("#workspace-documents .doc-dataset")
    assert ("只读" if lang == "zh" else "read-only") in other.locator("#workspace-status").inner_text()
    assert other.locator("#workspace-save-imports").is_disabled()
