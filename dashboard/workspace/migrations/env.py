"""Alembic environment: always run by `dashboard.workspace.database.upgrade` with an open
connection in `config.attributes["connection"]` (no alembic.ini, no URL in a file)."""
from __future__ import annotations

from alembic import context

from dashboard.workspace.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
