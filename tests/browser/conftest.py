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
