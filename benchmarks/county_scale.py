"""County scale (issue 13 item 6): a synthetic county dataset, generated here and never bundled,
against the bundled province-level data. Prints figures and ratios; asserts nothing.

    python benchmarks/county_scale.py [--indicators 60] [--years 35] [--repeat 15] [--keep DIR]

The synthetic folder is the bundled data folder plus INDICATORS made-up county indicators
(`synthetic_county_NN`, flagged modelled, source SYNTHETIC-BENCHMARK) with a value for every
county-level unit of the areas table and every one of YEARS years: ~2,900 x 60 x 35 = 6 M rows.

1. Data layer: load_dataset time and peak memory (ru_maxrss of a fresh process), bundled vs synthetic.
2. Server time of the callbacks (called directly, as a request would, median of REPEAT):
   - province click (sync_view after a province-map click) on the bundled data;
   - the same province click on the synthetic data;
   - county map change (county_view after a county-indicator change) and county click
     (county_view after a county-map click), on the synthetic data.
   Ratios against the bundled province click. Targets: county click <= 3x the province click;
   memory <= 2 GB.
"""
from __future__ import annotations

import argparse
import csv
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextvars import copy_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SOURCE = "SYNTHETIC-BENCHMARK"
FIRST_YEAR = 1990
PROVINCE = "530000"


def make_folder(target: Path, indicators: int, years: int) -> int:
    """Copy data/ and add the synthetic county indicators; returns the number of synthetic rows."""
    shutil.copytree(ROOT / "data", target, dirs_exist_ok=True)
    areas = pd.read_csv(target / "areas_counties.csv", dtype=str, keep_default_na=False)
    counties = areas.loc[areas["level"] == "county", "area_code"].to_numpy()
    ids = [f"synthetic_county_{n:02d}" for n in range(indicators)]
    with (target / "indicators.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for indicator_id in ids:
            writer.writerow([indicator_id, f"合成县级指标{indicator_id[-2:]}", f"Synthetic county indicator {indicator_id[-2:]}",
                             "%", "%", "benchmark only", "benchmark only", "true", "1", "none", "numeric", "", ""])
    with (target / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [SOURCE, "基准测试合成数据", "Synthetic benchmark data", "benchmarks/county_scale.py", "2026", "", "", "", "", "made up"])
    rng = np.random.default_rng(13)
    rows = 0
    with (target / "observations.csv").open("a", encoding="utf-8", newline="") as handle:
        for indicator_id in ids:
            frame = pd.DataFrame({
                "area_code": np.repeat(counties, years),
                "indicator_id": indicator_id,
                "year": np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + years), len(counties)),
                "value": np.round(rng.uniform(0, 100, len(counties) * years), 1),
                "subgroup": "total", "source_id": SOURCE, "vintage": "synthetic", "flag": "modelled",
                "note": "", "confidence": "",
            })
            frame.to_csv(handle, header=False, index=False, lineterminator="\n")
            rows += len(frame)
    return rows


def measure_load(folder: str) -> None:
    """Child process: load once, print seconds and peak RSS (MB)."""
    from dashboard.data.dataset import load_dataset

    start = time.perf_counter()
    dataset = load_dataset(folder)
    seconds = time.perf_counter() - start
    dataset.years("gdp_pc")  # build the lookups the first province and county requests build
    dataset.sub_area_indicators(PROVINCE)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak_mb:.1f} {len(dataset.observations)}")


def load_in_child(folder: Path) -> tuple[float, float, int]:
    out = subprocess.run([sys.executable, __file__, "--measure-load", str(folder)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def timed(func, repeat: int) -> float:
    func()  # first call builds per-dataset lookups; a server has them after its first request
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def callback_times(folder: Path, repeat: int, county_indicator: str) -> dict[str, float]:
    from dash._callback_context import context_value
    from dash._utils import AttributeDict
    from plotly.io.json import to_json_plotly

    from app import create_app
    from dashboard.callbacks.county_map import county_view
    from dashboard.callbacks.map_view import sync_view
    from dashboard.components.county_panel import CountyIds
    from dashboard.config import Settings

    app = create_app(Settings(data_dir=folder))

    def run(prop: str, value, func, *args):
        def call():
            context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop, "value": value}]))
            return func(*args)

        with app.server.test_request_context("/"):
            return to_json_plotly(copy_context().run(call))

    click = {"points": [{"location": PROVINCE}]}
    county_click = {"points": [{"location": "532301"}]}
    drilled = f"?view=map&ind=gdp_pc&drill={PROVINCE}&area={PROVINCE}"
    return {
        "province click": timed(lambda: run("map.clickData", click, sync_view, "?view=map&ind=gdp_pc", "gdp_pc", None,
                                            click, 0, "zh", None, None), repeat),
        "county map change": timed(lambda: run(f"{CountyIds.INDICATOR}.value", county_indicator, county_view, drilled,
                                               0, 0, None, county_indicator, None, None, "zh"), repeat),
        "county click": timed(lambda: run(f"{CountyIds.MAP}.clickData", county_click, county_view,
                                          drilled + f"&cind={county_indicator}", 0, 0, county_click, county_indicator,
                                          None, None, "zh"), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=35)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, default=None, help="write the synthetic folder here and keep it")
    parser.add_argument("--measure-load", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_load:
        measure_load(args.measure_load)
        return
    scratch = None if args.keep else tempfile.TemporaryDirectory(prefix="county-scale-")
    folder = args.keep or Path(scratch.name)
    try:
        start = time.perf_counter()
        rows = make_folder(folder, args.indicators, args.years)
        print(f"synthetic: {rows:,} county rows ({args.indicators} indicators x {args.years} years), "
              f"generated in {time.perf_counter() - start:.1f} s")
        bundled_load = load_in_child(ROOT / "data")
        synthetic_load = load_in_child(folder)
        print(f"\n{'data layer':24} {'rows':>12} {'load s':>9} {'peak MB':>9} {'load ratio':>11} {'memory ratio':>13}")
        for name, (seconds, mb, n) in (("bundled", bundled_load), ("synthetic county", synthetic_load)):
            print(f"{name:24} {n:>12,} {seconds:>9.2f} {mb:>9.0f} {seconds / bundled_load[0]:>10.1f}x "
                  f"{mb / bundled_load[1]:>12.1f}x")
        bundled = callback_times(ROOT / "data", args.repeat, "county_urbanisation_census")
        synthetic = callback_times(folder, args.repeat, "synthetic_county_00")
        base = bundled["province click"]
        print(f"\n{'callback (server side, median ms)':36} {'bundled':>9} {'synthetic':>10} {'ratio to bundled province click':>32}")
        for name in bundled:
            print(f"{name:36} {bundled[name] * 1000:>9.1f} {synthetic[name] * 1000:>10.1f} {synthetic[name] / base:>31.2f}x")
        print(f"\ntargets: county click <= 3x the province click (here {synthetic['county click'] / base:.2f}x); "
              f"memory <= 2 GB (here {synthetic_load[1] / 1024:.2f} GB)")
    finally:
        if scratch is not None:
            scratch.cleanup()


if __name__ == "__main__":
    main()
