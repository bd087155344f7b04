"""A PowerPoint deck of a storyboard: a title slide, then one 16:9 slide per view.

Presenters live in PowerPoint and often present offline, so the deck carries everything:
the chart as a picture, the view's title, its note (a short caption on the slide, the full
text in the speaker notes) and the source line. When the server cannot render images (no
Chromium), the slide says so plainly instead of failing the whole deck.

Chinese text: every run names an East Asian font ("Microsoft YaHei", present on Chinese
Windows and Office for Mac) with the GB2312 charset, so a machine without it substitutes
another CJK font (LibreOffice on Linux picks WenQuanYi Micro Hei via fontconfig) rather than
drawing boxes.
"""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.parts.image import Image
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

SLIDE_WIDTH: Final = Inches(13.333)
SLIDE_HEIGHT: Final = Inches(7.5)
MARGIN: Final = Inches(0.5)
LATIN_FONT: Final = "Calibri"
EAST_ASIAN_FONT: Final = "Microsoft YaHei"
# Charset 134 (GB2312) as OOXML's signed byte: tells PowerPoint a substitute must be Chinese.
EAST_ASIAN_CHARSET: Final = "-122"
MAX_CAPTION_CHARS: Final = 200
PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"

_TEXT_GREY: Final = RGBColor(0x59, 0x59, 0x59)
_PANEL_GREY: Final = RGBColor(0xF2, 0xF2, 0xF2)
_LAYOUT_TITLE: Final = 0
_LAYOUT_TITLE_ONLY: Final = 5

# The deck's own few words. Kept here because they only make sense inside a deck; move them
# to the i18n catalogue if that grows a namespace for exports.
_DECK_TEXT: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "zh": MappingProxyType(
            {
                "views": "共 {count} 个视图",
                "no_image": "无法导出图表图片：服务器未安装 Chromium。\n"
                "请安装 Chromium，或在浏览器中用图表的相机按钮保存 PNG 后粘贴到此处。",
                "language_tag": "zh-CN",
                "sources": "资料来源",
            }
        ),
        "en": MappingProxyType(
            {
                "views": "{count} views",
                "no_image": "Chart image export unavailable: install Chromium on the server.\n"
                "Or save a PNG with the chart's camera button in the browser and paste it here.",
                "language_tag": "en-GB",
                "sources": "Sources",
            }
        ),
    }
)


@dataclass(frozen=True)
class NativeChart:
    """A chart PowerPoint draws itself (restylable by the presenter): categories and series.
    A missing value is None and stays a gap in the chart."""

    kind: str                                              # "line" or "bar" (horizontal bars)
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    title: str = ""
    number_format: str = "General"
    value_title: str = ""                                  # the value axis' title: its unit ("亿元", "billion yuan")


def number_format(lang: str, decimals: int = 0) -> str:
    """Axis/label number format following the language: 4万 (zh; Excel's `0!.0,` puts the
    decimal point before the thousands, i.e. divides by 10,000), 40,000 (en)."""
    if lang == "zh":
        plain = "0" if decimals == 0 else "0." + "0" * decimals
        return f'[>=10000]0!.0,"万";{plain}'
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


@dataclass(frozen=True)
class SlidePanel:
    """A second chart beside the main one (a view with two charts on its slide): a native
    chart where its type allows, else its picture (None: no image could be made)."""

    image_png: bytes | None
    chart: NativeChart | None = None

    def __post_init__(self) -> None:
        if self.image_png is not None and not self.image_png.startswith(PNG_SIGNATURE):
            raise ValueError("second panel: image_png is not PNG data")


@dataclass(frozen=True)
class SlideContent:
    """What one view contributes to the deck. ``image_png`` is None when no image could be made;
    ``chart``, when given, is drawn as a native PowerPoint chart instead of the picture."""

    title: str
    note: str
    image_png: bytes | None
    source_line: str
    chart: NativeChart | None = None
    # A table beside the chart (e.g. a county's card): header cells, then rows of text cells.
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None
    second: SlidePanel | None = None       # drawn in the right half, the main chart in the left

    def __post_init__(self) -> None:
        if self.image_png is not None and not self.image_png.startswith(PNG_SIGNATURE):
            raise ValueError(f"slide {self.title!r}: image_png is not PNG data")


def _style_runs(text_frame: TextFrame, *, size: Pt, language_tag: str, bold: bool = False,
                colour: RGBColor | None = None) -> None:
    """Give every run the deck's fonts, size and language, including an East Asian typeface."""
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.name = LATIN_FONT
            run.font.size = size
            run.font.bold = bold
            if colour is not None:
                run.font.color.rgb = colour
            properties = run._r.get_or_add_rPr()  # python-pptx has no API for East Asian fonts
            properties.set("lang", language_tag)
            properties.set("altLang", "en-US" if language_tag.startswith("zh") else "zh-CN")
            for tag in ("a:ea", "a:cs"):
                existing = properties.find(qn(tag))
                if existing is not None:
                    properties.remove(existing)
            east_asian = properties.makeelement(qn("a:ea"), {"typeface": EAST_ASIAN_FONT, "charset": EAST_ASIAN_CHARSET})
            # Schema order inside a:rPr: ln, fills, effects, highlight, uLnTx.., latin, ea, cs, sym, hlink...
            latin = properties.find(qn("a:latin"))
            if latin is not None:
                latin.addnext(east_asian)
            else:
                properties.append(east_asian)


def _write(text_frame: TextFrame, text: str, *, size: Pt, language_tag: str, bold: bool = False,
           colour: RGBColor | None = None, align: PP_ALIGN | None = None) -> None:
    text_frame.word_wrap = True
    text_frame.text = text  # one paragraph per line ("\n"), one run each
    if align is not None:
        for paragraph in text_frame.paragraphs:
            paragraph.alignment = align
    _style_runs(text_frame, size=size, language_tag=language_tag, bold=bold, colour=colour)


def _caption(note: str) -> str:
    """The first paragraph of the note, short enough to read from the back of the room."""
    first = note.strip().split("\n", 1)[0].strip()
    return first if len(first) <= MAX_CAPTION_CHARS else first[: MAX_CAPTION_CHARS - 1] + "…"


def _fit(image_png: bytes, width: Length, height: Length) -> tuple[Emu, Emu]:
    """The largest size with the image's aspect ratio that fits the box."""
    pixel_width, pixel_height = Image.from_blob(image_png).size
    ratio = min(width / pixel_width, height / pixel_height)
    return Emu(int(pixel_width * ratio)), Emu(int(pixel_height * ratio))


def _add_native_chart(slide: Slide, chart: NativeChart, *, top: Length, height: Length,
                      width: Length | None = None, left: Length = MARGIN) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

    data = CategoryChartData(number_format=chart.number_format)
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values))
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.BAR_CLUSTERED
    # python-pptx annotates add_chart as taking ChartData (a subclass of CategoryChartData) and
    # returning Chart; it takes any chart data and returns the GraphicFrame (see its docstring).
    width = Emu(SLIDE_WIDTH - 2 * MARGIN) if width is None else width
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)  # type: ignore[arg-type]
    drawn = frame.chart  # type: ignore[attr-defined]
    drawn.font.size = Pt(14)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
    drawn.value_axis.tick_labels.number_format = chart.number_format
    drawn.value_axis.tick_labels.number_format_is_linked = False
    if chart.value_title:
        drawn.value_axis.has_title = True
        drawn.value_axis.axis_title.text_frame.text = chart.value_title
    if chart.title:
        drawn.has_title = True
        drawn.chart_title.text_frame.text = chart.title
        drawn.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(16)


def _add_chart(slide: Slide, content: SlideContent | SlidePanel, *, top: Length, height: Length,
               text: Mapping[str, str], width: Length | None = None, left: Length = MARGIN) -> None:
    width = Emu(SLIDE_WIDTH - 2 * MARGIN) if width is None else width  # Length arithmetic gives plain ints
    if content.chart is not None:
        _add_native_chart(slide, content.chart, top=top, height=height, width=width, left=left)
        return
    if content.image_png is None:
        panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
        panel.fill.solid()
        panel.fill.fore_color.rgb = _PANEL_GREY
        panel.line.color.rgb = _TEXT_GREY
        panel.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        panel.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _write(panel.text_frame, text["no_image"], size=Pt(20), language_tag=text["language_tag"],
               colour=_TEXT_GREY, align=PP_ALIGN.CENTER)
        return
    picture_width, picture_height = _fit(content.image_png, width, height)
    left = Emu(left + (width - picture_width) // 2)
    slide.shapes.add_picture(io.BytesIO(content.image_png), left, top, picture_width, picture_height)


def _add_table(slide: Slide, table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], *, left: Length,
               top: Length, width: Length, height: Length, language_tag: str) -> None:
    """A native PowerPoint table (editable, its text searchable); type shrinks with more rows."""
    headers, rows = table
    row_height = Emu(min(int(Inches(0.5)), int(height) // max(1, len(rows) + 1)))
    frame = slide.shapes.add_table(len(rows) + 1, len(headers), left, top, width, Emu(row_height * (len(rows) + 1)))
    size = Pt(14) if len(rows) <= 6 else Pt(12) if len(rows) <= 10 else Pt(10)
    cells = frame.table
    for row_number, values in enumerate((headers, *rows)):
        for column, value in enumerate(values):
            cell = cells.cell(row_number, column)
            _write(cell.text_frame, str(value), size=size, language_tag=language_tag, bold=row_number == 0)


def _add_view_slide(deck: Deck, content: SlideContent, text: Mapping[str, str]) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE_ONLY])
    language_tag = text["language_tag"]
    inner_width = SLIDE_WIDTH - 2 * MARGIN

    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.25), inner_width, Inches(0.9)
    _write(title.text_frame, content.title, size=Pt(28), language_tag=language_tag, bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE

    source_height = Inches(0.4) if content.source_line else Emu(0)
    caption = _caption(content.note)
    caption_height = Inches(0.6) if caption else Emu(0)
    chart_top = Inches(1.25)
    chart_height = Emu(SLIDE_HEIGHT - chart_top - caption_height - source_height - Inches(0.2))
    if content.table is not None:
        chart_width = Emu(int(inner_width * 0.58))
        _add_chart(slide, content, top=chart_top, height=chart_height, text=text, width=chart_width)
        left = Emu(MARGIN + chart_width + Inches(0.2))
        _add_table(slide, content.table, left=left, top=chart_top, width=Emu(SLIDE_WIDTH - MARGIN - left),
                   height=chart_height, language_tag=language_tag)
    elif content.second is not None:
        half = Emu(int((inner_width - Inches(0.2)) // 2))
        _add_chart(slide, content, top=chart_top, height=chart_height, text=text, width=half)
        _add_chart(slide, content.second, top=chart_top, height=chart_height, text=text, width=half,
                   left=Emu(SLIDE_WIDTH - MARGIN - half))
    else:
        _add_chart(slide, content, top=chart_top, height=chart_height, text=text)

    if caption:
        box = slide.shapes.add_textbox(MARGIN, chart_top + chart_height + Inches(0.05), inner_width, caption_height)
        _write(box.text_frame, caption, size=Pt(16), language_tag=language_tag)
    if content.source_line:
        box = slide.shapes.add_textbox(MARGIN, SLIDE_HEIGHT - source_height - Inches(0.1), inner_width, source_height)
        _write(box.text_frame, content.source_line, size=Pt(11), language_tag=language_tag, colour=_TEXT_GREY)
    if content.note.strip():
        _write(slide.notes_slide.notes_text_frame, content.note, size=Pt(14), language_tag=language_tag)


def _add_title_slide(deck: Deck, title: str, subtitle: str, language_tag: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE])
    inner_width = SLIDE_WIDTH - 2 * MARGIN
    heading, sub = slide.shapes.title, slide.placeholders[1]
    # The default template is 4:3; re-centre its placeholders on the 16:9 slide.
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(2.2), inner_width, Inches(1.5)
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(4.0), inner_width, Inches(1.0)
    _write(heading.text_frame, title, size=Pt(40), language_tag=language_tag, bold=True, align=PP_ALIGN.CENTER)
    _write(sub.text_frame, subtitle, size=Pt(20), language_tag=language_tag, colour=_TEXT_GREY, align=PP_ALIGN.CENTER)


def _add_sources_slide(deck: Deck, sources: Sequence[str], text: Mapping[str, str]) -> None:
    """The numbered sources of every slide, original source first (as cited on the slides)."""
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE_ONLY])
    inner_width = SLIDE_WIDTH - 2 * MARGIN
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.25), inner_width, Inches(0.9)
    _write(title.text_frame, text["sources"], size=Pt(28), language_tag=text["language_tag"], bold=True)
    box = slide.shapes.add_textbox(MARGIN, Inches(1.25), inner_width, SLIDE_HEIGHT - Inches(1.6))
    size = Pt(12) if len(sources) <= 12 else Pt(9)
    _write(box.text_frame, "\n".join(f"{n}. {s}" for n, s in enumerate(sources, start=1)), size=size,
           language_tag=text["language_tag"])


def build_deck(slides: Sequence[SlideContent], *, lang: str, title: str, subtitle: str | None = None,
               sources: Sequence[str] = ()) -> bytes:
    """A .pptx of ``slides`` after a title slide, and a sources slide when ``sources`` are given;
    ``subtitle`` defaults to the number of views."""
    if lang not in _DECK_TEXT:
        raise ValueError(f"lang must be one of {tuple(_DECK_TEXT)}, not {lang!r}")
    text = _DECK_TEXT[lang]
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = title
    deck.core_properties.language = text["language_tag"]
    _add_title_slide(deck, title, text["views"].format(count=len(slides)) if subtitle is None else subtitle,
                     text["language_tag"])
    for content in slides:
        _add_view_slide(deck, content, text)
    if sources:
        _add_sources_slide(deck, sources, text)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
