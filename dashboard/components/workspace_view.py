"""The 'workspace' view's layout: create a team workspace, see how it is shared, what it holds,
and put this tab's imports and storyboard into it. Filled by dashboard/callbacks/workspace_view.py."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.dash_table.DataTable import DataTable

from dashboard.data.dataset import Dataset
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number


NATIONAL_FRAMEWORKS = ("nbs2008", "nbs2013", "fyp11", "mdg")


class WsIds(StrEnum):
    STATUS = "workspace-status"
    NAME = "workspace-name"
    CREATE = "workspace-create"
    NEW_LINKS = "workspace-new-links"
    LINKS = "workspace-links"
    NEW_READ_LINK = "workspace-new-read-link"
    REVOKE = "workspace-revoke"              # pattern id: {"type": REVOKE, "index": link id}
    DOCUMENTS = "workspace-documents"
    SAVE_IMPORTS = "workspace-save-imports"
    STORY_NAME = "workspace-story-name"
    SAVE_STORY = "workspace-save-story"
    LOAD_STORY = "workspace-load-story"      # pattern id: {"type": LOAD_STORY, "index": document name}
    CLOSE = "workspace-close"
    SAVE_PILOTS = "workspace-save-pilots"
    USE_PILOTS = "workspace-use-pilots"
    PILOTS_MESSAGE = "workspace-pilots-message"
    PILOTS_VERSION = "workspace-pilots-version"  # the version of the pilot list this tab read
    MESSAGE = "workspace-message"
    REFRESH = "workspace-refresh"            # bumped after a write, so the lists are read again
    VERSIONS = "workspace-versions"          # {storyboard name: version this tab read}: optimistic saves
    # Provincial indicator systems (issue 12 item 3): derive, edit, save, diff, export/import.
    SYS_FRAMEWORK = "workspace-system-framework"
    SYS_AREA = "workspace-system-area"
    SYS_NAME = "workspace-system-name"
    SYS_DERIVE = "workspace-system-derive"
    SYS_SAVED = "workspace-system-saved"     # dropdown of the workspace's systems
    SYS_LOAD = "workspace-system-load"
    SYS_TABLE = "workspace-system-table"
    SYS_ADD_ROW = "workspace-system-add-row"
    SYS_SAVE = "workspace-system-save"
    SYS_MESSAGE = "workspace-system-message"
    SYS_DIFF = "workspace-system-diff"
    SYS_LINK = "workspace-system-link"
    SYS_EXPORT_CSV = "workspace-system-export-csv"
    SYS_EXPORT_XLSX = "workspace-system-export-xlsx"
    SYS_DOWNLOAD = "workspace-system-download"
    SYS_UPLOAD = "workspace-system-upload"
    SYS_STATE = "workspace-system-state"     # {framework_id, area_code, name, version}: what the table holds


# The editor's columns (the file columns but the framework and province, which the table is of).
SYSTEM_TABLE_COLUMNS = ("item_id", "status", "domain_id", "name_zh", "name_en", "direction", "indicator_id", "subgroup",
                        "target", "target_low", "target_high", "bound_low", "bound_high", "relative_change", "weight",
                        "target_year", "unit_zh", "unit_en", "domain_zh", "domain_en")
_NUMERIC = {"target", "target_low", "target_high", "bound_low", "bound_high", "relative_change", "weight", "target_year"}
SYSTEM_FILE_BYTES = 512 * 1024


def system_columns(lang: str) -> list[Any]:   # DataTable's TypedDicts: plain dicts here
    return [{"id": c, "name": t(f"workspace.system.col_{c}", lang), "type": "numeric" if c in _NUMERIC else "text",
             "presentation": "dropdown" if c == "status" else "input"} for c in SYSTEM_TABLE_COLUMNS]


def system_section(framework_ids: list[str], provinces: list[tuple[str, str]], lang: str) -> html.Section:
    """Derive a province's system from a national framework, edit it, save it as a version."""
    statuses: list[Any] = [{"label": t(f"workspace.system.status_{s}", lang), "value": s} for s in ("kept", "dropped", "added")]
    return html.Section(className="workspace-panel workspace-systems", children=[
        html.H3(t("workspace.system.heading", lang)),
        html.P(t("workspace.system.hint", lang), className="hint"),
        dbc.Row(className="g-2", children=[
            dbc.Col(md=3, children=[dbc.Label(t("workspace.system.framework", lang), html_for=WsIds.SYS_FRAMEWORK),
                                    dbc.Select(id=WsIds.SYS_FRAMEWORK, value=framework_ids[0] if framework_ids else None,
                                               options=[{"label": t(f"terms.framework_short.{f}", lang), "value": f}
                                                        for f in framework_ids])]),
            dbc.Col(md=3, children=[dbc.Label(t("workspace.system.area", lang), html_for=WsIds.SYS_AREA),
                                    dbc.Select(id=WsIds.SYS_AREA, value="530000",
                                               options=[{"label": name, "value": code} for code, name in provinces])]),
            dbc.Col(md=3, children=[dbc.Label(t("workspace.system.name", lang), html_for=WsIds.SYS_NAME),
                                    dbc.Input(id=WsIds.SYS_NAME, type="text", maxLength=200)]),
            dbc.Col(md=3, className="d-flex align-items-end", children=[
                dbc.Button(t("workspace.system.derive", lang), id=WsIds.SYS_DERIVE, n_clicks=0)]),
        ]),
        dbc.Row(className="g-2 mt-1", children=[
            dbc.Col(md=6, children=[dbc.Label(t("workspace.system.saved", lang), html_for=WsIds.SYS_SAVED),
                                    dbc.Select(id=WsIds.SYS_SAVED, options=[])]),
            dbc.Col(md=6, className="d-flex align-items-end gap-2", children=[
                dbc.Button(t("workspace.system.load", lang), id=WsIds.SYS_LOAD, n_clicks=0, color="secondary", outline=True),
                dcc.Upload(dbc.Button(t("workspace.system.import", lang), color="secondary", outline=True),
                           id=WsIds.SYS_UPLOAD, max_size=SYSTEM_FILE_BYTES, multiple=False,
                           accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ]),
        ]),
        html.Div(id=WsIds.SYS_MESSAGE, role="status", className="mt-2", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        DataTable(id=WsIds.SYS_TABLE, columns=system_columns(lang), data=[], editable=True,
                             row_deletable=False, dropdown={"status": {"options": statuses, "clearable": False}},
                             style_table={"overflowX": "auto"}, style_cell={"minWidth": "6rem", "fontSize": "0.85rem"},
                             css=[{"selector": ".Select-menu-outer", "rule": "display: block !important"}]),
        html.Div(className="d-flex gap-2 mt-2", children=[
            dbc.Button(t("workspace.system.add_row", lang), id=WsIds.SYS_ADD_ROW, n_clicks=0, color="secondary", outline=True,
                       size="sm"),
            dbc.Button(t("workspace.system.save", lang), id=WsIds.SYS_SAVE, n_clicks=0),
            dbc.Button(t("workspace.system.export_csv", lang), id=WsIds.SYS_EXPORT_CSV, n_clicks=0, color="secondary",
                       outline=True),
            dbc.Button(t("workspace.system.export_xlsx", lang), id=WsIds.SYS_EXPORT_XLSX, n_clicks=0, color="secondary",
                       outline=True),
        ]),
        html.Div(id=WsIds.SYS_LINK, className="mt-2"),
        html.H4(t("workspace.system.diff_heading", lang), className="mt-3"),
        html.Div(id=WsIds.SYS_DIFF),
        dcc.Download(id=WsIds.SYS_DOWNLOAD),
        dcc.Store(id=WsIds.SYS_STATE, data=None),
    ])


def diff_table(rows: list[dict], lang: str) -> html.P | html.Table:
    """The system against the national framework side by side: item, field, national, own."""
    if not rows:
        return html.P(t("workspace.system.diff_none", lang), className="hint")
    head = html.Tr([html.Th(t(f"workspace.system.diff_{c}", lang)) for c in ("item", "change", "field", "national", "own")])
    body = [html.Tr([html.Td(row["name"] or row["item_id"]), html.Td(t(f"workspace.system.change_{row['change']}", lang)),
                     html.Td(t(f"workspace.system.col_{row['field']}", lang) if row["field"] else ""),
                     html.Td(_cell(row["national"])), html.Td(_cell(row["own"]))],
                    className=f"system-diff-{row['change']}") for row in rows]
    return html.Table([html.Thead(head), html.Tbody(body)], className="table table-sm workspace-system-diff")


def _cell(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"                  # the number as entered: no 万 scaling in a diff
    return str(value)


def workspace_view(dataset: Dataset, lang: str, frameworks: list[str] | None = None) -> html.Div:
    frameworks = frameworks if frameworks is not None else list(NATIONAL_FRAMEWORKS)
    return html.Div(className="workspace-view", children=[
        html.H2(t("workspace.title", lang)),
        html.P(t("workspace.intro", lang), className="hint"),
        html.Div(id=WsIds.STATUS, className="workspace-status", role="status"),
        html.Div(id=WsIds.MESSAGE, className="workspace-message", role="status", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        dbc.Row([
            dbc.Col(md=6, children=[
                html.Section(className="workspace-panel", children=[
                    html.H3(t("workspace.create.heading", lang)),
                    dbc.Label(t("workspace.create.name", lang), html_for=WsIds.NAME),
                    dbc.Input(id=WsIds.NAME, type="text", maxLength=200, placeholder=t("workspace.create.placeholder", lang)),
                    dbc.Button(t("workspace.create.button", lang), id=WsIds.CREATE, n_clicks=0, className="mt-2"),
                    html.Div(id=WsIds.NEW_LINKS, className="workspace-new-links"),
                ]),
                html.Section(className="workspace-panel", children=[
                    html.H3(t("workspace.links.heading", lang)),
                    html.Div(id=WsIds.LINKS),
                    dbc.Button(t("workspace.links.new_read", lang), id=WsIds.NEW_READ_LINK, n_clicks=0,
                               color="secondary", outline=True, size="sm", disabled=True),
                ]),
            ]),
            dbc.Col(md=6, children=[
                html.Section(className="workspace-panel", children=[
                    html.H3(t("workspace.docs.heading", lang)),
                    html.Div(id=WsIds.DOCUMENTS),
                    dbc.Button(t("workspace.docs.save_imports", lang), id=WsIds.SAVE_IMPORTS, n_clicks=0,
                               disabled=True, className="mt-2"),
                    html.Div(className="workspace-story-save", children=[
                        dbc.Label(t("workspace.docs.story_name", lang), html_for=WsIds.STORY_NAME),
                        dbc.Input(id=WsIds.STORY_NAME, type="text", maxLength=200,
                                  value=t("workspace.docs.story_default", lang)),
                        dbc.Button(t("workspace.docs.save_story", lang), id=WsIds.SAVE_STORY, n_clicks=0,
                                   disabled=True, className="mt-2"),
                    ]),
                ]),
                html.Section(className="workspace-panel", children=[
                    html.H3(t("workspace.pilots.heading", lang)),
                    html.P(t("workspace.pilots.hint", lang), className="hint"),
                    dbc.Button(t("workspace.pilots.save", lang), id=WsIds.SAVE_PILOTS, n_clicks=0, disabled=True,
                               className="me-2"),
                    dbc.Button(t("workspace.pilots.use", lang), id=WsIds.USE_PILOTS, n_clicks=0, color="secondary",
                               outline=True, disabled=True),
                    html.Div(id=WsIds.PILOTS_MESSAGE, role="status", className="mt-2"),
                ]),
                dbc.Button(t("workspace.close", lang), id=WsIds.CLOSE, n_clicks=0, color="link"),
            ]),
        ]),
        system_section(frameworks, [(code, dataset.area_name(code, lang)) for code in dataset.province_codes()], lang),
        dcc.Store(id=WsIds.REFRESH, data=0),
        dcc.Store(id=WsIds.VERSIONS, data={}),
        dcc.Store(id=WsIds.PILOTS_VERSION, data=None),
    ])


def share_url(origin: str | None, token: str) -> str:
    """The whole link: the secret in the fragment, which browsers never send to a server."""
    base = (origin or "").rstrip("/")
    return f"{base}/?view=map#ws={token}"


def new_links_panel(links: dict[str, str], origin: str | None, lang: str) -> html.Div:
    """Links shown once, right after they are made: only their hashes are kept."""
    # The <label> around the field names it for screen readers.
    rows = [html.Label(className="workspace-link", children=[
        html.Strong(t(f"workspace.links.access_{access}", lang)),
        dbc.Input(value=share_url(origin, token), readonly=True, className=f"workspace-link-{access}"),
    ]) for access, token in links.items()]
    return html.Div([html.P(t("workspace.links.shown_once", lang), className="warn"), *rows])


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _size(size: int, lang: str) -> str:
    if size < 1024:                      # "0.0 KB" would read as empty
        return format_number(size, lang, 0, unit="B")
    return format_number(size / 1024, lang, 1, unit="KB")


def links_table(links: list, lang: str) -> html.P | html.Table:
    if not links:
        return html.P(t("workspace.links.none", lang), className="hint")
    head = html.Tr([html.Th(t(f"workspace.links.col_{c}", lang)) for c in ("access", "created", "state", "action")])
    rows = []
    for link in links:
        live = link.revoked_at is None
        rows.append(html.Tr([
            html.Td(t(f"workspace.links.access_{link.access}", lang)),
            html.Td(_when(link.created_at)),
            html.Td(t("workspace.links.live", lang) if live else t("workspace.links.revoked", lang, when=_when(link.revoked_at))),
            html.Td(html.Button(t("workspace.links.revoke", lang), id={"type": WsIds.REVOKE, "index": link.id},
                                n_clicks=0, className="btn btn-sm btn-outline-danger") if live else ""),
        ], className="link-live" if live else "link-revoked"))
    return html.Table([html.Thead(head), html.Tbody(rows)], className="table table-sm workspace-links-table")


def story_key(name: str) -> str:
    """A storyboard's name as its load button's id index: hex of its UTF-8, since a pattern id whose
    index is Chinese (the zh default 评估会议) never reached the callback in Chromium."""
    return name.encode("utf-8").hex()


def name_of_story_key(key: object) -> str | None:
    """The storyboard name a load button's index stands for (None: not one of ours)."""
    try:
        return bytes.fromhex(str(key)).decode("utf-8")
    except ValueError:
        return None


def documents_table(documents: list, problems: dict[str, str], can_edit: bool, lang: str) -> html.P | html.Table:
    if not documents:
        return html.P(t("workspace.docs.none", lang), className="hint")
    head = html.Tr([html.Th(t(f"workspace.docs.col_{c}", lang)) for c in ("kind", "name", "version", "size", "saved", "action")])
    rows = []
    for document in documents:
        action: html.Button | str = ""
        if document.kind == "storyboard":
            action = html.Button(t("workspace.docs.load_story", lang), id={"type": WsIds.LOAD_STORY, "index": story_key(document.name)},
                                 n_clicks=0, className="btn btn-sm btn-outline-primary")
        name: list[html.Span | html.Div] = [html.Span(document.name)]
        if document.name in problems and document.kind == "dataset":
            name.append(html.Div(t("workspace.docs.stale", lang, why=problems[document.name]), className="upload-stale",
                                 role="alert"))
        rows.append(html.Tr([
            html.Td(t(f"workspace.docs.kind_{document.kind}", lang)), html.Td(name),
            html.Td(str(document.version)), html.Td(_size(document.size, lang)),
            html.Td(_when(document.updated_at)), html.Td(action),
        ], className=f"doc-{document.kind}"))
    return html.Table([html.Thead(head), html.Tbody(rows)], className="table table-sm workspace-docs-table")
