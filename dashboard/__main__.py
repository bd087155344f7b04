"""python -m dashboard <command>: the scriptable side of the dashboard.

    python -m dashboard report --area 530000 --year 2010 [--framework nbs2008] [--format json|text] [--workspace ID]
    python -m dashboard workspace list|export|import ...

Each subcommand is one module in dashboard/cli with `add_parser(subparsers)` and `run(args)`;
adding one is adding it to COMMANDS.
"""
from __future__ import annotations

import argparse
import sys

from dashboard.cli import deck, report, workspace

COMMANDS = (report, deck, workspace)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Xiaokang provincial dashboard tools.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
