"""First paint: seconds from navigation to the map drawn in headless Chromium (median of 5),
for the dashboard against a bare Dash app serving only the same choropleth
(`benchmarks/bare_choropleth.py`), and the first-load transfer in bytes as received
(compressed, headers included) until the page is idle; then a repeat visit with the browser's
cache warm (the same context, a new navigation): seconds to the map, the requests the server still
had to answer (200 or 304) and the bytes received. Prints the ratios; asserts nothing.

    python benchmarks/first_paint.py [--runs 5] [--port 8170]

Both servers run as child processes on 127.0.0.1 (ports PORT and PORT+1); every run uses a new
browser context (an empty cache, as a first visit), the two apps taking turns. One unmeasured
visit per app first, so that both servers have answered once (imports, caches) before timing.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import wait_until_serving  # noqa: E402 (needs ROOT on the path)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
# performance.now() counts from the navigation's start; the first frame with province paths is the paint.
DRAWN = "() => document.querySelector('#map .choroplethlocation') ? performance.now() : false"
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"


def start(command: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wait_until_serving(process, port, f"server ({' '.join(command)})", 120)


def visit(browser, url: str) -> tuple[float, int]:
    """(seconds to the map drawn, bytes received until idle) for one first visit."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(180_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    received: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="commit")
    drawn_ms = page.wait_for_function(DRAWN, polling="raf").json_value()
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")
    total = int(sum(received.values()))
    context.close()
    return drawn_ms / 1000, total


def repeat_visit(browser, url: str) -> tuple[float, int, int]:
    """(seconds to the map drawn, requests sent to the server, bytes received) for a second visit
    in the same browser context: what the caching headers save a returning user."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(url)
    page.wait_for_function(DRAWN, polling="raf")
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received: dict[str, float] = {}
    sent: set[str] = set()
    cached: set[str] = set()
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.on("Network.requestWillBeSent", lambda e: sent.add(e["requestId"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    # Another URL of the same page: navigating to the current URL would be a reload, which revalidates.
    page.goto(url + "?lang=zh", wait_until="commit")
    drawn_ms = page.wait_for_function(DRAWN, polling="raf").json_value()
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")
    total = int(sum(received.values()))
    context.close()
    return drawn_ms / 1000, len(sent - cached), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8170)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    ours, bare = args.port, args.port + 1
    servers = [start([sys.executable, "app.py", "--port", str(ours)], ours),
               start([sys.executable, "benchmarks/bare_choropleth.py", "--port", str(bare)], bare)]
    apps = {"dashboard": f"http://127.0.0.1:{ours}/", "bare choropleth": f"http://127.0.0.1:{bare}/"}
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in apps}
    repeats: dict[str, list[tuple[float, int, int]]] = {name: [] for name in apps}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for url in apps.values():
                visit(browser, url)
            for _ in range(args.runs):
                for name, url in apps.items():
                    results[name].append(visit(browser, url))
            for _ in range(args.runs):
                for name, url in apps.items():
                    repeats[name].append(repeat_visit(browser, url))
            browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)

    print(f"first visit, median of {args.runs} (seconds: navigation -> map drawn; bytes: received until idle)")
    print(f"{'app':18} {'paint s':>8} {'runs':>32} {'bytes':>11}")
    medians = {}
    for name, rows in results.items():
        seconds = statistics.median(s for s, _ in rows)
        size = int(statistics.median(b for _, b in rows))
        medians[name] = (seconds, size)
        print(f"{name:18} {seconds:8.2f} {' '.join(f'{s:.2f}' for s, _ in rows):>32} {size:>11,}")
    (ours_s, ours_b), (bare_s, bare_b) = medians["dashboard"], medians["bare choropleth"]
    print(f"\nfirst paint ratio: {ours_s / bare_s:.2f}x (target <= 1.3x); "
          f"transfer {ours_b / 1e6:.2f} MB, {ours_b / bare_b:.2f}x the bare app's (target <= 1.6 MB)")

    print(f"\nrepeat visit, warm cache, median of {args.runs}")
    print(f"{'app':18} {'paint s':>8} {'requests':>9} {'bytes':>11}")
    for name, rows in repeats.items():
        print(f"{name:18} {statistics.median(r[0] for r in rows):8.2f} "
              f"{int(statistics.median(r[1] for r in rows)):>9} {int(statistics.median(r[2] for r in rows)):>11,}")


if __name__ == "__main__":
    main()
