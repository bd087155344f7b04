"""Language and page frame: the page is re-rendered only when the language changes."""
from __future__ import annotations

from urllib.parse import parse_qs

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from dashboard.components.ids import Ids
from dashboard.components.shell import page, view_content
from dashboard.callbacks.resources import Resources, resources
from dashboard.i18n import parse_lang
from dashboard.state import parse_query
from dashboard.views import view_spec


def url_lang(search: str | None) -> str | None:
    """The language a link asks for, or None when it names none or one we do not serve."""
    values = parse_qs((search or "").lstrip("?")).get("lang")
    if not values:
        return None
    lang, notice = parse_lang(values[-1])
    return None if notice else lang


# In the browser (assets/dashboard.js, xk.langFromUrl, the same rule as url_lang): the URL changes
# on every click, and the language store must follow it without a request each time. Same
# language: the store keeps its value, so the page stays and only the view changes.
clientside_callback(ClientsideFunction(namespace="xk", function_name="langFromUrl"),
                    Output(Ids.LANG_STORE, "data"), Input(Ids.URL, "search"), State(Ids.LANG_STORE, "data"))


@callback(Output(Ids.SHELL, "children"), Input(Ids.LANG_STORE, "data"), State(Ids.URL, "search"),
          prevent_initial_call=True)
def render_shell(lang: str, search: str | None):
    return shell_children(resources(), lang, search)


def shell_children(res: Resources, lang: str, search: str | None):
    """The page for one language and view state; also served as the initial layout. Only the
    active view is built: the router (callbacks/router.py) builds the others on their first visit."""
    state, _ = parse_query(search, res.dataset)
    built = {state.view: view_content(state.view, view_spec(state.view).build(res, lang, state), search)}
    return page(lang, built, active_view=state.view)
