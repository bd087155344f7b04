"""The workspace view's provincial-system editor, called directly on the test app's database."""
from __future__ import annotations

import base64
import io

import pytest
from dash import no_update

from dashboard.callbacks import workspace_view as cb
from dashboard.callbacks.resources import resources
from dashboard.components.workspace_view import WsIds
from dashboard.data import provincial_systems as ps
from tests.callbacks.test_workspace_view import click

YUNNAN = "530000"


@pytest.fixture
def editor(app_context):
    _, links = resources().workspaces.create_workspace("云南")
    return {"workspace": {"token": links["edit"].token}}, {"workspace": {"token": links["read"].token}}


def _act(prop, *, user_data, rows=None, held=None, name="云南体系", contents=None, filename=None, saved=None):
    prop = f"{prop}.{'contents' if prop == WsIds.SYS_UPLOAD else 'n_clicks'}"
    out = click(cb.system_action, prop, 1, 1, 1, 1, contents, "nbs2008", YUNNAN, name, saved, filename, rows, held,
                user_data, 0, "zh")[0]
    assert out[4] is no_update or prop.startswith(WsIds.SYS_LOAD)        # only opening a system renames the field
    return out[:4]


def _text(component) -> str:
    return str(getattr(component, "children", component))


def _derived(user_data):
    rows, held, message, _ = _act(WsIds.SYS_DERIVE, user_data=user_data)
    return rows, held, message


def _set(rows, item_id, **changes):
    return [{**row, **changes} if row["item_id"] == item_id else row for row in rows]


def test_derive_edit_save_and_each_save_is_a_version_pinned_by_the_link(editor):
    edit, read = editor
    rows, held, message = _derived(edit)
    assert len(rows) == 23 and held["version"] is None and "23" in _text(message)
    rows = _set(rows, "nbs2008_urbanisation", target=55)
    _, held, message, refresh = _act(WsIds.SYS_SAVE, user_data=edit, rows=rows, held=held)
    assert held["version"] == 1 and "第1版" in _text(message) and refresh == 1
    _, held, _, _ = _act(WsIds.SYS_SAVE, user_data=edit, rows=_set(rows, "nbs2008_urbanisation", target=50), held=held)
    assert held["version"] == 2
    link = cb.pinned_link(held, "zh")
    assert "system=%E4%BA%91%E5%8D%97%E4%BD%93%E7%B3%BB%402" in link.href and "view=gaps" in link.href
    res = resources()
    pinned = res.pinned_system(read, ("云南体系", 1))                    # the colleague's read-only link
    assert pinned.frameworks.target_for(ps.SYSTEM_FRAMEWORK_ID, "nbs2008_urbanisation", YUNNAN)["target"] == 55


def test_a_stale_table_is_a_conflict_and_nothing_is_overwritten(editor):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    _, saved, _, _ = _act(WsIds.SYS_SAVE, user_data=edit, rows=rows, held=held)
    _act(WsIds.SYS_SAVE, user_data=edit, rows=_set(rows, "nbs2008_urbanisation", target=50), held=saved)
    _, new_held, message, _ = _act(WsIds.SYS_SAVE, user_data=edit, rows=rows, held=saved)
    assert new_held is no_update and message.color == "danger" and "2" in _text(message)
    assert [v.version for v in resources().workspaces.versions(resources().workspace_access(edit), "system", "云南体系")] == [1, 2]


def test_a_read_only_link_cannot_save(editor):
    _, read = editor
    rows, held, _ = _derived(read)
    _, new_held, message, _ = _act(WsIds.SYS_SAVE, user_data=read, rows=rows, held=held)
    assert new_held is no_update and message.color == "danger"


def test_a_bad_cell_is_refused_with_its_row_and_field_and_nothing_is_saved(editor):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    _, new_held, message, _ = _act(WsIds.SYS_SAVE, user_data=edit, rows=_set(rows, "nbs2008_tertiary_share", weight=-2), held=held)
    assert new_held is no_update and "第3行" in _text(message) and "weight" in _text(message)
    assert resources().workspaces.documents(resources().workspace_access(edit), "system") == []


def test_the_diff_lists_the_changed_target_side_by_side(editor):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    assert "尚无改动" in _text(cb.system_diff_view(rows, held, "zh"))
    table = cb.system_diff_view(_set(rows, "nbs2008_urbanisation", target=55), held, "zh")
    cells = [str(td.children) for tr in table.children[1].children for td in tr.children]
    assert cells == ["城镇人口比重", "已修改", "目标值 target", "60", "55"]


def _upload(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_system_imports_back_unchanged(editor, fmt):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    rows = _set(rows, "nbs2008_urbanisation", target=55)
    sent = cb.export_system(rows, held, fmt, "zh")
    data = base64.b64decode(sent["content"])
    imported, new_held, message, _ = _act(WsIds.SYS_UPLOAD, user_data=edit, contents=_upload(data),
                                          filename=f"yunnan.{fmt}", held=held)
    assert "23" in _text(message), _text(message)
    assert cb._system_of(imported, new_held) == cb._system_of(rows, held)


def test_an_exported_text_that_looks_like_a_formula_is_neutralised(editor):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    rows = [*rows, {"item_id": "yn_x", "status": "added", "domain_id": "economic", "name_zh": "=HYPERLINK(1)",
                    "direction": "positive", "subgroup": "total"}]
    text = base64.b64decode(cb.export_system(rows, held, "csv", "zh")["content"]).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    imported, new_held, _, _ = _act(WsIds.SYS_UPLOAD, user_data=edit, contents=_upload(text.encode()), filename="y.csv",
                                    held=held)
    assert imported[-1]["name_zh"] == "=HYPERLINK(1)"                 # read back as the text it was


def test_an_imported_file_with_a_bad_cell_is_refused_at_its_spreadsheet_row(editor):
    edit, _ = editor
    rows, held, _ = _derived(edit)
    frame = ps.to_table(cb._system_of(rows, held)).astype(object)
    frame.loc[4, "target_year"] = "二〇二〇"
    buffer = io.BytesIO()
    frame.to_csv(buffer, index=False)
    imported, _, message, _ = _act(WsIds.SYS_UPLOAD, user_data=edit, contents=_upload(buffer.getvalue()), filename="y.csv",
                                   held=held)
    assert imported is no_update and "y.csv 第6行" in _text(message) and "target_year" in _text(message)


@pytest.mark.parametrize(("data", "why"), [(b"\x00\x01not a table", "header has no column"), (b"", "empty")])
def test_a_file_that_is_no_system_table_is_refused(editor, data, why):
    edit, _ = editor
    contents = _upload(data) if data else None
    imported, _, message, _ = _act(WsIds.SYS_UPLOAD, user_data=edit, contents=contents, filename="x.csv")
    assert imported is no_update and why in _text(message)


def test_saved_systems_are_listed_for_loading(editor):
    edit, read = editor
    rows, held, _ = _derived(edit)
    _act(WsIds.SYS_SAVE, user_data=edit, rows=_set(rows, "nbs2008_urbanisation", target=55), held=held)
    assert cb.list_systems(read, 0) == [{"label": "云南体系 (v1)", "value": "云南体系"}]
    loaded, loaded_held, _, _ = _act(WsIds.SYS_LOAD, user_data=read, saved="云南体系", name="别的名称")
    assert click(cb.system_action, f"{WsIds.SYS_LOAD}.n_clicks", 1, 1, 1, 1, None, "nbs2008", YUNNAN, "别的名称", "云南体系",
                 None, None, None, read, 0, "zh")[0][4] == "云南体系"
    assert loaded_held["version"] == 1
    assert next(r for r in loaded if r["item_id"] == "nbs2008_urbanisation")["target"] == 55
