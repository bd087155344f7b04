"""The attainment view with a provincial indicator system pinned in the link."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from dash import no_update

from dashboard.callbacks.attainment_view import act, render
from dashboard.callbacks.resources import resources
from dashboard.data import provincial_systems as ps
from dashboard.state import parse_query
from tests.callbacks.test_attainment_view import score_of, text
from tests.conftest import run_callback

YUNNAN = "530000"
SEARCH = "?" + urlencode({"view": "attainment", "year": 2010, "area": YUNNAN, "system": "云南体系@1"})


@pytest.fixture
def yunnan(app_context):
    res = resources()
    access, links = res.workspaces.create_workspace("云南")
    system = ps.edited(ps.derive(res.frameworks, "nbs2008", YUNNAN), "nbs2008_urbanisation", target=40.0)
    system = ps.edited(system, "nbs2008_rd_intensity", status="dropped")
    res.workspaces.save_document(access, "system", "云南体系", ps.to_content(system), None)
    mdg = ps.derive(res.frameworks, "mdg", YUNNAN)
    res.workspaces.save_document(access, "system", "千年目标", ps.to_content(mdg), None)
    return {"workspace": {"token": links["read"].token}}


def _render(search, user_data, hash_=""):
    return run_callback(render, "url.search", search, hash_, "en", "en", user_data)


def test_the_pinned_system_s_targets_and_items_are_scored_and_the_view_says_whose(yunnan):
    out = _render(SEARCH, yunnan)
    assert score_of(out, "nbs2008_urbanisation")["score_text"] == "86.8%"      # 34.7 of the system's 40 (national 60: 57.8%)
    assert all(r["item_id"] != "nbs2008_rd_intensity" for r in out["whatif_rows"])
    assert "Own provincial system" in out["area_title"] and "云南体系" in text(out["notice"])
    assert "unconfirmed" in out["unconfirmed"]


def test_without_the_workspace_the_national_framework_is_shown_and_the_notice_says_why(yunnan):
    out = _render(SEARCH, None)
    assert score_of(out, "nbs2008_urbanisation")["score_text"] == "57.8%"
    assert "no workspace holding it is open" in text(out["notice"])


def test_a_system_derived_from_a_framework_without_an_index_is_refused_with_the_reason(yunnan):
    search = SEARCH.replace("%E4%BA%91%E5%8D%97%E4%BD%93%E7%B3%BB", "%E5%8D%83%E5%B9%B4%E7%9B%AE%E6%A0%87")
    assert "千年目标" in text(_render(search, yunnan)["notice"])
    assert "without an attainment index" in text(_render(search, yunnan)["notice"])


def test_a_what_if_edit_on_the_pinned_system_starts_from_its_values(yunnan):
    change = [{"rowId": "nbs2008_urbanisation", "colId": "target", "value": 40, "oldValue": None,
               "data": {"item_id": "nbs2008_urbanisation"}}]
    _, new_hash = run_callback(act, "attainment-whatif.cellValueChanged", "nbs2008", None, None, None, None, change, 0,
                               None, SEARCH, "", yunnan)
    assert new_hash is no_update          # 40 is the system's own target: no edit (national 60 would write wi=)
    new_search, _ = run_callback(act, "attainment-framework.value", "nbs2013", None, None, None, None, None, 0, None,
                                 SEARCH, "", yunnan)
    assert parse_query(new_search, resources().dataset)[0].system is None
