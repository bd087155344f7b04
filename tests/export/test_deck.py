"""PowerPoint decks: opened back with python-pptx, as a presenter's PowerPoint would."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from dashboard.export.deck import EAST_ASIAN_FONT, SlideContent, build_deck


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


VIEWS = [
    SlideContent("云南人均GDP 2010", "云南仍低于全国平均。\n详细说明在第二段。", _png(1200, 600), "来源：中国统计年鉴2011，表3-9"),
    SlideContent("Guizhou U5MR", "Off track for the MDG target.", _png(800, 800), "Source: MoH Statistical Yearbook 2011"),
    SlideContent("全国小康实现程度", "", _png(1600, 900), ""),
]


def _open(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _texts(slide) -> list[str]:  # noqa: ANN001
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_title_slide_then_one_16_9_slide_per_view() -> None:
    deck = _open(build_deck(VIEWS, lang="zh", title="小康监测 2010年度评审"))
    assert len(deck.slides) == len(VIEWS) + 1
    assert deck.slide_width * 9 == pytest.approx(deck.slide_height * 16, rel=1e-3)
    title_slide = deck.slides[0]
    assert title_slide.shapes.title.text_frame.text == "小康监测 2010年度评审"
    assert "共 3 个视图" in _texts(title_slide)


def test_each_view_slide_has_title_picture_source_and_notes() -> None:
    deck = _open(build_deck(VIEWS, lang="zh", title="t"))
    for slide, view in zip(list(deck.slides)[1:], VIEWS, strict=True):
        assert slide.shapes.title.text_frame.text == view.title
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        picture = pictures[0]
        assert picture.left >= 0 and picture.left + picture.width <= deck.slide_width
        assert picture.top + picture.height <= deck.slide_height
        pixel_width, pixel_height = Image.open(io.BytesIO(view.image_png)).size
        assert picture.width / picture.height == pytest.approx(pixel_width / pixel_height, rel=1e-3)
        if view.source_line:
            assert view.source_line in _texts(slide)
        if view.note:
            assert slide.notes_slide.notes_text_frame.text == view.note
            assert view.note.split("\n")[0] in _texts(slide)  # the caption is the first paragraph


def test_chinese_runs_name_an_east_asian_font() -> None:
    deck = _open(build_deck(VIEWS[:1], lang="zh", title="小康监测"))
    run = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run.text == "云南人均GDP 2010"
    east_asian = run._r.rPr.find(qn("a:ea"))
    assert east_asian is not None and east_asian.get("typeface") == EAST_ASIAN_FONT
    assert run._r.rPr.get("lang") == "zh-CN"


def test_missing_image_gives_a_clear_placeholder() -> None:
    views = [SlideContent("No chart here", "note", None, "Source: x")]
    for lang, expected in (("en", "install Chromium"), ("zh", "未安装 Chromium")):
        slide = _open(build_deck(views, lang=lang, title="t")).slides[1]
        assert not [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert any(expected in text for text in _texts(slide))


def test_long_note_caption_is_shortened_but_notes_keep_it_all() -> None:
    note = "长" * 500
    slide = _open(build_deck([SlideContent("t", note, _png(10, 10), "")], lang="zh", title="t")).slides[1]
    assert slide.notes_slide.notes_text_frame.text == note
    caption = next(text for text in _texts(slide) if text.startswith("长"))
    assert len(caption) <= 200 and caption.endswith("…")


def test_empty_deck_is_just_the_title_slide() -> None:
    assert len(_open(build_deck([], lang="en", title="Empty")).slides) == 1


def test_rejects_non_png_image_and_unknown_language() -> None:
    with pytest.raises(ValueError, match="PNG"):
        SlideContent("t", "", b"<svg/>", "")
    with pytest.raises(ValueError, match="lang"):
        build_deck(VIEWS, lang="fr", title="t")


def test_native_charts_sources_slide_and_language_number_format() -> None:
    import io

    from pptx import Presentation

    from dashboard.export.deck import NativeChart, number_format

    chart = NativeChart(kind="line", categories=("2009", "2010", "2011"),
                        series=(("Yunnan", (None, 15752.0, 19265.0)), ("China", (25963.0, 30808.0, 36302.0))),
                        title="GDP per capita", number_format=number_format("zh"))
    deck = build_deck([SlideContent(title="云南", note="要点", image_png=None, source_line="数据来源：X", chart=chart)],
                      lang="zh", title="汇报", sources=["国家统计局. 2018"])
    slides = list(Presentation(io.BytesIO(deck)).slides)
    assert len(slides) == 3  # title, the view, sources
    drawn = next(shape for shape in slides[1].shapes if shape.has_chart).chart
    assert [s.name for s in drawn.plots[0].series] == ["Yunnan", "China"]
    assert list(drawn.plots[0].series[0].values) == [None, 15752.0, 19265.0]  # a gap stays a gap
    assert drawn.value_axis.tick_labels.number_format == '[>=10000]0!.0,"万";0'
    assert "国家统计局" in slides[2].shapes[1].text_frame.text
    assert number_format("en") == "#,##0"


def test_a_slide_table_is_a_native_table_beside_the_picture() -> None:
    card = (("指标", "最近一年", "上一个有数据的年份"),
            (("常住人口（普查，县级）", "114.31万人 (2020年)", "85.55万人 (2010年)"),
             ("城镇化率（普查，县级）", "96.77% (2020年, 计算值)", "—")))
    content = SlideContent("云南省县级地图", "", _png(1200, 800), "数据来源：普查", table=card)
    deck = _open(build_deck([content], lang="zh", title="t"))
    slide = deck.slides[1]
    tables = [shape for shape in slide.shapes if shape.has_table]
    pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(tables) == 1 and len(pictures) == 1
    table, picture = tables[0], pictures[0]
    cells = [[cell.text for cell in row.cells] for row in table.table.rows]
    assert cells == [list(card[0]), *[list(row) for row in card[1]]]
    assert picture.left + picture.width <= table.left  # side by side, not on top of each other
    assert table.left + table.width <= deck.slide_width and table.top + table.height <= deck.slide_height
