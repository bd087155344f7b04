"""Two app processes on one database (as gunicorn workers or two hosts run): a workspace made
and filled through one is read through the other. Nothing is kept in a process between requests."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from benchmarks.callback_body import callback_body

REPO = Path(__file__).resolve().parents[2]
ROW = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 88.8, "subgroup": "total",
       "source_id": "USER-TEST", "vintage": "upload", "flag": "official", "note": "", "confidence": None}
START_SECONDS = 180


class App:
    """`python app.py` on a free loopback port, with its output drained by a thread."""

    def __init__(self, env: dict[str, str], state_dir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.ready = threading.Event()
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(self.port), "--state-dir", str(state_dir)], cwd=REPO,
            env={**os.environ, **env, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, encoding="utf-8")
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            if "Running on" in line:
                self.ready.set()
        self.ready.set()                                    # exited: wake the waiting test

    def wait(self) -> None:
        assert self.ready.wait(START_SECONDS) and self.process.poll() is None, "".join(self.output[-20:])
        self.dependencies = self.get("/_dash-dependencies")

    def get(self, path: str):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=60) as response:
            return json.loads(response.read())

    def call(self, output_has: str, changed: str | None, values: dict[str, object]) -> dict:
        """POST one callback as the renderer does (benchmarks/callback_body.py)."""
        body = callback_body(self.dependencies, output_has, changed, values)
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/_dash-update-component",
                                         data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())["response"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def two_apps(database, tmp_path):
    """Two processes on the same database: an SQLite file in one state folder, or PostgreSQL."""
    env = {"DATABASE_URL": database} if database.startswith("postgresql") else {"DATABASE_URL": ""}
    apps = [App(env, tmp_path / "state"), App(env, tmp_path / "state")]
    try:
        for app in apps:
            app.wait()
        yield apps
    finally:
        for app in apps:
            app.stop()


def test_a_workspace_saved_through_one_process_is_read_through_the_other(two_apps):
    one, two = two_apps
    created = one.call("workspace-message.children", "workspace-create.n_clicks",
                       {"workspace-create.n_clicks": 1, "workspace-name.value": "云南评估", "lang-store.data": "en"})
    store = created["user-data"]["data"]
    links = json.dumps(created["workspace-new-links"]["children"], ensure_ascii=False)
    read_token = links.split("#ws=")[2].split('"')[0]
    tab = {**store, "uploads": [{"filename": "城镇化率.csv", "replace": True, "rows": [ROW]}]}
    saved = one.call("workspace-message.children", "workspace-save-imports.n_clicks",
                     {"workspace-save-imports.n_clicks": 1, "user-data.data": tab, "lang-store.data": "en"})
    assert saved["user-data"]["data"]["uploads"] == []

    colleague = {"workspace": {"token": read_token}}
    shown = two.call("workspace-status.children", None, {"user-data.data": colleague, "lang-store.data": "en"})
    assert "read-only" in json.dumps(shown["workspace-status"]) and "城镇化率.csv" in json.dumps(
        shown["workspace-documents"], ensure_ascii=False)
    coverage = two.call("datasrc-province-coverage.rowData", "datasrc-coverage-indicator.value",
                        {"datasrc-coverage-indicator.value": "urbanisation", "user-data.data": colleague,
                         "lang-store.data": "en"})
    yunnan = next(row for row in coverage["datasrc-province-coverage"]["rowData"] if row.get("area_code") == "530000")
    assert "88.8" in json.dumps(yunnan)
