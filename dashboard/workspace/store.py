"""WorkspaceStore: every read and write of workspaces, each one transaction.

Access goes through a share link: `open(token)` gives an `Access` (which workspace, may it
edit), and every document method takes one, so a read-only link can never write. The CLI,
which runs on the server with the database in reach, uses `admin_access(workspace_id)`.

Documents are JSON values named within (workspace, kind); saving names the version it read
(`expected_version`; None = a new name) and a stale one raises VersionConflict, so two people
editing at once never overwrite each other silently. Documents of a versioned kind (provincial
indicator systems) keep every saved version readable: `load_document(..., version=n)`. Nothing is kept in the process between
calls: any worker on any host answers any request.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import secrets
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Executable, delete, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.workspace.models import (ACCESS_LEVELS, DOCUMENT_KINDS, VERSIONED_KINDS, Document, DocumentVersion,
                                        ShareLink, Workspace)
from dashboard.workspace.tokens import new_token, token_hash, valid_token

MAX_NAME_CHARS = 200
# JSON bytes before compression. A storyboard as the presenter view's file cap (256 KB); a
# dataset as the rows a tab may import (200,000 rows, ~50 MB of JSON).
# A provincial indicator system: at most 200 items of a few hundred bytes each (every version is kept).
MAX_DOCUMENT_BYTES: dict[str, int] = {"dataset": 64 * 1024 * 1024, "storyboard": 256 * 1024, "pilots": 64 * 1024,
                                      "system": 256 * 1024}
EXPORT_FORMAT = "xiaokang-workspace/1"


class WorkspaceError(Exception):
    """A request the store refuses; the message says why (in English: callbacks word it)."""


class VersionConflict(WorkspaceError):
    def __init__(self, kind: str, name: str, expected: int | None, current: int | None) -> None:
        self.kind, self.name, self.expected, self.current = kind, name, expected, current
        super().__init__(f"{kind} '{name}' is at version {current}, not {expected}: someone saved it meanwhile")


class DocumentTooLarge(WorkspaceError):
    def __init__(self, kind: str, size: int, limit: int) -> None:
        self.kind, self.size, self.limit = kind, size, limit
        super().__init__(f"a {kind} may be at most {limit:,} bytes, this one is {size:,}")


class ReadOnly(WorkspaceError):
    def __init__(self) -> None:
        super().__init__("this link opens the workspace read-only")


@dataclass(frozen=True)
class Access:
    workspace_id: str
    workspace_name: str
    can_edit: bool
    link_id: int | None = None             # None: the CLI's administrator access


@dataclass(frozen=True)
class WorkspaceInfo:
    id: str
    name: str
    created_at: dt.datetime
    documents: int


@dataclass(frozen=True)
class LinkInfo:
    id: int
    access: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class NewLink:
    id: int
    access: str
    token: str                             # shown once; only its hash is kept


@dataclass(frozen=True)
class StoredDocument:
    kind: str
    name: str
    version: int
    size: int
    updated_at: dt.datetime
    content: Any = None                    # None in listings


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _affected_rows(session: Session, statement: Executable) -> int:
    """Rows an UPDATE or DELETE (no RETURNING) matched. Session.execute returns a CursorResult
    for those, but is typed Result as it cannot promise one for every statement: SQLAlchemy's
    documented way is to cast to CursorResult."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def _encode(kind: str, content: Any) -> tuple[bytes, int]:
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    raw = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    if len(raw) > MAX_DOCUMENT_BYTES[kind]:
        raise DocumentTooLarge(kind, len(raw), MAX_DOCUMENT_BYTES[kind])
    return gzip.compress(raw, compresslevel=5), len(raw)


def _backup_versions(entry: dict) -> dict[int, tuple[bytes, int]]:
    """A backup entry's kept versions ({version: encoded content}); {} for a kind without history
    or an entry without them. The newest kept version must be the entry's own content."""
    kind, versions = entry["kind"], entry.get("versions")
    if kind not in VERSIONED_KINDS or versions is None:
        return {}
    if not isinstance(versions, list) or not versions or not all(
            isinstance(v, dict) and isinstance(v.get("version"), int) and not isinstance(v.get("version"), bool)
            and v["version"] >= 1 for v in versions):
        raise WorkspaceError(f"the versions of {kind} '{entry['name']}' must be a list of {{version >= 1, content}}")
    kept = {int(v["version"]): _encode(kind, v.get("content")) for v in versions}
    if len(kept) != len(versions):
        raise WorkspaceError(f"{kind} '{entry['name']}' lists a version twice")
    if kept[max(kept)][0] != _encode(kind, entry.get("content"))[0]:
        raise WorkspaceError(f"the newest version of {kind} '{entry['name']}' is not its content")
    return kept


def _check_name(name: str) -> str:
    name = str(name).strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise WorkspaceError(f"a name has 1 to {MAX_NAME_CHARS} characters")
    return name


class WorkspaceStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # --- workspaces and links -------------------------------------------------------------
    def create_workspace(self, name: str) -> tuple[Access, dict[str, NewLink]]:
        """A new workspace with one edit and one read-only link."""
        name = _check_name(name)
        workspace_id = secrets.token_hex(16)
        with self._session() as session, session.begin():
            session.add(Workspace(id=workspace_id, name=name, created_at=_now()))
            session.flush()                                 # the links refer to it
            links = {level: self._add_link(session, workspace_id, level) for level in ACCESS_LEVELS}
        return Access(workspace_id, name, True, links["edit"].id), links

    @staticmethod
    def _add_link(session: Session, workspace_id: str, level: str) -> NewLink:
        token = new_token()
        link = ShareLink(workspace_id=workspace_id, token_sha256=token_hash(token), access=level, created_at=_now())
        session.add(link)
        session.flush()
        return NewLink(link.id, level, token)

    def open(self, token: object) -> Access | None:
        """The access a link gives, or None (malformed, unknown or revoked: all look the same)."""
        if not valid_token(token):
            return None
        assert isinstance(token, str)
        with self._session() as session:
            row = session.execute(
                select(ShareLink.id, ShareLink.access, Workspace.id, Workspace.name)
                .join(Workspace, Workspace.id == ShareLink.workspace_id)
                .where(ShareLink.token_sha256 == token_hash(token), ShareLink.revoked_at.is_(None))
            ).first()
        if row is None:
            return None
        link_id, level, workspace_id, name = row
        return Access(workspace_id, name, level == "edit", link_id)

    def admin_access(self, workspace_id: str) -> Access | None:
        with self._session() as session:
            workspace = session.get(Workspace, str(workspace_id))
            return Access(workspace.id, workspace.name, True) if workspace else None

    def create_link(self, access: Access, level: str) -> NewLink:
        if level not in ACCESS_LEVELS:
            raise ValueError(f"unknown access {level!r}")
        self._require_edit(access)
        with self._session() as session, session.begin():
            return self._add_link(session, access.workspace_id, level)

    def links(self, access: Access) -> list[LinkInfo]:
        self._require_edit(access)
        with self._session() as session:
            rows = session.scalars(select(ShareLink).where(ShareLink.workspace_id == access.workspace_id)
                                   .order_by(ShareLink.id)).all()
            return [LinkInfo(r.id, r.access, r.created_at, r.revoked_at) for r in rows]

    def revoke_link(self, access: Access, link_id: int) -> bool:
        """True when a live link of this workspace was revoked."""
        self._require_edit(access)
        with self._session() as session, session.begin():
            return _affected_rows(session, update(ShareLink).where(
                ShareLink.id == int(link_id), ShareLink.workspace_id == access.workspace_id,
                ShareLink.revoked_at.is_(None)).values(revoked_at=_now())) == 1

    def list_workspaces(self) -> list[WorkspaceInfo]:
        with self._session() as session:
            workspaces = session.scalars(select(Workspace).order_by(Workspace.created_at)).all()
            counts: dict[str, int] = {}
            for workspace_id in session.scalars(select(Document.workspace_id)):
                counts[workspace_id] = counts.get(workspace_id, 0) + 1
            return [WorkspaceInfo(w.id, w.name, w.created_at, counts.get(w.id, 0)) for w in workspaces]

    def delete_workspace(self, workspace_id: str) -> bool:
        with self._session() as session, session.begin():
            # Explicit, not only ON DELETE CASCADE: an SQLite connection may have foreign keys off.
            session.execute(delete(DocumentVersion).where(DocumentVersion.document_id.in_(
                select(Document.id).where(Document.workspace_id == workspace_id))))
            session.execute(delete(Document).where(Document.workspace_id == workspace_id))
            session.execute(delete(ShareLink).where(ShareLink.workspace_id == workspace_id))
            return _affected_rows(session, delete(Workspace).where(Workspace.id == workspace_id)) == 1

    # --- documents ------------------------------------------------------------------------
    @staticmethod
    def _require_edit(access: Access) -> None:
        if not access.can_edit:
            raise ReadOnly

    def save_document(self, access: Access, kind: str, name: str, content: Any,
                      expected_version: int | None) -> int:
        """Save and return the new version. `expected_version` is the version the caller read
        (None: the name must be new); anything else raises VersionConflict, saving nothing."""
        self._require_edit(access)
        name = _check_name(name)
        data, size = _encode(kind, content)
        now = _now()
        with self._session() as session:
            try:
                with session.begin():
                    if expected_version is None:
                        document = Document(workspace_id=access.workspace_id, kind=kind, name=name, version=1,
                                            content=data, size=size, updated_at=now)
                        session.add(document)
                        session.flush()
                        self._keep_version(session, document.id, kind, 1, data, size, now)
                        return 1
                    # One conditional UPDATE: the check and the write cannot be split by another save.
                    matched = _affected_rows(session, update(Document).where(
                        Document.workspace_id == access.workspace_id, Document.kind == kind,
                        Document.name == name, Document.version == int(expected_version),
                    ).values(version=Document.version + 1, content=data, size=size, updated_at=now))
                    if matched != 1:
                        raise VersionConflict(kind, name, expected_version, self._version(session, access, kind, name))
                    if kind in VERSIONED_KINDS:
                        document_id = session.scalar(select(Document.id).where(
                            Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name))
                        self._keep_version(session, int(document_id or 0), kind, int(expected_version) + 1, data, size, now)
                    return int(expected_version) + 1
            except IntegrityError:
                raise VersionConflict(kind, name, None, self._version(session, access, kind, name)) from None

    @staticmethod
    def _keep_version(session: Session, document_id: int, kind: str, version: int, data: bytes, size: int,
                      now: dt.datetime) -> None:
        if kind in VERSIONED_KINDS:
            session.add(DocumentVersion(document_id=document_id, version=version, content=data, size=size, saved_at=now))

    @staticmethod
    def _version(session: Session, access: Access, kind: str, name: str) -> int | None:
        return session.scalar(select(Document.version).where(
            Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name))

    def load_document(self, access: Access, kind: str, name: str, version: int | None = None) -> StoredDocument | None:
        """The document's current content, or (a versioned kind) the content it had at `version`;
        None when there is no such document or version."""
        with self._session() as session:
            row = session.scalars(select(Document).where(
                Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name)).first()
            if row is None:
                return None
            if version is None or int(version) == row.version:
                return StoredDocument(row.kind, row.name, row.version, row.size, row.updated_at,
                                      json.loads(gzip.decompress(row.content)))
            if kind not in VERSIONED_KINDS:
                return None
            old = session.scalars(select(DocumentVersion).where(
                DocumentVersion.document_id == row.id, DocumentVersion.version == int(version))).first()
            if old is None:
                return None
            return StoredDocument(row.kind, row.name, old.version, old.size, old.saved_at, json.loads(gzip.decompress(old.content)))

    def versions(self, access: Access, kind: str, name: str) -> list[StoredDocument]:
        """Every kept version of a versioned document without content, oldest first ([] if none)."""
        with self._session() as session:
            rows = session.execute(
                select(Document.kind, Document.name, DocumentVersion.version, DocumentVersion.size, DocumentVersion.saved_at)
                .join(DocumentVersion, DocumentVersion.document_id == Document.id)
                .where(Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name)
                .order_by(DocumentVersion.version))
            return [StoredDocument(*row) for row in rows]

    def documents(self, access: Access, kind: str | None = None) -> list[StoredDocument]:
        """The workspace's documents without their content, oldest first."""
        query = select(Document.kind, Document.name, Document.version, Document.size, Document.updated_at).where(
            Document.workspace_id == access.workspace_id)
        if kind is not None:
            query = query.where(Document.kind == kind)
        with self._session() as session:
            return [StoredDocument(*row) for row in session.execute(query.order_by(Document.id))]

    def delete_document(self, access: Access, kind: str, name: str, expected_version: int) -> None:
        self._require_edit(access)
        with self._session() as session, session.begin():
            # Explicit, not only ON DELETE CASCADE: an SQLite connection may have foreign keys off.
            session.execute(delete(DocumentVersion).where(DocumentVersion.document_id.in_(select(Document.id).where(
                Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name,
                Document.version == int(expected_version)))))
            matched = _affected_rows(session, delete(Document).where(
                Document.workspace_id == access.workspace_id, Document.kind == kind, Document.name == name,
                Document.version == int(expected_version)))
            if matched != 1:
                raise VersionConflict(kind, name, expected_version, self._version(session, access, kind, name))

    # --- backup ---------------------------------------------------------------------------
    def export_workspace(self, access: Access) -> dict[str, Any]:
        """The workspace as one JSON-able dict (documents with their content; no links). A
        versioned document brings every kept version, so links pinning one work after a restore."""
        documents = []
        for listed in self.documents(access):
            document = self.load_document(access, listed.kind, listed.name)
            if document is not None:
                entry = {"kind": document.kind, "name": document.name, "version": document.version,
                         "updated_at": document.updated_at.isoformat(), "content": document.content}
                if document.kind in VERSIONED_KINDS:
                    entry["versions"] = [
                        {"version": old.version, "content": old.content}
                        for kept in self.versions(access, document.kind, document.name)
                        if (old := self.load_document(access, document.kind, document.name, kept.version)) is not None]
                documents.append(entry)
        return {"format": EXPORT_FORMAT, "name": access.workspace_name, "documents": documents}

    def import_workspace(self, backup: Any) -> tuple[Access, dict[str, NewLink]]:
        """A new workspace holding a backup's documents, with new links (old links never
        come back: a backup restored elsewhere does not reopen to whoever had them)."""
        if not isinstance(backup, dict) or backup.get("format") != EXPORT_FORMAT:
            raise WorkspaceError(f"not a workspace backup (expected format {EXPORT_FORMAT!r})")
        documents = backup.get("documents")
        if not isinstance(documents, list) or not all(
                isinstance(d, dict) and d.get("kind") in DOCUMENT_KINDS and isinstance(d.get("name"), str)
                for d in documents):
            raise WorkspaceError("the backup's documents must be a list of {kind, name, content}")
        encoded = [(d["kind"], _check_name(d["name"]), *_encode(d["kind"], d.get("content"))) for d in documents]
        history = [_backup_versions(d) for d in documents]
        name = _check_name(str(backup.get("name") or "workspace"))
        workspace_id = secrets.token_hex(16)
        now = _now()
        with self._session() as session, session.begin():
            session.add(Workspace(id=workspace_id, name=name, created_at=now))
            session.flush()
            for (kind, doc_name, data, size), kept in zip(encoded, history):
                current = max(kept) if kept else 1
                document = Document(workspace_id=workspace_id, kind=kind, name=doc_name, version=current, content=data,
                                    size=size, updated_at=now)
                session.add(document)
                session.flush()
                if not kept:
                    self._keep_version(session, document.id, kind, 1, data, size, now)
                for number, (old, old_size) in sorted(kept.items()):
                    self._keep_version(session, document.id, kind, number, old, old_size, now)
            links = {level: self._add_link(session, workspace_id, level) for level in ACCESS_LEVELS}
        return Access(workspace_id, name, True, links["edit"].id), links
