"""Load test: simulated users on a running server, mixing page loads, map interactions and
uploads of the bad-input corpus (issue 8, "done when").

    gunicorn -c gunicorn.conf.py -b 127.0.0.1:8222 wsgi:application      # 4 workers by default
    python benchmarks/load_test.py http://127.0.0.1:8222 [--users 50] [--seconds 120] [--master-pid PID]

--master-pid (gunicorn's) prints the resident memory of each worker before and after.

Each user (a thread) loops: a think time of 1-3 s, then one action drawn by weight:
  page      GET /?lang=..&view=.., /_dash-layout (the page as Referer), /_dash-dependencies
  year      the callback requests a browser sends for a year change on the map (replayed)
  province  the same for a click on Yunnan
  upload    the data view's upload callback with one file of tests/data/bad_inputs/ that the
            manifest says must be refused
  workspace the user's own workspace (made on the first such action): save an import into it,
            then read it back as a colleague would (the workspace view, the coverage table)
The browser requests are recorded once at start with headless Chromium
(benchmarks/record_callbacks.py). Prints errors of the good requests (must be 0), p50/p95 per
kind, and whether every bad upload was refused with a located message (its err-where line
names the file). A refusal for another reason than the manifest's is listed: the manifest is
written for the test bundle (tests/data/bundle), whose indicator ids differ in places from the
served data. Exit status 1 when a check fails. Standard library only (urllib, threads).
"""
from __future__ import annotations

import argparse
import base64
import csv
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.callback_body import callback_body  # noqa: E402 (needs ROOT on the path)
from benchmarks.record_callbacks import record, with_file  # noqa: E402

BAD = ROOT / "tests" / "data" / "bad_inputs"
WEIGHTS = {"page": 3, "year": 3, "province": 2, "upload": 2, "workspace": 2}
PAGES = ["/?lang=zh", "/?lang=en", "/?lang=zh&view=data", "/?lang=en&view=gaps", "/?lang=zh&view=disparity",
         "/?lang=zh&ind=urbanisation&year=2010&area=530000", "/?lang=en&view=attainment", "/?lang=zh&view=present"]
TIMEOUT = 90


def bad_uploads() -> list[dict]:
    with (BAD / "manifest.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["outcome"] == "error"]
    for row in rows:
        raw = (BAD / row["file"]).read_bytes()
        row["contents"] = "data:application/octet-stream;base64," + base64.b64encode(raw).decode("ascii")
    return rows


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.refused: dict[str, list[bool]] = defaultdict(list)
        self.other_reason: dict[str, str] = {}     # refused, but not for the manifest's reason

    def add(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


REQUESTS = [0]                                  # every HTTP request made (for req/s); += is atomic enough here


def request(base: str, path: str, body: dict | None = None, referer: str | None = None) -> tuple[int, bytes]:
    REQUESTS[0] += 1
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if referer:
        headers["Referer"] = referer
    data = json.dumps(body).encode("utf-8") if body is not None else None
    req = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def do_page(base: str) -> str | None:
    page = random.choice(PAGES)
    for path, referer in ((page, None), ("/_dash-layout", base + page), ("/_dash-dependencies", None)):
        status, content = request(base, path, referer=referer)
        if status != 200 or not content:
            return f"{path}: HTTP {status}"
    return None


def do_callbacks(base: str, bodies: list[dict]) -> str | None:
    for body in bodies:
        status, content = request(base, "/_dash-update-component", body)
        if status not in (200, 204):
            return f"{body.get('output', '')[:60]}: HTTP {status} {content[:120]!r}"
        if status == 200:
            json.loads(content)
    return None


def do_upload(base: str, body: dict, bad: dict, tally: Tally) -> str | None:
    status, content = request(base, "/_dash-update-component",
                              with_file(body, bad["contents"], bad["file"], bad["indicator"] or None))
    if status != 200:
        return f"upload {bad['file']}: HTTP {status}"
    preview = json.loads(content)["response"]["datasrc-preview"]["children"]
    parts = preview["props"]["children"] if isinstance(preview, dict) else []
    where = [p["props"]["children"] for p in parts if isinstance(p, dict) and p.get("props", {}).get("className") == "err-where"]
    text = json.dumps(preview, ensure_ascii=False)
    located = "upload-error" in text and any(bad["file"] in w for w in where)
    with tally.lock:
        tally.refused[bad["file"]].append(located)
        if bad["fragment"] not in text:
            tally.other_reason[bad["file"]] = text
    return None


def do_workspace(base: str, dependencies: list, mine: dict, rng: random.Random) -> str | None:
    """Save one import into this user's workspace and read it back through the read-only link."""
    def call(output_has: str, changed: str | None, values: dict) -> tuple[str | None, dict]:
        status, content = request(base, "/_dash-update-component", callback_body(dependencies, output_has, changed, values))
        if status != 200:
            return f"{output_has}: HTTP {status} {content[:120]!r}", {}
        return None, json.loads(content)["response"]

    if "store" not in mine:
        error, made = call("workspace-message.children", "workspace-create.n_clicks",
                           {"workspace-create.n_clicks": 1, "workspace-name.value": "load", "lang-store.data": "en"})
        if error:
            return error
        mine["store"] = made["user-data"]["data"]
        mine["read"] = json.dumps(made["workspace-new-links"]["children"]).split("#ws=")[2].split('"')[0]
    row = {"area_code": "530000", "indicator_id": "urbanisation", "year": rng.randint(2005, 2024),
           "value": round(rng.uniform(30, 60), 1), "subgroup": "total", "source_id": "USER-LOAD", "vintage": "load",
           "flag": "official", "note": "", "confidence": None}
    tab = {**mine["store"], "uploads": [{"filename": "load.csv", "replace": True, "rows": [row]}]}
    error, saved = call("workspace-message.children", "workspace-save-imports.n_clicks",
                        {"workspace-save-imports.n_clicks": 1, "user-data.data": tab, "lang-store.data": "en"})
    if error or saved.get("user-data", {}).get("data", {}).get("uploads") != []:
        return error or f"save refused: {json.dumps(saved)[:160]}"
    colleague = {"workspace": {"token": mine["read"]}}
    error, _ = call("workspace-status.children", None, {"user-data.data": colleague, "lang-store.data": "en"})
    if error:
        return error
    error, _ = call("datasrc-province-coverage.rowData", "datasrc-coverage-indicator.value",
                    {"datasrc-coverage-indicator.value": "urbanisation", "user-data.data": colleague,
                     "lang-store.data": "en"})
    return error


def worker_memory(master_pid: int | None) -> dict[int, int]:
    """Resident MB of each child of gunicorn's master (Linux /proc), by pid."""
    if master_pid is None:
        return {}
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            found[int(status.parent.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) // 1024
    return found


def user(base: str, bodies: dict, bads: list[dict], tally: Tally, until: float, seed: int) -> None:
    rng = random.Random(seed)
    mine: dict = {}
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    while time.monotonic() < until:
        time.sleep(rng.uniform(1.0, 3.0))              # think time: a person, not a flood
        kind = rng.choices(kinds, weights)[0]
        start = time.perf_counter()
        try:
            if kind == "page":
                error = do_page(base)
            elif kind == "upload":
                error = do_upload(base, bodies["upload"][0], rng.choice(bads), tally)
            elif kind == "workspace":
                error = do_workspace(base, bodies["dependencies"], mine, rng)
            else:
                error = do_callbacks(base, bodies[kind])
        except Exception as exc:  # noqa: BLE001  timeouts, resets: counted, never hidden
            error = f"{type(exc).__name__}: {exc}"
        tally.add(kind, time.perf_counter() - start, error)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--master-pid", type=int, help="gunicorn master: print its workers' memory before and after")
    args = parser.parse_args()
    bodies = record(args.base)
    bodies["dependencies"] = json.loads(request(args.base, "/_dash-dependencies")[1])
    memory_before = worker_memory(args.master_pid)
    assert bodies["year"] and bodies["province"] and bodies["upload"], {k: len(v) for k, v in bodies.items()}
    bads = bad_uploads()
    tally = Tally()
    until = time.monotonic() + args.seconds
    threads = [threading.Thread(target=user, args=(args.base, bodies, bads, tally, until, i), daemon=True)
               for i in range(args.users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(f"{args.users} users, {elapsed:.0f} s, {args.base}; year change = {len(bodies['year'])} requests, "
          f"province click = {len(bodies['province'])}; {REQUESTS[0] / elapsed:.1f} req/s")
    memory_after = worker_memory(args.master_pid)
    if memory_before or memory_after:
        print("worker memory MB (pid: before -> after): " + ", ".join(
            f"{pid}: {memory_before.get(pid, '-')} -> {memory_after.get(pid, '-')}"
            for pid in sorted(set(memory_before) | set(memory_after))))
    print(f"{'kind':10} {'actions':>8} {'errors':>7} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    good_errors = 0
    for kind in WEIGHTS:
        times, errors = tally.times[kind], tally.errors[kind]
        if kind != "upload":
            good_errors += len(errors)
        print(f"{kind:10} {len(times):>8} {len(errors):>7} {percentile(times, .5):>7.2f} "
              f"{percentile(times, .95):>7.2f} {max(times, default=float('nan')):>7.2f}")
    for kind, errors in tally.errors.items():
        for error in errors[:5]:
            print(f"  {kind} error: {error}")
    uploads = sum(len(v) for v in tally.refused.values())
    unlocated = sorted(f for f, results in tally.refused.items() if not all(results))
    print(f"good-request errors: {good_errors}")
    print(f"bad uploads: {uploads} over {len(tally.refused)} of {len(bads)} files; upload errors "
          f"{len(tally.errors['upload'])}; refused with a located message: "
          f"{'all' if not unlocated and not tally.errors['upload'] else 'NOT ' + ', '.join(unlocated)}")
    if tally.other_reason:
        print(f"refused for another reason than the manifest's (it is written for the test bundle, "
              f"tests/data/bundle): {', '.join(sorted(tally.other_reason))}")
    return 0 if good_errors == 0 and not unlocated and not tally.errors["upload"] else 1


if __name__ == "__main__":
    sys.exit(main())
