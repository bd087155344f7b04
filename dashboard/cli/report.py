"""`python -m dashboard report`: one area's report (build_report) as JSON or a readable table.

    python -m dashboard report --area 530000 --year 2010 [--framework nbs2008] [--format json|text]
                               [--lang zh|en] [--data-dir DIR] [--workspace ID [--state-dir DIR]]

--area takes a code or a name the dataset's matcher knows ("Yunnan", "云南", "云南省").
An unknown area, year or framework, or an unreadable data folder: one line on stderr, exit 2.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from dashboard.analysis.report import build_report
from dashboard.cli import EXIT_BAD_INPUT, EXIT_OK
from dashboard.cli.workspace import WorkspaceNotFound, add_state_dir, workspace_dataset
from dashboard.config import Settings
from dashboard.data.dataset import Dataset, load_dataset
from dashboard.data.errors import DataError
from dashboard.data.frameworks import Frameworks, load_frameworks
from dashboard.figures.method_text import method_text
from dashboard.analysis.attainment import MODE_PARTIAL, STATUS_INSUFFICIENT, shown_index
from dashboard.figures.attainment_map import status_line
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_percent

FORMATS = ("json", "text")


class BadInput(ValueError):
    """Something on the command line does not match the data; the message says what."""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report", help="one area's attainment, MDG/Xiaokang progress and disparity for a year",
        description="Print build_report's dict for one area and year.")
    parser.add_argument("--area", required=True, help="area code or name, e.g. 530000, Yunnan, 云南; 100000 = national")
    parser.add_argument("--year", required=True, help="the as-of year, e.g. 2010")
    parser.add_argument("--framework", default="nbs2008", help="Xiaokang/plan framework for attainment (default nbs2008)")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of --format text")
    parser.add_argument("--data-dir", type=Path, default=Settings().data_dir, help="dataset folder (default: bundled data/)")
    parser.add_argument("--workspace", metavar="ID", help="merge this workspace's imported data on top (see: workspace list)")
    add_state_dir(parser)
    parser.set_defaults(run=run)
    return parser


def resolve_area(dataset: Dataset, text: str) -> str:
    code = dataset.matcher.code_for(text.strip()) if len(text) <= 40 else None
    if code is None or not dataset.has_area(code):
        raise BadInput(f"unknown area '{text}': give a province code (530000) or name (Yunnan, 云南), or 100000 for national")
    return code


def resolve_year(dataset: Dataset, text: str) -> int:
    years = sorted(int(y) for y in dataset.observations["year"].dropna().unique())
    if not text.strip().isdigit() or int(text) not in years:
        span = f"{years[0]}–{years[-1]}" if years else "no years"
        raise BadInput(f"unknown year '{text}': no observation in that year (the data covers {span})")
    return int(text)


def resolve_framework(frameworks: Frameworks, text: str) -> str:
    known = frameworks.framework_ids()
    if text not in known:
        raise BadInput(f"unknown framework '{text}': one of {', '.join(known)}")
    return text


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _num(value: Any, lang: str, decimals: int = 2) -> str:
    return format_number(value, lang, decimals)


def _attainment_lines(attainment: dict, lang: str) -> list[str]:
    """The overall index and each domain in words: the index, the partial index with its measured
    weight share, or why there is none (never a partial value as a plain number)."""
    def line(block: dict, score_key: str) -> str:
        shown = shown_index(block.get(score_key), block.get("partial"), block.get("weight_coverage") or 0.0,
                            block.get("status") or STATUS_INSUFFICIENT, MODE_PARTIAL)
        return status_line(shown, lang)
    lines = [f"  {t('attainment.map.overall', lang)}: {line(attainment, 'overall')}"]
    for domain in attainment.get("domains", []):
        lines.append(f"  {domain.get(f'name_{lang}') or domain['domain_id']}: {line(domain, 'score')}")
    return lines


def text_report(report: dict, dataset: Dataset, frameworks: Frameworks, lang: str) -> str:
    """A plain table for a terminal or an e-mail: attainment, then one line per progress row."""
    name_col = f"name_{lang}"
    items = frameworks.items.set_index("item_id")
    area = dataset.area_name(report["area_code"], lang)
    attainment = report["attainment"]
    lines = [
        f"{area} ({report['area_code']}), {report['year']}",
        f"{t('terms.attainment.index', lang)} ({attainment.get('framework')}): {format_percent(attainment.get('overall'), lang)}",
        *_attainment_lines(attainment, lang),
        "",
    ]
    header = ("item", "baseline", "latest", "target", "status", "ratio", "national", "method")
    rows = [header]
    for row in report["mdg"]:
        name = str(items.at[row["item_id"], name_col]) if row["item_id"] in items.index else row["item_id"]
        def at(value, year):
            return f"{_num(value, lang)} ({year})" if value is not None else "—"
        rows.append((
            name[:28],
            at(row["baseline"], row["baseline_year"]),
            at(row["latest"], row["latest_year"]),
            at(row["target"], row["target_year"]) if row["target"] is not None else f"— ({row['target_year']})",
            t(f"terms.status.{row['status']}", lang) + (f" [{row['note']}]" if row["note"] else ""),
            _num(row["progress_ratio"], lang),
            t(f"terms.status.{row['national_status']}", lang),
            row.get("method_text") or "",
        ))
    widths = [max(_width(str(r[i])) for r in rows) for i in range(len(header))]
    for r in rows:
        lines.append("  ".join(str(cell) + " " * (width - _width(str(cell))) for cell, width in zip(r, widths)).rstrip())
    return "\n".join(lines)


def add_method_text(report: dict, frameworks: Frameworks, lang: str) -> None:
    """Each progress row gains `method_text`: how it was judged, in words (--lang)."""
    for row in report["mdg"]:
        try:
            info = frameworks.target_for(row["framework_id"], row["item_id"], report["area_code"])
        except KeyError:
            info = {}
        row["method_text"] = method_text(row, info, lang, unit=info.get(f"unit_{lang}") or None)


def run(args: argparse.Namespace) -> int:
    try:
        dataset = workspace_dataset(load_dataset(args.data_dir), args.workspace, args.state_dir)
        frameworks = load_frameworks(args.data_dir, dataset)
        area_code = resolve_area(dataset, args.area)
        year = resolve_year(dataset, args.year)
        framework_id = resolve_framework(frameworks, args.framework)
    except (BadInput, DataError, WorkspaceNotFound) as error:
        print(f"report: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"report: cannot read the data folder {args.data_dir}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = build_report(dataset, frameworks, area_code, year, framework_id)
    add_method_text(report, frameworks, args.lang)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(text_report(report, dataset, frameworks, args.lang))
    return EXIT_OK
