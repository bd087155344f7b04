"""Interactions on the map view, measured in one run on this machine. Prints ratios; asserts nothing.

    python benchmarks/interactions.py [--seconds 30] [--clients 8] [--workers 4] [--port 8230]

1. Requests per interaction: headless Chromium loads the map, steps the year once and clicks a
   province once; every callback request each action sends is counted (and kept). Twice: with
   only the map built (a first visit) and after every view was visited once (their containers
   stay built, hidden).
2. Server time: the requests captured for one year step / one click, replayed one after the
   other by one client against gunicorn (p50/p95 of the whole interaction; loopback, so this is
   the server's time plus a few hundred microseconds).
3. Load: gunicorn with WORKERS workers, CLIENTS concurrent clients replaying the interaction for
   SECONDS each, against a bare Dash app's no-op callback (benchmarks/bare_noop.py) under the same
   gunicorn settings in the same run: interactions/s, the ratio to the no-op's, p95, errors.

Targets (issue 10): click server p95 <= 30 ms, year change p95 <= 15 ms, <= 1 request per
interaction, load >= 0.5x (year) / >= 0.3x (click) of the no-op, p95 <= 100 ms, 0 errors.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import wait_until_serving  # noqa: E402 (needs ROOT on the path)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CLICK_POINT_JS = (ROOT / "tests" / "browser" / "clickpoint.js").read_text(encoding="utf-8")
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
ENDPOINT = "/_dash-update-component"
START = "/?view=map&ind=urbanisation&year=2010"
CLICKED = "530000"   # Yunnan


def start(app: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "XK_BIND": f"127.0.0.1:{port}", "XK_WORKERS": str(workers)}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wait_until_serving(process, port, f"gunicorn {app}", 180)


def settle(page) -> None:
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")


def capture(browser, base: str, visit_all: bool) -> dict[str, list[tuple[str, str]]]:
    """The callback request bodies one year step and one province click send."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(180_000)
    sent: list[tuple[str, str]] = []
    page.on("request", lambda r: sent.append((urlsplit(r.url).path + "?" + urlsplit(r.url).query, r.post_data or ""))
            if ENDPOINT in r.url else None)
    page.goto(base + START)
    page.wait_for_selector("#map .choroplethlocation")
    settle(page)
    if visit_all:
        nav = page.locator(".view-nav .nav-link")
        for index in [*range(1, nav.count()), 0]:
            nav.nth(index).click()
            settle(page)
        page.wait_for_selector("#map .choroplethlocation")
        settle(page)
    actions = {}
    sent.clear()
    page.evaluate("() => window.dash_clientside.set_props('year', {value: 2011})")
    page.wait_for_function("() => location.search.includes('year=2011')")
    settle(page)
    actions["year step"] = list(sent)
    sent.clear()
    point = page.evaluate(CLICK_POINT_JS, CLICKED)
    page.mouse.click(point[0], point[1])
    page.wait_for_function(f"() => location.search.includes('area={CLICKED}')")
    settle(page)
    actions["province click"] = list(sent)
    context.close()
    return actions


def replay(connection: http.client.HTTPConnection, bodies: list[tuple[str, str]]) -> bool:
    ok = True
    for path, body in bodies:
        connection.request("POST", path, body=body.encode(), headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        ok = ok and response.status in (200, 204)
    return ok


def sequential(port: int, bodies: list[tuple[str, str]], repeat: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    replay(connection, bodies)  # warm: every worker's caches are not what we measure, but one is
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        replay(connection, bodies)
        times.append(time.perf_counter() - begin)
    connection.close()
    return times


def load(port: int, bodies: list[tuple[str, str]], clients: int, seconds: float) -> tuple[float, float, int]:
    """(interactions/s, p95 s, errors) of CLIENTS threads replaying BODIES for SECONDS."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], 0
        while time.monotonic() < stop:
            begin = time.perf_counter()
            try:
                bad += not replay(connection, bodies)
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - begin)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    begin = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begin
    return len(latencies) / elapsed, p95(latencies), errors[0]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else (values[0] if values else float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--port", type=int, default=8230)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from benchmarks.bare_noop import PAYLOAD

    ours, bare = args.port, args.port + 1
    servers = [start("wsgi:application", ours, args.workers), start("benchmarks.bare_noop:application", bare, args.workers)]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            first = capture(browser, f"http://127.0.0.1:{ours}", visit_all=False)
            after = capture(browser, f"http://127.0.0.1:{ours}", visit_all=True)
            browser.close()
        print("callback requests per interaction (headless Chromium; target <= 1)")
        print(f"{'interaction':16} {'map only':>9} {'all views visited':>18}")
        for name in first:
            print(f"{name:16} {len(first[name]):>9} {len(after[name]):>18}")

        noop = [(ENDPOINT, json.dumps(PAYLOAD))]
        print(f"\nserver time of one interaction, {args.repeat} replays by one client (ms; all views visited)")
        print(f"{'interaction':16} {'requests':>8} {'p50':>8} {'p95':>8} {'target p95':>11}")
        targets = {"year step": 15, "province click": 30, "no-op (bare)": None}
        for name, bodies, port in [("year step", after["year step"], ours),
                                   ("province click", after["province click"], ours), ("no-op (bare)", noop, bare)]:
            times = sequential(port, bodies, args.repeat)
            target = targets[name]
            print(f"{name:16} {len(bodies):>8} {statistics.median(times) * 1000:>8.1f} {p95(times) * 1000:>8.1f} "
                  f"{'<= ' + str(target) if target else '':>11}")

        print(f"\ngunicorn {args.workers} workers, {args.clients} concurrent clients, {args.seconds:g} s each")
        base_rate, base_p95, base_errors = load(bare, noop, args.clients, args.seconds)
        print(f"{'interaction':16} {'per s':>8} {'ratio':>7} {'p95 ms':>8} {'errors':>7} {'target':>8}")
        print(f"{'no-op (bare)':16} {base_rate:>8.1f} {1:>6.2f}x {base_p95 * 1000:>8.1f} {base_errors:>7}")
        for name, target in (("year step", 0.5), ("province click", 0.3)):
            rate, latency, errors = load(ours, after[name], args.clients, args.seconds)
            print(f"{name:16} {rate:>8.1f} {rate / base_rate:>6.2f}x {latency * 1000:>8.1f} {errors:>7} "
                  f"{'>= ' + str(target) + 'x':>8}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
