"""The store on SQLite always, and on PostgreSQL when XK_TEST_DATABASE_URL names a database
the tests may wipe (.ci/run sets it; under CI=true it must be set: never skipped there)."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from dashboard.workspace import WorkspaceStore, open_database
from dashboard.workspace.database import make_engine
from dashboard.workspace.models import Base

POSTGRES_URL_ENV = "XK_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES_URL_ENV} is not set: CI must run the workspace tests on PostgreSQL")
        pytest.skip(f"{POSTGRES_URL_ENV} not set (PostgreSQL tests run in CI)")
    return url


def wipe(url: str) -> None:
    """An empty database: the tables and Alembic's version table dropped."""
    engine = make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> str:
    """A URL of an empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'workspaces.sqlite3'}"
    url = postgres_url()
    wipe(url)
    return url


@pytest.fixture
def store(database) -> WorkspaceStore:
    store = open_database(database)
    yield store
    store.engine.dispose()
