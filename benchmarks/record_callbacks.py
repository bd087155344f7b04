"""Record the callback requests a browser sends for one interaction, to replay them without one.

`record(base)` opens the map in headless Chromium, changes the year (slider, ArrowRight),
clicks Yunnan, then opens the data view and chooses a small file, and returns
{"year": [bodies], "province": [bodies], "upload": [body]}: the JSON POST bodies sent to
/_dash-update-component after each action (several callbacks answer one action; "upload" keeps
only the one reading the file, see `with_file`). Used by
benchmarks/import_payload.py and benchmarks/load_test.py.

    python benchmarks/record_callbacks.py http://127.0.0.1:8221 > bodies.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
START = "/?lang=zh&ind=urbanisation&year=2010"


def record(base: str, timeout_ms: int = 120_000) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    clickpoint = (ROOT / "tests" / "browser" / "clickpoint.js").read_text(encoding="utf-8")
    bodies: dict[str, list[dict]] = {"year": [], "province": [], "upload": []}
    current: list[str] = []

    def on_request(request) -> None:
        if current and request.method == "POST" and "/_dash-update-component" in request.url:
            bodies[current[0]].append(json.loads(request.post_data))

    idle = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(timeout_ms)
        page.on("request", on_request)
        page.goto(base + START)
        page.wait_for_selector("#map .choroplethlocation")
        page.wait_for_function(idle)
        current[:] = ["year"]
        page.locator("#year .rc-slider-handle, #year [role=slider]").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('year=2011')")
        page.wait_for_function(idle)
        current[:] = ["province"]
        point = page.evaluate(clickpoint, "530000")
        page.mouse.click(point[0], point[1])
        page.wait_for_function("() => location.search.includes('area=530000')")
        page.wait_for_function(idle)
        current[:] = ["upload"]
        page.goto(base + "/?lang=en&view=data")
        page.wait_for_selector("#datasrc-upload input[type=file]", state="attached")
        page.wait_for_function(idle)
        page.set_input_files("#datasrc-upload input[type=file]",
                             files=[{"name": "probe.csv", "mimeType": "text/csv", "buffer": b"x,y\n1,2\n"}])
        page.wait_for_selector("#datasrc-preview .upload-error")
        page.wait_for_function(idle)
        current[:] = []
        browser.close()
    bodies["upload"] = [b for b in bodies["upload"]
                        if any(isinstance(i, dict) and i.get("id") == "datasrc-upload" for i in b.get("inputs", []))]
    return bodies


def with_file(body: dict, contents: str, filename: str, indicator_id: str | None = None) -> dict:
    """The recorded upload request as if the browser had read `filename` as `contents`."""
    def swap(items):
        out = []
        for item in items or []:
            if isinstance(item, dict) and item.get("id") == "datasrc-upload":
                item = dict(item, value=contents if item.get("property") == "contents" else filename)
            elif isinstance(item, dict) and item.get("id") == "datasrc-upload-indicator":
                item = dict(item, value=indicator_id)
            out.append(item)
        return out
    return {**body, "inputs": swap(body.get("inputs")), "state": swap(body.get("state")),
            "changedPropIds": ["datasrc-upload.contents"]}


def with_user_data(body: dict, user_data) -> dict:
    """The same request as if the tab's import store (Ids.USER_DATA) held `user_data`."""
    def swap(items):
        return [dict(item, value=user_data) if isinstance(item, dict) and item.get("id") == "user-data" else item
                for item in items or []]
    return {**body, "inputs": swap(body.get("inputs")), "state": swap(body.get("state"))}


if __name__ == "__main__":
    json.dump(record(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8221"), sys.stdout)
