"""The store on SQLite always, and on PostgreSQL when XK_TEST_DATABASE_URL names a database
the tests may wipe (.ci/run sets it; under CI=true it must be set: never skipped there)."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import MetaData

from dashboard.workspace import WorkspaceStore, open_database
from dashboard.workspace.database import make_engine

POSTGRES_URL_ENV = "XK_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES_URL_ENV} is not set: CI must run the workspace tests on PostgreSQL")
        pytest.skip(f"{POSTGRES_URL_ENV} not set (PostgreSQL tests run in CI)")
    return url


def wipe(url: str) -> None:
    """An empty database: every table in it dropped, as found there (a checkout of another
    migration may have left tables these models do not know, which would block the drop)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        found = MetaData()
        found.reflect(connection)
        found.drop_all(connection)
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
