"""`python -m dashboard workspace`: list, back up and restore workspaces (JSON).

    python -m dashboard workspace list [--state-dir DIR]
    python -m dashboard workspace export WORKSPACE_ID [-o backup.json] [--state-dir DIR]
    python -m dashboard workspace import backup.json [--state-dir DIR]

The database is $DATABASE_URL, else <state dir>/workspaces.sqlite3, as for the app. This runs on
the server, beside the database, so it names workspaces by id (from `list`), not by link. A
backup holds the documents, never links; `import` makes a new workspace with new links and
prints them once (they are not stored anywhere readable). `report --workspace ID` and
`deck --workspace ID` read a workspace's data on top of the bundle.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from dashboard.cli import EXIT_BAD_INPUT, EXIT_OK
from dashboard.config import Settings
from dashboard.data.dataset import Dataset
from dashboard.workspace import WorkspaceError, WorkspaceStore, open_database
from dashboard.workspace.datasets import merge_workspace

MAX_BACKUP_BYTES = 512 * 1024 * 1024


class WorkspaceNotFound(ValueError):
    pass


def add_state_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="folder of the workspace database (default ./state or $XK_STATE_DIR; "
                             "ignored when DATABASE_URL is set)")


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("workspace", help="list, back up (export) and restore (import) workspaces",
                                   description="Workspaces as JSON: list them, export one to a file, import a file.")
    actions = parser.add_subparsers(dest="action", required=True)
    add_state_dir(actions.add_parser("list", help="every workspace: id, name, created, documents"))
    export = actions.add_parser("export", help="one workspace's documents as one JSON file")
    export.add_argument("workspace_id")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    add_state_dir(export)
    restore = actions.add_parser("import", help="a backup file as a new workspace; prints its new links")
    restore.add_argument("backup", type=Path)
    add_state_dir(restore)
    parser.set_defaults(run=run)
    return parser


def open_store(state_dir: Path | None) -> WorkspaceStore:
    return open_database(state_dir=state_dir or Settings().state_dir)


def workspace_dataset(dataset: Dataset, workspace_id: str | None, state_dir: Path | None) -> Dataset:
    """`dataset` with the workspace's datasets merged on top (None: unchanged). Datasets that no
    longer merge are named on stderr and left out. Raises WorkspaceNotFound."""
    if not workspace_id:
        return dataset
    store = open_store(state_dir)
    access = store.admin_access(workspace_id)
    if access is None:
        raise WorkspaceNotFound(f"no workspace with id '{workspace_id}' (see: python -m dashboard workspace list)")
    merged, problems = merge_workspace(dataset, store, access)
    for name, why in problems:
        print(f"warning: workspace dataset '{name}' left out: {why}", file=sys.stderr)
    store.engine.dispose()
    return merged


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.state_dir)
        if args.action == "list":
            print(json.dumps([{"id": w.id, "name": w.name, "created_at": w.created_at.isoformat(), "documents": w.documents}
                              for w in store.list_workspaces()], ensure_ascii=False, indent=2))
            return EXIT_OK
        if args.action == "export":
            access = store.admin_access(args.workspace_id)
            if access is None:
                print(f"workspace: no workspace with id '{args.workspace_id}'", file=sys.stderr)
                return EXIT_BAD_INPUT
            text = json.dumps(store.export_workspace(access), ensure_ascii=False, indent=1)
            if args.output:
                args.output.write_text(text + "\n", encoding="utf-8")
            else:
                print(text)
            return EXIT_OK
        return restore(store, args.backup)
    except SQLAlchemyError as error:
        print(f"workspace: the database cannot be used: {error.__class__.__name__}: {error.args[0] if error.args else ''}",
              file=sys.stderr)
        return EXIT_BAD_INPUT


def restore(store: WorkspaceStore, path: Path) -> int:
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            print(f"{path}: larger than {MAX_BACKUP_BYTES // 1_048_576} MB; not a workspace backup", file=sys.stderr)
            return EXIT_BAD_INPUT
        backup = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"{path}: cannot read a JSON backup ({error})", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        access, links = store.import_workspace(backup)
    except WorkspaceError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps({"id": access.workspace_id, "name": access.workspace_name,
                      "links": {level: f"#ws={link.token}" for level, link in links.items()}}, ensure_ascii=False, indent=2))
    return EXIT_OK
