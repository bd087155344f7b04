"""The map view's trend chart with a provincial indicator system pinned in the link (`system=name@version`):
the target marks are the pinned system's, not the national framework's."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from dashboard.callbacks.resources import resources
from dashboard.data import provincial_systems as ps
from tests.callbacks.test_map_view import call

YUNNAN = "530000"


@pytest.fixture
def yunnan(app_context):
    """A workspace holding '云南体系' v1: urbanisation target 55 by 2018 (national: 60 by 2020) and
    the unemployment band 4-5 (national: 3-6)."""
    res = resources()
    access, links = res.workspaces.create_workspace("云南")
    system = ps.derive(res.frameworks, "nbs2008", YUNNAN)
    system = ps.edited(system, "nbs2008_urbanisation", target=55.0, target_year=2018)
    system = ps.edited(system, "nbs2008_unemployment", target_low=4.0, target_high=5.0)
    res.workspaces.save_document(access, "system", "云南体系", ps.to_content(system), None)
    return {"workspace": {"token": links["read"].token}}


def _search(indicator: str, **extra) -> str:
    return "?" + urlencode({"view": "map", "ind": indicator, "year": 2010, "area": YUNNAN, **extra})


def _targets(out) -> list:
    return [trace for trace in out["trend"].data if trace.name and trace.legendgroup and trace.legendgroup.startswith("target-")]


def test_a_pinned_system_s_target_and_target_year_are_drawn_not_the_national_ones(yunnan):
    out = call(None, _search("urbanisation", fw="nbs2008", system="云南体系@1"), lang="en", user_data=yunnan)
    (mark,) = _targets(out)
    assert list(mark.y) == [55.0, 55.0] and list(mark.x)[-1] == 2018
    assert mark.name.startswith("Own provincial system target") and "55" in mark.name and "by 2018" in mark.name
    zh = call(None, _search("urbanisation", system="云南体系@1"), user_data=yunnan)   # a pin alone draws its targets
    (mark,) = _targets(zh)
    assert list(mark.y) == [55.0, 55.0] and "2018年" in mark.name and "55" in mark.name


def test_a_pinned_system_s_band_is_drawn(yunnan):
    out = call(None, _search("unemployment_urban_registered", system="云南体系@1"), lang="en", user_data=yunnan)
    ends = _targets(out)
    assert sorted(trace.y[0] for trace in ends) == [4.0, 5.0]
    assert ends[0].name == "Own provincial system target band: 4.0–5.0 by 2020"


def test_without_a_pin_or_with_one_not_readable_the_national_target_stays(yunnan):
    national = call(None, _search("urbanisation", fw="nbs2008"), lang="en", user_data=yunnan)
    (mark,) = _targets(national)
    assert list(mark.y) == [60.0, 60.0] and mark.name.startswith("Xiaokang 2008 target") and "by 2020" in mark.name
    # the workspace is not open yet (it is opened from the link's fragment): the link's framework
    waiting = call(None, _search("urbanisation", fw="nbs2008", system="云南体系@1"), lang="en")
    (mark,) = _targets(waiting)
    assert list(mark.y) == [60.0, 60.0]
    # no target line without `fw` nor a pin (unchanged)
    assert not _targets(call(None, _search("urbanisation"), lang="en", user_data=yunnan))
