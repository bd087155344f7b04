"""The workspace tables (SQLAlchemy 2 typed declarative). The schema itself is created and
changed only by the Alembic migrations in `migrations/versions`; these classes must match them
(tests/workspace/test_migrations.py compares the two)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DOCUMENT_KINDS = ("dataset", "storyboard", "pilots", "system")
# Kinds whose every saved version stays readable (a view pins `name@version` in its link).
VERSIONED_KINDS = ("system",)
ACCESS_LEVELS = ("edit", "read")


class Base(DeclarativeBase):
    pass


class Workspace(Base):
    __tablename__ = "workspace"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)          # random hex, not secret
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Document(Base):
    """One named document of a workspace; `version` grows by one on every save (optimistic
    concurrency: a save names the version it read)."""
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "name", name="uq_document_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)                      # gzip of UTF-8 JSON
    size: Mapped[int] = mapped_column(Integer)                               # bytes of the JSON before gzip
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DocumentVersion(Base):
    """Each saved version of a document of a VERSIONED_KINDS kind (the current one included), so
    a link pinning `name@version` shows the same thing after later saves."""
    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "version", name="uq_document_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)                      # gzip of UTF-8 JSON
    size: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ShareLink(Base):
    """A link that opens a workspace. Only the SHA-256 of its secret is kept: the database
    (or a backup of it) never holds a usable link."""
    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    access: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
