"""Slides and data exports of a view pinned to a provincial system say which system they show."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import pytest

from dashboard.config import Settings
from dashboard.data import provincial_systems as ps
from dashboard.data.frameworks import load_frameworks
from dashboard.export.view_slides import SlideInputs, attainment_slide, gaps_slide

YUNNAN = "530000"


@pytest.fixture(scope="module")
def national(bundled_dataset):
    return SlideInputs(bundled_dataset, load_frameworks(Settings().data_dir, bundled_dataset), {}, ())


def _query(view: str) -> str:
    return "?" + urlencode({"view": view, "area": YUNNAN, "year": 2010, "system": "云南体系@2"})


def _pinned(national):
    system = ps.edited(ps.derive(national.frameworks, "nbs2008", YUNNAN), "nbs2008_urbanisation", target=40.0)
    return replace(national, frameworks=ps.apply(system, national.frameworks))


def test_a_pinned_gaps_slide_shows_the_system_s_target_and_names_it(national):
    slide = gaps_slide(_pinned(national), _query("gaps"), "zh")
    table = slide.tables[0][1].set_index("item_id")
    assert table.at["nbs2008_urbanisation", "target"] == 40.0
    assert "本省指标体系“云南体系”第2版" in slide.subtitle


def test_without_the_system_the_slide_says_the_national_framework_is_shown(national):
    slide = gaps_slide(national, _query("gaps"), "en")
    assert "not open here: national framework shown" in slide.subtitle
    assert slide.tables[0][1].set_index("item_id").at["nbs2008_urbanisation", "target"] == 60.0


def test_a_pinned_attainment_slide_uses_the_system(national):
    pinned, plain = attainment_slide(_pinned(national), _query("attainment"), "en"), attainment_slide(
        national, _query("attainment"), "en")
    assert "own provincial system" in pinned.subtitle and "Own provincial system" in pinned.subtitle
    assert "not open here" in plain.subtitle
