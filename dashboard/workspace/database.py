"""Where workspaces are kept and how the schema gets there.

The URL: $DATABASE_URL (PostgreSQL for a multi-user deployment, e.g.
postgresql://user:pw@host/db, driven by psycopg 3), else an SQLite file
`<state dir>/workspaces.sqlite3` (created on first run). Every process migrates the schema to
the newest Alembic revision when it opens the database, under a lock, so gunicorn workers
starting together do not race.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from dashboard.workspace.store import WorkspaceStore

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_FILE = "workspaces.sqlite3"
# Any fixed 64-bit number: the PostgreSQL advisory lock all processes take while migrating.
MIGRATION_LOCK_KEY = 0x786B_7773


def database_url(state_dir: Path | str | None = None) -> str:
    """$DATABASE_URL, else the SQLite file in `state_dir` ($XK_STATE_DIR, else ./state)."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    if configured:
        return configured
    folder = Path(state_dir or os.environ.get("XK_STATE_DIR") or "state")
    return f"sqlite:///{folder / SQLITE_FILE}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")   # psycopg 3, not the default psycopg2
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Several processes share the file: wait for a writer rather than fail at once.
    engine = create_engine(parsed, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001  DB-API objects
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")      # so deleting a workspace deletes its documents
        cursor.execute("PRAGMA journal_mode=WAL")     # readers never wait for the writer
        cursor.close()

    return engine


def upgrade(engine: Engine) -> None:
    """`alembic upgrade head` on this engine, one process at a time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            with open(f"{database}.migrate-lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                _run(engine, config)
                return
        _run(engine, config)
        return
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _run(engine: Engine, config: Config) -> None:
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str | None = None, state_dir: Path | str | None = None) -> WorkspaceStore:
    """The store on `url` (default: database_url(state_dir)), its schema migrated to head."""
    engine = make_engine(url or database_url(state_dir))
    upgrade(engine)
    return WorkspaceStore(engine)
