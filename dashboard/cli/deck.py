"""`python -m dashboard deck`: a presenter's storyboard as a PowerPoint deck.

    python -m dashboard deck STORYBOARD.json -o deck.pptx [--lang zh|en] [--data-dir DIR] [--workspace ID]

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
from pathlib import Path

from dashboard.cli import EXIT_BAD_INPUT, EXIT_OK
from dashboard.cli.workspace import WorkspaceNotFound, add_state_dir, workspace_dataset
from dashboard.config import Settings
from dashboard.data.frameworks import load_frameworks
from dashboard.data.dataset import load_dataset
from dashboard.data.errors import DataError
from dashboard.export.storyboard import from_json
from dashboard.export.storyboard_deck import storyboard_deck
from dashboard.geo import load_counties, load_provinces, load_south_china_sea


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "deck", help="a storyboard (JSON saved from the presenter view) as a PowerPoint deck",
        description="Write one PPTX slide per storyboard view: chart picture, title, note and source line.")
    parser.add_argument("storyboard", type=Path, help="storyboard JSON file (saved from the presenter view)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .pptx file to write")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of charts and view titles")
    parser.add_argument("--data-dir", type=Path, default=Settings().data_dir, help="dataset folder (default: bundled data/)")
    parser.add_argument("--workspace", metavar="ID", help="draw with this workspace's imported data on top")
    add_state_dir(parser)
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
        dataset = workspace_dataset(load_dataset(args.data_dir), args.workspace, args.state_dir)
        geojson = load_provinces(args.data_dir)
        south_china_sea = load_south_china_sea(args.data_dir)
        frameworks = load_frameworks(args.data_dir, dataset)
    except (DataError, WorkspaceNotFound) as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    deck, problem = storyboard_deck(dataset, storyboard, args.lang, geojson=geojson, south_china_sea=south_china_sea,
                                    frameworks=frameworks, counties=lambda code: load_counties(args.data_dir, code))
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
