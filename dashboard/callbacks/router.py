"""The router: the one callback that reads the URL for the frame. Per change of the shown view it
parses the view state once, shows the active view's container (building it on the first visit: unvisited views
stay empty, so the first paint builds only one view), marks the navigation, says what in the
link was not understood, and turns navigation and language clicks into a new URL.

Views never toggle containers themselves; a view's callbacks follow the URL on their own.
"""
from __future__ import annotations

from dash.exceptions import PreventUpdate
from dash import ALL, ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, html, no_update

from dashboard.callbacks.resources import resources
from dashboard.components.ids import Ids
from dashboard.components.shell import nav_class, view_content
from dashboard.i18n import other_lang, t
from dashboard.state import AS_OF_VIEWS, Notice, ViewState, parse_query, to_query
from dashboard.views import VIEWS, view_spec


def notice_text(notices: list[Notice], lang: str) -> list:
    return [html.Div(t(f"ui.notice.unknown_{n.param}", lang, value=n.value, default=n.fallback))
            for n in notices]


def clicked(triggered: list[dict]) -> object | None:
    """The id of the one control a user clicked, or None. A (re)rendered page reports all its
    buttons at once with n_clicks 0: that is no click."""
    if len(triggered) != 1 or not triggered[0].get("value"):
        return None
    return ctx.triggered_id


def next_state(state: ViewState, trigger, lang: str, dataset=None) -> ViewState:
    """The view after a navigation or language click; pure."""
    if trigger == Ids.LANG_SWITCH:
        return state.with_(lang=other_lang(lang))
    if isinstance(trigger, dict) and trigger.get("type") == Ids.NAV and trigger.get("view") in {v.id for v in VIEWS}:
        view = trigger["view"]
        # An as-of year of the gaps view (e.g. 2020) may lie beyond the indicator's data: the
        # other views then show the indicator's latest year instead of a notice about the link.
        keep = (state.year if dataset is None or view in AS_OF_VIEWS
                or state.year in dataset.years(state.indicator_id) else None)
        return state.with_(view=view, year=keep)
    return state


def nav_classes(active: str) -> list[str]:
    """One class per navigation link the request lists: the renderer lists the page's links, and
    a request listing others (a forged one) gets exactly as many back, not a 500. Outside a
    request (tests, exports): one per view."""
    listed = next((spec for spec in ctx.outputs_list if isinstance(spec, list)), None)
    if listed is None:
        return [nav_class(view.id, active) for view in VIEWS]
    return [nav_class(spec["id"].get("view") if isinstance(spec.get("id"), dict) else None, active)
            for spec in listed]


# The route gate, in the browser (assets/dashboard.js, xk.routeGate): the link reaches the router
# only when it shows another view than the one last shown (and on the page's first link), so a
# year step or a province click inside a view costs the router no request.
clientside_callback(ClientsideFunction(namespace="xk", function_name="routeGate"),
                    Output(Ids.ROUTE, "data"), Input(Ids.URL, "search"),
                    State(Ids.ACTIVE_VIEW, "data"), State(Ids.ROUTE, "data"))

# One gate per view (ViewSpec.query_id): the link reaches a view's callbacks only while it is
# the view shown. Its Store and Location are inside the container: an unbuilt view has no gate.
for _view in VIEWS:
    if _view.link_hash:
        clientside_callback(ClientsideFunction(namespace="xk", function_name="viewGateWithHash"),
                            Output(_view.query_id, "data", allow_duplicate=True),
                            Input(Ids.URL, "search"), Input(Ids.URL, "hash"),
                            State(_view.query_id, "data"), State(_view.container_id, "id"),
                            prevent_initial_call=True)
    else:
        clientside_callback(ClientsideFunction(namespace="xk", function_name="viewGate"),
                            Output(_view.query_id, "data", allow_duplicate=True),
                            Input(Ids.URL, "search"),
                            State(_view.query_id, "data"), State(_view.container_id, "id"),
                            prevent_initial_call=True)


ROUTE_OUTPUTS = dict(
    url=Output(Ids.NAV_URL, "search"),
    children=[Output(view.container_id, "children") for view in VIEWS],
    hidden=[Output(view.container_id, "hidden") for view in VIEWS],
    nav=Output({"type": Ids.NAV, "view": ALL}, "className"),
    notice=Output(Ids.NOTICE, "children"), notice_open=Output(Ids.NOTICE, "is_open"),
    built=Output(Ids.BUILT_VIEWS, "data"),
    active=Output(Ids.ACTIVE_VIEW, "data"),
)


@callback(
    output=ROUTE_OUTPUTS,
    inputs=dict(_route=Input(Ids.ROUTE, "data"), _nav=Input({"type": Ids.NAV, "view": ALL}, "n_clicks"),
                _switch=Input(Ids.LANG_SWITCH, "n_clicks")),
    state=dict(lang=State(Ids.LANG_STORE, "data"), built=State(Ids.BUILT_VIEWS, "data"),
               user_data=State(Ids.USER_DATA, "data"), search=State(Ids.URL, "search")),
    prevent_initial_call=True,
)
def route(_route, _nav, _switch, lang, built, user_data=None, search=None):
    """Returns the outputs by name. `search` None: the page's Location has not reported its link
    yet (the route gate's first pass); nothing to do until it has."""
    if search is None:
        raise PreventUpdate  # (a wildcard output takes no single no_update)
    res = resources()
    lang = lang or "zh"
    # With the tab's imports: an indicator the user defined at import is a known one in the link.
    dataset = res.dataset_for(user_data)
    state, notices = parse_query(search, dataset)
    trigger = clicked(ctx.triggered) if ctx.triggered_id not in (None, Ids.ROUTE) else None
    query = no_update
    if trigger is not None:
        new = next_state(state, trigger, lang, dataset)
        if new != state:
            query, state, notices = to_query(new), new, []
    # The views built so far, as this callback last wrote them (anything else: none yet).
    built = [v for v in built if isinstance(v, str)] if isinstance(built, list) else []
    children: list = [no_update] * len(VIEWS)
    filled = state.view not in built and trigger != Ids.LANG_SWITCH  # a language switch re-renders the shell
    if filled:
        index = [v.id for v in VIEWS].index(state.view)
        # Layouts are built from the bundle; a user indicator in the link is the view's callbacks' to show.
        layout_state = state if dataset is res.dataset else parse_query(to_query(state), res.dataset)[0]
        children[index] = view_content(state.view, view_spec(state.view).build(res, lang, layout_state),
                                       query if query is not no_update else search)
        built.append(state.view)
    # The notice stays until dismissed or a view is chosen: a view canonicalising the link must not hide it.
    if notices:
        notice, is_open = notice_text(notices, lang), True
    elif trigger is not None:
        notice, is_open = [], False
    else:
        notice, is_open = no_update, no_update
    return dict(
        url=query,
        children=children,
        hidden=[view.id != state.view for view in VIEWS],
        nav=nav_classes(state.view),
        notice=notice, notice_open=is_open,
        built=built if filled else no_update,
        active=state.view,
    )
