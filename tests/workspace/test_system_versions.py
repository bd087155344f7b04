"""Provincial indicator systems as workspace documents: every save is a version that stays readable."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.workspace.models import DocumentVersion
from dashboard.workspace import DocumentTooLarge, VersionConflict, WorkspaceError
from dashboard.workspace.store import MAX_DOCUMENT_BYTES


def _system(target: float) -> dict:
    return {"format": "xiaokang-provincial-system/1", "framework_id": "nbs2008", "area_code": "530000",
            "items": [{"item_id": "nbs2008_urbanisation", "status": "kept", "target": target}]}


def test_each_save_of_a_system_is_a_version_and_every_version_reads_back(store):
    access, _ = store.create_workspace("云南")
    assert store.save_document(access, "system", "云南体系", _system(60), None) == 1
    assert store.save_document(access, "system", "云南体系", _system(55), 1) == 2
    assert store.save_document(access, "system", "云南体系", _system(50), 2) == 3
    assert store.load_document(access, "system", "云南体系").content == _system(50)
    assert store.load_document(access, "system", "云南体系", version=1).content == _system(60)
    pinned = store.load_document(access, "system", "云南体系", version=2)
    assert (pinned.version, pinned.content) == (2, _system(55))
    assert [v.version for v in store.versions(access, "system", "云南体系")] == [1, 2, 3]
    assert store.load_document(access, "system", "云南体系", version=4) is None


def test_a_stale_save_keeps_no_version(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "system", "s", _system(60), None)
    store.save_document(access, "system", "s", _system(55), 1)
    with pytest.raises(VersionConflict):
        store.save_document(access, "system", "s", _system(1), 1)
    assert [v.version for v in store.versions(access, "system", "s")] == [1, 2]


def test_a_read_only_link_reads_a_pinned_version(store):
    access, links = store.create_workspace("w")
    store.save_document(access, "system", "s", _system(60), None)
    store.save_document(access, "system", "s", _system(55), 1)
    reader = store.open(links["read"].token)
    assert store.load_document(reader, "system", "s", version=1).content == _system(60)


def test_other_kinds_keep_only_their_latest_content(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "storyboard", "m", {"slides": [1]}, None)
    store.save_document(access, "storyboard", "m", {"slides": [2]}, 1)
    assert store.load_document(access, "storyboard", "m", version=1) is None
    assert store.versions(access, "storyboard", "m") == []


def test_deleting_a_system_or_its_workspace_deletes_its_versions(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "system", "s", _system(60), None)
    store.save_document(access, "system", "s", _system(55), 1)
    store.delete_document(access, "system", "s", 2)
    assert store.versions(access, "system", "s") == []
    store.save_document(access, "system", "s", _system(60), None)      # the name is free again: version 1
    assert [v.version for v in store.versions(access, "system", "s")] == [1]
    assert store.delete_workspace(access.workspace_id)
    with store._session() as session:
        assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 0


def test_a_system_over_its_cap_is_refused(store):
    access, _ = store.create_workspace("w")
    with pytest.raises(DocumentTooLarge):
        store.save_document(access, "system", "big", {"note": "x" * MAX_DOCUMENT_BYTES["system"]}, None)
    assert store.documents(access) == [] and store.versions(access, "system", "big") == []


def test_a_restored_backup_has_its_systems_readable_at_version_one(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "system", "s", _system(60), None)
    restored, _ = store.import_workspace(store.export_workspace(access))
    assert store.load_document(restored, "system", "s", version=1).content == _system(60)


def test_a_restored_backup_keeps_every_version_of_a_system(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "system", "s", _system(60), None)
    store.save_document(access, "system", "s", _system(55), 1)
    restored, _ = store.import_workspace(store.export_workspace(access))
    assert store.load_document(restored, "system", "s").version == 2
    assert store.load_document(restored, "system", "s", version=1).content == _system(60)
    assert [v.version for v in store.versions(restored, "system", "s")] == [1, 2]


@pytest.mark.parametrize("versions", [[], [{"version": 0, "content": {}}], [{"version": "2", "content": {}}],
                                      [{"version": 1, "content": {"other": 1}}]])
def test_a_backup_with_broken_versions_is_refused_whole(store, versions):
    backup = {"format": "xiaokang-workspace/1", "name": "w",
              "documents": [{"kind": "system", "name": "s", "content": _system(60), "versions": versions}]}
    before = len(store.list_workspaces())
    with pytest.raises(WorkspaceError):
        store.import_workspace(backup)
    assert len(store.list_workspaces()) == before
