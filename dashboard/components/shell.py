"""The page frame: skip links, header with title, view navigation and language switch."""
from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.ids import Ids
from dashboard.components.present_view import add_view_button
from dashboard.i18n import language_name, other_lang, t
from dashboard.views import VIEWS, view_spec

NAV_VIEWS = tuple(view.id for view in VIEWS)


def nav_class(view: str | None, active_view: str) -> str:
    return "nav-link active" if view == active_view else "nav-link"


def view_content(view: str, layout, search: str | None) -> list:
    """What a container holds once its view is built: the view's own Location (which its callbacks
    write), its query store (which they read; see ViewSpec.query_id), then its layout. Both start
    with the current query so that neither reports a change when it mounts."""
    spec = view_spec(view)
    return [dcc.Location(id=spec.url_id, refresh="callback-nav", search=search or ""),
            dcc.Store(id=spec.query_id, data=search or ""), layout]


# Skip links straight to the controls a keyboard user comes for; assets/keyboard.js focuses the
# first target visible in the active view (the map's slider box, the disparity year box, ...).
SKIP_TARGETS = {
    "year": "#year input[type='number'], #disparity-year",
    "province": "#area-select",
    "table": "#trend-table-summary",   # the trend's table alternative (exact values, screen readers)
}


def skip_links(lang: str) -> list[html.A]:
    return [html.A(t(f"ui.a11y.skip_to_{name}", lang), href=f"#{targets.split(',')[0].split()[0].lstrip('#')}",
                   className="skip-link", id=f"skip-{name}", **{"data-skip-targets": targets})  # type: ignore[arg-type]
            for name, targets in SKIP_TARGETS.items()]


def header(lang: str, active_view: str = "map") -> html.Header:
    links = [
        html.Button(t(view.nav_label_key, lang), id={"type": Ids.NAV, "view": view.id},
                    className=nav_class(view.id, active_view), n_clicks=0)
        for view in VIEWS
    ]
    return html.Header(
        className="app-header",
        children=[
            html.Div(className="brand", children=[
                html.Span(t("ui.app.title", lang), className="brand-title"),
                html.Span(t("ui.app.subtitle", lang), className="brand-subtitle"),
            ]),
            html.Nav(links, className="view-nav", **{"aria-label": t("ui.nav.label", lang)}),  # type: ignore[arg-type]
            add_view_button(lang),
            html.Button(language_name(other_lang(lang)), id=Ids.LANG_SWITCH, className="lang-switch",
                        lang=other_lang(lang), title=t("ui.lang.label", lang), n_clicks=0),
        ],
    )


def page(lang: str, built: dict[str, Any], active_view: str = "map") -> html.Div:
    """The whole page for one language. `built` holds the contents of the views drawn so far
    (view_content); the other containers stay empty until the router fills them. Views are then
    hidden, not removed, so their state survives a visit elsewhere."""
    return html.Div(lang=lang, children=[
        html.A(t("ui.a11y.skip_to_content", lang), href="#main", className="skip-link"),
        *skip_links(lang),
        header(lang, active_view),
        html.Div(dbc.Alert(id=Ids.NOTICE, is_open=False, color="warning", dismissable=True,
                           className="notice"), role="status"),
        html.Main(id=Ids.MAIN, tabIndex="-1", children=[
            html.Section(built.get(view.id, []), id=view.container_id, hidden=view.id != active_view,
                         className="view")
            for view in VIEWS
        ]),
        dcc.Store(id=Ids.BUILT_VIEWS, data=list(built)),
        dcc.Store(id=Ids.ACTIVE_VIEW, data=active_view),
        dcc.Store(id="shell-ready", data=lang),
    ])
