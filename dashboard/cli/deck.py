"""`python -m dashboard deck`: a presenter's storyboard as a PowerPoint deck.

    python -m dashboard deck STORYBOARD.json -o deck.pptx [--lang zh|en] [--data-dir DIR]

One slide per view (chart picture, title, note, source line) after a title slide. Works
offline: the charts are drawn by kaleido with the bundled boundaries. Without Chromium the
slides say so in words and the deck is still written (exit 0, a warning on stderr).
A bad storyboard file: one line naming the file and what is wrong, exit 2.

``storyboard_deck`` is also what the presenter view's download button calls (one code path).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from dashboard.cli import EXIT_BAD_INPUT, EXIT_OK
from dashboard.config import Settings
from dashboard.data.dataset import Dataset, load_dataset
from dashboard.data.errors import DataError
from dashboard.export.deck import SlideContent, build_deck
from dashboard.export.images import ImageExportUnavailable, figure_images
from dashboard.export.storyboard import Storyboard, from_json
from dashboard.figures.view_render import EXPORT_HEIGHT, EXPORT_WIDTH, render_view
from dashboard.geo import load_provinces, load_south_china_sea


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


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "deck", help="a storyboard (JSON saved from the presenter view) as a PowerPoint deck",
        description="Write one PPTX slide per storyboard view: chart picture, title, note and source line.")
    parser.add_argument("storyboard", type=Path, help="storyboard JSON file (saved from the presenter view)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .pptx file to write")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of charts and view titles")
    parser.add_argument("--data-dir", type=Path, default=Settings().data_dir, help="dataset folder (default: bundled data/)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        text = args.storyboard.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.storyboard}: cannot read a UTF-8 storyboard ({error})", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        storyboard = from_json(text, source_name=str(args.storyboard))
        dataset = load_dataset(args.data_dir)
        geojson = load_provinces(args.data_dir)
        south_china_sea = load_south_china_sea(args.data_dir)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    deck, problem = storyboard_deck(dataset, storyboard, args.lang, geojson=geojson, south_china_sea=south_china_sea)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    try:
        args.output.write_bytes(deck)
    except OSError as error:
        print(f"{args.output}: cannot write ({error})", file=sys.stderr)
        return EXIT_BAD_INPUT
    seconds = time.perf_counter() - started
    print(f"{args.output}: {len(storyboard.slides)} views + title slide ({seconds:.1f} s)")
    return EXIT_OK
