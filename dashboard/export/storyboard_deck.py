"""A storyboard as a PowerPoint deck: each saved view rendered by its own slide renderer
(dashboard.export.view_slides), pictured and captioned. One code path for the presenter's
download and `python -m dashboard deck`."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.data.dataset import Dataset
from dashboard.export.deck import SlideContent, build_deck
from dashboard.export.images import ImageExportUnavailable, figure_images
from dashboard.export.storyboard import Storyboard
from dashboard.export.view_slides import SlideInputs, picture_figure, render_slide
from dashboard.figures.view_render import EXPORT_HEIGHT, EXPORT_WIDTH


def storyboard_deck(dataset: Dataset, storyboard: Storyboard, lang: str, *, geojson: dict,
                    south_china_sea: Sequence, frameworks: Any = None) -> tuple[bytes, str | None]:
    """The deck's bytes, and why there are no chart pictures (None when there are).

    Each slide shows its own view (gap bars on a gaps slide, domain scores on an attainment
    slide, ...). A slide without its own title gets the view's title in ``lang``, so one
    storyboard makes a Chinese and an English deck. ``frameworks``: needed by the gaps and
    attainment renderers (loaded from the dataset's folder by the CLI)."""
    inputs = SlideInputs(dataset, frameworks, geojson, south_china_sea)
    views = [render_slide(inputs, slide.query, lang) for slide in storyboard.slides]
    pictures = [picture_figure(view, view.figure()) if view.figure() is not None else None for view in views]
    problem = None
    try:
        drawn = iter(figure_images([p for p in pictures if p is not None], "png",
                                   width=EXPORT_WIDTH, height=EXPORT_HEIGHT, scale=2))
        images: list[bytes | None] = [next(drawn) if p is not None else None for p in pictures]
    except ImageExportUnavailable as error:
        images, problem = [None] * len(views), str(error)
    contents = [SlideContent(title=slide.title.strip() or view.title,
                             note="\n".join(part for part in (slide.note, view.sentence) if part),
                             image_png=image, source_line=view.source)
                for slide, view, image in zip(storyboard.slides, views, images)]
    return build_deck(contents, lang=lang, title=storyboard.title or "—"), problem
