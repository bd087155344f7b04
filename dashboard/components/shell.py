"""The page frame: skip link, header with title, view navigation and language switch."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.ids import VIEW_CONTAINERS, Ids
from dashboard.components.present_view import add_view_button
from dashboard.i18n import language_name, other_lang, t

NAV_VIEWS = ("map", "gaps", "attainment", "disparity", "data", "present")


def header(lang: str, active_view: str = "map") -> html.Header:
    links = [
        html.Button(t(f"ui.nav.{view}", lang), id={"type": Ids.NAV, "view": view},
                    className="nav-link active" if view == active_view else "nav-link", n_clicks=0)
        for view in NAV_VIEWS
    ]
    return html.Header(
        className="app-header",
        children=[
            html.Div(className="brand", children=[
                html.Span(t("ui.app.title", lang), className="brand-title"),
                html.Span(t("ui.app.subtitle", lang), className="brand-subtitle"),
            ]),
            html.Nav(links, className="view-nav", **{"aria-label": t("ui.nav.label", lang)}),
            add_view_button(lang),
            html.Button(language_name(other_lang(lang)), id=Ids.LANG_SWITCH, className="lang-switch",
                        lang=other_lang(lang), title=t("ui.lang.label", lang), n_clicks=0),
        ],
    )


def page(lang: str, views: dict[str, object], active_view: str = "map") -> html.Div:
    """The whole page for one language. Views are hidden, not removed, so state survives."""
    return html.Div(lang=lang, children=[
        html.A(t("ui.a11y.skip_to_content", lang), href="#main", className="skip-link"),
        header(lang, active_view),
        html.Div(dbc.Alert(id=Ids.NOTICE, is_open=False, color="warning", dismissable=True,
                           className="notice"), role="status"),
        html.Main(id=Ids.MAIN, tabIndex="-1", children=[
            html.Section(views.get(view, []), id=container, hidden=view != active_view, className="view")
            for view, container in VIEW_CONTAINERS.items()
        ]),
        dcc.Store(id="shell-ready", data=lang),
    ])
