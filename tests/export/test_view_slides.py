"""Every view renders itself for a slide, an image and a data file (dashboard.export.view_slides)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.data.frameworks import load_frameworks
from dashboard.export.view_slides import (
    SlideInputs, chart_for_button, map_sentence, picture_figure, render_slide, slide_figure, status_sentence,
)
from dashboard.geo import load_provinces
from dashboard.views import VIEWS

QUERIES = {
    "map": "?view=map&ind=gdp_pc&year=2010",
    "gaps": "?view=gaps&area=530000&year=2010&fw=nbs2008",
    "attainment": "?view=attainment&area=530000&year=2010",
    "disparity": "?view=disparity&ind=gdp_pc&year=2010",
    "data": "?view=data&ind=gdp_pc",
}


@lru_cache(maxsize=1)
def _geojson() -> dict:
    return load_provinces(Path(Settings().data_dir))


@pytest.fixture(scope="module")
def inputs(bundled_dataset) -> SlideInputs:
    return SlideInputs(bundled_dataset, load_frameworks(Settings().data_dir, bundled_dataset), _geojson(), ())


def test_every_view_but_present_has_an_export_hook() -> None:
    assert {v.id for v in VIEWS if v.export} == set(QUERIES)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", sorted(QUERIES))
def test_each_view_renders_its_own_slide(inputs, view, lang) -> None:
    slide = render_slide(inputs, QUERIES[view], lang)
    assert slide.view == view and slide.lang == lang
    assert slide.title and slide.sentence and slide.figures and slide.tables
    assert slide.source.startswith("数据来源" if lang == "zh" else "Source")
    assert slide.source_ids and set(slide.source_ids) <= set(inputs.dataset.sources["source_id"])
    if view != "data":
        assert slide.year == 2010


def test_results_are_the_views_own(inputs) -> None:
    gaps = render_slide(inputs, QUERIES["gaps"], "en")
    assert gaps.figure_names == ("gaps",) and {"status", "target", "latest"} <= set(gaps.tables[0][1].columns)
    disparity = render_slide(inputs, QUERIES["disparity"], "en")
    assert disparity.figure_names == ("ranking", "convergence")
    assert "gini" in set(disparity.tables[0][1]["statistic"]) or "cv" in set(disparity.tables[0][1]["statistic"])
    attainment = render_slide(inputs, QUERIES["attainment"], "en")
    domains = attainment.tables[0][1]
    # Yunnan 2010 covers too little weight for a strict index: the kind says so, no value is made up.
    assert set(domains["kind"]) <= {"strict", "partial", "none"} and domains["index"].isna().any()
    coverage = render_slide(inputs, QUERIES["data"], "en").tables[0][1]
    assert (coverage["provinces_with_value"] <= coverage["provinces_expected"]).all()


def test_map_sentence_names_the_extremes_from_the_data(inputs) -> None:
    dataset = inputs.dataset
    rows = dataset.values_for_year("gdp_pc", 2010)
    provinces = rows[rows["area_code"].isin(dataset.province_codes())]
    top = provinces.loc[provinces["value"].idxmax(), "area_code"]
    low = provinces.loc[provinces["value"].idxmin(), "area_code"]
    text = map_sentence(dataset, "gdp_pc", 2010, "en")
    assert dataset.area_name(top, "en") in text and dataset.area_name(low, "en") in text
    assert "no province" in map_sentence(dataset, "gdp_pc", 1900, "en")


def test_status_sentence_counts_every_row() -> None:
    rows = [{"status": "met"}, {"status": "off_track"}, {"status": "off_track"}]
    assert status_sentence(rows, "Yunnan", 2010, "en") == "Yunnan, 2010: 1 Met, 2 Off track (of 3 items)."
    assert "no item" in status_sentence([], "Yunnan", 2010, "en")


def test_a_failing_renderer_falls_back_to_the_map_and_says_so(inputs, monkeypatch) -> None:
    import dashboard.export.view_slides as module

    def broken(*_args):
        raise ValueError("bad upload")

    monkeypatch.setattr(module, "_renderer", lambda view_id: broken)
    slide = render_slide(inputs, QUERIES["gaps"], "en")
    assert slide.view == "map" and "bad upload" in slide.sentence


def test_pictures_carry_title_source_and_year(inputs) -> None:
    slide = render_slide(inputs, QUERIES["disparity"], "zh")
    picture = picture_figure(slide, slide.figure())
    assert slide.title in picture.layout.title.text
    note = picture.layout.annotations[-1].text
    assert "数据来源" in note and "数据年份：2010年" in note
    assert chart_for_button(slide, "second")[0] == "convergence"
    assert chart_for_button(render_slide(inputs, QUERIES["map"], "en"), "second")[0] == "trend"


def test_slide_figures_use_projector_type(inputs) -> None:
    slide = render_slide(inputs, QUERIES["attainment"], "en")
    big = slide_figure(slide, slide.figure(), font_size=20)
    assert big.layout.font.size == 20 and big.layout.height is None
    assert all(trace.textfont.size == 18 for trace in big.data if "textfont" in trace)
