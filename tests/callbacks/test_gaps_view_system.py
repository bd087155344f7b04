"""The gaps view with a provincial indicator system pinned in the link (`system=name@version`)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from dashboard.callbacks.gaps_view import framework_to_url, progress_rows, render_grid, render_panel, sync_framework
from dashboard.callbacks.resources import resources
from dashboard.components.gaps_view import GapsIds
from dashboard.data import provincial_systems as ps
from dashboard.state import parse_query
from tests.callbacks.test_gaps_view import walk as _walk
from tests.conftest import run_callback

YUNNAN = "530000"
ITEM = "nbs2008_urbanisation"


def walk(tree):
    """Every component of a tree or of a list of trees."""
    for node in tree if isinstance(tree, list) else [tree]:
        yield from _walk(node)


def _text(tree) -> str:
    return " ".join(str(c.children) for c in walk(tree) if isinstance(getattr(c, "children", None), (str, int, float)))


@pytest.fixture
def yunnan(app_context):
    """A workspace holding '云南体系': version 1 as derived, version 2 with urbanisation target 55."""
    res = resources()
    access, links = res.workspaces.create_workspace("云南")
    system = ps.derive(res.frameworks, "nbs2008", YUNNAN)
    res.workspaces.save_document(access, "system", "云南体系", ps.to_content(system), None)
    res.workspaces.save_document(access, "system", "云南体系", ps.to_content(ps.edited(system, ITEM, target=55.0)), 1)
    return {"workspace": {"token": links["read"].token}}


def _search(version: int, **extra) -> str:
    return "?" + urlencode({"view": "gaps", "area": YUNNAN, "year": 2010, "system": f"云南体系@{version}", **extra})


def _row(user_data, version):
    res = resources()
    pinned = res.pinned_system(user_data, ("云南体系", version))
    rows = progress_rows(res.dataset, pinned.frameworks, ps.SYSTEM_FRAMEWORK_ID, 2010, YUNNAN)
    return next(r for r in rows if r["item_id"] == ITEM)


def test_a_read_only_link_shows_the_pinned_version_s_target_and_says_whose_system_it_is(yunnan):
    header, panel = run_callback(render_panel, None, _search(2), "zh", yunnan)
    note = next(c for c in walk(header) if getattr(c, "id", None) == GapsIds.SYSTEM_NOTE)
    assert "云南体系" in note.children and "第2版" in note.children and "小康监测2008" in note.children
    assert _row(yunnan, 2)["target"] == 55.0 and _row(yunnan, 1)["target"] == 60.0   # each version as saved
    assert "55" in _text(panel)


def test_the_grid_uses_the_pinned_system(yunnan):
    res = resources()
    state, _ = parse_query(_search(2), res.dataset)
    grid = run_callback(render_grid, None, _search(2), False, "en", yunnan)
    assert "gaps-error" not in str(grid)
    pinned = res.pinned_system(yunnan, state.system)
    assert len(pinned.frameworks.items_for(ps.SYSTEM_FRAMEWORK_ID)) == 23


@pytest.mark.parametrize(("opened", "version", "why"), [(False, 1, "未打开"), (True, 9, "没有省级指标体系")])
def test_a_pin_that_cannot_be_read_keeps_the_national_framework_and_says_why(yunnan, opened, version, why):
    header, panel = run_callback(render_panel, None, _search(version), "zh", yunnan if opened else None)
    alert = next(c for c in walk(header) if getattr(c, "role", None) == "alert")
    assert why in alert.children
    assert "gaps-error" not in str(panel)


def test_a_stored_system_that_no_longer_validates_is_named_with_its_row_and_field(yunnan):
    res = resources()
    access, links = res.workspaces.create_workspace("坏")
    content = ps.to_content(ps.derive(res.frameworks, "nbs2008", YUNNAN))
    content["items"][2]["weight"] = -3
    res.workspaces.save_document(access, "system", "云南体系", content, None)
    header, _ = run_callback(render_panel, None, _search(1), "en", {"workspace": {"token": links["read"].token}})
    alert = next(c for c in walk(header) if getattr(c, "role", None) == "alert")
    assert "row 3" in alert.children and "weight" in alert.children and "negative" in alert.children


def test_choosing_a_national_framework_leaves_the_pinned_system(yunnan):
    query = framework_to_url("nbs2013", _search(2))
    state, _ = parse_query(query, resources().dataset)
    assert state.system is None and state.framework_id == "nbs2013"


def test_with_a_system_pinned_the_selector_shows_no_national_choice(yunnan):
    _, value, options, _, _ = run_callback(sync_framework, None, _search(2), "nbs2008", None, "zh", yunnan)
    assert value is None and options


def test_the_selector_shows_no_national_choice_before_the_workspace_is_open(app_context):
    _, value, _, _, _ = run_callback(sync_framework, None, _search(1), "nbs2008", None, "zh", None)
    assert value is None


def test_a_pinned_version_s_rows_are_computed_once_and_each_version_has_its_own(yunnan):
    from dashboard.callbacks.gaps_view import _rows
    res = resources()
    one, two = (res.pinned_system(yunnan, ("云南体系", v)).frameworks for v in (1, 2))
    assert res.pinned_system(yunnan, ("云南体系", 2)).frameworks is two
    assert _rows(res.dataset, two, ps.SYSTEM_FRAMEWORK_ID, 2010, YUNNAN) is _rows(res.dataset, two, ps.SYSTEM_FRAMEWORK_ID,
                                                                                  2010, YUNNAN)
    assert _rows(res.dataset, one, ps.SYSTEM_FRAMEWORK_ID, 2010, YUNNAN) != _rows(res.dataset, two, ps.SYSTEM_FRAMEWORK_ID,
                                                                                  2010, YUNNAN)
