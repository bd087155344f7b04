"""Year change on the map: bytes and server time of the Patch response, against a full-figure
rebuild of the same view and against a no-op callback. Prints ratios; asserts nothing.

    python benchmarks/map_patch.py [--repeat 30]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.io as pio  # noqa: E402
from dash import Patch  # noqa: E402

from contextvars import copy_context  # noqa: E402

from dash._callback_context import context_value  # noqa: E402
from dash._utils import AttributeDict  # noqa: E402
from plotly.io.json import to_json_plotly  # noqa: E402

from app import create_app  # noqa: E402
from dashboard.callbacks.map_view import sync_view  # noqa: E402
from dashboard.config import Settings  # noqa: E402
from dashboard.data.dataset import load_dataset  # noqa: E402
from dashboard.figures.map_content import map_frame, map_values  # noqa: E402
from dashboard.figures.province_map import map_update, province_map  # noqa: E402
from dashboard.geo import load_provinces, load_south_china_sea  # noqa: E402


def timed(func, repeat: int) -> tuple[float, bytes]:
    times, body = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        body = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), body


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    settings = Settings()
    dataset = load_dataset(settings.data_dir)
    geojson = load_provinces(settings.data_dir)
    sea = load_south_china_sea(settings.data_dir)
    indicator, year = "urbanisation", 2011

    def patch_response() -> bytes:
        patch = Patch()
        for path, value in map_update(map_values(dataset, indicator, year, "zh")).items():
            target = patch
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        return json.dumps(patch.to_plotly_json(), ensure_ascii=False).encode()

    def full_inline() -> bytes:  # what a naive callback sends: every trace carries the polygons
        frame = map_frame(dataset, geojson, sea, "zh")
        return pio.to_json(province_map(frame, map_values(dataset, indicator, year, "zh"))).encode()

    def full_url() -> bytes:  # a full rebuild with polygons by URL (still re-sends everything else)
        frame = map_frame(dataset, "/geo/provinces.geojson", sea, "zh")
        return pio.to_json(province_map(frame, map_values(dataset, indicator, year, "zh"))).encode()

    def noop() -> bytes:
        return json.dumps(None).encode()

    app = create_app(settings)

    def whole_callback() -> bytes:  # the real callback: map Patch + trend marker Patch + card, URL...
        with app.server.test_request_context("/"):
            def call():
                context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "year.value", "value": year}]))
                return sync_view(f"?view=map&ind={indicator}&year=2010&area=530000", indicator, year, None,
                                 0, "zh", None)
            outputs = copy_context().run(call)
        return to_json_plotly(outputs).encode()

    rows = {name: timed(func, args.repeat) for name, func in
            [("patch", patch_response), ("full (polygons inline)", full_inline),
             ("full (polygons by URL)", full_url), ("no-op", noop),
             ("whole year-change callback", whole_callback)]}
    patch_time, patch_body = rows["patch"]
    print(f"year change, {indicator} {year}, median of {args.repeat} (server side: build + serialise)")
    print(f"{'response':28} {'bytes':>10} {'ms':>9} {'bytes ratio':>12} {'time ratio':>11}")
    for name, (seconds, body) in rows.items():
        print(f"{name:28} {len(body):>10,} {seconds * 1000:>9.2f} "
              f"{len(body) / len(patch_body):>11.1f}x {seconds / patch_time:>10.2f}x")
    inline = len(rows["full (polygons inline)"][1])
    print("(whole year-change callback: every output of the view-state callback for the same change,"
          " with Yunnan selected: map Patch, trend-marker Patch, card, slider, URL)")
    print(f"\nPatch is {len(patch_body) / 1024:.1f} KB; the full figure is {inline / len(patch_body):.0f}x larger "
          f"(target: Patch <= 3 KB and >= 100x smaller).")


if __name__ == "__main__":
    main()
