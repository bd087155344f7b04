"""Callbacks of the 'workspace' view, and the one that opens a workspace from a link.

A workspace is opened by its link's secret in the URL fragment (`#ws=<token>`): the fragment is
never sent to a server, so it stays out of access logs and Referer headers. `open_from_link`
copies it into this tab's Ids.USER_DATA store (`"workspace": {"token": ...}`), which every
callback already sends; `Resources.dataset_for` then merges the workspace's datasets for every
view and export, and checks the link against the database each time (a revoked link stops at
once). Every write goes through WorkspaceStore with the version this tab read.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import logging
import zipfile
from urllib.parse import parse_qs

import pandas as pd

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update, set_props
from flask import request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.callbacks.resources import resources
from dashboard.components.ids import Ids
from dashboard.components.workspace_view import (WsIds, diff_table, documents_table, links_table, new_links_panel,
                                             name_of_story_key)
from dashboard.data.errors import DataError, Location
from dashboard.data.frameworks import Frameworks
from dashboard.data.provincial_systems import (ProvincialSystem, derive, diff, from_content, from_table, to_content,
                                               to_table, validate)
from dashboard.export.tabular import FORMULA_STARTS, view_data_csv, view_data_xlsx
from dashboard.export.storyboard import from_json
from dashboard.i18n import t
from dashboard.workspace import DocumentTooLarge, VersionConflict, WorkspaceError
from dashboard.workspace.store import MAX_DOCUMENT_BYTES, Access, WorkspaceStore
from dashboard.workspace.tokens import valid_token
from dashboard.state import ViewState, parse_query, to_query
from dashboard.views import view_spec

# The view's own URL listener (dashboard/views.py): the pilot-list callback writes the URL.
WORKSPACE_URL = view_spec("workspace").url_id
PILOTS_DOCUMENT = "pilots"
# All of a workspace's datasets together (JSON bytes): every view merges them, once per worker
# and version, so they are bounded like a tab's imports (MAX_TAB_ROWS, ~50 MB).
MAX_WORKSPACE_DATASET_BYTES = 128 * 1024 * 1024

log = logging.getLogger(__name__)


def _lang(lang: str | None) -> str:
    return lang if lang in ("zh", "en") else "zh"


def _list_sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _message(text: str, color: str = "success") -> dbc.Alert:
    return dbc.Alert(text, color=color, className="workspace-alert")


# --- opening a workspace from its link -------------------------------------------------------
def token_from_hash(fragment: str | None) -> str | None:
    """`#ws=<token>` (other fragment parameters allowed) -> the token, when well-formed."""
    values = parse_qs((fragment or "").lstrip("#")).get("ws")
    token = values[-1] if values else None
    return token if valid_token(token) else None


def with_workspace(user_data: dict | None, token: str | None) -> dict:
    """The tab's store with `token` as its open workspace (None: none open); uploads are kept."""
    store = dict(user_data) if isinstance(user_data, dict) else {}
    store.pop("workspace", None)
    if token:
        store["workspace"] = {"token": token}
    return store


@callback(Output(Ids.USER_DATA, "data", allow_duplicate=True), Input(Ids.URL, "hash"), State(Ids.USER_DATA, "data"),
          prevent_initial_call="initial_duplicate")
def open_from_link(fragment, user_data):
    token = token_from_hash(fragment)
    current = (user_data or {}).get("workspace", {}) if isinstance(user_data, dict) else {}
    if token is None or (isinstance(current, dict) and current.get("token") == token):
        return no_update
    return with_workspace(user_data, token)


# --- what the view shows ---------------------------------------------------------------------
def open_token(user_data: dict | None) -> str | None:
    opened = user_data.get("workspace") if isinstance(user_data, dict) else None
    return opened.get("token") if isinstance(opened, dict) else None


def workspace_panel(user_data: dict | None, lang: str):
    """(status, links, documents, new-read-link disabled, save-imports disabled, save-story disabled)."""
    res = resources()
    workspaces, access = res.workspaces, res.workspace_access(user_data)
    if workspaces is None or access is None:              # no database configured: no workspace opens
        key = "workspace.status.bad_link" if open_token(user_data) else "workspace.status.none"
        return (_message(t(key, lang), "warning" if open_token(user_data) else "secondary"),
                "", "", True, True, True)
    level = "edit" if access.can_edit else "read"
    status = _message(t(f"workspace.status.open_{level}", lang, name=access.workspace_name), "info")
    documents = workspaces.documents(access)
    links = links_table(workspaces.links(access), lang) if access.can_edit else \
        html.P(t("workspace.links.read_only", lang), className="hint")
    shown = documents_table(documents, res.workspace_problems(user_data), access.can_edit, lang)
    uploads = (user_data or {}).get("uploads") or []
    return status, links, shown, not access.can_edit, not (access.can_edit and uploads), not access.can_edit


@callback(
    Output(WsIds.STATUS, "children"), Output(WsIds.LINKS, "children"), Output(WsIds.DOCUMENTS, "children"),
    Output(WsIds.NEW_READ_LINK, "disabled"), Output(WsIds.SAVE_IMPORTS, "disabled"), Output(WsIds.SAVE_STORY, "disabled"),
    Output(WsIds.SAVE_PILOTS, "disabled"), Output(WsIds.USE_PILOTS, "disabled"),
    Input(Ids.USER_DATA, "data"), Input(WsIds.REFRESH, "data"), State(Ids.LANG_STORE, "data"),
)
def show_workspace(user_data, _refresh, lang):
    try:
        panel = workspace_panel(user_data, _lang(lang))
        access = resources().workspace_access(user_data)
        has_pilots = access is not None and bool(resources().workspaces.documents(access, "pilots"))
    except SQLAlchemyError:
        log.exception("workspace database unavailable")
        return _message(t("workspace.msg.database_down", _lang(lang)), "danger"), "", "", True, True, True, True, True
    return (*panel, panel[-1], not has_pilots)


# --- actions ---------------------------------------------------------------------------------
def create(name: str | None, user_data: dict | None, origin: str, lang: str):
    """(new store, message, links panel): the new workspace is opened in this tab at once."""
    name = (name or "").strip()
    if not name:
        return no_update, _message(t("workspace.msg.name_needed", lang), "danger"), no_update
    workspaces = resources().workspaces
    if workspaces is None:                                # no database configured
        return no_update, _message(t("workspace.msg.database_down", lang), "danger"), no_update
    access, links = workspaces.create_workspace(name[:200])
    tokens = {level: link.token for level, link in links.items()}
    return (with_workspace(user_data, tokens["edit"]), _message(t("workspace.msg.created", lang, name=access.workspace_name)),
            new_links_panel(tokens, origin, lang))


def _editor(user_data: dict | None, lang: str) -> tuple[WorkspaceStore, Access] | dbc.Alert:
    """The store and this tab's editing access, or the message saying why there is none."""
    res = resources()
    workspaces, access = res.workspaces, res.workspace_access(user_data)
    if workspaces is None or access is None:              # no database configured: no workspace opens
        return _message(t("workspace.status.none", lang), "danger")
    if not access.can_edit:
        return _message(t("workspace.msg.read_only", lang), "danger")
    return workspaces, access


def save_imports(user_data: dict | None, lang: str):
    """(new store, message): each of this tab's imports becomes a dataset of the workspace (under
    its file name; a name already there gets a number) and leaves the tab's own list."""
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return no_update, editor
    workspaces, access = editor
    res = resources()
    uploads = [u for u in (user_data or {}).get("uploads") or [] if isinstance(u, dict)]
    if not uploads:
        return no_update, _message(t("workspace.msg.no_imports", lang), "warning")
    held = workspaces.documents(access, "dataset")
    taken = {d.name for d in held}
    room = MAX_WORKSPACE_DATASET_BYTES - sum(d.size for d in held)
    kept, saved = [], []
    for upload in uploads:
        rows = res.imports.get(upload["key"]) if "key" in upload else upload.get("rows")
        if not rows:
            kept.append(upload)
            continue
        name = _free_name(str(upload.get("filename") or "import"), taken)
        content = {"filename": upload.get("filename"), "sheet": upload.get("sheet"),
                   "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                   "replace": bool(upload.get("replace")), "n": len(rows),
                   "indicators": upload.get("indicators") or [], "years": upload.get("years") or [], "rows": rows}
        size = len(json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8"))
        if size > room:
            return no_update, _message(t("workspace.msg.workspace_full", lang, name=name,
                                         max=MAX_WORKSPACE_DATASET_BYTES // 1_048_576), "danger")
        try:
            workspaces.save_document(access, "dataset", name, content, None)
        except DocumentTooLarge as exc:
            return no_update, _message(t("workspace.msg.too_large", lang, name=name, size=exc.size // 1024,
                                         max=exc.limit // 1024), "danger")
        except VersionConflict:                   # saved by someone else between listing and saving
            return no_update, _message(t("workspace.msg.conflict_new", lang, name=name), "danger")
        taken.add(name)
        saved.append(name)
        room -= size
    if not saved:                                 # every import's rows were dropped from the server meanwhile
        return no_update, _message(t("workspace.msg.imports_gone", lang), "warning")
    store = {**(user_data or {}), "uploads": kept}
    return store, _message(t("workspace.msg.imports_saved", lang, n=len(saved), names=_list_sep(lang).join(saved)))


def save_last_import(user_data: dict, lang: str):
    """(store, message or None) after the data view added an import: with a workspace open for
    editing, that import goes into the workspace instead of staying in this tab only."""
    access = resources().workspace_access(user_data)
    uploads = list(user_data.get("uploads") or [])
    if access is None or not access.can_edit or not uploads:
        return user_data, None
    saved, message = save_imports({**user_data, "uploads": uploads[-1:]}, lang)
    if saved is no_update:
        return user_data, message
    return {**user_data, "uploads": uploads[:-1] + saved["uploads"]}, message


def _free_name(name: str, taken: set[str]) -> str:
    name = name[:180]
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


def save_storyboard(name: str | None, storyboard: dict | None, versions: dict | None, user_data: dict | None, lang: str):
    """(message, new versions): the browser's storyboard saved under `name`, with the version
    this tab last read of it (a colleague's save since then is a conflict, not an overwrite)."""
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return editor, no_update
    workspaces, access = editor
    name = (name or "").strip()[:200]
    if not name:
        return _message(t("workspace.msg.name_needed", lang), "danger"), no_update
    if not isinstance(storyboard, dict) or not storyboard.get("slides"):
        return _message(t("workspace.msg.no_storyboard", lang), "warning"), no_update
    text = json.dumps(storyboard, ensure_ascii=False)
    size, limit = len(text.encode("utf-8")), MAX_DOCUMENT_BYTES["storyboard"]
    if size > limit:
        return _message(t("workspace.msg.too_large", lang, name=name, size=size // 1024, max=limit // 1024), "danger"), no_update
    try:
        from_json(text, source_name=name)                       # the presenter view's own check
    except DataError as exc:
        return _message(t("workspace.msg.bad_storyboard", lang, why=str(exc)), "danger"), no_update
    versions = dict(versions or {})
    try:
        version = workspaces.save_document(access, "storyboard", name, storyboard, versions.get(name))
    except VersionConflict as exc:
        return _message(t("workspace.msg.conflict", lang, name=name, version=exc.current or 0), "danger"), no_update
    except DocumentTooLarge as exc:
        return _message(t("workspace.msg.too_large", lang, name=name, size=exc.size // 1024, max=exc.limit // 1024),
                        "danger"), no_update
    versions[name] = version
    return _message(t("workspace.msg.story_saved", lang, name=name, version=version)), versions


def load_storyboard(name: str, versions: dict | None, user_data: dict | None, lang: str):
    """(message, new versions); the storyboard goes into the browser's store (the present view follows it)."""
    res = resources()
    workspaces, access = res.workspaces, res.workspace_access(user_data)
    document = workspaces.load_document(access, "storyboard", name) if workspaces and access else None
    if document is None:
        return _message(t("workspace.msg.gone", lang, name=name), "danger"), no_update
    set_props(Ids.STORYBOARD, {"data": document.content})
    return (_message(t("workspace.msg.story_loaded", lang, name=name, version=document.version)),
            {**(versions or {}), name: document.version})


def new_read_link(user_data: dict | None, origin: str, lang: str):
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return editor, no_update
    workspaces, access = editor
    link = workspaces.create_link(access, "read")
    return _message(t("workspace.msg.link_made", lang)), new_links_panel({"read": link.token}, origin, lang)


def revoke(link_id: int, user_data: dict | None, lang: str):
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return editor
    workspaces, access = editor
    if not workspaces.revoke_link(access, link_id):
        return _message(t("workspace.msg.not_revoked", lang), "warning")
    key = "workspace.msg.revoked_own" if link_id == access.link_id else "workspace.msg.revoked"
    return _message(t(key, lang))


def _clicked() -> bool:
    return bool(ctx.triggered and ctx.triggered[0].get("value"))


def _origin() -> str:
    try:
        return request.host_url
    except RuntimeError:                                  # called outside a request (tests)
        return ""


@callback(
    Output(Ids.USER_DATA, "data", allow_duplicate=True),
    Output(WsIds.MESSAGE, "children"), Output(WsIds.NEW_LINKS, "children"),
    Output(WsIds.REFRESH, "data"), Output(WsIds.VERSIONS, "data"),
    Input(WsIds.CREATE, "n_clicks"), Input(WsIds.NEW_READ_LINK, "n_clicks"), Input(WsIds.SAVE_IMPORTS, "n_clicks"),
    Input(WsIds.SAVE_STORY, "n_clicks"), Input(WsIds.CLOSE, "n_clicks"),
    Input({"type": WsIds.REVOKE, "index": ALL}, "n_clicks"), Input({"type": WsIds.LOAD_STORY, "index": ALL}, "n_clicks"),
    State(WsIds.NAME, "value"), State(WsIds.STORY_NAME, "value"), State(Ids.USER_DATA, "data"),
    State(Ids.STORYBOARD, "data"), State(WsIds.VERSIONS, "data"), State(WsIds.REFRESH, "data"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def act(_create, _link, _imports, _story, _close, _revokes, _loads, name, story_name, user_data, storyboard, versions,
        refresh, lang):
    """Every button of the view: one callback, so the lists are read again after any write."""
    lang, trigger = _lang(lang), ctx.triggered_id
    if not _clicked():                                    # a list re-rendered, not a click
        return no_update, no_update, no_update, no_update, no_update
    bump = (refresh or 0) + 1
    try:
        if trigger == WsIds.CREATE:
            store, message, links = create(name, user_data, _origin(), lang)
            return store, message, links, bump, {}
        if trigger == WsIds.NEW_READ_LINK:
            message, links = new_read_link(user_data, _origin(), lang)
            return no_update, message, links, bump, no_update
        if trigger == WsIds.SAVE_IMPORTS:
            store, message = save_imports(user_data, lang)
            return store, message, no_update, bump, no_update
        if trigger == WsIds.SAVE_STORY:
            message, new_versions = save_storyboard(story_name, storyboard, versions, user_data, lang)
            return no_update, message, no_update, bump, new_versions
        if trigger == WsIds.CLOSE:
            return with_workspace(user_data, None), _message(t("workspace.msg.closed", lang), "secondary"), "", bump, {}
        if isinstance(trigger, dict) and trigger.get("type") == WsIds.REVOKE:
            return no_update, revoke(int(trigger.get("index", -1)), user_data, lang), no_update, bump, no_update
        if isinstance(trigger, dict) and trigger.get("type") == WsIds.LOAD_STORY:
            message, new_versions = load_storyboard(name_of_story_key(trigger.get("index")) or "", versions, user_data, lang)
            return no_update, message, no_update, no_update, new_versions
    except WorkspaceError as exc:                         # refused by the store: say so, change nothing
        return no_update, _message(t("workspace.msg.refused", lang, why=str(exc)), "danger"), no_update, no_update, no_update
    except SQLAlchemyError:                               # every write is one transaction: nothing half-done
        log.exception("workspace database unavailable")
        return no_update, _message(t("workspace.msg.database_down", lang), "danger"), no_update, no_update, no_update
    return no_update, no_update, no_update, no_update, no_update


# --- the pilot list ----------------------------------------------------------------------------
def save_pilots(search: str | None, version: int | None, user_data: dict | None, lang: str):
    """(message, new version): the pilot list in effect on this link (its `pilots=`, else the
    sourced list) kept as the workspace's, checked against the version this tab read."""
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return editor, no_update
    workspaces, access = editor
    dataset = resources().dataset
    state, _ = parse_query(search, dataset)
    sourced = dataset.roles.loc[dataset.roles["role"] == "pilot", "area_code"].tolist()
    pilots = list(state.pilots) if state.pilots is not None else sourced
    try:
        saved = workspaces.save_document(access, "pilots", PILOTS_DOCUMENT, {"pilots": pilots}, version)
    except VersionConflict as exc:
        return _message(t("workspace.msg.conflict", lang, name=t("workspace.pilots.heading", lang),
                          version=exc.current or 0), "danger"), no_update
    names = _list_sep(lang).join(dataset.area_name(code, lang) for code in pilots) or "—"
    return _message(t("workspace.pilots.saved", lang, names=names, version=saved)), saved


def use_pilots(search: str | None, user_data: dict | None, lang: str):
    """(new query or no_update, message, version read): the workspace's pilot list into the link;
    codes that are not provinces of the dataset are dropped and named."""
    res = resources()
    workspaces, access = res.workspaces, res.workspace_access(user_data)
    document = workspaces.load_document(access, "pilots", PILOTS_DOCUMENT) if workspaces and access else None
    if document is None:
        return no_update, _message(t("workspace.pilots.none", lang), "warning"), no_update
    stored = document.content.get("pilots") if isinstance(document.content, dict) else None
    stored = [str(code) for code in stored] if isinstance(stored, list) else []
    provinces = set(res.dataset.province_codes())
    pilots = tuple(dict.fromkeys(code for code in stored if code in provinces))
    unknown = [code for code in stored if code not in provinces]
    state, _ = parse_query(search, res.dataset)
    query = to_query(state.with_(pilots=pilots))
    text = t("workspace.pilots.used", lang, n=len(pilots), version=document.version)
    if unknown:
        text += " " + t("workspace.pilots.dropped", lang, codes=", ".join(unknown[:20]))
    return (query if query != (search or "") else no_update), _message(text, "warning" if unknown else "success"), \
        document.version


@callback(
    Output(WORKSPACE_URL, "search", allow_duplicate=True), Output(WsIds.PILOTS_MESSAGE, "children"),
    Output(WsIds.PILOTS_VERSION, "data"), Output(WsIds.REFRESH, "data", allow_duplicate=True),
    Input(WsIds.SAVE_PILOTS, "n_clicks"), Input(WsIds.USE_PILOTS, "n_clicks"),
    State(WORKSPACE_URL, "search"), State(Ids.USER_DATA, "data"), State(WsIds.PILOTS_VERSION, "data"),
    State(WsIds.REFRESH, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def pilots_action(_save, _use, search, user_data, version, refresh, lang):
    lang = _lang(lang)
    if not _clicked():
        return no_update, no_update, no_update, no_update
    if ctx.triggered_id == WsIds.SAVE_PILOTS:
        message, new_version = save_pilots(search, version, user_data, lang)
        return no_update, message, new_version, (refresh or 0) + 1
    query, message, read = use_pilots(search, user_data, lang)
    return query, message, read, no_update


# --- provincial indicator systems ---------------------------------------------------------------
def _system_of(rows: list[dict] | None, held: dict | None, file: str = "", first_row: int = 1) -> ProvincialSystem:
    """The editor's rows as a system of the framework and province the table holds (DataError if not)."""
    held = held if isinstance(held, dict) else {}
    return from_table(list(rows or []), file=file or str(held.get("name") or "system"), first_row=first_row,
                      framework_id=str(held.get("framework_id") or ""), area_code=str(held.get("area_code") or ""),
                      name=str(held.get("name") or ""), version=held.get("version"))


def _frameworks() -> Frameworks:
    frameworks = resources().frameworks
    if frameworks is None:                                # an app built without frameworks (some tests)
        raise WorkspaceError("this app has no frameworks to derive a system from")
    return frameworks


def _table_rows(system: ProvincialSystem) -> list[dict]:
    frame = to_table(system).drop(columns=["framework_id", "area_code"])
    return [{k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _held(system: ProvincialSystem) -> dict:
    return {"framework_id": system.framework_id, "area_code": system.area_code, "name": system.name,
            "version": system.version}


def _located(error: DataError, lang: str) -> str:
    where = error.location
    return t("workspace.system.refused", lang, file=where.file, row=where.row if where.row is not None else "—",
             field=where.column or "—", why=error.message)


def _check(system: ProvincialSystem, user_data: dict | None, file: str, first_row: int = 1) -> None:
    res = resources()
    dataset = res.dataset_for(user_data)
    validate(system, _frameworks(), indicators=dataset.indicators["indicator_id"],
             areas=res.dataset.province_codes(mainland_only=False), file=file, first_row=first_row)


def pinned_link(held: dict | None, lang: str):
    """A link to the gaps view pinned to the saved version the table holds (none while unsaved)."""
    if not isinstance(held, dict) or not held.get("version"):
        return ""
    query = to_query(ViewState(view="gaps", area_code=held["area_code"], system=(held["name"], int(held["version"]))))
    return dcc.Link(t("workspace.system.open_gaps", lang, name=held["name"], version=held["version"]), href="/" + query,
                    className="workspace-system-gaps-link")


def derive_system(framework_id: str | None, area_code: str | None, name: str | None, lang: str):
    """(rows, held, message): a new system, every item of the framework as it applies to the province."""
    res, frameworks = resources(), _frameworks()
    name = (name or "").strip()[:200]
    if not name:
        return no_update, no_update, _message(t("workspace.msg.name_needed", lang), "danger")
    if (framework_id is None or framework_id not in frameworks.framework_ids() or area_code is None
            or area_code not in res.dataset.province_codes(mainland_only=False)):
        return no_update, no_update, _message(t("workspace.system.pick", lang), "danger")
    system = derive(frameworks, framework_id, area_code, name=name)
    return _table_rows(system), _held(system), _message(t("workspace.system.derived", lang, n=len(system.items),
                                                         framework=t(f"terms.framework_short.{framework_id}", lang),
                                                         area=res.dataset.area_name(area_code, lang)), "info")


def save_system(rows: list[dict] | None, held: dict | None, name: str | None, user_data: dict | None, lang: str):
    """(held, message): the table saved as the next version of `name` (the version the table was
    read at; a new name starts at 1). Refused with the row and field when the table is wrong."""
    editor = _editor(user_data, lang)
    if isinstance(editor, dbc.Alert):
        return no_update, editor
    workspaces, access = editor
    if not isinstance(held, dict) or not held.get("framework_id"):
        return no_update, _message(t("workspace.system.nothing", lang), "warning")
    name = (name or "").strip()[:200] or str(held.get("name") or "")
    if not name:
        return no_update, _message(t("workspace.msg.name_needed", lang), "danger")
    try:
        system = _system_of(rows, held, file=name)
        _check(system, user_data, name)
    except DataError as error:
        return no_update, _message(_located(error, lang), "danger")
    expected = held.get("version") if name == held.get("name") else None
    try:
        version = workspaces.save_document(access, "system", name, to_content(system), expected)
    except VersionConflict as exc:
        return no_update, _message(t("workspace.msg.conflict", lang, name=name, version=exc.current or 0), "danger")
    except DocumentTooLarge as exc:
        return no_update, _message(t("workspace.msg.too_large", lang, name=name, size=exc.size // 1024,
                                     max=exc.limit // 1024), "danger")
    held = {**_held(system), "name": name, "version": version}
    return held, _message(t("workspace.system.saved_msg", lang, name=name, version=version))


def load_system(name: str | None, user_data: dict | None, lang: str):
    """(rows, held, message): the saved system's newest version into the table."""
    res = resources()
    workspaces, access = res.workspaces, res.workspace_access(user_data)
    document = workspaces.load_document(access, "system", name) if workspaces and access and name else None
    if document is None:
        return no_update, no_update, _message(t("workspace.msg.gone", lang, name=name or "—"), "danger")
    try:
        system = from_content(document.content, name=document.name, version=document.version)
    except DataError as error:
        return no_update, no_update, _message(_located(error, lang), "danger")
    return _table_rows(system), _held(system), _message(t("workspace.system.loaded", lang, name=document.name,
                                                          version=document.version), "info")


def import_system(contents: str | None, filename: str | None, held: dict | None, user_data: dict | None, lang: str):
    """(rows, held, message): a CSV/XLSX of the items table (as exported) into the editor, not saved
    yet. Refused whole, with the file's row and column, when any cell is wrong."""
    file = (filename or "upload")[:120]
    try:
        frame = _read_system_file(contents, file)
        system = from_table(frame.to_dict("records"), file=file, first_row=2,
                            name=str((held or {}).get("name") or ""), version=None)
        _check(system, user_data, file, first_row=2)
    except DataError as error:
        return no_update, no_update, _message(_located(error, lang), "danger")
    held = {**_held(system), "version": (held or {}).get("version") if system.name else None}
    return _table_rows(system), held, _message(t("workspace.system.imported", lang, file=file, n=len(system.items)), "info")


def _read_system_file(contents: str | None, file: str) -> pd.DataFrame:
    if not contents or "," not in contents:
        raise DataError(Location(file, None, None), "the file is empty")
    try:
        raw = base64.b64decode(contents.split(",", 1)[1], validate=True)
        if file.lower().endswith(".xlsx"):
            frame = pd.read_excel(io.BytesIO(raw), sheet_name=0, dtype=str, engine="openpyxl")
        else:
            frame = pd.read_csv(io.BytesIO(raw), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except (ValueError, binascii.Error, UnicodeDecodeError, zipfile.BadZipFile, pd.errors.ParserError) as exc:
        raise DataError(Location(file, None, None), f"cannot be read as {'XLSX' if file.lower().endswith('.xlsx') else 'CSV'} "
                        f"({type(exc).__name__})") from None
    missing = [c for c in ("framework_id", "area_code", "item_id") if c not in frame.columns]
    if missing:
        raise DataError(Location(file, 1, missing[0]), f"the header has no column {missing[0]} (export a system to see the format)")
    # A text cell exported as '=…' was prefixed with a quote so Excel would not run it: undo that.
    return frame.map(lambda v: v[1:] if isinstance(v, str) and v[:1] == "'" and v[1:2] in FORMULA_STARTS else v)


def export_system(rows: list[dict] | None, held: dict | None, fmt: str, lang: str):
    """The items table as CSV/XLSX (formulas neutralised as every export); None when there is no table."""
    try:
        system = _system_of(rows, held)
    except DataError:
        return None
    frame = to_table(system)
    base = (system.name or f"{system.area_code}_{system.framework_id}").replace("/", "_")[:80]
    if fmt == "csv":
        return dcc.send_bytes(view_data_csv(frame), f"{base}.csv")
    res = resources()
    used = set(_frameworks().items_for(system.framework_id)["source_id"].dropna())
    sources = res.dataset.sources[res.dataset.sources["source_id"].isin(used)]
    return dcc.send_bytes(view_data_xlsx(frame, sources, sheet_name="system", lang=lang), f"{base}.xlsx")


def system_diff_view(rows: list[dict] | None, held: dict | None, lang: str):
    """The diff against the national system, or where the table is wrong."""
    if not isinstance(held, dict) or not held.get("framework_id"):
        return ""
    try:
        system = _system_of(rows, held)
        validate(system, _frameworks(), file=system.name or "system")
    except DataError as error:
        return _message(_located(error, lang), "warning")
    changes = diff(system, _frameworks())
    return diff_table([{"item_id": d.item_id, "name": d.name_zh if lang == "zh" else d.name_en, "change": d.change,
                        "field": d.field, "national": d.national, "own": d.own} for d in changes], lang)


@callback(
    Output(WsIds.SYS_TABLE, "data"), Output(WsIds.SYS_STATE, "data"), Output(WsIds.SYS_MESSAGE, "children"),
    Output(WsIds.REFRESH, "data", allow_duplicate=True), Output(WsIds.SYS_NAME, "value"),
    Input(WsIds.SYS_DERIVE, "n_clicks"), Input(WsIds.SYS_LOAD, "n_clicks"), Input(WsIds.SYS_SAVE, "n_clicks"),
    Input(WsIds.SYS_ADD_ROW, "n_clicks"), Input(WsIds.SYS_UPLOAD, "contents"),
    State(WsIds.SYS_FRAMEWORK, "value"), State(WsIds.SYS_AREA, "value"), State(WsIds.SYS_NAME, "value"),
    State(WsIds.SYS_SAVED, "value"), State(WsIds.SYS_UPLOAD, "filename"), State(WsIds.SYS_TABLE, "data"),
    State(WsIds.SYS_STATE, "data"), State(Ids.USER_DATA, "data"), State(WsIds.REFRESH, "data"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def system_action(_derive, _load, _save, _add, contents, framework_id, area_code, name, saved, filename, rows, held,
                  user_data, refresh, lang):
    """Every button of the editor; a system opened from the workspace puts its name in the name field
    (a save goes to the name shown there)."""
    out = _system_action(_derive, _load, _save, _add, contents, framework_id, area_code, name, saved, filename, rows,
                         held, user_data, refresh, lang)
    opened = ctx.triggered_id == WsIds.SYS_LOAD and isinstance(out[1], dict)
    return (*out, out[1]["name"] if opened else no_update)


def _system_action(_derive, _load, _save, _add, contents, framework_id, area_code, name, saved, filename, rows, held,
                   user_data, refresh, lang):
    lang, trigger = _lang(lang), ctx.triggered_id
    if not _clicked():
        return no_update, no_update, no_update, no_update
    try:
        if trigger == WsIds.SYS_DERIVE:
            return (*derive_system(framework_id, area_code, name, lang), no_update)
        if trigger == WsIds.SYS_LOAD:
            return (*load_system(saved, user_data, lang), no_update)
        if trigger == WsIds.SYS_SAVE:
            new_held, message = save_system(rows, held, name, user_data, lang)
            return no_update, new_held, message, (refresh or 0) + 1
        if trigger == WsIds.SYS_ADD_ROW:
            if not isinstance(held, dict):
                return no_update, no_update, _message(t("workspace.system.nothing", lang), "warning"), no_update
            return [*(rows or []), {"item_id": "", "status": "added", "subgroup": "total"}], no_update, no_update, no_update
        if trigger == WsIds.SYS_UPLOAD:
            return (*import_system(contents, filename, held, user_data, lang), no_update)
    except WorkspaceError as exc:
        return no_update, no_update, _message(t("workspace.msg.refused", lang, why=str(exc)), "danger"), no_update
    except SQLAlchemyError:
        log.exception("workspace database unavailable")
        return no_update, no_update, _message(t("workspace.msg.database_down", lang), "danger"), no_update
    return no_update, no_update, no_update, no_update


@callback(
    Output(WsIds.SYS_DIFF, "children"), Output(WsIds.SYS_LINK, "children"),
    Input(WsIds.SYS_TABLE, "data"), Input(WsIds.SYS_STATE, "data"), State(Ids.LANG_STORE, "data"),
)
def show_system_diff(rows, held, lang):
    lang = _lang(lang)
    return system_diff_view(rows, held, lang), pinned_link(held, lang)


@callback(
    Output(WsIds.SYS_SAVED, "options"),
    Input(Ids.USER_DATA, "data"), Input(WsIds.REFRESH, "data"),
)
def list_systems(user_data, _refresh):
    res = resources()
    access = res.workspace_access(user_data)
    if res.workspaces is None or access is None:
        return []
    try:
        return [{"label": f"{d.name} (v{d.version})", "value": d.name} for d in res.workspaces.documents(access, "system")]
    except SQLAlchemyError:
        log.exception("workspace database unavailable")
        return []


@callback(
    Output(WsIds.SYS_DOWNLOAD, "data"),
    Input(WsIds.SYS_EXPORT_CSV, "n_clicks"), Input(WsIds.SYS_EXPORT_XLSX, "n_clicks"),
    State(WsIds.SYS_TABLE, "data"), State(WsIds.SYS_STATE, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def download_system(_csv, _xlsx, rows, held, lang):
    if not _clicked():
        return no_update
    sent = export_system(rows, held, "csv" if ctx.triggered_id == WsIds.SYS_EXPORT_CSV else "xlsx", _lang(lang))
    return sent if sent is not None else no_update
