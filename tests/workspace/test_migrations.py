"""The Alembic migrations build exactly the schema the models describe, on both databases."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dashboard.workspace import open_database
from dashboard.workspace.models import Base


def test_migrated_schema_matches_the_models(database):
    store = open_database(database)
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert {"workspace", "document", "document_version", "share_link", "alembic_version"} <= set(inspect(connection).get_table_names())
    store.engine.dispose()


def test_the_sqlite_file_and_its_folder_are_created_on_first_open(tmp_path):
    path = tmp_path / "new" / "state" / "workspaces.sqlite3"
    open_database(f"sqlite:///{path}").engine.dispose()
    assert path.is_file()
