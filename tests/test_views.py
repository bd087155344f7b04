"""The view registry: every view is registered completely, and an incomplete registration is caught."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.components.ids import VIEW_CONTAINERS
from dashboard.components.shell import NAV_VIEWS
from dashboard.state import VIEWS as URL_VIEWS, parse_query
from dashboard.views import VIEWS, ViewSpec, registration_problems, view_spec


def test_every_registered_view_is_complete():
    assert registration_problems() == []
    assert len({view.id for view in VIEWS}) == len(VIEWS)


def test_navigation_containers_and_url_values_come_from_the_registry():
    ids = tuple(view.id for view in VIEWS)
    assert ids == NAV_VIEWS and ids == URL_VIEWS
    assert {view.id: f"view-{view.id}" for view in VIEWS} == VIEW_CONTAINERS


def test_the_link_accepts_exactly_the_registered_views(bundled_dataset):
    for view in VIEWS:
        assert parse_query(f"?view={view.id}", bundled_dataset)[0].view == view.id
    state, notices = parse_query("?view=nonsense", bundled_dataset)
    assert state.view == "map" and [n.param for n in notices] == ["view"]


def test_the_app_registers_every_views_callbacks(dash_app):
    dash_app.server.test_client().get("/")
    outputs = " ".join(callback["output"] for callback in dash_app._callback_list)
    for view in VIEWS:  # each view's callbacks write into its own container or its own URL listener
        assert f"{view.id}" in outputs


GOOD = view_spec("gaps")


@pytest.mark.parametrize("broken, says", [
    (replace(GOOD, id="extra", catalogue="nope"), "catalogue namespace 'nope'"),
    (replace(GOOD, id="extra", nav_label_key="ui.nav.extra"), "navigation label 'ui.nav.extra' missing in zh"),
    (replace(GOOD, id="extra", layout="dashboard.components.gaps_view:no_such_layout"), "cannot be found"),
    (replace(GOOD, id="extra", layout="dashboard.components.gaps_view:NATIONAL"), "is not callable"),
    (replace(GOOD, id="extra", layout="dashboard.components.no_such_module:view"), "cannot be found"),
    (replace(GOOD, id="extra", callbacks="dashboard.callbacks.no_such_view"), "callbacks module"),
    (replace(GOOD, id="extra", export="dashboard.figures.view_render:nothing"), "export"),
    (replace(GOOD, nav_label_key="ui.nav.extra"), "already taken by gaps"),  # a second view with the id 'gaps'
    (replace(GOOD, id="data-view"), "plain name"),
])
def test_an_incomplete_registration_is_reported(broken: ViewSpec, says: str):
    problems = registration_problems((*VIEWS, broken))
    assert any(says in problem for problem in problems), problems


def test_a_container_id_clash_with_a_frame_id_is_reported(monkeypatch):
    from enum import StrEnum

    from dashboard.components import ids

    clashing = StrEnum("Ids", {**{name: m.value for name, m in ids.Ids.__members__.items()}, "TAKEN": "view-extra"})
    monkeypatch.setattr(ids, "Ids", clashing)
    problems = registration_problems((*VIEWS, replace(GOOD, id="extra")))
    assert any("'view-extra' is already taken by Ids.TAKEN" in p for p in problems), problems
