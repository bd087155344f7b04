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


COUNTY = "?view=map&drill=530000&area=530102&cind=county_resident_population_census&cyear=2020"


@pytest.fixture(scope="module")
def county_inputs(inputs) -> SlideInputs:
    from dataclasses import replace

    from dashboard.geo import load_counties

    return replace(inputs, counties=lambda code: load_counties(Settings().data_dir, code))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_county_view_is_its_county_map_with_the_county_card(county_inputs, lang) -> None:
    dataset = county_inputs.dataset
    slide = render_slide(county_inputs, COUNTY, lang)
    assert slide.figure_names == ("county_map",) and slide.year == 2020
    assert slide.title == {"zh": "云南省县级地图 · 常住人口（普查，县级） · 2020年",
                           "en": "Yunnan by county · " + dataset.indicator("county_resident_population_census")["name_en"]
                           + " · 2020"}[lang]
    assert slide.subtitle.startswith(dataset.area_name("530102", lang))
    drawn = {code for trace in slide.figure().data for code in trace.locations}
    assert drawn == set(dataset.map_units("530000"))  # Yunnan's county-level units, nothing else
    assert slide.figure().data[2].locations == ("530102",)  # the selected county's outline
    data = slide.table("data")
    expected = dataset.observations[(dataset.observations["indicator_id"] == "county_resident_population_census")
                                    & (dataset.observations["year"] == 2020)
                                    & dataset.observations["area_code"].isin(dataset.map_units("530000"))]
    assert len(data) == len(expected) and set(data["value"]) == set(expected["value"])
    card = slide.table("card")
    assert slide.stage_table == "card" and len(card) == len(
        dataset.sub_area_rows("530102")["indicator_id"].unique())
    assert slide.source.startswith("数据来源" if lang == "zh" else "Source")
    assert set(slide.source_ids) >= set(expected["source_id"])


def test_county_sentence_names_the_highest_and_lowest_unit(county_inputs) -> None:
    dataset = county_inputs.dataset
    slide = render_slide(county_inputs, COUNTY, "en")
    rows = slide.table("data")
    top = rows.loc[rows["value"].idxmax(), "area_code"]
    low = rows.loc[rows["value"].idxmin(), "area_code"]
    assert f"Highest {dataset.area_name(top, 'en')}" in slide.sentence
    assert f"lowest {dataset.area_name(low, 'en')}" in slide.sentence


def test_a_county_map_without_a_county_has_no_card_and_counts_its_units(county_inputs) -> None:
    slide = render_slide(county_inputs, "?view=map&drill=530000", "zh")
    assert slide.stage_table is None and slide.table("card") is None
    assert slide.subtitle == f"全部{len(county_inputs.dataset.map_units('530000'))}个县级单位"
    assert chart_for_button(slide, "main")[0] == "county_map"


def test_a_county_slide_without_boundaries_says_so_and_shows_the_map(inputs) -> None:
    slide = render_slide(inputs, COUNTY, "en")  # no county boundaries given
    assert slide.figure_names[0] in ("map", "trend") and "county boundaries" in slide.sentence
