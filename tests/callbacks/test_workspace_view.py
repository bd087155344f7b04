"""The workspace view's callbacks, called directly on the test app (its own SQLite database)."""
from __future__ import annotations

import dataclasses
import json
from contextvars import copy_context

import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from flask import current_app

from dashboard.callbacks import workspace_view as cb
from dashboard.callbacks.resources import EXTENSION_KEY, resources
from dashboard.components.ids import Ids
from dashboard.components.workspace_view import WsIds, name_of_story_key, story_key
from dashboard.workspace.store import MAX_DOCUMENT_BYTES

ROW = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 88.8, "subgroup": "total",
       "source_id": "USER-TEST", "vintage": "upload", "flag": "official", "note": "", "confidence": None}
STORYBOARD = {"version": 1, "title": "Review",
              "slides": [{"query": "?view=map&ind=urbanisation&year=2010", "title": "Urbanisation", "note": ""}]}


def click(func, prop: str, *args):
    """Call a callback as Dash does after a click on `prop`: (its return value, props it set)."""
    updated: dict = {}

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop, "value": 1}], updated_props=updated))
        return func(*args)

    return copy_context().run(call), updated


def act(prop: str, *, name=None, story_name="meeting", user_data=None, storyboard=None, versions=None):
    return click(cb.act, prop, 1, 1, 1, 1, 1, [], [], name, story_name, user_data, storyboard, versions, 0, "en")


def _text(component) -> str:
    return json.dumps(component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
                      default=lambda c: c.to_plotly_json(), ensure_ascii=False)


@pytest.fixture
def editor(app_context):
    """A new workspace opened in this 'tab' through the create button: (store value, links text)."""
    (store, message, links, refresh, _), _ = act(f"{WsIds.CREATE}.n_clicks", name="云南评估")
    assert refresh == 1 and "云南评估" in _text(message)
    return store, _text(links)


def test_a_link_fragment_opens_its_workspace_and_keeps_the_tab_s_uploads():
    token = "A" * 43
    assert cb.token_from_hash(f"#ws={token}") == token
    assert cb.token_from_hash(f"#slide=2&ws={token}") == token
    assert cb.token_from_hash("#ws=short") is None and cb.token_from_hash(None) is None
    opened = cb.open_from_link(f"#ws={token}", {"uploads": [{"rows": []}]})
    assert opened == {"uploads": [{"rows": []}], "workspace": {"token": token}}
    assert cb.open_from_link(f"#ws={token}", opened) is no_update
    assert cb.open_from_link("", opened) is no_update                  # a link without one keeps the tab's


def test_create_opens_the_workspace_and_shows_both_links_once(editor):
    store, links = editor
    token = store["workspace"]["token"]
    assert f"#ws={token}" in links and links.count("#ws=") == 2
    assert resources().workspaces.open(token).can_edit


def test_saved_imports_leave_the_tab_and_every_link_holder_sees_them(editor):
    store, links = editor
    tab = {**store, "uploads": [{"filename": "城镇化率.csv", "replace": True, "rows": [ROW]}]}
    (saved, message, *_), _ = act(f"{WsIds.SAVE_IMPORTS}.n_clicks", user_data=tab)
    assert saved["uploads"] == [] and "城镇化率.csv" in _text(message)
    read_token = links.split("#ws=")[2].split('"')[0]
    colleague = {"workspace": {"token": read_token}}
    obs = resources().dataset_for(colleague).observations
    assert obs.loc[(obs.area_code == "530000") & (obs.indicator_id == "urbanisation") & (obs.year == 2010),
                   "value"].tolist() == [88.8]
    status, _, documents, *disabled = cb.workspace_panel(colleague, "en")
    assert "read-only" in _text(status) and "城镇化率.csv" in _text(documents) and disabled == [True, True, True]


def test_a_read_only_link_changes_nothing(editor):
    store, links = editor
    reader = {"workspace": {"token": links.split("#ws=")[2].split('"')[0]},
              "uploads": [{"filename": "x.csv", "rows": [ROW]}]}
    (saved, message, *_), _ = act(f"{WsIds.SAVE_IMPORTS}.n_clicks", user_data=reader)
    assert saved is no_update and "read-only" in _text(message)


def test_a_storyboard_is_saved_with_versions_and_a_stale_save_is_a_conflict(editor):
    store, _ = editor
    (_, message, _, _, versions), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD)
    assert versions == {"meeting": 1} and "version 1" in _text(message)
    (_, message, _, _, versions), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD,
                                          versions=versions)
    assert versions == {"meeting": 2}
    # Another tab that read version 1 (or none) cannot overwrite version 2.
    (_, message, _, _, unchanged), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD,
                                           versions={"meeting": 1})
    assert unchanged is no_update and "meanwhile" in _text(message) and "version 2" in _text(message)


def test_a_storyboard_over_the_cap_is_refused_with_a_message(editor):
    store, _ = editor
    big = {**STORYBOARD, "slides": [{**STORYBOARD["slides"][0], "note": "x" * MAX_DOCUMENT_BYTES["storyboard"]}]}
    (_, message, _, _, versions), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=big)
    assert versions is no_update and "at most 256 KB" in _text(message)
    access = resources().workspace_access(store)
    assert resources().workspaces.documents(access, "storyboard") == []


def test_loading_a_storyboard_puts_it_in_the_browser_store(editor):
    store, _ = editor
    act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD)
    prop = json.dumps({"index": story_key("meeting"), "type": WsIds.LOAD_STORY}) + ".n_clicks"
    (_, message, _, _, versions), updated = click(cb.act, prop, 1, 1, 1, 1, 1, [], [1], None, "meeting", store, None,
                                                  {}, 0, "en")
    assert versions == {"meeting": 1} and updated[Ids.STORYBOARD]["data"] == STORYBOARD


def test_revoking_the_read_link_shuts_out_its_holder(editor):
    store, links = editor
    read_token = links.split("#ws=")[2].split('"')[0]
    access = resources().workspaces.open(read_token)
    prop = json.dumps({"index": access.link_id, "type": WsIds.REVOKE}) + ".n_clicks"
    (_, message, *_), _ = click(cb.act, prop, 1, 1, 1, 1, 1, [1], [], None, None, store, None, {}, 0, "en")
    assert "revoked" in _text(message)
    status, *_ = cb.workspace_panel({"workspace": {"token": read_token}}, "en")
    assert "revoked" in _text(status)


def test_close_forgets_the_workspace_in_this_tab_only(editor):
    store, _ = editor
    (closed, *_), _ = act(f"{WsIds.CLOSE}.n_clicks", user_data={**store, "uploads": []})
    assert closed == {"uploads": []}
    assert resources().workspaces.open(store["workspace"]["token"]) is not None


def test_a_re_rendered_list_is_not_a_click(app_context):
    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "x.n_clicks", "value": 0}], updated_props={}))
        return cb.act(0, 0, 0, 0, 0, [0], [], None, None, None, None, None, 0, "zh")

    assert copy_context().run(call) == (no_update,) * 5


def test_create_without_a_name_asks_for_one(app_context):
    (store, message, *_), _ = act(f"{WsIds.CREATE}.n_clicks", name="  ")
    assert store is no_update and "name" in _text(message)


def test_the_data_view_s_add_saves_the_import_into_the_open_workspace(editor):
    from dashboard.callbacks.data_view import change_uploads

    store, _ = editor
    key = resources().imports.put([ROW])
    pending = {"filename": "城镇化率.csv", "key": key, "n": 1, "indicators": ["urbanisation"], "years": [2010, 2010]}
    (new_store, message, _), _ = click(change_uploads, "datasrc-add.n_clicks", 1, [], pending, True, store, "en", True)
    assert new_store["uploads"] == [], _text(message)
    assert "城镇化率.csv" in _text(message)
    access = resources().workspace_access(store)
    assert [d.name for d in resources().workspaces.documents(access, "dataset")] == ["城镇化率.csv"]
    (kept, _, _), _ = click(change_uploads, "datasrc-add.n_clicks", 1, [], pending, True, store, "en", False)
    assert [u["filename"] for u in kept["uploads"]] == ["城镇化率.csv"]     # unticked: this tab only


def test_the_pilot_list_is_kept_in_the_workspace_and_put_into_another_link(editor):
    store, _ = editor
    (_, message, version, _), _ = click(cb.pilots_action, f"{WsIds.SAVE_PILOTS}.n_clicks", 1, 0,
                                        "?view=workspace&pilots=530000,520000", store, None, 0, "en")
    assert version == 1 and "Yunnan" in _text(message)
    (query, message, read, _), _ = click(cb.pilots_action, f"{WsIds.USE_PILOTS}.n_clicks", 0, 1,
                                         "?view=workspace&lang=en", store, None, 0, "en")
    assert "pilots=530000" in query and "520000" in query and read == 1
    # A tab that read no version (or an old one) cannot overwrite the team's list.
    (_, message, version, _), _ = click(cb.pilots_action, f"{WsIds.SAVE_PILOTS}.n_clicks", 1, 0,
                                        "?view=workspace&pilots=110000", store, None, 0, "en")
    assert version is no_update and "meanwhile" in _text(message)


def test_the_data_view_s_download_note_names_the_workspace_s_datasets(editor):
    from dashboard.callbacks.data_view import download_note

    store, _ = editor
    assert "workspace" not in download_note(store, "en")
    tab = {**store, "uploads": [{"filename": "城镇化率.csv", "replace": True, "rows": [ROW]}]}
    act(f"{WsIds.SAVE_IMPORTS}.n_clicks", user_data=tab)
    assert "1 dataset(s) of the open workspace “云南评估”" in download_note(store, "en")


def test_a_database_that_cannot_be_reached_is_a_message_not_a_traceback(editor, monkeypatch):
    from sqlalchemy.exc import OperationalError

    store, _ = editor

    def down(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(type(resources().workspaces), "open", down)
    (saved, message, *_), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD)
    assert saved is no_update and "cannot be reached" in _text(message)
    status, *_ = cb.show_workspace(store, 0, "en")
    assert "cannot be reached" in _text(status)


def test_a_workspace_full_of_data_refuses_more_with_a_message(editor, monkeypatch):
    store, _ = editor
    monkeypatch.setattr(cb, "MAX_WORKSPACE_DATASET_BYTES", 100)
    tab = {**store, "uploads": [{"filename": "城镇化率.csv", "replace": True, "rows": [ROW]}]}
    (saved, message, *_), _ = act(f"{WsIds.SAVE_IMPORTS}.n_clicks", user_data=tab)
    assert saved is no_update and "at most 0 MB" in _text(message)


def test_imports_whose_rows_are_gone_are_not_reported_as_saved(editor):
    store, _ = editor
    tab = {**store, "uploads": [{"filename": "x.csv", "key": "A" * 32, "n": 1}]}
    (saved, message, *_), _ = act(f"{WsIds.SAVE_IMPORTS}.n_clicks", user_data=tab)
    assert saved is no_update and "no longer on the server" in _text(message)


def test_without_a_database_every_action_says_no_workspace_opens(editor, monkeypatch):
    store, _ = editor
    # Resources is frozen: the app's one is swapped for a copy without a database, as some tests build it.
    monkeypatch.setitem(current_app.extensions, EXTENSION_KEY, dataclasses.replace(resources(), workspaces=None))
    (created, message, *_), _ = act(f"{WsIds.CREATE}.n_clicks", name="云南评估")
    assert created is no_update and "cannot be reached" in _text(message)
    (saved, message, *_), _ = act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD)
    assert saved is no_update and "No workspace is open" in _text(message)
    status, *_ = cb.show_workspace(store, 0, "en")
    assert "does not open a workspace" in _text(status)
    assert resources().dataset_for(store) is resources().dataset


def test_a_storyboard_with_a_chinese_name_is_loaded_by_its_button(editor):
    """The zh default name 评估会议 as a pattern id's index never reached the callback in Chromium:
    the button's index is the name's UTF-8 in hex, read back here."""
    store, _ = editor
    act(f"{WsIds.SAVE_STORY}.n_clicks", user_data=store, storyboard=STORYBOARD, story_name="评估会议")
    assert story_key("评估会议").isascii() and name_of_story_key(story_key("评估会议")) == "评估会议"
    assert name_of_story_key("not hex") is None
    prop = json.dumps({"index": story_key("评估会议"), "type": WsIds.LOAD_STORY}) + ".n_clicks"
    (_, message, _, _, versions), updated = click(cb.act, prop, 1, 1, 1, 1, 1, [], [1], None, "评估会议", store, None,
                                                  {}, 0, "zh")
    assert versions == {"评估会议": 1} and updated[Ids.STORYBOARD]["data"] == STORYBOARD
