"""Subcommands of `python -m dashboard`: one module each, with `add_parser(subparsers)` and `run(args)`.

`add_parser` registers the subcommand and sets `run` as its default, so `dashboard/__main__.py`
only lists the modules. Exit codes: 0 done, 2 bad input (a one-line message on stderr).
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_BAD_INPUT = 2
