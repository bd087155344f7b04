"""Workspaces: a team's imported datasets, storyboards and pilot list, kept in a database
(embedded SQLite by default, PostgreSQL via DATABASE_URL) and opened by secret links.

`open_database(url)` migrates the schema to the newest version and returns a WorkspaceStore;
the web app, the CLI and the tests all go through that one call.
"""
from __future__ import annotations

from dashboard.workspace.database import database_url, open_database
from dashboard.workspace.store import (Access, DocumentTooLarge, StoredDocument, VersionConflict, WorkspaceError,
                                       WorkspaceInfo, WorkspaceStore)

__all__ = ["Access", "DocumentTooLarge", "StoredDocument", "VersionConflict", "WorkspaceError", "WorkspaceInfo",
           "WorkspaceStore", "database_url", "open_database"]
