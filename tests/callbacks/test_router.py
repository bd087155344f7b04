"""The router, called directly: URL in; which container is shown, which is built, the navigation,
the link's notices, and the URL after a navigation or language click."""
from __future__ import annotations

from contextvars import copy_context

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard.callbacks.router import next_state, route
from dashboard.components.ids import Ids
from dashboard.state import ViewState
from dashboard.views import VIEWS

N = len(VIEWS)
INDEX = {view.id: i for i, view in enumerate(VIEWS)}


def call(search, built, lang="zh", clicked=None, value=1):
    """route() as Dash calls it; `clicked`: the prop id a user clicked (None: the route gate
    passed a link whose shown view changed). Returns the outputs by name."""
    triggered = [{"prop_id": clicked or f"{Ids.ROUTE}.data", "value": value if clicked else {"search": search}}]

    def run():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return route({"search": search}, [0] * N, 0, lang, built, search=search)

    return copy_context().run(run)


def nav_click(view: str) -> str:
    return '{"type":"' + Ids.NAV + '","view":"' + view + '"}.n_clicks'


def test_a_link_change_shows_one_view_and_builds_it_on_the_first_visit(app_context):
    out = call("?view=gaps&area=530000", built=["map"])
    assert out["hidden"] == [view.id != "gaps" for view in VIEWS]
    assert out["nav"][INDEX["gaps"]] == "nav-link active" and out["nav"].count("nav-link active") == 1
    built = out["children"][INDEX["gaps"]]
    assert built is not no_update and built[0].id == "gaps-url" and built[0].search == "?view=gaps&area=530000"
    assert built[1].id == "gaps-query" and built[1].data == "?view=gaps&area=530000"  # the view's gate starts there
    assert all(child is no_update for i, child in enumerate(out["children"]) if i != INDEX["gaps"])
    assert out["built"] == ["map", "gaps"] and out["url"] is no_update
    assert out["active"] == "gaps"  # the route gate compares the next link's view with it


def test_a_view_already_built_is_kept_not_rebuilt(app_context):
    out = call("?view=map&ind=gdp_pc&year=2015", built=["map", "gaps"])
    assert out["children"] == [no_update] * N and out["built"] is no_update
    assert out["hidden"][INDEX["map"]] is False and out["hidden"][INDEX["gaps"]] is True


def test_a_navigation_click_writes_the_view_into_the_url_keeping_the_rest(app_context):
    search = "?view=map&ind=urbanisation&year=2010&area=530000&fw=un_mdg&pilots=530000,520000"
    out = call(search, built=["map"], clicked=nav_click("disparity"))
    assert "view=disparity" in out["url"]
    for kept in ("ind=urbanisation", "year=2010", "area=530000", "fw=un_mdg", "pilots=530000,520000"):
        assert kept in out["url"]
    assert out["hidden"][INDEX["disparity"]] is False and out["children"][INDEX["disparity"]] is not no_update


def test_a_rendered_button_is_no_click(app_context):
    out = call("?view=map", built=["map"], clicked=nav_click("gaps"), value=0)
    assert out["url"] is no_update and out["hidden"][INDEX["map"]] is False


def test_the_language_switch_keeps_the_whole_view(app_context):
    search = "?view=gaps&ind=urbanisation&year=2010&area=530000&fw=un_mdg&pilots=530000,520000&slide=2"
    out = call(search, built=["gaps"], clicked=f"{Ids.LANG_SWITCH}.n_clicks")
    assert "lang=en" in out["url"]
    for kept in ("view=gaps", "ind=urbanisation", "year=2010", "area=530000", "fw=un_mdg",
                 "pilots=530000,520000", "slide=2"):
        assert kept in out["url"]
    assert out["children"] == [no_update] * N  # the shell is re-rendered in English (callbacks/shell.py)


def test_unknown_link_values_give_a_notice_that_a_canonical_rewrite_does_not_hide(app_context):
    out = call("?ind=bogus&year=abc&view=nowhere", built=["map"], lang="en")
    assert out["notice_open"] is True
    text = " ".join(str(child.children) for child in out["notice"])
    assert "bogus" in text and "abc" in text and "nowhere" in text
    assert out["hidden"][INDEX["map"]] is False
    again = call("?view=map&ind=gdp_pc", built=["map"], lang="en")  # the map view canonicalised the link
    assert again["notice"] is no_update and again["notice_open"] is no_update
    closed = call("?view=map&ind=gdp_pc", built=["map"], lang="en", clicked=nav_click("data"))
    assert closed["notice_open"] is False


def test_before_the_page_s_location_reports_its_link_nothing_changes(app_context):
    def run():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{Ids.ROUTE}.data", "value": {}}]))
        return route({"search": "", "seen": False}, [0] * N, 0, "zh", ["map"], search=None)

    with pytest.raises(PreventUpdate):
        copy_context().run(run)


def test_a_navigation_click_marks_the_new_view_active_so_its_link_does_not_route_again(app_context):
    out = call("?view=map&ind=gdp_pc", built=["map"], clicked=nav_click("gaps"))
    assert out["active"] == "gaps" and "view=gaps" in out["url"]
    assert out["children"][INDEX["gaps"]][1].data == out["url"]


def test_next_state_only_knows_registered_views():
    state = ViewState()
    assert next_state(state, {"type": Ids.NAV, "view": "data"}, "zh").view == "data"
    assert next_state(state, {"type": Ids.NAV, "view": "nowhere"}, "zh") == state
    assert next_state(state, Ids.LANG_SWITCH, "en").lang == "zh"
