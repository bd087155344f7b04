"""Exports and the presenting stage read the open workspace's data (issue 12: a saved slide
used to fall back to the bundled values silently)."""
from __future__ import annotations

import base64
import json
from contextvars import copy_context

from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard.callbacks import present_view as cb
from dashboard.callbacks.resources import resources
from dashboard.components.present_view import PresentIds
from tests.conftest import run_callback

ROW = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 88.8, "subgroup": "total",
       "source_id": "USER-TEST", "vintage": "upload", "flag": "official", "note": "", "confidence": None}
QUERY = "?view=map&ind=urbanisation&year=2010&area=530000"


def _open_workspace_with_the_row() -> dict:
    store = resources().workspaces
    access, links = store.create_workspace("exports")
    store.save_document(access, "dataset", "u.csv", {"filename": "u.csv", "replace": True, "rows": [ROW]}, None)
    return {"workspace": {"token": links["read"].token}}


def _dump(value) -> str:
    return json.dumps(value, default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c),
                      ensure_ascii=False)


def test_the_presenting_stage_draws_the_workspace_s_values(app_context):
    board = {"version": 1, "title": "", "slides": [{"query": QUERY, "title": "", "note": ""}]}
    opened = _open_workspace_with_the_row()
    stage = run_callback(cb.draw_stage, None, {"playing": True, "index": 0}, board, "en", opened)
    bundled = run_callback(cb.draw_stage, None, {"playing": True, "index": 0}, board, "en", None)
    assert "88.8" in _dump(stage) and "88.8" not in _dump(bundled)


def test_the_data_export_of_a_view_holds_the_workspace_s_values(app_context):
    opened = _open_workspace_with_the_row()

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{PresentIds.DATA_CSV}.n_clicks", "value": 1}]))
        return cb.export_data(1, 0, QUERY, "en", opened)

    download, _ = copy_context().run(call)
    assert "88.8" in base64.b64decode(download["content"]).decode("utf-8-sig")
