"""A storyboard as a PowerPoint deck: each saved view rendered, pictured and captioned.
One code path for the presenter's download and `python -m dashboard deck`."""
from __future__ import annotations

from collections.abc import Sequence

from dashboard.data.dataset import Dataset
from dashboard.export.deck import SlideContent, build_deck
from dashboard.export.images import ImageExportUnavailable, figure_images
from dashboard.export.storyboard import Storyboard
from dashboard.figures.view_render import EXPORT_HEIGHT, EXPORT_WIDTH, render_view


def storyboard_deck(dataset: Dataset, storyboard: Storyboard, lang: str, *, geojson: dict,
                    south_china_sea: Sequence) -> tuple[bytes, str | None]:
    """The deck's bytes, and why there are no chart pictures (None when there are).

    A slide without its own title gets the view's title in ``lang``, so one storyboard makes a
    Chinese and an English deck."""
    views = [render_view(dataset, slide.query, lang, geojson=geojson, south_china_sea=south_china_sea)
             for slide in storyboard.slides]
    problem = None
    try:
        images: list[bytes | None] = list(figure_images([view.figure() for view in views], "png",
                                                        width=EXPORT_WIDTH, height=EXPORT_HEIGHT, scale=2))
    except ImageExportUnavailable as error:
        images, problem = [None] * len(views), str(error)
    contents = [SlideContent(title=slide.title.strip() or view.title, note=slide.note, image_png=image,
                             source_line=view.source())
                for slide, view, image in zip(storyboard.slides, views, images)]
    return build_deck(contents, lang=lang, title=storyboard.title or "—"), problem
