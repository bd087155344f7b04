"""Callbacks of the 'workspace' view, and the one that opens a workspace from a link.

A workspace is opened by its link's secret in the URL fragment (`#ws=<token>`): the fragment is
never sent to a server, so it stays out of access logs and Referer headers. `open_from_link`
copies it into this tab's Ids.USER_DATA store (`"workspace": {"token": ...}`), which every
callback already sends; `Resources.dataset_for` then merges the workspace's datasets for every
view and export, and checks the link against the database each time (a revoked link stops at
once). Every write goes through WorkspaceStore with the version this tab read.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, html, no_update, set_props
from flask import request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.callbacks.resources import resources
from dashboard.components.ids import Ids
from dashboard.components.workspace_view import WsIds, documents_table, links_table, new_links_panel
from dashboard.data.errors import DataError
from dashboard.export.storyboard import from_json
from dashboard.i18n import t
from dashboard.workspace import DocumentTooLarge, VersionConflict, WorkspaceError
from dashboard.workspace.store import MAX_DOCUMENT_BYTES, Access, WorkspaceStore
from dashboard.workspace.tokens import valid_token
from dashboard.state import parse_query, to_query
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
            message, new_versions = load_storyboard(str(trigger.get("index")), versions, user_data, lang)
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
