"""Command line for the data layer.

    python -m dashboard.data build [--reference DIR] [--out DIR]
    python -m dashboard.data import FILE [--indicator ID] [--sheet NAME] [--value-column HEADING] [--data-dir DIR] [-o OUT.csv]
        [--area-column HEADING] [--year-column HEADING] [--new-indicator NAME --unit U --direction higher|lower]
    python -m dashboard.data export [--data-dir DIR] [--lang en|zh] [-o FILE]
    python -m dashboard.data coverage [--data-dir DIR] [--indicator ID]
    python -m dashboard.data template [--lang zh|en] [--format csv|xlsx] [--data-dir DIR] -o FILE  (format: from -o)

Every data problem prints its location ("file, row 3, column 'D 数值': ..."), one a line; the command
then exits with 2. Doubtful values (validate.plausibility_warnings) print as 'check:' lines.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dashboard.data import build as build_module
from dashboard.data.dataset import load_dataset
from dashboard.data.errors import DataError, Location
from dashboard.data.export import coverage_by_province, coverage_matrix, neutralise_formula, tidy_export
from dashboard.data.importers.mapping import DIRECTIONS, ColumnMapping, NewIndicator

EXIT_DATA_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.data", description="Build, import and export the dataset.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="rebuild data/ from the reference files")
    build.add_argument("--reference", type=Path, default=build_module.DEFAULT_REFERENCE)
    build.add_argument("--out", type=Path, default=build_module.DEFAULT_OUT)

    def data_dir(command: argparse.ArgumentParser) -> None:
        command.add_argument("--data-dir", type=Path, default=build_module.DEFAULT_OUT)

    imp = commands.add_parser("import", help="check an NBS export or filled template; write its tidy rows")
    imp.add_argument("file", type=Path)
    imp.add_argument("--indicator", default=None, help="indicator id of an NBS export")
    imp.add_argument("--sheet", default=None, help="workbook sheet to read")
    imp.add_argument("--value-column", default=None,
                     help="heading of the column holding the values of a panel (省份 / 年份 / value); use with --indicator")
    imp.add_argument("--area-column", default=None, help="heading of the column naming the province (mapping step)")
    imp.add_argument("--year-column", default=None, help="heading of the column holding the year (mapping step)")
    imp.add_argument("--new-indicator", default=None, metavar="NAME",
                     help="the file holds an indicator the dashboard lacks: its name (use with --unit and --direction)")
    imp.add_argument("--new-indicator-en", default=None, metavar="NAME_EN", help="its English name (default: NAME)")
    imp.add_argument("--unit", default=None, help="unit of the new indicator (e.g. %%, 万人, per 1,000)")
    imp.add_argument("--direction", choices=DIRECTIONS, default=None, help="is higher or lower better (new indicator)")
    imp.add_argument("-o", "--out", type=Path, default=None, help="CSV to write (default: standard output)")
    data_dir(imp)

    export = commands.add_parser("export", help="the whole dataset as one tidy CSV")
    export.add_argument("-o", "--out", type=Path, default=None)
    export.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the unit column")
    data_dir(export)

    coverage = commands.add_parser("coverage", help="provinces with a value, per indicator and year")
    coverage.add_argument("--indicator", default=None, help="show province x year for one indicator")
    data_dir(coverage)

    template = commands.add_parser("template", help="write a blank upload template")
    template.add_argument("--lang", choices=("zh", "en"), default="zh")
    template.add_argument("--format", choices=("csv", "xlsx"), default=None,
                          help="default: from the name given to -o (.csv or .xlsx), else xlsx")
    template.add_argument("-o", "--out", type=Path, required=True)
    template.add_argument("--data-dir", type=Path, default=None, help="list this dataset's indicators in the template")
    return parser


def _write_csv(frame: pd.DataFrame, out: Path | None) -> None:
    # UTF-8 with BOM: Excel, which our users open these in, reads Chinese correctly only then.
    if out is None:
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    else:
        frame.to_csv(out, index=False, encoding="utf-8-sig", lineterminator="\n")


def _mapping(args: argparse.Namespace) -> ColumnMapping | None:
    """The mapping step's choices given as options, or None when none was given."""
    if args.new_indicator is None and (args.unit or args.direction or args.new_indicator_en):
        raise DataError(Location(args.file.name), "--unit, --direction and --new-indicator-en go with --new-indicator NAME")
    new = None
    if args.new_indicator is not None:
        if args.indicator:
            raise DataError(Location(args.file.name), "give either --indicator ID or --new-indicator NAME, not both")
        name = args.new_indicator
        new = NewIndicator(name_zh=name, name_en=args.new_indicator_en or name, unit=args.unit or "",
                           direction=args.direction or "")
    if new is None and not (args.area_column or args.year_column):
        return None
    value = args.value_column if (args.area_column or args.year_column) else None
    return ColumnMapping(area=args.area_column, year=args.year_column, value=value, indicator_id=args.indicator,
                         new_indicator=new)


def _run(args: argparse.Namespace) -> int:
    from dashboard.data.importers.template import blank_template
    from dashboard.data.importers.upload import import_file

    if args.command == "build":
        counts = build_module.build(args.reference, args.out)
        for name, count in counts.items():
            print(f"{name}: {count} rows")
        return 0
    if args.command == "import":
        try:
            raw = args.file.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return EXIT_DATA_ERROR
        dataset = load_dataset(args.data_dir)
        mapping = _mapping(args)
        table = import_file(raw, filename=args.file.name, dataset=dataset, indicator_id=args.indicator, sheet=args.sheet,
                            value_column=None if mapping and mapping.maps_columns else args.value_column, mapping=mapping)
        for row in table.new_indicators:
            print(f"note: new indicator {row['indicator_id']} ({row['name_zh']} / {row['name_en']}, {row['unit_zh']})",
                  file=sys.stderr)
        for warning in table.warnings:
            print(f"note: {warning}", file=sys.stderr)
        for check in table.checks:
            print(f"check: {check.location}: {check.message}", file=sys.stderr)
        rows = table.observations.copy()
        for column in rows.columns:
            if column not in ("year", "value"):
                rows[column] = rows[column].map(neutralise_formula)
        _write_csv(rows, args.out)
        print(f"{len(rows)} rows read from {args.file.name}", file=sys.stderr)
        return 0
    if args.command == "export":
        _write_csv(tidy_export(load_dataset(args.data_dir), lang=args.lang), args.out)
        return 0
    if args.command == "coverage":
        dataset = load_dataset(args.data_dir)
        if args.indicator:
            table = coverage_by_province(dataset, args.indicator).replace({True: "x", False: "."})
        else:
            table = coverage_matrix(dataset)
        print(table.to_string() if table.size else "(no observations)")
        return 0
    if args.command == "template":
        indicators = load_dataset(args.data_dir).indicators if args.data_dir else None
        fmt = args.format or ("csv" if args.out.suffix.lower() in (".csv", ".txt") else "xlsx")
        if args.format is None and args.out.suffix.lower() not in (".csv", ".txt", ".xlsx"):
            print(f"note: writing an Excel workbook (.xlsx) to {args.out}; use --format csv for CSV", file=sys.stderr)
        args.out.write_bytes(blank_template(args.lang, fmt, indicators))
        print(f"wrote {args.out}", file=sys.stderr)
        return 0
    raise AssertionError(f"unhandled command {args.command}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DataError as error:
        for line in error.lines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_DATA_ERROR


if __name__ == "__main__":
    sys.exit(main())
