"""Server time of the map view's main callback (`sync_view`), called directly. Prints; asserts nothing.

    python benchmarks/sync_view_profile.py [--calls 50] [--profile click|year] [--top 25]

Builds the app on the bundled data (as tests/conftest.py does: its own SQLite workspace), then, inside
a Flask request context with Dash's callback context set as for one changed input, times
- year steps: the slider moves one year (a province selected, so the card is redrawn too);
- province clicks: a click on the map selects another province (trend, card and map patch).
One call of each kind is made first and reported apart ("cold": the first build of per-dataset
tables); the CALLS timed calls after it are what the targets (issue 10) are about:
click p95 <= 30 ms, year step p95 <= 15 ms. Wall time, and the thread's CPU time beside it (on a
shared machine other processes stretch the wall time; the CPU time is this callback's own work).
`--profile KIND` adds a cProfile of that kind's calls.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextvars import copy_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS_MS = {"click": 30.0, "year": 15.0}
INDICATOR = "urbanisation"
SELECTED = "530000"  # Yunnan, selected while the year steps


def _call(func: Callable, triggered_prop: str, *args):
    """As tests.conftest.run_callback: Dash's callback context for one changed input."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": triggered_prop, "value": None}]))
        return func(*args)

    return copy_context().run(call)


def cases(dataset) -> dict[str, list[tuple[str, tuple]]]:
    """(triggered prop, sync_view arguments) per kind: year steps through the indicator's years,
    clicks on one province after another (from a view with no province selected)."""
    years = dataset.years(INDICATOR)
    provinces = dataset.province_codes()
    steps = [(year, years[(i + 1) % len(years)]) for i, year in enumerate(years)]
    year_calls = [("year.value", (f"?view=map&ind={INDICATOR}&year={old}&area={SELECTED}", INDICATOR, new,
                                  None, 0, "zh", None, None)) for old, new in steps]
    click_calls = [("map.clickData", (f"?view=map&ind={INDICATOR}&year=2010", INDICATOR, 2010,
                                      {"points": [{"location": code}]}, 0, "zh", None, None)) for code in provinces]
    return {"year": year_calls, "click": click_calls}


def _p50_p95(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[18]


def run(calls: int, profile: str | None, top: int) -> None:
    from app import create_app
    from dashboard.callbacks.map_view import sync_view
    from dashboard.config import Settings

    state = Path(tempfile.mkdtemp(prefix="xk-bench-"))
    app = create_app(Settings(state_dir=state, database_url=f"sqlite:///{state / 'workspaces.sqlite3'}"))
    with app.server.test_request_context("/"):
        from dashboard.callbacks.resources import resources

        kinds = cases(resources().dataset)
        print(f"sync_view, {calls} calls per kind, indicator {INDICATOR}")
        print(f"{'kind':<6} {'cold ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>8} {'p95/target':>10}"
              f" {'cpu p50':>8} {'cpu p95':>8}")
        for kind in ("click", "year"):
            pool = kinds[kind]
            prop, args = pool[0]
            start = time.perf_counter()
            _call(sync_view, prop, *args)
            cold = (time.perf_counter() - start) * 1000
            chosen = [pool[(i + 1) % len(pool)] for i in range(calls)]
            profiler = cProfile.Profile() if profile == kind else None
            times, cpu_times = [], []
            for prop, args in chosen:
                if profiler:
                    profiler.enable()
                start, cpu_start = time.perf_counter(), time.thread_time()
                _call(sync_view, prop, *args)
                times.append((time.perf_counter() - start) * 1000)
                cpu_times.append((time.thread_time() - cpu_start) * 1000)
                if profiler:
                    profiler.disable()
            p50, p95 = _p50_p95(times)
            cpu50, cpu95 = _p50_p95(cpu_times)
            target = TARGETS_MS[kind]
            print(f"{kind:<6} {cold:8.1f} {p50:8.1f} {p95:8.1f} {max(times):8.1f} {target:8.0f} {p95 / target:10.2f}"
                  f" {cpu50:8.1f} {cpu95:8.1f}")
            if profiler:
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--profile", choices=("click", "year"), default=None)
    parser.add_argument("--top", type=int, default=25)
    options = parser.parse_args()
    run(options.calls, options.profile, options.top)


if __name__ == "__main__":
    main()
