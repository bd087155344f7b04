"""Bytes and time of a year change on the map while the tab holds a 20k-row import: the rows
inline in the tab's store (how imports were kept before issue 8 item 5; the server still reads
that form) against the key-and-summary entry the data view stores now.

    python benchmarks/import_payload.py [--rows 20000] [--repeat 10]

Serves the app in-process on a loopback port, records the browser's requests for one year change
(benchmarks/record_callbacks.py), imports the rows through the data view's own callbacks, then
replays the year change with each store form. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from werkzeug.serving import make_server

from app import create_app
from benchmarks.record_callbacks import record, with_user_data
from dashboard.callbacks.data_view import parse_upload, with_stored_upload
from dashboard.callbacks.resources import resources


def synthetic_import(dataset, rows: int) -> bytes:
    """A template-shaped CSV of `rows` cells (percentages, so every indicator's range accepts
    them). Benchmark input only: never shipped, never merged into the bundle."""
    provinces = [dataset.area_name(code, "en") for code in dataset.province_codes()]
    percent = [r.indicator_id for r in dataset.indicators.itertuples() if str(r.unit_en).strip() == "%"]
    lines = ["area,indicator_id,year,value"]
    for indicator in percent:
        for year in range(1978, 2023):
            for area in provinces:
                if len(lines) > rows:
                    return "\n".join(lines).encode("utf-8")
                lines.append(f"{area},{indicator},{year},{(year % 40) + 30.5}")
    return "\n".join(lines).encode("utf-8")


def post(base: str, body: dict) -> tuple[int, float]:
    data = json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base + "/_dash-update-component", data=data,
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        assert response.status in (200, 204), response.status
    return len(data), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    app = create_app()
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    year_bodies = record(base)["year"]
    with app.server.test_request_context("/"):
        raw = synthetic_import(resources().dataset, args.rows)
        contents = "data:text/csv;base64," + base64.b64encode(raw).decode("ascii")
        pending, shown, disabled = parse_upload(contents, "bench.csv", None, None, "en")
        assert pending and not disabled, shown
        rows = resources().imports.get(pending["key"])
    stores = {
        "no import": None,
        "rows inline (before)": {"uploads": [{"filename": "bench.csv", "replace": True, "rows": rows}]},
        "key + summary (now)": with_stored_upload(None, pending, True),
    }
    print(f"year change = {len(year_bodies)} callback requests; import of {len(rows)} rows")
    print(f"{'tab store':24} {'store bytes':>12} {'request bytes':>14} {'median s':>9} {'p95 s':>7}")
    for label, store in stores.items():
        bodies = [with_user_data(b, store) for b in year_bodies]
        for body in bodies:           # warm: the merge is cached per worker
            post(base, body)
        times, sent = [], 0
        for _ in range(args.repeat):
            start, sent = time.perf_counter(), 0
            for body in bodies:
                sent += post(base, body)[0]
            times.append(time.perf_counter() - start)
        times.sort()
        store_bytes = len(json.dumps(store)) if store is not None else 0
        print(f"{label:24} {store_bytes:>12,} {sent:>14,} {statistics.median(times):>9.3f} "
              f"{times[min(len(times) - 1, int(0.95 * len(times)))]:>7.3f}")
    server.shutdown()


if __name__ == "__main__":
    main()
