"""A storyboard as a PowerPoint deck: each saved view rendered by its own slide renderer
(dashboard.export.view_slides), pictured and captioned. One code path for the presenter's
download and `python -m dashboard deck`."""
from __future__ import annotations

import math
from decimal import Decimal
from collections.abc import Callable, Sequence
from typing import Any

from dashboard.data.dataset import Dataset

import pandas as pd
import plotly.graph_objects as go

from dashboard.export.deck import NativeChart, SlideContent, SlidePanel, build_deck, number_format
from dashboard.export.images import ImageExportUnavailable, figure_images
from dashboard.export.storyboard import Storyboard
from dashboard.export.view_slides import SlideInputs, ViewSlide, picture_figure, render_slide
from dashboard.figures.labels import indicator_unit
from dashboard.figures.view_render import EXPORT_HEIGHT, EXPORT_WIDTH
from dashboard.i18n import publisher_text
from dashboard.i18n.numbers import english_magnitude, english_scale
from dashboard.state import parse_query


# Charts PowerPoint can draw natively (lines over years, plain bars); maps, gap bars (shares
# from a baseline), the 31-province ranking and the domain bars (an unscored domain is drawn
# as an empty bar with a "insufficient data" label a native chart would turn into a zero)
# stay pictures.
NATIVE = {"trend": "line", "convergence": "line", "coverage": "bar"}


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _english_scaled(series: list[tuple[str, dict[str, float | None]]], unit: str) -> tuple[str, int]:
    """English values in a unit with a Chinese magnitude ("100 million yuan", "10,000 persons")
    shifted as the on-screen axis and the slide picture word them (english_scale): the power of
    ten to multiply by and the unit to title the axis with ("billion yuan", "million persons")."""
    largest = max((abs(v) for _, values in series for v in values.values() if v is not None), default=0.0)
    shift, shown = english_scale(largest, unit)
    return shown or unit, shift


def native_chart(slide: ViewSlide, position: int = 0, *, unit: str | None = None) -> NativeChart | None:
    """The slide's main chart (or its ``position``-th) as PowerPoint chart data, where its type allows.

    ``unit``: the unit of a trend's values as the data holds them, in the slide's language (the
    indicator's unit); the value axis is titled with it, in English scaled (billion yuan)."""
    if len(slide.figures) <= position:
        return None
    name, figure = slide.figures[position]
    kind = NATIVE.get(name)
    if kind is None:
        return None
    figure = go.Figure(figure)
    series: list[tuple[str, dict[str, float | None]]] = []
    for trace in figure.data:
        if kind == "line" and trace.type == "scatter" and "lines" in (trace.mode or "lines") and trace.x is not None \
                and len(trace.x) > 1 and trace.name:
            series.append((trace.name, {str(x): _number(y) for x, y in zip(trace.x, trace.y)}))
        elif kind == "bar" and trace.type == "bar" and trace.x is not None and trace.y is not None:
            horizontal = trace.orientation == "h"
            cats, vals = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
            series.append((trace.name or slide.title, {str(c): _number(v) for c, v in zip(cats, vals)}))
    if not series:
        return None
    categories = list(dict.fromkeys(c for _, values in series for c in values))
    if kind == "line":
        categories.sort()
    fmt = {"trend": number_format(slide.lang), "convergence": "0.00", "coverage": "0"}[name]
    value_title = ""
    if name == "trend" and unit:
        value_title = unit                             # Chinese: 亿元 / 万人, the 万 format above
        if slide.lang == "en" and english_magnitude(unit) is not None:
            value_title, shift = _english_scaled(series, unit)
            # a decimal shift (7224.18 -> 722.418), not a float product with its noise
            series = [(n, {c: None if v is None else float(Decimal(repr(v)).scaleb(shift)) for c, v in values.items()})
                      for n, values in series]
            largest = max((abs(v) for _, values in series for v in values.values() if v is not None), default=0.0)
            fmt = number_format("en", 0 if largest >= 100 else 1 if largest >= 10 else 2)  # 722; 46.0; 1.41 (not "1")
    return NativeChart(kind=kind, categories=tuple(categories),
                       series=tuple((n, tuple(values.get(c) for c in categories)) for n, values in series),
                       title=str(figure.layout.title.text or ""), number_format=fmt, value_title=value_title)


def _trend_unit(dataset: Dataset, query: str, lang: str) -> str | None:
    """The unit of the indicator a slide's trend chart draws (the link's indicator), in ``lang``."""
    indicator_id = parse_query(query, dataset)[0].indicator_id
    if not dataset.has_indicator(indicator_id):
        return None
    return indicator_unit(dataset, indicator_id, lang) or None


def stage_table(slide: ViewSlide) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """The table a slide shows beside its chart (a county's card) as header and text rows."""
    rows = slide.table(slide.stage_table) if slide.stage_table else None
    if rows is None:
        return None
    return (tuple(str(c) for c in rows.columns),
            tuple(tuple("" if pd.isna(v) else str(v) for v in row) for row in rows.itertuples(index=False)))


def source_list(dataset: Dataset, views: list[ViewSlide], lang: str) -> list[str]:
    """Every cited source once, in order of first citation: title, publisher, year."""
    known = set(dataset.sources["source_id"])
    entries = []
    for source_id in dict.fromkeys(s for view in views for s in view.source_ids):
        if source_id not in known:
            continue
        source = dataset.source(source_id)
        title = source.get(f"title_{lang}")
        parts = [str(title if isinstance(title, str) and title else source.get("title_en"))]
        parts += [publisher_text(source[k], lang) if k == "publisher" else str(source[k])
                  for k in ("publisher", "year") if isinstance(source.get(k), (str, int)) and source.get(k)]
        entries.append(". ".join(parts))
    return entries


def storyboard_deck(dataset: Dataset, storyboard: Storyboard, lang: str, *, geojson: dict,
                    south_china_sea: Sequence, frameworks: Any = None,
                    counties: Callable[[str], dict] | None = None) -> tuple[bytes, str | None]:
    """The deck's bytes, and why there are no chart pictures (None when there are).

    Each slide shows its own view (gap bars on a gaps slide, domain scores on an attainment
    slide, ...). A slide without its own title gets the view's title in ``lang``, so one
    storyboard makes a Chinese and an English deck. ``frameworks``: needed by the gaps and
    attainment renderers (loaded from the dataset's folder by the CLI). ``counties``: a province's
    county boundaries (dashboard.geo.load_counties), needed by a county slide."""
    inputs = SlideInputs(dataset, frameworks, geojson, south_china_sea, counties=counties)
    views = [render_slide(inputs, slide.query, lang) for slide in storyboard.slides]
    units = [_trend_unit(dataset, slide.query, lang) for slide in storyboard.slides]
    # A view that shows two charts on the projector shows both on its slide (the map and the
    # selected province's trend, the ranking and the convergence line), each native or pictured.
    seconds = [native_chart(view, 1, unit=unit) if view.on_stage > 1 and len(view.figures) > 1 else None
               for view, unit in zip(views, units)]
    needs_second = [view.on_stage > 1 and len(view.figures) > 1 and second is None
                    for view, second in zip(views, seconds)]
    pictures = [picture_figure(view, view.figure()) if view.figure() is not None else None for view in views]
    pictures += [picture_figure(view, view.figures[1][1]) if wanted else None
                 for view, wanted in zip(views, needs_second)]
    problem = None
    try:
        drawn = iter(figure_images([p for p in pictures if p is not None], "png",
                                   width=EXPORT_WIDTH, height=EXPORT_HEIGHT, scale=2))
        images: list[bytes | None] = [next(drawn) if p is not None else None for p in pictures]
    except ImageExportUnavailable as error:
        images, problem = [None] * len(pictures), str(error)
    mains, second_images = images[:len(views)], images[len(views):]
    contents = [SlideContent(title=slide.title.strip() or view.title,
                             note="\n".join(part for part in (slide.note, view.sentence) if part),
                             image_png=image, source_line=view.source, chart=native_chart(view, unit=unit),
                             table=stage_table(view),
                             second=SlidePanel(second_image, second) if second is not None or wanted else None)
                for slide, view, unit, image, second, second_image, wanted
                in zip(storyboard.slides, views, units, mains, seconds, second_images, needs_second)]
    return build_deck(contents, lang=lang, title=storyboard.title or "—",
                      sources=source_list(dataset, views, lang)), problem
