"""Settings from the command line and environment. Secure defaults: loopback, debug off."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    data_dir: Path = PROJECT_ROOT / "data"
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    # Uploads above this are refused by the web server before any parsing.
    max_upload_bytes: int = 5 * 1024 * 1024
    # Workspaces: an SQLite file in this folder (created on first run) unless DATABASE_URL is set.
    state_dir: Path = field(default_factory=lambda: Path(os.environ.get("XK_STATE_DIR", "state")))
    database_url: str | None = None        # None: $DATABASE_URL, else the SQLite file in state_dir


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description="Xiaokang provincial dashboard")
    parser.add_argument("--host", default=os.environ.get("XK_HOST", Settings.host),
                        help="address to bind (default 127.0.0.1: only this computer)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("XK_PORT", Settings.port)))
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("XK_DATA_DIR", Settings.data_dir)),
                        help="folder with the dataset (default: the bundled data/)")
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="folder of the workspace database (default ./state; ignored when DATABASE_URL is set)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (never on a shared network)")
    args = parser.parse_args(argv)
    return Settings(data_dir=args.data_dir, host=args.host, port=args.port, debug=args.debug,
                    **({"state_dir": args.state_dir} if args.state_dir else {}))
