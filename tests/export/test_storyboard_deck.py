"""Issue 14's "Done when": a 6-slide storyboard (map, gaps, attainment, disparity, data, county)
exported to PPTX and opened back with python-pptx shows each view on its own slide."""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.config import Settings
from dashboard.data.frameworks import load_frameworks
from dashboard.export.storyboard import Slide, Storyboard
from dashboard.export.storyboard_deck import storyboard_deck
from dashboard.export.view_slides import SlideInputs, render_slide
from dashboard.geo import load_counties, load_provinces
from tests.export.test_images import needs_browser

COUNTY = "?view=map&drill=530000&area=530102&cind=county_resident_population_census&cyear=2020"
BOARD = Storyboard(title="小康监测 · Xiaokang review", slides=(
    Slide("?view=map&ind=gdp_pc&year=2010&area=530000", note="Yunnan against the provinces."),
    Slide("?view=gaps&area=530000&year=2010&fw=nbs2008"),
    Slide("?view=attainment&area=530000&year=2010"),
    Slide("?view=disparity&ind=gdp_pc&year=2010"),
    Slide("?view=data&ind=gdp_pc"),
    Slide(COUNTY),
))
# What each view slide must carry: native chart kinds, and how many pictures (maps, gap bars,
# the ranking, domain bars stay pictures) and tables (the county card).
EXPECTED = {
    "map": ({XL_CHART_TYPE.LINE_MARKERS}, 1, 0),    # the province's trend (native) and the map
    "gaps": (set(), 1, 0),
    "disparity": ({XL_CHART_TYPE.LINE_MARKERS}, 1, 0),  # the ranking pictured, convergence native
    "data": ({XL_CHART_TYPE.BAR_CLUSTERED}, 0, 0),
    "county": (set(), 1, 1),
}


def _counties(code: str) -> dict:
    return load_counties(Settings().data_dir, code)


@lru_cache(maxsize=2)
def _deck(lang: str) -> tuple[bytes, str | None]:
    from dashboard.data.dataset import load_dataset

    data_dir = Settings().data_dir
    dataset = load_dataset(data_dir)
    return storyboard_deck(dataset, BOARD, lang, geojson=load_provinces(data_dir), south_china_sea=(),
                           frameworks=load_frameworks(data_dir, dataset), counties=_counties)


def _shapes(slide):  # noqa: ANN001, ANN202
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    return charts, pictures, tables


@needs_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_six_view_storyboard_exports_each_view_on_its_own_slide(bundled_dataset, lang) -> None:
    data, problem = _deck(lang)
    assert problem is None
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(BOARD.slides) + 1  # title, the six views, sources
    assert slides[0].shapes.title.text_frame.text == BOARD.title
    assert slides[-1].shapes.title.text_frame.text == {"zh": "资料来源", "en": "Sources"}[lang]
    inputs = SlideInputs(bundled_dataset, load_frameworks(Settings().data_dir, bundled_dataset),
                         load_provinces(Settings().data_dir), (), counties=_counties)
    titles, pictures_seen = [], []
    for board_slide, slide in zip(BOARD.slides, slides[1:-1], strict=True):
        view = render_slide(inputs, board_slide.query, lang)
        kind = "county" if board_slide.query == COUNTY else view.view
        assert slide.shapes.title.text_frame.text == view.title, kind
        titles.append(view.title)
        notes = slide.notes_slide.notes_text_frame.text
        assert view.sentence in notes and (board_slide.note in notes)
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert view.source in texts, kind
        charts, pictures, tables = _shapes(slide)
        if kind in EXPECTED:
            chart_kinds, picture_count, table_count = EXPECTED[kind]
            assert {chart.chart_type for chart in charts} == chart_kinds, kind
            assert (len(pictures), len(tables)) == (picture_count, table_count), kind
        else:  # attainment: the domain bars are a picture (an unscored domain must not become a zero)
            assert pictures and not charts
        pictures_seen += [hashlib.sha256(p.image.blob).hexdigest() for p in pictures]
        for shape in slide.shapes:  # nothing hangs off the 16:9 slide
            assert shape.left >= 0 and shape.top >= 0, kind
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
    assert len(set(titles)) == len(titles)            # six different views, six different titles
    assert len(set(pictures_seen)) == len(pictures_seen)  # no slide repeats another's picture


@needs_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_numbers_follow_the_language(bundled_dataset, lang) -> None:
    deck = Presentation(io.BytesIO(_deck(lang)[0]))
    trend = _shapes(list(deck.slides)[1])[0][0]  # the map slide's native trend of Yunnan's GDP per capita
    axis_format = trend.value_axis.tick_labels.number_format
    if lang == "zh":
        assert '"万"' in axis_format and "0!.0," in axis_format  # 40000 -> 4.0万
    else:
        assert axis_format == "#,##0"
    county = list(deck.slides)[6]
    card = _shapes(county)[2][0]
    cells = [cell.text for row in card.rows for cell in row.cells]
    population = next(text for text in cells if text.startswith(("114", "1,14", "1.14")))
    # 1,143,085 residents: 万人 in Chinese; English counts persons (never "10,000 persons").
    assert population.startswith("114.31万人" if lang == "zh" else "1,143,085 persons"), population


MAGNITUDE_WORDS = ("100 million yuan", "10,000 persons", "10k persons")


def _figure_words(figure) -> str:  # noqa: ANN001
    """Every text a reader sees in a figure: titles, tick labels, colour bars, hovers, annotations."""
    layout = figure.to_plotly_json()["layout"]
    texts = [str(layout.get("title", {}).get("text", ""))]
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            texts += [str(value.get("title", {}).get("text", "")), " ".join(map(str, value.get("ticktext", ())))]
    texts += [str(a.get("text", "")) for a in layout.get("annotations", ())]
    for trace in figure.data:
        texts += [str(trace.name or ""), " ".join(map(str, getattr(trace, "customdata", None) or ()))]
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            texts += [str(colorbar.title.text or ""), " ".join(map(str, colorbar.ticktext or ()))]
    return " ".join(texts)


@pytest.mark.parametrize("query", [*(slide.query for slide in BOARD.slides),
                                   "?view=map&ind=gdp&year=2010&area=530000",
                                   "?view=map&ind=population&year=2010&area=530000",
                                   "?view=disparity&ind=gdp&year=2010"])
def test_english_outputs_scale_units_and_chinese_keeps_wan_yi(bundled_dataset, query) -> None:
    """English charts, hovers, sentences and tables say billion yuan / million persons, never
    "100 million yuan" or "10,000 persons"; the Chinese ones keep 万 / 亿. (Source lines are the
    publishers' own table titles and are not scanned.)"""
    inputs = SlideInputs(bundled_dataset, load_frameworks(Settings().data_dir, bundled_dataset),
                         load_provinces(Settings().data_dir), (), counties=_counties)
    english = render_slide(inputs, query, "en")
    words = " ".join([english.title, english.subtitle, english.sentence,
                      *(_figure_words(figure) for _, figure in english.figures)])
    for _, table in english.tables:
        words += " " + " ".join(str(v) for v in table.astype(str).to_numpy().ravel() if "source" not in str(v).lower())
    assert not [w for w in MAGNITUDE_WORDS if w in words], query
    if "ind=gdp&" in query or "ind=population&" in query:
        chinese = render_slide(inputs, query, "zh")
        shown = " ".join(_figure_words(figure) for _, figure in chinese.figures)
        assert "万" in shown or "亿" in shown
        assert ("billion yuan" if "gdp" in query else "million persons") in words


def test_the_english_catalogue_has_no_magnitude_units() -> None:
    from dashboard.i18n import NAMESPACES, catalogue

    found = {(ns, key) for ns in NAMESPACES for key, text in catalogue(ns, "en").items()
             if any(w in text for w in MAGNITUDE_WORDS)}
    assert found == set()


MAGNITUDE_BOARD = Storyboard(title="units", slides=(Slide("?view=map&ind=gdp&year=2010&area=530000"),
                                                    Slide("?view=map&ind=population&year=2010&area=530000")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_native_trends_of_yi_yuan_and_wan_persons_are_scaled_in_english_only(bundled_dataset, lang) -> None:
    """Reopened with python-pptx: the English trend holds billion yuan / billion persons (the
    national line reaches 1.34 billion, as the on-screen axis says), the Chinese one 亿元 / 万人
    with the 万 format."""
    data_dir = Settings().data_dir
    data, _ = storyboard_deck(bundled_dataset, MAGNITUDE_BOARD, lang, geojson=load_provinces(data_dir),
                              south_china_sea=(), frameworks=load_frameworks(data_dir, bundled_dataset))
    slides = list(Presentation(io.BytesIO(data)).slides)[1:-1]
    expected = {"zh": (("亿元", 1.0), ("万人", 1.0)), "en": (("billion yuan", 0.1), ("billion persons", 1e-5))}[lang]
    for slide, indicator_id, (title, factor) in zip(slides, ("gdp", "population"), expected, strict=True):
        chart = _shapes(slide)[0][0]
        assert chart.value_axis.has_title and chart.value_axis.axis_title.text_frame.text == title
        fmt = chart.value_axis.tick_labels.number_format
        assert ('"万"' in fmt) if lang == "zh" else (fmt.startswith("#,##0") and "万" not in fmt)
        yunnan = next(s for s in chart.plots[0].series if s.name == bundled_dataset.area_name("530000", lang))
        series = bundled_dataset.series(indicator_id, "530000")
        raw = float(series.loc[series["year"] == 2010, "value"].iloc[0])
        shown = dict(zip(chart.plots[0].categories, yunnan.values))["2010"]
        assert shown == pytest.approx(raw * factor, rel=1e-9), (indicator_id, shown, raw)


def test_a_province_trend_of_wan_persons_reads_million_persons_in_english() -> None:
    import plotly.graph_objects as go

    from dashboard.export.storyboard_deck import native_chart
    from dashboard.export.view_slides import ViewSlide

    figure = go.Figure(go.Scatter(x=[2009, 2010], y=[4571.0, 4601.6], name="Yunnan", mode="lines+markers"))
    slide = ViewSlide(view="map", title="t", subtitle="", sentence="", source="", year=2010,
                      figures=(("trend", figure),), lang="en")
    chart = native_chart(slide, unit="10,000 persons")
    assert chart is not None and chart.value_title == "million persons"
    assert chart.series == (("Yunnan", (45.71, 46.016)),) and chart.number_format == "#,##0.0"
    chinese = native_chart(ViewSlide(**{**slide.__dict__, "lang": "zh"}), unit="万人")
    assert chinese is not None and chinese.value_title == "万人" and chinese.series == (("Yunnan", (4571.0, 4601.6)),)
