"""The attainment view with a provincial indicator system pinned in the link."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import pytest
from dash import no_update

from dashboard.callbacks.attainment_view import act, render
from dashboard.callbacks.resources import resources
from dashboard.data import provincial_systems as ps
from dashboard.figures.province_map import TRACE_VALUES
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
    return run_callback(render, "attainment-query.data", (search or "") + (hash_ or ""), "en", "en", user_data)


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


NO_WEIGHTS = {
    "en": "The provincial system “{name}” version 1 has no weights, so no attainment index can be computed; "
          "set weights in the system editor",
    "zh": "省级指标体系“{name}”第1版未设权重，不能计算小康实现程度；可在指标体系编辑中",
}


def _pinned_search(name: str, wi: str = "") -> tuple[str, str]:
    search = "?" + urlencode({"view": "attainment", "year": 2010, "area": YUNNAN, "system": f"{name}@1"})
    return search, ("#" + urlencode({"wi": wi}, safe=":;") if wi else "")


@pytest.fixture
def unweighted(app_context):
    """A workspace holding '十一五体系' and '千年目标' (derived from the 11th FYP and the MDGs, which
    carry no weights) and '无权重' (NBS 2008, every weight cleared by its author)."""
    res = resources()
    access, links = res.workspaces.create_workspace("无权重")
    for name, framework_id in (("十一五体系", "fyp11"), ("千年目标", "mdg")):
        res.workspaces.save_document(access, "system", name, ps.to_content(ps.derive(res.frameworks, framework_id, YUNNAN)), None)
    nbs = ps.derive(res.frameworks, "nbs2008", YUNNAN)
    cleared = replace(nbs, items=tuple(replace(item, weight=None) for item in nbs.items))
    res.workspaces.save_document(access, "system", "无权重", ps.to_content(cleared), None)
    return {"workspace": {"token": links["read"].token}}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["十一五体系", "千年目标", "无权重"])
def test_a_system_without_weights_says_so_plainly_and_gets_no_index(unweighted, name, lang):
    search, hash_ = _pinned_search(name)
    out = run_callback(render, "attainment-query.data", (search or "") + (hash_ or ""), "en", lang, unweighted)
    said = NO_WEIGHTS[lang].format(name=name)
    # said where the index would be (the notice, the map's note and the area's summary)
    assert said in text(out["notice"]) and said in out["map_note"] and said in out["summary"]
    # the pinned system is shown (not the national framework), and no weight is made up for it
    assert ("Own provincial system" if lang == "en" else "本省体系") in out["area_title"]
    assert out["whatif_rows"] and all(row["weight"] is None for row in out["whatif_rows"])
    assert not out["map_figure"].data[TRACE_VALUES].locations        # no province coloured: no index anywhere


def test_weights_typed_into_the_what_if_give_the_unweighted_system_an_index(unweighted):
    search, hash_ = _pinned_search("无权重", wi="urbanisation:w:1")
    out = run_callback(render, "attainment-query.data", (search or "") + (hash_ or ""), "en", "en", unweighted)
    assert "no weights" not in text(out["notice"]) and out["summary"].startswith("Attainment 57.8%")
    assert out["map_figure"].data[TRACE_VALUES].locations


def test_a_what_if_edit_on_the_pinned_system_starts_from_its_values(yunnan):
    change = [{"rowId": "nbs2008_urbanisation", "colId": "target", "value": 40, "oldValue": None,
               "data": {"item_id": "nbs2008_urbanisation"}}]
    _, new_hash = run_callback(act, "attainment-whatif.cellValueChanged", "nbs2008", None, None, None, None, change, 0,
                               None, SEARCH, "", yunnan)
    assert new_hash is no_update          # 40 is the system's own target: no edit (national 60 would write wi=)
    new_search, _ = run_callback(act, "attainment-framework.value", "nbs2013", None, None, None, None, None, 0, None,
                                 SEARCH, "", yunnan)
    assert parse_query(new_search, resources().dataset)[0].system is None
