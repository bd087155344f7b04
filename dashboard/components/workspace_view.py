"""The 'workspace' view's layout: create a team workspace, see how it is shared, what it holds,
and put this tab's imports and storyboard into it. Filled by dashboard/callbacks/workspace_view.py."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number


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


def workspace_view(dataset: Dataset, lang: str) -> html.Div:
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


def documents_table(documents: list, problems: dict[str, str], can_edit: bool, lang: str) -> html.P | html.Table:
    if not documents:
        return html.P(t("workspace.docs.none", lang), className="hint")
    head = html.Tr([html.Th(t(f"workspace.docs.col_{c}", lang)) for c in ("kind", "name", "version", "size", "saved", "action")])
    rows = []
    for document in documents:
        action: html.Button | str = ""
        if document.kind == "storyboard":
            action = html.Button(t("workspace.docs.load_story", lang), id={"type": WsIds.LOAD_STORY, "index": document.name},
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
